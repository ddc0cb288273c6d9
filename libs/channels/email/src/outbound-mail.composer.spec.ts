import { simpleParser } from 'mailparser';
import { OutboundMessage } from '@inbox/channels/contract';
import { readEmailSettings } from './email-settings';
import { composeReply, isRightToLeft } from './outbound-mail.composer';

const { settings } = readEmailSettings(
  { address: 'Info@Assoc.test', displayName: 'جمعية البر', imap: { host: 'imap.assoc.test', port: 993, user: 'info' }, smtp: { host: 'smtp.assoc.test', port: 587, user: 'info' } },
  { imapPassword: 'secret' },
);

const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '0b6f6b8e-0f0a-4c1e-9d1f-3f1a2b3c4d5e', organizationId: 'org',
  ticket: { id: 't', reference: 'T-1446-0012', subject: 'طلب مساعدة' },
  channel: { id: 'c', kind: 'email', settings: {}, secrets: {} },
  recipient: { name: 'أحمد', identities: [{ kind: 'phone', value: '+966500000000' }, { kind: 'email', value: 'ahmad@outside.test' }] },
  text: 'وعليكم السلام،\nتم استلام طلبكم <رقم 5>.\n\nمع التحية', html: null, attachments: [],
  thread: { inReplyTo: 'their-2@outside.test', references: ['their-1@outside.test', 'wamid.X', 'their-2@outside.test'] },
  author: null, ...over,
});

describe('composeReply', () => {
  it('threads, keeps the reference in the subject, and sends Arabic right to left with a plain-text part', async () => {
    const mail = await composeReply(message(), settings, [{ fileName: 'إيصال.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') }]);
    const parsed = await simpleParser(mail.raw);
    expect(mail.messageId).toBe('inbox.0b6f6b8e-0f0a-4c1e-9d1f-3f1a2b3c4d5e@assoc.test');
    expect(parsed.messageId).toBe(`<${mail.messageId}>`);
    expect(parsed.inReplyTo).toBe('<their-2@outside.test>');
    expect(parsed.references).toEqual(['<their-1@outside.test>', '<their-2@outside.test>']);
    expect(parsed.subject).toBe('Re: طلب مساعدة [#T-1446-0012]');
    expect(parsed.from?.value[0]).toEqual({ address: 'info@assoc.test', name: 'جمعية البر' });
    expect(mail.envelope).toEqual({ from: 'info@assoc.test', to: ['ahmad@outside.test'] });
    expect(parsed.text?.trim()).toBe('وعليكم السلام،\nتم استلام طلبكم <رقم 5>.\n\nمع التحية');
    expect(parsed.html).toContain('<html dir="rtl" lang="ar">');
    expect(parsed.html).toContain('<p dir="rtl" style="margin:0 0 1em 0">وعليكم السلام،<br>تم استلام طلبكم &lt;رقم 5&gt;.</p>');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['إيصال.pdf']);
  });

  it('refuses a contact without an email address for good', async () => {
    await expect(composeReply(message({ recipient: { name: null, identities: [{ kind: 'phone', value: '+966500000000' }] } }), settings, []))
      .rejects.toMatchObject({ name: 'PermanentSendError' });
  });

  it('reads direction from the text', () => {
    expect(isRightToLeft('Dear Ahmad, your request T-1446-0012 is done')).toBe(false);
    expect(isRightToLeft('عزيزي أحمد، تم إنجاز طلبك T-1446-0012')).toBe(true);
  });
});
