/** Pure text helpers of the composer: template variables and @mentions. */

export interface TemplateValues {
  'contact.name': string;
  'ticket.reference': string;
  'agent.name': string;
  'organization.name': string;
  /** Today in the organization's zone, Umm al-Qura and Gregorian, in the reply's language. */
  'date.hijri': string;
  'date.gregorian': string;
}

const VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Fills {{contact.name}}, {{ticket.reference}}, {{agent.name}}, {{organization.name}}, {{date.hijri}} and {{date.gregorian}}; anything else is left as written. */
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

/** What the shelf offers the composer: a passage and, for public items, where the help center shows it. */
export interface ShelfInsert {
  title: string;
  passage: string;
  /** Absolute address on the help center; null for internal items (their text may be quoted, not linked). */
  link: string | null;
}

/**
 * The text one click puts into the reply. A passage goes in as text, with the
 * public link under it when there is one (on WhatsApp the link is what
 * people tap; an email carries it the same way). A link alone goes as the
 * title and the address: on its own line for WhatsApp, in angle brackets for
 * email, where mail programs make it a link.
 */
export function shelfText(item: ShelfInsert, what: 'passage' | 'link', channelKind: string): string {
  if (what === 'passage') return item.link ? `${item.passage}\n${item.link}` : item.passage;
  if (!item.link) return item.title;
  return channelKind === 'email' ? `${item.title} <${item.link}>` : `${item.title}\n${item.link}`;
}

/** The text appended to what is already written, a blank line between. */
export const appendText = (current: string, added: string) => (current.trim() ? `${current.trimEnd()}\n\n${added}` : added);
