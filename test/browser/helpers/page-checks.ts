import { Page } from 'playwright-core';

// These functions run inside the page. Its globals are declared here rather than pulling the DOM library
// into the server's type check.
declare const document: any;
declare const getComputedStyle: (element: any) => any;
declare const innerHeight: number;
declare const NodeFilter: { SHOW_TEXT: number };
type Element = any;

export interface ContrastFailure {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * WCAG AA contrast of every visible piece of text on the page: 4.5:1, or 3:1
 * for large text (24px, or 18.66px bold). The background is the first opaque
 * one up the tree; disabled controls are exempt, as WCAG allows.
 */
export function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate(() => {
    const parse = (value: string): [number, number, number, number] | null => {
      const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(value);
      return match ? [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])] : null;
    };
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r!, g!, b!].map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    const backgroundOf = (element: Element | null): [number, number, number] => {
      for (let node = element; node; node = node.parentElement) {
        const color = parse(getComputedStyle(node).backgroundColor);
        if (color && color[3] >= 0.99) return [color[0], color[1], color[2]];
      }
      return [255, 255, 255];
    };
    const failures: { text: string; ratio: number; color: string; background: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || checked.has(element) || !node.textContent?.trim()) continue;
      checked.add(element);
      if (element.closest('[disabled], [aria-hidden="true"], .visually-hidden, noscript, script, style')) continue;
      const box = element.getBoundingClientRect();
      if (box.width < 2 || box.height < 2 || box.bottom < 0 || box.top > innerHeight) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const color = parse(style.color);
      if (!color) continue;
      const background = backgroundOf(element);
      // A translucent text colour is seen blended with what is behind it.
      const blended = color.slice(0, 3).map((c, i) => c * color[3] + background[i]! * (1 - color[3]));
      const [light, dark] = [luminance(blended), luminance(background)].sort((a, b) => b - a);
      const ratio = (light! + 0.05) / (dark! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        failures.push({ text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, color: style.color, background: `rgb(${background.join(', ')})` });
      }
    }
    return failures;
  });
}

/** Content wider than the window means something is clipped or pushed off screen (mirroring gone wrong). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * What every screen of a signed-in user must be in the browser tests: the
 * language and direction asked for, nothing wider than the window, AA
 * contrast, and no uncaught error.
 */
export async function expectScreenFine(person: { page: Page; errors: string[] }, locale: 'ar' | 'en'): Promise<void> {
  expect(await person.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale, locale === 'ar' ? 'rtl' : 'ltr']);
  expect(await horizontalOverflow(person.page)).toBeLessThanOrEqual(0);
  expect(await contrastFailures(person.page)).toEqual([]);
  expect(person.errors).toEqual([]);
}
