import { cleanPdfText, highlight, passages, suggestionQuery } from './shelf-text';

describe('shelf text', () => {
  it('takes pdftotext’s bidi marks out and puts a detached harakah back on its letter', () => {
    expect(cleanPdfText('\u202bدليل سياسة الدعم\u202c\n\u202bُت صرف الإعانة الشهرية\u202a.\u202c\u202c')).toBe('دليل سياسة الدعم\nتُصرف الإعانة الشهرية.');
    expect(cleanPdfText('قال: مرحبًا بكم')).toBe('قال: مرحبًا بكم');
  });

  it('cuts text into passages at paragraphs, joining short ones and cutting long ones at a sentence', () => {
    const long = `${'كلمة '.repeat(150).trim()}. ${'أخرى '.repeat(150).trim()}.`;
    const cut = passages(`العنوان\n\nفقرة أولى قصيرة.\n\n${long}`);
    // The heading and the short paragraph join what follows them; the long one is cut at its full stop.
    expect(cut[0]!.startsWith('العنوان\n\nفقرة أولى قصيرة.\n\nكلمة')).toBe(true);
    expect(cut[0]!.endsWith('كلمة.')).toBe(true);
    expect(cut.length).toBeGreaterThanOrEqual(2);
    expect(cut.every((p) => p.length <= 900)).toBe(true);
    expect(cut.join(' ').replace(/\s+/g, ' ')).toBe(`العنوان فقرة أولى قصيرة. ${long}`);
  });

  it('marks the words that start with a searched word, whatever their alef or taa marbuta', () => {
    expect(highlight('تُصرف الإعانة الشهرية', ['اعانه'])).toEqual([{ text: 'تُصرف ', match: false }, { text: 'الإعانة', match: true }, { text: ' الشهرية', match: false }]);
  });

  it('asks for a ticket’s words with and without the definite article, leaving greetings and short words out', () => {
    expect(suggestionQuery('السلام عليكم، متى موعد السلة؟')).toBe('موعد | الموعد | السله | سله');
    expect(suggestionQuery('في من على')).toBeNull();
  });
});
