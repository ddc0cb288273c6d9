import { splitQuotedText } from './quoted-text';

describe('splitQuotedText', () => {
  it('cuts at a Gmail attribution in English, wrapped over two lines', () => {
    const text = 'Thank you, that helps.\n\nOn Sun, 5 Jan 2025 at 10:00, Support <info@assoc.org>\nwrote:\n> Your request was received.\n> Regards';
    expect(splitQuotedText(text)).toEqual({ newText: 'Thank you, that helps.', quoted: expect.stringContaining('> Your request was received.') });
  });

  it('cuts at a Gmail attribution in Arabic, bidi marks and all', () => {
    const text = 'شكراً لكم، وصلت الأوراق.\n\n\u200fفي الأحد، ٥ يناير ٢٠٢٥ في ١٠:٠٠ ص \u202bجمعية البر\u202c <info@assoc.org> كتب:\n> تم استلام طلبكم';
    const split = splitQuotedText(text);
    expect(split.newText).toBe('شكراً لكم، وصلت الأوراق.');
    expect(split.quoted).toContain('تم استلام طلبكم');
  });

  it('cuts at an Outlook header block, English or Arabic', () => {
    const english = 'Please call me.\r\n\r\nFrom: Support <info@assoc.org>\r\nSent: Sunday, January 5, 2025 10:00 AM\r\nTo: Ahmad\r\nSubject: Re: request\r\n\r\nOld text';
    expect(splitQuotedText(english).newText).toBe('Please call me.');
    const arabic = 'أرجو الاتصال بي.\n\nمن: الدعم <info@assoc.org>\nتاريخ الإرسال: الأحد 5 يناير 2025\nإلى: أحمد\nالموضوع: طلب\n\nنص قديم';
    expect(splitQuotedText(arabic)).toEqual({ newText: 'أرجو الاتصال بي.', quoted: expect.stringContaining('نص قديم') });
  });

  it('cuts at an "Original Message" separator', () => {
    expect(splitQuotedText('ok\n-----Original Message-----\nFrom: x').newText).toBe('ok');
    expect(splitQuotedText('تمام\n-----الرسالة الأصلية-----\nمن: x').newText).toBe('تمام');
  });

  it('cuts at a trailing run of "> " lines, not at a lone quoted line in the middle', () => {
    expect(splitQuotedText('Yes.\n\n> Are you coming?\n> Reply soon').newText).toBe('Yes.');
    const inline = 'You asked:\n> when?\nTomorrow at ten.\nAnd the place is the main office.';
    expect(splitQuotedText(inline)).toEqual({ newText: inline, quoted: '' });
  });

  it('keeps everything of a forward and of a message with no quote', () => {
    const forward = 'See below.\n\n---------- Forwarded message ---------\nFrom: Bank <a@bank.test>\nDate: Sun\nSubject: Statement\n\nYour statement';
    expect(splitQuotedText(forward).newText).toBe(forward);
    expect(splitQuotedText('From: my heart, thank you\nSent: with love', { forward: true }).quoted).toBe('');
    expect(splitQuotedText('السلام عليكم\nأرغب في التسجيل')).toEqual({ newText: 'السلام عليكم\nأرغب في التسجيل', quoted: '' });
  });
});
