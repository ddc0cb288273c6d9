import { appendText, fillTemplate, insertMention, mentionedIds, mentionQuery, shelfText } from './composer-text';

describe('reply templates', () => {
  const values = { 'contact.name': 'سالم الحربي', 'ticket.reference': 'T-1448-0012', 'agent.name': 'Khalid', 'organization.name': 'جمعية البر', 'date.hijri': '12 جمادى الآخرة 1448', 'date.gregorian': '3 نوفمبر 2026' };

  it('fills the four variables, with or without spaces inside the braces', () => {
    expect(fillTemplate('مرحباً {{contact.name}}، طلبك {{ ticket.reference }} لدى {{organization.name}}. {{agent.name}}', values))
      .toBe('مرحباً سالم الحربي، طلبك T-1448-0012 لدى جمعية البر. Khalid');
  });

  it('fills the Hijri and Gregorian dates', () => {
    expect(fillTemplate('بتاريخ {{date.hijri}} الموافق {{date.gregorian}}', values)).toBe('بتاريخ 12 جمادى الآخرة 1448 الموافق 3 نوفمبر 2026');
  });

  it('leaves an unknown variable as written, so the agent sees it before sending', () => {
    expect(fillTemplate('Dear {{contact.nmae}}', values)).toBe('Dear {{contact.nmae}}');
  });
});

describe('@mentions in notes', () => {
  it('finds the word being typed after @, only at a word start', () => {
    expect(mentionQuery('please @kha', 11)).toEqual({ start: 7, query: 'kha' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
    expect(mentionQuery('@khalid done', 12)).toBeNull();
  });

  it('inserts the picked name and keeps only the mentions still in the text', () => {
    const inserted = insertMention('ask @kh now', 4, 7, 'خالد العتيبي');
    expect(inserted).toEqual({ text: 'ask @خالد العتيبي  now', caret: 18 });
    const picked = new Map([['خالد العتيبي', 'u1'], ['Sara', 'u2']]);
    expect(mentionedIds(inserted.text, picked)).toEqual(['u1']);
  });
});

describe('inserting from the shelf', () => {
  const item = { title: 'كيف أقدّم طلب دعم؟', passage: 'قدّم الطلب من نموذج طلب الدعم.', link: 'https://inbox.example.org/help/birr/a/how-to-apply' };

  it('puts a passage as text with the public link under it, and an internal one without', () => {
    expect(shelfText(item, 'passage', 'whatsapp_web')).toBe('قدّم الطلب من نموذج طلب الدعم.\nhttps://inbox.example.org/help/birr/a/how-to-apply');
    expect(shelfText({ ...item, link: null }, 'passage', 'whatsapp_web')).toBe('قدّم الطلب من نموذج طلب الدعم.');
  });

  it('puts a link as title and address: a line apart on WhatsApp, in angle brackets in email', () => {
    expect(shelfText(item, 'link', 'whatsapp_cloud')).toBe('كيف أقدّم طلب دعم؟\nhttps://inbox.example.org/help/birr/a/how-to-apply');
    expect(shelfText(item, 'link', 'email')).toBe('كيف أقدّم طلب دعم؟ <https://inbox.example.org/help/birr/a/how-to-apply>');
  });

  it('appends after a blank line', () => {
    expect(appendText('', 'x')).toBe('x');
    expect(appendText('مرحبا  \n', 'x')).toBe('مرحبا\n\nx');
  });
});
