import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Browser } from 'playwright-core';

/** The system's Chromium (Debian's `chromium` package); never a downloaded browser. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
/** A browser left idle this long is closed; the next letter starts one again (about a third of a second). */
const IDLE_MS = 5 * 60_000;

/**
 * Letters to PDF with Chromium (HarfBuzz shapes Arabic; the fonts are the
 * system's, fonts-noto-core). One browser per process, started on the
 * first letter and closed when idle; each letter in its own context with
 * every network request refused, so a letter can only show what its HTML
 * holds. playwright-core itself is loaded with the first letter too: about
 * 25 MB of heap (measured) that a process printing no letters never carries.
 */
@Injectable()
export class LetterPdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(LetterPdfRenderer.name);
  private browser: Promise<Browser> | null = null;
  private idle: NodeJS.Timeout | null = null;

  async render(html: string): Promise<Buffer> {
    const browser = await this.open();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close().catch(() => undefined);
      this.scheduleIdle();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private open(): Promise<Browser> {
    if (this.idle) clearTimeout(this.idle);
    this.browser ??= import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS })).then((browser) => {
      browser.on('disconnected', () => (this.browser = null));
      return browser;
    }).catch((error: Error) => {
      this.browser = null;
      this.logger.error(`Chromium did not start (${CHROMIUM_PATH}): ${error.message}`);
      throw error;
    });
    return this.browser;
  }

  private scheduleIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), IDLE_MS);
    this.idle.unref();
  }

  private async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const browser = this.browser;
    this.browser = null;
    await (await browser?.catch(() => null))?.close().catch(() => undefined);
  }
}
