import { randomUUID } from 'node:crypto';
import { IngestService } from '@inbox/ingest';
import { createOrganization, dataSource, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { serverErrors, startTestApp, TestApp } from './helpers/test-app';

describe('ingest through the API channel', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
  });
  afterAll(() => testApp.close());

  const message = (over: Record<string, unknown> = {}) => ({
    externalId: randomUUID(),
    sender: { name: 'أحمد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    text: 'السلام عليكم، أرغب في الاستفسار عن الخدمات',
    ...over,
  });

  it('refuses a wrong key and an unknown channel without writing anything', async () => {
    const wrongKey = await http.request('POST', `/channels/${org.api.id}/inbound`, { body: message(), headers: { authorization: 'Bearer chk_wrong' } });
    expect(wrongKey.status).toBe(401);
    const unknown = await http.request('POST', `/channels/${randomUUID()}/inbound`, { body: message(), headers: { authorization: `Bearer ${org.api.apiKey}` } });
    expect(unknown.status).toBe(404);
  });

  it('takes a new key and a disabled channel at once, on the next message', async () => {
    const created = await http.post('/admin/channel-accounts', { kind: 'api', name: 'rotating' }, org.users.admin.token);
    const send = (key: string) => http.request('POST', `/channels/${created.body.id}/inbound`, { body: message(), headers: { authorization: `Bearer ${key}` } });
    expect((await send(created.body.apiKey)).status).toBe(202);
    const rotated = await http.post(`/admin/channel-accounts/${created.body.id}/rotate-key`, {}, org.users.admin.token);
    expect(rotated.body.apiKey).not.toBe(created.body.apiKey);
    expect((await send(created.body.apiKey)).status).toBe(401);
    expect((await send(rotated.body.apiKey)).status).toBe(202);
    await http.patch(`/admin/channel-accounts/${created.body.id}`, { enabled: false }, org.users.admin.token);
    expect((await send(rotated.body.apiKey)).status).toBe(404);
    // Another channel's key never opens this one.
    expect((await send(org.api.apiKey)).status).toBe(401);
  });

  it('opens a ticket with a Hijri-year reference, routed to the section of the sender', async () => {
    const response = await inbound(http, org, message());
    expect(response.status).toBe(202);
    expect(response.body.ticketReference).toMatch(/^T-14\d\d-\d{4,}$/);
    const detail = await http.get(`/tickets/${response.body.ticketId}`, org.users.agentMen.token);
    expect(detail.status).toBe(200);
    expect(detail.body.ticket).toMatchObject({ status: 'new', teamId: org.men.id, channelKind: 'api', type: 'inquiry' });
    expect(new Date(detail.body.ticket.firstResponseDueAt).getTime()).toBeGreaterThan(Date.now());
    expect(detail.body.messages).toHaveLength(1);
    // The women's section does not see a men's ticket.
    expect((await http.get(`/tickets/${response.body.ticketId}`, org.users.agentWomen.token)).status).toBe(404);
  });

  it('keeps one message when the same external message is delivered twice', async () => {
    const body = message();
    const first = await inbound(http, org, body);
    const second = await inbound(http, org, body);
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ ...first.body, duplicate: true });
    const [{ n }] = await dataSource(testApp).query(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1`, [first.body.ticketId]);
    expect(n).toBe(1);
  });

  it('makes one contact and one ticket of twenty first messages sent at once by one new person', async () => {
    const phone = uniquePhone();
    const sends = Array.from({ length: 20 }, (_, i) =>
      inbound(http, org, message({ sender: { name: 'سارة', gender: 'female', identities: [{ kind: 'phone', value: phone }] }, text: `رسالة ${i}` })),
    );
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(results.map((r) => r.body.ticketId)).size).toBe(1);
    const rows = await dataSource(testApp).query(
      `SELECT count(DISTINCT c.id)::int AS contacts, count(m.id)::int AS messages FROM contact_identities i
       JOIN contacts c ON c.id = i.contact_id JOIN messages m ON m.sender_contact_id = c.id WHERE i.organization_id = $1 AND i.value = $2`,
      [org.id, `+966${phone.slice(1)}`],
    );
    expect(rows[0]).toEqual({ contacts: 1, messages: 20 });
  });

  it('recognises the same person across number formats and Arabic-Indic digits', async () => {
    const phone = uniquePhone();
    const arabicIndic = phone.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    const first = await inbound(http, org, message({ sender: { identities: [{ kind: 'phone', value: phone }] } }));
    const second = await inbound(http, org, message({ sender: { identities: [{ kind: 'phone', value: `+966 ${phone.slice(1)}` }] } }));
    const third = await inbound(http, org, message({ sender: { identities: [{ kind: 'whatsapp', value: arabicIndic }] } }));
    expect(second.body.ticketId).toBe(first.body.ticketId);
    const contact = await dataSource(testApp).query(`SELECT contact_id FROM contact_identities WHERE organization_id = $1 AND value = $2`, [org.id, `+966${phone.slice(1)}`]);
    expect(new Set(contact.map((c: { contact_id: string }) => c.contact_id)).size).toBe(1);
    expect(third.status).toBe(202);
  });

  it('threads by the replied-to message and by ticket reference, and reopens a resolved ticket', async () => {
    const first = await inbound(http, org, message());
    const otherPerson = message();
    const reply = await inbound(http, org, { ...otherPerson, replyTo: [(await dataSource(testApp).query(`SELECT external_id FROM messages WHERE id = $1`, [first.body.messageId]))[0].external_id] });
    expect(reply.body.ticketId).toBe(first.body.ticketId);
    expect((await http.patch(`/tickets/${first.body.ticketId}`, { status: 'resolved' }, org.users.supervisor.token)).status).toBe(200);
    const byReference = await inbound(http, org, message({ ticketReference: first.body.ticketReference.toLowerCase() }));
    expect(byReference.body.ticketId).toBe(first.body.ticketId);
    const detail = await http.get(`/tickets/${first.body.ticketId}`, org.users.supervisor.token);
    expect(detail.body.ticket.status).toBe('open');
    expect(detail.body.messages.map((m: { senderName: string }) => m.senderName)).toHaveLength(3);
  });

  it('applies routing rules in order: keywords set team and priority', async () => {
    const rule = await http.post('/admin/routing-rules', { name: 'rent', conditions: { keywords: ['إيجار'] }, teamId: org.women.id, priority: 'high' }, org.users.admin.token);
    expect(rule.status).toBe(201);
    const response = await inbound(http, org, message({ text: 'أحتاج مساعدة في دفع الايجار' }));
    const detail = await http.get(`/tickets/${response.body.ticketId}`, org.users.admin.token);
    expect(detail.body.ticket).toMatchObject({ teamId: org.women.id, priority: 'high' });
  });

  it('rejects bad input with the field named and writes nothing', async () => {
    const before = (await dataSource(testApp).query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1`, [org.id]))[0].n;
    const badPhone = await inbound(http, org, message({ sender: { identities: [{ kind: 'phone', value: '12345' }] } }));
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.field).toBe('sender.identities.0.value');
    const unknownField = await inbound(http, org, message({ colour: 'blue' }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toContain('colour');
    const malformed = await http.request('POST', `/channels/${org.api.id}/inbound`, { raw: '{"externalId": ', headers: { authorization: `Bearer ${org.api.apiKey}` } });
    expect(malformed.status).toBe(400);
    const badEmail = await inbound(http, org, message({ sender: { identities: [{ kind: 'email', value: 'not-an-email' }] } }));
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.field).toBe('sender.identities.0.value');
    const after = (await dataSource(testApp).query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1`, [org.id]))[0].n;
    expect(after).toBe(before);
  });

  it('refuses a body over the configured limit', async () => {
    const huge = await inbound(http, org, message({ text: 'x'.repeat(17 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
  });

  it('stores attachments and refuses ones over the size limit', async () => {
    const small = await inbound(http, org, message({ attachments: [{ fileName: 'عقد.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 test').toString('base64') }] }));
    expect(small.status).toBe(202);
    const detail = await http.get(`/tickets/${small.body.ticketId}`, org.users.admin.token);
    expect(detail.body.messages[0].attachments[0]).toMatchObject({ fileName: 'عقد.pdf', size: 13 });
    const errors = serverErrors();
    const big = await inbound(http, org, message({ attachments: [{ fileName: 'big.bin', contentType: 'application/octet-stream', contentBase64: Buffer.alloc(9 * 1024 * 1024).toString('base64') }] }));
    errors.restore();
    expect({ status: big.status, errors: errors.messages }).toEqual({ status: 400, errors: [] });
    expect(big.body.field).toBe('attachments.0.contentBase64');
  });

  it('never puts a message sent as a complaint into a ticket everyone can see', async () => {
    const sender = { name: 'أحمد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] };
    const inquiry = await inbound(http, org, message({ sender }));
    const complaint = await inbound(http, org, message({ sender, type: 'complaint', text: 'أشتكي من الموظف المسؤول' }));
    expect(complaint.body.ticketId).not.toBe(inquiry.body.ticketId);
    const [ticket] = await dataSource(testApp).query(`SELECT confidential, type FROM tickets WHERE id = $1`, [complaint.body.ticketId]);
    expect(ticket).toEqual({ confidential: true, type: 'complaint' });
    const agentSees = await http.get(`/tickets/${inquiry.body.ticketId}`, org.users.agentMen.token);
    expect(JSON.stringify(agentSees.body)).not.toContain('أشتكي');
    // The complainant's next ordinary message continues the conversation they are in: the complaint, newest.
    const followUp = await inbound(http, org, message({ sender, text: 'متى يصلني الرد؟' }));
    expect(followUp.body.ticketId).toBe(complaint.body.ticketId);
  });

  it('opens a new ticket for a channel that threads by its own hints only, and keeps auto-replies from reopening', async () => {
    const [account] = await dataSource(testApp).query(
      `INSERT INTO channel_accounts (organization_id, kind, name, settings, enabled) VALUES ($1, 'email', 'mail', '{}', false) RETURNING id`, [org.id],
    );
    const ingest = testApp.app.get(IngestService);
    const from = { name: 'Sara', identities: [{ kind: 'email' as const, value: `sara-${randomUUID().slice(0, 6)}@example.org` }] };
    const mail = (text: string, over: Record<string, unknown> = {}) => ingest.ingest({
      channelKind: 'email', channelAccountId: account.id, externalId: `${randomUUID()}@mail`, sender: from, text, threadHints: { explicitOnly: true }, ...over,
    });
    const first = await mail('First matter');
    const second = await mail('A different matter, no headers');
    expect(second.ticketId).not.toBe(first.ticketId);
    await http.patch(`/tickets/${first.ticketId}`, { status: 'resolved' }, org.users.admin.token);
    const [{ reference }] = await dataSource(testApp).query(`SELECT reference FROM tickets WHERE id = $1`, [first.ticketId]);
    const auto = await mail('I am out of office', { automatic: true, threadHints: { ticketReference: reference, explicitOnly: true } });
    expect(auto.ticketId).toBe(first.ticketId);
    const [row] = await dataSource(testApp).query(`SELECT status, last_message_preview FROM tickets WHERE id = $1`, [first.ticketId]);
    expect(row.status).toBe('resolved');
    expect(row.last_message_preview).not.toContain('out of office');
  });
});
