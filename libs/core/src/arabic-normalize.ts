/**
 * Arabic search normalisation. The same mapping exists in SQL as
 * inbox_normalize(text) (see the initial migration) so that indexed text and
 * queries normalise alike; arabic-normalize.spec.ts checks both agree.
 */
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

/** Characters mapped one to one, as in SQL translate(). */
export const NORMALIZE_FROM = 'أإآٱىةؤئ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹';
export const NORMALIZE_TO = 'اااايهوي01234567890123456789';

const MAP = new Map<string, string>(
  [...NORMALIZE_FROM].map((ch, i) => [ch, NORMALIZE_TO[i]] as [string, string]),
);

export function normalizeArabic(text: string): string {
  let out = '';
  for (const ch of text.replace(DIACRITICS, '').replace(TATWEEL, '').toLowerCase()) {
    out += MAP.get(ch) ?? ch;
  }
  return out;
}

/** Arabic-Indic and extended Arabic-Indic digits to ASCII, nothing else. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}
