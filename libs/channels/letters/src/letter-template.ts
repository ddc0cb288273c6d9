/** The facts a letter template may use; anything else in `{{ }}` is left as written, so a typo shows rather than vanishing. */
export interface LetterFacts {
  recipient: { name: string };
  contact: { name: string };
  ticket: { reference: string };
  letter: { number: string; date: string; gregorianDate: string; attachments: string };
  organization: { name: string };
  sender: { name: string };
}

const PLACEHOLDER = /\{\{\s*([a-z]+)\.([a-zA-Z]+)\s*\}\}/g;

/** Fills `{{ group.name }}` placeholders from the allow-listed facts. Plain text in, plain text out: the HTML is made (and escaped) later. */
export function fillTemplate(text: string, facts: LetterFacts): string {
  return text.replace(PLACEHOLDER, (whole, group: string, name: string) => {
    // Own properties only: `{{constructor.name}}` must not reach the prototype.
    const groups = facts as unknown as Record<string, Record<string, string>>;
    const values = Object.hasOwn(groups, group) ? groups[group]! : null;
    const value = values && Object.hasOwn(values, name) ? values[name] : undefined;
    return typeof value === 'string' ? value : whole;
  });
}

export const PLACEHOLDERS = [
  '{{recipient.name}}', '{{contact.name}}', '{{ticket.reference}}', '{{letter.number}}', '{{letter.date}}', '{{letter.gregorianDate}}',
  '{{letter.attachments}}', '{{organization.name}}', '{{sender.name}}',
];
