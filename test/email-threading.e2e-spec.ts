import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { EmailChannelAdapter } from '@inbox/channels/email';
import { AttachmentStorage } from '@inbox/storage';
import { freePort } from '@inbox/database';
import { EmailConnectorsSupervisor } from '../apps/worker/src/email-connectors.supervisor';
import { bounceMail, messageId, utf8Base64Mail } from '../libs/channels/email/test/mail-fixtures';
import { Dovecot, emailAccountBody, Mailbox, startDovecot } from './helpers/dovecot';
import { createOrganization, dataSource, eventually, Http, TestOrganization } from './helpers/factories';
import { CapturedMail, SmtpCapture, startSmtpCapture } from './helpers/smtp';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

describe('email threads: replies out over SMTP, answers back over IMAP', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let mailbox: Mailbox;
  let accountId: string;
  const accounts: string[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpCapture();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    mailbox = await dovecot.addMailbox('threads');
    accountId = (await createAccount(emailAccountBody(dovecot, mailbox, smtp))).id;
    await testApp.app.get(EmailConnectorsSupervisor).checkNow();
    await eventually(async () => (await http.get(`/admin/channel-accounts/${accountId}`, org.users.admin.token)).body.health === 'ok', 15_000);
  });

  afterAll(async () => {
    await dataSource(testApp).query(`UPDATE channel_accounts SET enabled = false WHERE id = ANY($1)`, [accounts]);
    await testApp.close();
    await smtp.close();
    await dovecot.stop();
  });

  async function createAccount(body: Record<string, unknown>) {
    const response = await http.post('/admin/channel-accounts', body, org.users.admin.token);
    if (response.status !== 201) throw new Error(`account: ${response.status} ${JSON.stringify(response.body)}`);
    accounts.push(response.body.id);
    return response.body as { id: string };
  }

  const stored = (externalId: string) => eventually(async () => {
    const [row] = await dataSource(testApp).query(
      `SELECT m.*, t.reference, t.contact_id AS ticket_contact_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.channel_account_id = $1 AND m.external_id = $2`,
      [accountId, externalId],
    );
    return row;
  }, 15_000);

  /** A customer writes in; answers the stored message and its ticket. */
  async function customerWrites(from: string, text: string, options: Parameters<typeof utf8Base64Mail>[1] = {}) {
    const id = messageId();
    await dovecot.deliver(mailbox.address, utf8Base64Mail(text, { from, messageId: id, ...options }), from);
    return stored(id.slice(1, -1));
  }

  /** An agent replies on the ticket; answers the mail the SMTP server received and the message once it is marked sent. */
  async function agentReplies(ticketId: string, body: string): Promise<{ mail: CapturedMail; message: Record<string, any> }> {
    const response = await http.post(`/tickets/${ticketId}/messages`, { body }, org.users.admin.token);
    expect(response.status).toBe(201);
    const message = await eventually(async () => {
      const [row] = await dataSource(testApp).query(`SELECT * FROM messages WHERE id = $1 AND delivery_status IN ('sent', 'failed')`, [response.body.id]);
      return row;
    }, 20_000);
    const mail = message.delivery_status === 'sent' ? await smtp.waitFor((m) => m.parsed.messageId === `<${message.external_id}>`) : (undefined as unknown as CapturedMail);
    return { mail, message };
  }

  describe('a conversation', () => {
    let ticketId: string;
    let reference: string;
    let customerMessageId: string;
    let ourMessageId: string;
    const customer = `customer-${randomUUID().slice(0, 8)}@outside.test`;

    it('sends the reply threaded on the customer\'s mail, the reference in the subject, Arabic right to left with a plain-text part, a copy in Sent', async () => {
      const first = await customerWrites(`عبدالله <${customer}>`, 'أرغب في معرفة مواعيد توزيع السلال الغذائية', { subject: 'مواعيد التوزيع' });
      ticketId = first.ticket_id;
      reference = first.reference;
      customerMessageId = first.external_id;
      const body = 'وعليكم السلام ورحمة الله،\nالتوزيع يوم الأحد القادم في مقر الجمعية.\n\nمع التحية';
      const { mail, message } = await agentReplies(ticketId, body);
      ourMessageId = message.external_id;
      expect(message.delivery_status).toBe('sent');
      expect(mail.to).toEqual([customer]);
      expect(mail.parsed.from?.value[0]).toEqual({ address: mailbox.address, name: 'جمعية البر' });
      expect(mail.parsed.subject).toBe(`Re: مواعيد التوزيع [#${reference}]`);
      expect(mail.parsed.inReplyTo).toBe(`<${customerMessageId}>`);
      expect(mail.parsed.references).toBe(`<${customerMessageId}>`);
      expect(mail.parsed.text?.trim()).toBe(body);
      expect(mail.parsed.html).toContain('<html dir="rtl" lang="ar">');
      expect(mail.parsed.html).toContain('التوزيع يوم الأحد القادم في مقر الجمعية.');

      const client = new ImapFlow({ host: dovecot.host, port: dovecot.imapPort, secure: false, auth: { user: mailbox.address, pass: mailbox.password }, logger: false });
      await client.connect();
      await client.mailboxOpen('Sent');
      const copies = await client.search({ header: { 'message-id': ourMessageId } }, { uid: true });
      await client.logout();
      expect(copies).toHaveLength(1);
    });

    it('threads a reply that carries only In-Reply-To (our Message-ID), from another person, showing who wrote', async () => {
      const row = await customerWrites('Colleague <colleague-1@other.test>', 'أضيف أن الأسرة تحتاج حليب أطفال', { inReplyTo: `<${ourMessageId}>`, subject: 'ملاحظة' });
      expect(row.ticket_id).toBe(ticketId);
      expect(row.sender_name).toBe('Colleague');
      expect(row.sender_contact_id).not.toBe(row.ticket_contact_id);
    });

    it('threads a reply that carries only References (the customer\'s own Message-ID)', async () => {
      const row = await customerWrites('neighbour@other.test', 'أنا الجار، أؤكد الحاجة', { references: `<unknown@elsewhere.test> <${customerMessageId}>`, subject: 'تأكيد' });
      expect(row.ticket_id).toBe(ticketId);
    });

    it('threads a reply whose headers were lost by the reference in its subject', async () => {
      const row = await customerWrites('relative@other.test', 'هل يمكن استلام السلة بدلاً منه؟', { subject: `RE: مواعيد التوزيع [#${reference}]` });
      expect(row.ticket_id).toBe(ticketId);
    });

    it('never joins two people\'s separate mails because their subjects match', async () => {
      const one = await customerWrites(`first-${randomUUID().slice(0, 6)}@outside.test`, 'متى التوزيع؟', { subject: 'مواعيد التوزيع' });
      const two = await customerWrites(`second-${randomUUID().slice(0, 6)}@outside.test`, 'متى التوزيع؟', { subject: 'مواعيد التوزيع' });
      expect(new Set([one.ticket_id, two.ticket_id, ticketId]).size).toBe(3);
    });
  });

  it('files an auto-reply on the ticket, flagged so nothing answers it', async () => {
    const address = `away-${randomUUID().slice(0, 8)}@outside.test`;
    const first = await customerWrites(address, 'أرجو التواصل معي', { subject: 'تواصل' });
    const { message } = await agentReplies(first.ticket_id, 'سنتواصل معكم قريباً');
    const auto = await customerWrites(address, 'أنا خارج المكتب حتى يوم الأحد', {
      subject: 'رد تلقائي: Re: تواصل', inReplyTo: `<${message.external_id}>`, headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
    });
    expect(auto.ticket_id).toBe(first.ticket_id);
    expect(auto.metadata.email).toMatchObject({ automatic: true, automaticBecause: 'Auto-Submitted: auto-replied' });
    const outbound = await dataSource(testApp).query(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'outbound'`, [first.ticket_id]);
    expect(outbound[0].n).toBe(1);
  });

  it('marks the reply failed when its bounce comes back, without filing the bounce as a message', async () => {
    const address = `gone-${randomUUID().slice(0, 8)}@outside.test`;
    const first = await customerWrites(address, 'سؤال', { subject: 'سؤال' });
    const { message } = await agentReplies(first.ticket_id, 'الجواب');
    expect(message.delivery_status).toBe('sent');
    const bounce = messageId('mx.outside.test');
    await dovecot.deliver(mailbox.address, bounceMail(`<${message.external_id}>`, address, { messageId: bounce, to: mailbox.address }), 'MAILER-DAEMON@mx.outside.test');
    const failed = await eventually(async () => {
      const [row] = await dataSource(testApp).query(`SELECT delivery_status, failure_reason FROM messages WHERE id = $1 AND delivery_status = 'failed'`, [message.id]);
      return row;
    });
    expect(failed.failure_reason).toBe(`The email to ${address} could not be delivered: 550 5.1.1 <${address}>: Recipient address rejected: User unknown`);
    const bounced = await dataSource(testApp).query(`SELECT 1 FROM messages WHERE channel_account_id = $1 AND external_id = $2`, [accountId, bounce.slice(1, -1)]);
    expect(bounced).toHaveLength(0);
    // A report on mail the inbox never sent (written in a mail client) is left for admins, not filed anywhere.
    const stray = messageId('mx.outside.test');
    await dovecot.deliver(mailbox.address, bounceMail('<written-in-outlook@assoc.test>', 'someone@outside.test', { messageId: stray, to: mailbox.address }));
    const parked = await eventually(async () => {
      const response = await http.get(`/admin/channel-accounts/${accountId}/parked-messages`, org.users.admin.token);
      return response.body.find((p: { messageId: string }) => p.messageId === stray.slice(1, -1));
    });
    expect(parked.error).toMatch(/^A delivery failure report for a mail not sent from the inbox: The email to someone@outside.test could not be delivered/);
  });

  it('marks the reply failed at once when the SMTP server refuses the recipient', async () => {
    const address = `refused-${randomUUID().slice(0, 8)}@outside.test`;
    const first = await customerWrites(address, 'مرحبا', { subject: 'مرحبا' });
    smtp.refuse(address);
    const { message } = await agentReplies(first.ticket_id, 'أهلاً');
    expect(message.delivery_status).toBe('failed');
    expect(message.failure_reason).toMatch(/^The mail server refused the message: 550 5\.1\.1 No such user here/);
  });

  it('sends attachments with their names', async () => {
    const storage = testApp.app.get(AttachmentStorage);
    const pdf = Buffer.from('%PDF-1.4 إيصال');
    const storageKey = await storage.put(pdf, 'application/pdf');
    const [account] = await dataSource(testApp).query(`SELECT settings FROM channel_accounts WHERE id = $1`, [accountId]);
    const result = await testApp.app.get(EmailChannelAdapter).send({
      messageId: randomUUID(), organizationId: org.id, ticket: { id: randomUUID(), reference: 'T-1446-9999', subject: 'إيصال التبرع' },
      channel: { id: accountId, kind: 'email', settings: account.settings, secrets: { imapPassword: mailbox.password, smtpPassword: smtp.password } },
      recipient: { name: 'متبرع', identities: [{ kind: 'email', value: 'donor@outside.test' }] },
      text: 'مرفق إيصال التبرع', html: null, attachments: [{ storageKey, fileName: 'إيصال التبرع.pdf', contentType: 'application/pdf', size: pdf.length }],
      thread: { inReplyTo: null, references: [] }, author: null,
    });
    const mail = await smtp.waitFor((m) => m.parsed.messageId === `<${result.externalId}>`);
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([['إيصال التبرع.pdf', 'application/pdf', true]]);
  });

  describe('test connection', () => {
    const check = async (body: Record<string, unknown>) => {
      const account = await createAccount({ ...body, enabled: false });
      const response = await http.post(`/admin/channel-accounts/${account.id}/test-connection`, {}, org.users.admin.token);
      expect(response.status).toBe(200);
      return response.body;
    };

    it('says all is well with working settings', async () => {
      const response = await http.post(`/admin/channel-accounts/${accountId}/test-connection`, {}, org.users.admin.token);
      expect(response.body).toMatchObject({ ok: true, imap: { ok: true }, smtp: { ok: true } });
    });

    it('says in plain words what failed', async () => {
      const base = emailAccountBody(dovecot, mailbox, smtp);
      const closedPort = await freePort();
      const wrongPassword = await check({ ...base, secrets: { imapPassword: 'wrong', smtpPassword: smtp.password } });
      expect(wrongPassword).toMatchObject({ ok: false, imap: { ok: false, detail: `The IMAP server refused the user name "${mailbox.address}" or its password` }, smtp: { ok: true } });
      const noServer = await check({ ...base, settings: { ...base.settings, imap: { ...base.settings.imap, port: closedPort } } });
      expect(noServer.imap.detail).toBe(`Nothing answers at 127.0.0.1:${closedPort}: the connection was refused (check the host and the port)`);
      const noFolder = await check({ ...base, settings: { ...base.settings, imap: { ...base.settings.imap, folder: 'Archive' } } });
      expect(noFolder.imap.detail).toBe('The folder "Archive" does not exist in this mailbox');
      const smtpPassword = await check({ ...base, secrets: { imapPassword: mailbox.password, smtpPassword: 'wrong' } });
      expect(smtpPassword).toMatchObject({ ok: false, imap: { ok: true }, smtp: { ok: false, detail: 'The SMTP server refused the user name "relay-user" or its password' } });
    });

    it('refuses an email account without its servers, never shows passwords, and tests email accounts only', async () => {
      const incomplete = await http.post('/admin/channel-accounts', { kind: 'email', name: 'half', settings: { address: 'x@assoc.test' } }, org.users.admin.token);
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.message).toContain('an email account needs settings.address, settings.imap and settings.smtp');
      const listed = await http.get(`/admin/channel-accounts/${accountId}`, org.users.admin.token);
      expect(JSON.stringify(listed.body)).not.toContain(mailbox.password);
      expect((await http.post(`/admin/channel-accounts/${org.api.id}/test-connection`, {}, org.users.admin.token)).status).toBe(400);
      expect((await http.post(`/admin/channel-accounts/${accountId}/test-connection`, {}, org.users.agentMen.token)).status).toBe(403);
    });
  });
});
