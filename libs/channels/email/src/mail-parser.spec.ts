import { bounceMail, encodedWordB, encodedWordQ, encodeLegacy, legacyMail, multipartMail, utf8Base64Mail, utf8QuotedPrintableMail } from '../test/mail-fixtures';
import { externalIdOf, toInboundMessage } from './inbound-mail.mapper';
import { classifyMail } from './mail-classifier';
import { parseMail, UnreadableMailError } from './mail-parser';

const ARABIC = 'السلام عليكم، أرغب في التسجيل في برنامج كفالة الأيتام';
const mailbox = { address: 'info@assoc.test' };

describe('parseMail', () => {
  it.each<[string, Buffer]>([
    ['UTF-8 base64', utf8Base64Mail(ARABIC)],
    ['UTF-8 quoted-printable', utf8QuotedPrintableMail(ARABIC)],
    ['windows-1256 8bit', legacyMail(ARABIC, 'windows-1256')],
    ['ISO-8859-6 quoted-printable', legacyMail(ARABIC, 'iso-8859-6')],
  ])('decodes Arabic sent as %s', async (_name, raw) => {
    expect((await parseMail(raw)).text.trim()).toBe(ARABIC);
  });

  it('decodes RFC 2047 subjects and sender names in UTF-8 and legacy charsets', async () => {
    const mail = await parseMail(utf8Base64Mail('x', {
      subject: `${encodedWordQ(encodeLegacy('طلب مساعدة', 'windows-1256'), 'windows-1256')} ${encodedWordB('عاجل')}`,
      from: `${encodedWordB('محمد', 'ISO-8859-6', encodeLegacy('محمد', 'iso-8859-6'))} <Mohammed@Outside.test>`,
    }));
    expect(mail.subject).toBe('طلب مساعدةعاجل');
    expect(mail.from).toEqual({ address: 'Mohammed@Outside.test', name: 'محمد' });
  });

  it('decodes attachment names in RFC 2231 and RFC 2047 form', async () => {
    const mail = await parseMail(multipartMail({
      text: 'مرفق', attachments: [
        { nameHeaders: ['Content-Type: application/pdf', `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent('الهوية الوطنية.pdf')}`], contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') },
        { nameHeaders: [`Content-Type: image/jpeg; name="${encodedWordB('صورة.jpg')}"`, `Content-Disposition: attachment; filename="${encodedWordB('صورة.jpg')}"`], contentType: 'image/jpeg', content: Buffer.from([0xff, 0xd8, 0xff]) },
      ],
    }));
    expect(mail.attachments.map((a) => [a.fileName, a.contentType, a.size])).toEqual([['الهوية الوطنية.pdf', 'application/pdf', 8], ['صورة.jpg', 'image/jpeg', 3]]);
  });

  it('keeps cid: links in the HTML and the inline image as an attachment', async () => {
    const mail = await parseMail(multipartMail({
      text: 'logo', html: '<p>شعار</p><img src="cid:logo@assoc">',
      attachments: [{ nameHeaders: ['Content-Type: image/png; name="logo.png"', 'Content-Disposition: inline; filename="logo.png"'], contentType: 'image/png', content: Buffer.from('png'), contentId: 'logo@assoc', inline: true }],
    }));
    expect(mail.html).toContain('src="cid:logo@assoc"');
    expect(mail.attachments[0]).toMatchObject({ fileName: 'logo.png', contentId: 'logo@assoc' });
  });

  it('refuses bytes that are not a mail', async () => {
    await expect(parseMail(Buffer.from('\u0000\u00ff garbage'))).rejects.toBeInstanceOf(UnreadableMailError);
  });
});

describe('classifyMail', () => {
  it('reads a delivery status notification: failed, for our Message-ID, with the remote answer', async () => {
    const ours = '<inbox.0b6f6b8e-0f0a-4c1e-9d1f-3f1a2b3c4d5e@assoc.test>';
    const result = classifyMail(await parseMail(bounceMail(ours, 'nobody@outside.test')), mailbox);
    expect(result.kind).toBe('bounce');
    expect(result.bounce).toMatchObject({ failed: true, recipient: 'nobody@outside.test', originalMessageIds: ['inbox.0b6f6b8e-0f0a-4c1e-9d1f-3f1a2b3c4d5e@assoc.test'] });
    expect(result.bounce!.reason).toContain('550 5.1.1');
  });

  it.each([
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }, 'Re: x'],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'Re: x'],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'Newsletter'],
    ['an out-of-office subject', {}, 'Automatic reply: away until Sunday'],
    ['an Arabic auto-reply subject', {}, 'رد تلقائي: خارج المكتب'],
  ])('takes %s for automatic mail', async (_name, headers, subject) => {
    expect(classifyMail(await parseMail(utf8Base64Mail('away', { headers, subject })), mailbox).kind).toBe('automatic');
  });

  it('recognises our own mail and a person', async () => {
    expect(classifyMail(await parseMail(utf8Base64Mail('copy', { from: 'Assoc <INFO@assoc.test>' })), mailbox).kind).toBe('own');
    expect(classifyMail(await parseMail(utf8Base64Mail('hello', { headers: { 'Auto-Submitted': 'no' } })), mailbox).kind).toBe('person');
  });
});

describe('toInboundMessage', () => {
  it('maps a reply: the new part as text, the full text kept, thread hints from References, In-Reply-To and the subject', async () => {
    const raw = utf8Base64Mail('شكراً\n\nOn Sun, 5 Jan 2025, Support <info@assoc.test> wrote:\n> old', {
      subject: 'Re: طلب [#T-1446-0007]', references: '<root@x> <ours@assoc.test>', inReplyTo: '<ours@assoc.test>', messageId: '<reply-1@outside.test>',
    });
    const mail = await parseMail(raw);
    const message = toInboundMessage(mail, classifyMail(mail, mailbox), { channelAccountId: 'acc', mailboxAddress: 'info@assoc.test', folder: 'INBOX', uid: 7, raw, attachments: [], dropped: [] });
    expect(message).toMatchObject({
      channelKind: 'email', externalId: 'reply-1@outside.test', text: 'شكراً', subject: 'Re: طلب [#T-1446-0007]',
      sender: { name: 'Sender', identities: [{ kind: 'email', value: 'sender@outside.test' }] },
      threadHints: { replyToExternalIds: ['root@x', 'ours@assoc.test'], ticketReference: 'T-1446-0007', explicitOnly: true },
    });
    expect((message.metadata!.email as Record<string, unknown>).fullText).toContain('> old');
  });

  it('gives a mail without Message-ID a stable id from its bytes, and strips NUL characters', async () => {
    const raw = utf8Base64Mail('a\u0000b', { messageId: null });
    const mail = await parseMail(raw);
    expect(externalIdOf(mail, raw)).toBe(externalIdOf(await parseMail(raw), raw));
    const message = toInboundMessage(mail, { kind: 'person' }, { channelAccountId: 'acc', mailboxAddress: 'info@assoc.test', folder: 'INBOX', uid: 1, raw, attachments: [], dropped: [] });
    expect(message.text).toBe('ab');
  });

  it('takes the person in Reply-To for the sender when a form or mailer wrote From', async () => {
    const raw = utf8Base64Mail('رسالة من نموذج الموقع', { from: 'Website <forms@assoc-site.test>', headers: { 'Reply-To': 'Fatimah <fatimah@outside.test>' } });
    const mail = await parseMail(raw);
    const message = toInboundMessage(mail, { kind: 'person' }, { channelAccountId: 'a', mailboxAddress: 'info@assoc.test', folder: 'INBOX', uid: 1, raw, attachments: [], dropped: [] });
    expect(message.sender).toEqual({ name: 'Fatimah', identities: [{ kind: 'email', value: 'fatimah@outside.test' }] });
  });

  it('refuses a mail without a sender address', async () => {
    const raw = utf8Base64Mail('hi', { from: '' });
    const mail = await parseMail(raw);
    expect(() => toInboundMessage(mail, { kind: 'person' }, { channelAccountId: 'a', mailboxAddress: 'info@assoc.test', folder: 'INBOX', uid: 1, raw, attachments: [], dropped: [] })).toThrow(/no sender/);
  });
});
