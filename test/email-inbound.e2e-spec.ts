import { ImapFlow } from 'imapflow';
import { EmailConnectorsSupervisor } from '../apps/worker/src/email-connectors.supervisor';
import {
  encodedWordB, encodedWordQ, encodeLegacy, legacyMail, messageId, multipartMail, utf8Base64Mail, utf8QuotedPrintableMail,
} from '../libs/channels/email/test/mail-fixtures';
import { Dovecot, emailAccountBody, Mailbox, startDovecot } from './helpers/dovecot';
import { createOrganization, dataSource, eventually, Http, TestOrganization } from './helpers/factories';
import { SmtpCapture, startSmtpCapture } from './helpers/smtp';
import { startTestApp, TestApp } from './helpers/test-app';

const ARABIC = 'السلام عليكم ورحمة الله، أرغب في التسجيل في برنامج كفالة الأيتام لدى جمعيتكم';
jest.setTimeout(60_000);

describe('email in: IMAP IDLE into the ticket stream (Dovecot)', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let mailbox: Mailbox;
  let accountId: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpCapture();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    mailbox = await dovecot.addMailbox('inbound');
    const created = await http.post('/admin/channel-accounts', emailAccountBody(dovecot, mailbox, smtp, { maxAttachmentBytes: 64 * 1024 }), org.users.admin.token);
    expect(created.status).toBe(201);
    accountId = created.body.id;
    await testApp.app.get(EmailConnectorsSupervisor).checkNow();
    await eventually(async () => (await http.get(`/admin/channel-accounts/${accountId}`, org.users.admin.token)).body.health === 'ok', 15_000);
  });

  afterAll(async () => {
    // Other suites' workers share the database: leave no mailbox for them to chase once Dovecot is gone.
    await dataSource(testApp).query(`UPDATE channel_accounts SET enabled = false WHERE id = $1`, [accountId]);
    await testApp.close();
    await smtp.close();
    await dovecot.stop();
  });

  /** The stored message of a delivered mail, with its ticket, once ingest has written it. */
  const stored = (externalId: string, timeoutMs = 15_000) => eventually(async () => {
    const [row] = await dataSource(testApp).query(
      `SELECT m.*, t.reference, t.subject AS ticket_subject, t.contact_id AS ticket_contact_id FROM messages m JOIN tickets t ON t.id = m.ticket_id
       WHERE m.channel_account_id = $1 AND m.external_id = $2`, [accountId, externalId],
    );
    return row;
  }, timeoutMs);

  /** Every mail delivered so far has been handled (ingested, parked or skipped) and the mark saved. */
  const drained = async () => {
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.imapPort, secure: false, auth: { user: mailbox.address, pass: mailbox.password }, logger: false });
    await client.connect();
    const status = await client.status('INBOX', { uidNext: true });
    await client.logout();
    const last = (status as { uidNext: number }).uidNext - 1;
    await eventually(async () => {
      const [row] = await dataSource(testApp).query(`SELECT last_uid FROM email_mailbox_states WHERE channel_account_id = $1`, [accountId]);
      return row && Number(row.last_uid) >= last;
    });
  };

  type Build = (options: { messageId: string; from: string }) => Buffer;
  it.each<[string, Build, string]>([
    ['UTF-8, base64, RFC 2047 B subject', (o) => utf8Base64Mail(ARABIC, { ...o, subject: encodedWordB('طلب تسجيل') }), 'طلب تسجيل'],
    ['UTF-8, quoted-printable', (o) => utf8QuotedPrintableMail(ARABIC, { ...o, subject: encodedWordB('استفسار عن الكفالة') }), 'استفسار عن الكفالة'],
    ['windows-1256, 8bit, RFC 2047 Q subject in windows-1256', (o) => legacyMail(ARABIC, 'windows-1256', {
      ...o, subject: encodedWordQ(encodeLegacy('طلب مساعدة', 'windows-1256'), 'windows-1256'),
    }), 'طلب مساعدة'],
    ['ISO-8859-6, quoted-printable, RFC 2047 B subject in ISO-8859-6', (o) => legacyMail(ARABIC, 'iso-8859-6', {
      ...o, subject: encodedWordB('شكوى', 'ISO-8859-6', encodeLegacy('شكوى', 'iso-8859-6')),
    }), 'شكوى'],
  ])('opens a ticket from Arabic mail in %s', async (_name, build, subject) => {
    const id = messageId();
    const sender = `sender-${id.slice(1, 9)}@outside.test`;
    await dovecot.deliver(mailbox.address, build({ messageId: id, from: `${encodedWordB('أحمد')} <${sender}>` }), sender);
    const row = await stored(id.slice(1, -1));
    const detail = await http.get(`/tickets/${row.ticket_id}`, org.users.admin.token);
    expect(detail.body.ticket).toMatchObject({ subject, channelKind: 'email', channelAccountId: accountId });
    expect(detail.body.messages[0]).toMatchObject({ body: ARABIC, senderName: 'أحمد' });
    expect(detail.body.contact.identities).toEqual([expect.objectContaining({ kind: 'email', value: sender })]);
  });

  it('stores attachments under their decoded names and lists the ones over the size limit', async () => {
    const id = messageId();
    const pdf = Buffer.from('%PDF-1.4 بطاقة الهوية');
    await dovecot.deliver(mailbox.address, multipartMail({
      text: 'مرفق صورة الهوية',
      attachments: [
        { nameHeaders: ['Content-Type: application/pdf', `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent('الهوية الوطنية.pdf')}`], contentType: 'application/pdf', content: pdf },
        { nameHeaders: [`Content-Type: image/jpeg; name="${encodedWordB('صورة العائلة.jpg')}"`], contentType: 'image/jpeg', content: Buffer.alloc(2048, 7) },
        { nameHeaders: ['Content-Type: application/zip; name="archive.zip"', 'Content-Disposition: attachment; filename="archive.zip"'], contentType: 'application/zip', content: Buffer.alloc(100 * 1024, 1) },
      ],
    }, { messageId: id, from: 'attach@outside.test' }));
    const row = await stored(id.slice(1, -1));
    expect(row.attachments.map((a: { fileName: string; size: number }) => [a.fileName, a.size])).toEqual([['الهوية الوطنية.pdf', pdf.length], ['صورة العائلة.jpg', 2048]]);
    expect(row.metadata.email.droppedAttachments).toEqual([{ fileName: 'archive.zip', contentType: 'application/zip', size: 100 * 1024, reason: 'larger than 65536 bytes' }]);
    const download = await fetch(`${testApp.url}/api/v1/attachments/${row.id}/0`, { headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('keeps HTML without scripts, handlers or remote trackers, and inline cid: images as attachments', async () => {
    const id = messageId();
    await dovecot.deliver(mailbox.address, multipartMail({
      text: 'نص بديل',
      html: '<div dir="rtl" onclick="steal()"><script>steal()</script><p>مرحباً <b>بكم</b></p><img src="https://tracker.test/pixel.gif?u=9"><img src="cid:stamp@sender"></div>',
      attachments: [{ nameHeaders: ['Content-Type: image/png; name="stamp.png"', 'Content-Disposition: inline; filename="stamp.png"'], contentType: 'image/png', content: Buffer.from('png-bytes'), contentId: 'stamp@sender', inline: true }],
    }, { messageId: id, from: 'html@outside.test' }));
    const row = await stored(id.slice(1, -1));
    expect(row.html).toContain('<p>مرحباً <b>بكم</b></p>');
    expect(row.html).toContain('src="cid:stamp@sender"');
    expect(row.html).not.toMatch(/script|onclick|steal|tracker\.test/);
    expect(row.attachments).toEqual([expect.objectContaining({ fileName: 'stamp.png', contentId: 'stamp@sender', inline: true })]);
    expect(row.metadata.email.remoteImagesRemoved).toBe(1);
  });

  it('shows the new part of a reply and keeps the quoted history in the full text', async () => {
    const id = messageId();
    const text = 'نعم، أستطيع الحضور يوم الأحد.\n\nفي الخميس، ٢ يناير ٢٠٢٥ ١٠:٠٠ ص، جمعية البر <info@assoc.test> كتب:\n> هل يناسبكم موعد الأحد؟';
    await dovecot.deliver(mailbox.address, utf8Base64Mail(text, { messageId: id, from: 'quoted@outside.test', subject: 'Re: موعد المقابلة' }));
    const row = await stored(id.slice(1, -1));
    expect(row.body).toBe('نعم، أستطيع الحضور يوم الأحد.');
    expect(row.metadata.email.fullText).toContain('> هل يناسبكم موعد الأحد؟');
    expect(row.metadata.email.quotedText).toMatch(/^في الخميس/);
  });

  it('takes a forwarded mail as the forwarder\'s new ticket, with the forwarded content and the original attached', async () => {
    const id = messageId();
    const original = utf8Base64Mail('نص الرسالة الأصلية من البنك', { from: 'bank@bank.test', subject: 'كشف حساب', messageId: messageId('bank.test') });
    await dovecot.deliver(mailbox.address, multipartMail({
      text: 'أرسل لكم كشف الحساب المطلوب.\n\n---------- Forwarded message ---------\nFrom: Bank <bank@bank.test>\nDate: Sun, 5 Jan 2025\nSubject: كشف حساب\n\nنص الرسالة الأصلية من البنك',
      attachments: [{ nameHeaders: ['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="statement.eml"'], contentType: 'message/rfc822', content: original }],
    }, { messageId: id, from: 'Forwarder <forwarder@outside.test>', subject: 'Fwd: كشف حساب' }));
    const row = await stored(id.slice(1, -1));
    expect(row.metadata.email.forwarded).toBe(true);
    expect(row.body).toContain('أرسل لكم كشف الحساب المطلوب.');
    expect(row.body).toContain('نص الرسالة الأصلية من البنك');
    expect(row.attachments).toEqual([expect.objectContaining({ fileName: 'statement.eml', contentType: 'message/rfc822' })]);
    const [ticket] = await dataSource(testApp).query(`SELECT count(*)::int AS messages FROM messages WHERE ticket_id = $1`, [row.ticket_id]);
    expect(ticket.messages).toBe(1);
  });

  it('keeps one message when the same mail is delivered twice, and ignores copies of our own mail', async () => {
    const id = messageId();
    const raw = utf8Base64Mail('رسالة مكررة', { messageId: id, from: 'twice@outside.test' });
    await dovecot.deliver(mailbox.address, raw);
    await dovecot.deliver(mailbox.address, raw);
    const own = messageId('assoc.test');
    await dovecot.deliver(mailbox.address, utf8Base64Mail('نسخة من ردنا', { messageId: own, from: `جمعية البر <${mailbox.address}>` }));
    await drained();
    const rows = await dataSource(testApp).query(`SELECT external_id FROM messages WHERE channel_account_id = $1 AND external_id = ANY($2)`, [accountId, [id.slice(1, -1), own.slice(1, -1)]]);
    expect(rows).toEqual([{ external_id: id.slice(1, -1) }]);
  });

  it('parks a mail it cannot read, shows it to admins only, and goes on with the next one', async () => {
    const broken = messageId();
    await dovecot.deliver(mailbox.address, utf8Base64Mail('بلا مرسل', { messageId: broken, from: '', subject: 'no sender' }));
    const next = messageId();
    await dovecot.deliver(mailbox.address, utf8Base64Mail('الرسالة التالية', { messageId: next, from: 'next@outside.test' }));
    await stored(next.slice(1, -1));
    const parked = await eventually(async () => {
      const response = await http.get(`/admin/channel-accounts/${accountId}/parked-messages`, org.users.admin.token);
      return response.body.find?.((p: { messageId: string }) => p.messageId === broken.slice(1, -1));
    });
    expect(parked).toMatchObject({ subject: 'no sender', error: 'The message has no sender address (From) to reply to', hasRaw: true });
    expect((await http.get(`/admin/channel-accounts/${accountId}/parked-messages`, org.users.agentMen.token)).status).toBe(403);
  });

  it('imports only recent mail on a first connection, and rescans without repeats when the folder\'s UIDVALIDITY changes', async () => {
    const box = await dovecot.addMailbox('folder');
    const imap = new ImapFlow({ host: dovecot.host, port: dovecot.imapPort, secure: false, auth: { user: box.address, pass: box.password }, logger: false });
    await imap.connect();
    const ids = [messageId(), messageId(), messageId()];
    const mail = (id: string, text: string) => utf8Base64Mail(text, { messageId: id, from: 'folder@outside.test' });
    await imap.mailboxCreate('Support');
    const old = messageId();
    await imap.append('Support', mail(old, 'رسالة قديمة'), [], new Date(Date.now() - 30 * 24 * 3600_000));
    await imap.append('Support', mail(ids[0]!, 'الأولى'));
    await imap.append('Support', mail(ids[1]!, 'الثانية'));
    const created = await http.post('/admin/channel-accounts', emailAccountBody(dovecot, box, smtp, {
      imap: { host: dovecot.host, port: dovecot.imapPort, tls: false, user: box.address, folder: 'Support' },
    }), org.users.admin.token);
    const id = created.body.id as string;
    const supervisor = testApp.app.get(EmailConnectorsSupervisor);
    await supervisor.checkNow();
    const count = async () => (await dataSource(testApp).query(`SELECT external_id FROM messages WHERE channel_account_id = $1`, [id])).map((r: { external_id: string }) => r.external_id);
    const mailboxState = async (): Promise<{ uid_validity: string; last_uid: string } | undefined> =>
      (await dataSource(testApp).query(`SELECT uid_validity::text, last_uid FROM email_mailbox_states WHERE channel_account_id = $1`, [id]))[0];
    // The folder's position is saved just after the mail it covers, so wait for both.
    await eventually(async () => (await count()).length === 2 && Number((await mailboxState())?.last_uid) >= 2);
    const before = (await mailboxState())!;

    // While the account is off, the folder is rebuilt: same mail, new UIDs, a new UIDVALIDITY, and one new mail.
    await http.patch(`/admin/channel-accounts/${id}`, { enabled: false }, org.users.admin.token);
    await supervisor.checkNow();
    await imap.mailboxDelete('Support');
    await imap.mailboxCreate('Support');
    for (const [index, text] of ['الأولى', 'الثانية', 'الثالثة'].entries()) await imap.append('Support', mail(ids[index]!, text));
    await imap.logout();
    await http.patch(`/admin/channel-accounts/${id}`, { enabled: true }, org.users.admin.token);
    await supervisor.checkNow();
    await eventually(async () => {
      const state = await mailboxState();
      return state !== undefined && state.uid_validity !== before.uid_validity && Number(state.last_uid) === 3;
    });
    expect((await count()).sort()).toEqual(ids.map((m) => m.slice(1, -1)).sort());
    await dataSource(testApp).query(`UPDATE channel_accounts SET enabled = false WHERE id = $1`, [id]);
  });

  it('recovers by itself when the IMAP server restarts while it idles, and catches up on what came meanwhile', async () => {
    await drained();
    await dovecot.restart();
    const id = messageId();
    const started = Date.now();
    await dovecot.deliver(mailbox.address, utf8Base64Mail('بعد إعادة التشغيل', { messageId: id, from: 'restart@outside.test' }));
    await stored(id.slice(1, -1), 30_000);
    expect(Date.now() - started).toBeLessThan(20_000);
    const later = messageId();
    const sentAt = Date.now();
    await dovecot.deliver(mailbox.address, utf8Base64Mail('والتالية تصل فوراً', { messageId: later, from: 'restart@outside.test' }));
    await stored(later.slice(1, -1));
    // Back in IDLE: the next mail is pushed within seconds (a busy machine included), not found by the 5-minute safety sync.
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    expect((await http.get(`/admin/channel-accounts/${accountId}`, org.users.admin.token)).body).toMatchObject({ health: 'ok', healthDetail: null });
  });
});
