import { randomUUID } from 'node:crypto';
import { EmailConnectorsSupervisor } from '../apps/worker/src/email-connectors.supervisor';
import { ComplaintCasesService } from '@inbox/complaints';
import { messageId, utf8Base64Mail } from '../libs/channels/email/test/mail-fixtures';
import { Dovecot, emailAccountBody, Mailbox, startDovecot } from './helpers/dovecot';
import { createOrganization, dataSource, eventually, Http, TestOrganization } from './helpers/factories';
import { SmtpCapture, startSmtpCapture } from './helpers/smtp';
import { connect, RecordingClient, settle } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

/**
 * The complaint journey the policy describes, over real channels: submitted
 * through the public complaint form, clarified with the complainant over
 * email (SMTP out, Dovecot and the IMAP connector in), examined, decided and
 * closed; the closure notice reaches the complainant's mailbox and the action
 * taken reaches no one. An anonymous complaint's notice is on the tracking
 * page only.
 */
describe('a complaint from form to closure notice, clarified by email', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let mailbox: Mailbox;
  let accountId: string;
  let complaintSlug: string;
  let officer: RecordingClient;
  let agent: RecordingClient;
  let supervisor: RecordingClient;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpCapture();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    mailbox = await dovecot.addMailbox('complaints');
    const created = await http.post('/admin/channel-accounts', emailAccountBody(dovecot, mailbox, smtp), org.users.admin.token);
    expect(created.status).toBe(201);
    accountId = created.body.id;
    await testApp.app.get(EmailConnectorsSupervisor).checkNow();
    await eventually(async () => (await http.get(`/admin/channel-accounts/${accountId}`, org.users.admin.token)).body.health === 'ok', 15_000);
    const forms = (await http.get('/admin/forms', org.users.admin.token)).body as { preset: string; slug: string }[];
    complaintSlug = forms.find((f) => f.preset === 'complaint')!.slug;
    officer = await connect(testApp.url, org.users.officer.token);
    agent = await connect(testApp.url, org.users.agentMen.token);
    supervisor = await connect(testApp.url, org.users.supervisor.token);
  });

  afterAll(async () => {
    [officer, agent, supervisor].forEach((s) => s?.close());
    await dataSource(testApp).query(`UPDATE channel_accounts SET enabled = false WHERE id = $1`, [accountId]);
    await testApp.close();
    await smtp.close();
    await dovecot.stop();
  });

  const submitComplaint = (values: Record<string, unknown>, anonymous = false) =>
    http.request('POST', `/public/forms/${complaintSlug}/submissions`, {
      body: { locale: 'ar', declaration: true, anonymous, values },
      headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    });

  const ticketOf = async (reference: string) =>
    (await dataSource(testApp).query(`SELECT id, confidential FROM tickets WHERE organization_id = $1 AND reference = $2`, [org.id, reference]))[0];

  it('carries the case over email and tells the complainant only that appropriate action was taken', async () => {
    const address = `complainant-${randomUUID().slice(0, 8)}@outside.test`;
    const word = `مماطلة${Date.now() % 100000}`;
    const submitted = await submitComplaint({ name: 'نورة العتيبي', email: address, about: 'staff', details: `تأخر الموظف في الرد على طلبي ${word}` });
    expect(submitted.status).toBe(201);
    const { reference, trackingCode } = submitted.body;
    const ticket = await ticketOf(reference);
    expect(ticket.confidential).toBe(true);

    // Not in the agent's or the supervisor's inbox, search or ticket view; the officer has it.
    for (const token of [org.users.agentMen.token, org.users.supervisor.token]) {
      expect((await http.get(`/tickets/${ticket.id}`, token)).status).toBe(404);
      expect((await http.get(`/tickets?q=${encodeURIComponent(word)}`, token)).body.items.map((t: { id: string }) => t.id)).not.toContain(ticket.id);
    }
    const opened = await http.get(`/tickets/${ticket.id}`, org.users.officer.token);
    expect(opened.status).toBe(200);

    // Acknowledged with the reference (on the form's own channel: the tracking page, which the form already showed).
    await testApp.app.get(ComplaintCasesService).acknowledgePending();
    expect((await http.get(`/complaints/${ticket.id}`, org.users.officer.token)).body.acknowledgedAt).toBeTruthy();

    // The officer asks for clarification by email: the reply goes to the complainant's email identity.
    const contact = (await http.get(`/contacts/${opened.body.ticket.contactId}`, org.users.officer.token)).body;
    const emailIdentity = contact.identities.find((i: { kind: string }) => i.kind === 'email');
    expect(emailIdentity.value).toBe(address);
    const question = await http.post(`/tickets/${ticket.id}/messages`, {
      body: 'نشكر تواصلك، نرجو توضيح تاريخ الموقف واسم الفرع.', internal: false, identityId: emailIdentity.id,
    }, org.users.officer.token);
    expect(question.status).toBe(201);
    const asked = await smtp.waitFor((m) => m.to.includes(address) && m.parsed.text?.includes('نرجو توضيح') === true, 20_000);
    const askedId = asked.parsed.messageId!;
    expect(asked.parsed.subject).toContain(reference);

    // The complainant answers from their mailbox; the connector threads the answer into the confidential ticket.
    const answerId = messageId('outside.test');
    await dovecot.deliver(mailbox.address, utf8Base64Mail('كان ذلك يوم الأحد في فرع الرياض.', {
      messageId: answerId, from: `نورة <${address}>`, to: mailbox.address, subject: `Re: ${asked.parsed.subject}`, inReplyTo: askedId, references: askedId,
    }), address);
    const answer = await eventually(async () => (await dataSource(testApp).query(
      `SELECT ticket_id FROM messages WHERE channel_account_id = $1 AND external_id = $2`, [accountId, answerId.slice(1, -1)],
    ))[0], 20_000);
    expect(answer.ticket_id).toBe(ticket.id);
    const timeline = (await http.get(`/tickets/${ticket.id}`, org.users.officer.token)).body.messages.map((m: { body: string }) => m.body);
    expect(timeline.some((b: string) => b.includes('فرع الرياض'))).toBe(true);

    // Examined, decided, closed. The action taken is distinctive so any leak is found.
    const secret = `ACTION-${randomUUID().slice(0, 8)}-نقل الموظف إلى قسم آخر`;
    const findings = `FINDING-${randomUUID().slice(0, 8)}-ثبت التأخر`;
    expect((await http.patch(`/complaints/${ticket.id}`, { findings, actionTaken: secret }, org.users.officer.token)).status).toBe(200);
    const closed = await http.post(`/complaints/${ticket.id}/close`, { decision: 'upheld' }, org.users.officer.token);
    expect(closed.status).toBe(201);

    // The notice reaches the complainant's mailbox, where they last wrote from.
    const notice = await smtp.waitFor((m) => m.to.includes(address) && m.parsed.text?.includes('الإجراء المناسب') === true, 20_000);
    expect(notice.parsed.text).toContain(reference);
    await settle(1000);

    const db = dataSource(testApp);
    const everythingOut = [
      ...smtp.mails.map((m) => m.raw.toString('utf8') + (m.parsed.text ?? '') + (m.parsed.html || '')),
      JSON.stringify((await http.get(`/public/complaints/${trackingCode}`)).body),
      JSON.stringify((await http.get(`/public/track/${trackingCode}`)).body),
      JSON.stringify(officer.events), JSON.stringify(agent.events), JSON.stringify(supervisor.events),
      ...(await db.query(`SELECT body, metadata FROM messages WHERE ticket_id = $1 AND direction <> 'note'`, [ticket.id])).map((m: unknown) => JSON.stringify(m)),
      ...(await db.query(`SELECT payload FROM events WHERE ticket_id = $1`, [ticket.id])).map((e: unknown) => JSON.stringify(e)),
      ...(await db.query(`SELECT data FROM audit_events WHERE entity_id = $1`, [ticket.id])).map((a: unknown) => JSON.stringify(a)),
    ].join('\n');
    expect(everythingOut).toContain(reference);
    expect(everythingOut).not.toContain(secret);
    expect(everythingOut).not.toContain('نقل الموظف');
    expect(everythingOut).not.toContain(findings);

    // The ordinary agent and the supervisor heard nothing of this ticket, live.
    const heardOf = (client: RecordingClient) => client.events.filter((e) => JSON.stringify(e).includes(ticket.id));
    expect(heardOf(agent)).toEqual([]);
    expect(heardOf(supervisor)).toEqual([]);
    expect(heardOf(officer).length).toBeGreaterThan(0);
  });

  it('gives an anonymous complainant the notice on the tracking page only', async () => {
    const mailsBefore = smtp.mails.length;
    const submitted = await submitComplaint({ about: 'service', details: 'لم أتلق الخدمة في موعدها' }, true);
    expect(submitted.status).toBe(201);
    expect(submitted.body.anonymous).toBe(true);
    const ticket = await ticketOf(submitted.body.reference);
    const secret = `ACTION-${randomUUID().slice(0, 8)}`;
    expect((await http.patch(`/complaints/${ticket.id}`, { findings: 'x', actionTaken: secret }, org.users.officer.token)).status).toBe(200);
    expect((await http.post(`/complaints/${ticket.id}/close`, { decision: 'not_upheld' }, org.users.officer.token)).status).toBe(201);

    const tracked = await eventually(async () => {
      const body = (await http.get(`/public/complaints/${submitted.body.trackingCode}`)).body;
      return body.notice ? body : null;
    });
    expect(tracked).toMatchObject({ reference: submitted.body.reference, status: 'closed' });
    expect(tracked.notice).toContain('الإجراء المناسب');
    expect(JSON.stringify(tracked)).not.toContain(secret);
    const notice = await eventually(async () => (await dataSource(testApp).query(
      `SELECT delivery_status, metadata FROM messages WHERE ticket_id = $1 AND metadata->>'system' = 'complaint.closure'`, [ticket.id],
    ))[0]?.delivery_status === 'sent', 20_000);
    expect(notice).toBe(true);
    await settle(500);
    expect(smtp.mails.length).toBe(mailsBefore);
  });
});
