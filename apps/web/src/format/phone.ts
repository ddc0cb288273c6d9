/**
 * Phone numbers are stored in E.164 (+966501234567). Grouped the way people
 * read them aloud, +966 50 123 4567, they are easier to check against what a
 * caller says; other countries are shown as stored.
 */
export function formatPhone(value: string): string {
  const saudi = /^\+966(\d{2})(\d{3})(\d{4})$/.exec(value);
  return saudi ? `+966 ${saudi[1]} ${saudi[2]} ${saudi[3]}` : value;
}

/** An identity's value for display: phones grouped, everything else as it is. */
export function formatIdentity(kind: string, value: string): string {
  return kind === 'phone' || kind === 'whatsapp' ? formatPhone(value) : value;
}
