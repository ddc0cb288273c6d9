import escapeHtml from 'escape-html';

/** Markup that is already safe: built by `html` or deliberately trusted (the page's own CSS). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const render = (value: unknown): string => {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/**
 * Server-rendered pages are written as `html` templates: every interpolated
 * value is escaped unless it is itself `html`, so a form label or an
 * applicant's answer can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

export const trusted = (markup: string) => new SafeHtml(markup);
