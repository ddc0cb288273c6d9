import { normalizeArabic, toAsciiDigits } from './arabic-normalize';

describe('normalizeArabic', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إبراهيم', 'ابراهيم'],
    ['آمنة', 'امنه'],
    ['مستشفى', 'مستشفي'],
    ['مدرسة', 'مدرسه'],
    ['مُحَمَّد', 'محمد'],
    ['جمـــيل', 'جميل'],
    ['مسؤول', 'مسوول'],
    ['رئيس', 'رييس'],
    ['٠٥٠٩٩٩٤٥١٤', '0509994514'],
    ['HELLO World', 'hello world'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });
});

describe('toAsciiDigits', () => {
  it('maps Arabic-Indic and Persian digits and leaves the rest', () => {
    expect(toAsciiDigits('+٩٦٦ ۵۰ 123')).toBe('+966 50 123');
  });
});
