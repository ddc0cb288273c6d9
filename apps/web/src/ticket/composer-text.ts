/** Pure text helpers of the composer: template variables and @mentions. */

export interface TemplateValues {
  'contact.name': string;
  'ticket.reference': string;
  'agent.name': string;
  'organization.name': string;
}

const VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Fills {{contact.name}}, {{ticket.reference}}, {{agent.name}} and {{organization.name}}; anything else is left as written. */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(VARIABLE, (whole, name: string) => (name in values ? values[name as keyof TemplateValues] : whole));
}

/** The @word being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,30})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Replaces the @query at `start` with the picked name; returns the new text and caret. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The mentioned users still named in the text when it is sent. */
export function mentionedIds(text: string, picked: ReadonlyMap<string, string>): string[] {
  return [...picked].filter(([name]) => text.includes(`@${name}`)).map(([, id]) => id);
}
