import { checkNoticeTemplate, DEFAULT_NOTICES, noticeDate, noticeLocale, renderNotice } from './notice';

const facts = {
  reference: 'T-1448-0042', trackingCode: 'AB12CD34EF56', openedAt: new Date('2026-11-01T09:00:00Z'), closedAt: new Date('2026-11-20T09:00:00Z'),
  organizationName: { ar: 'جمعية البر', en: 'Al-Birr Association' }, timeZone: 'Asia/Riyadh',
};

describe('complaint notices', () => {
  it('fills only the allowed fields, with Hijri and Gregorian dates', () => {
    const text = renderNotice(DEFAULT_NOTICES.closure.ar, facts, 'ar');
    expect(text).toContain('T-1448-0042');
    expect(text).toContain('جمعية البر');
    expect(text).toContain('1448');
    expect(text).toContain('2026');
    expect(text).not.toMatch(/\{\{/);
    expect(renderNotice(DEFAULT_NOTICES.closure.en, facts, 'en')).toContain('Al-Birr Association');
  });

  it('refuses templates that ask for anything else', () => {
    expect(() => checkNoticeTemplate('{{reference}} {{actionTaken}}')).toThrow('{{actionTaken}} is not allowed');
    expect(() => checkNoticeTemplate('{{ findings }}')).toThrow('not allowed');
    expect(() => checkNoticeTemplate('{{contact.name}}')).toThrow('not allowed');
    for (const kind of ['acknowledgement', 'closure'] as const) {
      for (const locale of ['ar', 'en'] as const) expect(() => checkNoticeTemplate(DEFAULT_NOTICES[kind][locale])).not.toThrow();
    }
  });

  it('writes dates the way the organization reads them', () => {
    expect(noticeDate(new Date('2026-11-20T22:30:00Z'), 'en', 'Asia/Riyadh')).toMatch(/1448.*\(21 November 2026\)/);
  });

  it('answers in the language the complainant wrote in', () => {
    expect(noticeLocale('أرغب في تقديم شكوى')).toBe('ar');
    expect(noticeLocale('I want to complain about a delay')).toBe('en');
    expect(noticeLocale(null)).toBe('ar');
    expect(noticeLocale('12345')).toBe('ar');
  });
});
