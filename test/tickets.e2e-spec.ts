import { createHmac, randomUUID } from 'node:crypto';
import { createOrganization, dataSource, eventually, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';
import { webhookReceiver, WebhookReceiver } from './helpers/webhook';

describe('tickets', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let hook: WebhookReceiver;
  let hookStatus = 200;

  const send = (over: Record<string, unknown> = {}) => inbound(http, org, {
    externalId: randomUUID(),
    sender: { name: 'خالد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    text: 'استفسار عام',
    ...over,
  });

  beforeAll(async () => {
    hook = await webhookReceiver(() => hookStatus);
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http, { webhookUrl: hook.url });
  });
  afterAll(async () => {
    await testApp.close();
    hook.server.close();
  });

  it('pages through a team queue with keyset cursors, newest activity first, without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await send()).body.ticketId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/tickets?teamId=${org.men.id}&status=new,open,pending&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await http.get(query, org.users.agentMen.token);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await http.get('/tickets?cursor=garbage', org.users.agentMen.token)).status).toBe(400);
    expect((await http.get('/tickets?status=sleeping', org.users.agentMen.token)).status).toBe(400);
  });

  it('finds tickets by Arabic words however the alef, ta marbuta and diacritics are written', async () => {
    const word = `مؤسسة${randomUUID().slice(0, 4).replace(/\d/g, '')}`;
    const sent = await send({ text: `أريد الاستفسار عن الإيجار في ${word} الخيرية` });
    const hits = async (q: string) => (await http.get(`/tickets?q=${encodeURIComponent(q)}`, org.users.admin.token)).body.items.map((t: { id: string }) => t.id);
    expect(await hits('الايجار')).toContain(sent.body.ticketId);
    expect(await hits('الإِيجار')).toContain(sent.body.ticketId);
    expect(await hits('الخيريه')).toContain(sent.body.ticketId);
    expect(await hits('لا-يوجد-شيء-كهذا')).toEqual([]);
  });

  it('finds a common word by walking tickets newest first, including words from replies', async () => {
    const word = `كلمة${randomUUID().slice(0, 6).replace(/\d/g, '')}`;
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await send({ text: `نص فيه ${word} رقم ${i}` }));
    // More matching messages than index-first search reads: the query must take the newest-first walk.
    await dataSource(testApp).query(
      `INSERT INTO messages (organization_id, ticket_id, direction, body)
       SELECT $1, $2, 'note', $3 FROM generate_series(1, 5100)`,
      [org.id, sent[0]!.body.ticketId, `ملاحظة ${word}`],
    );
    const reply = await send({ text: 'سؤال آخر' });
    await http.post(`/tickets/${reply.body.ticketId}/messages`, { body: `الجواب ${word}`, internal: true }, org.users.admin.token);
    const found = await http.get(`/tickets?q=${encodeURIComponent(word)}&limit=10`, org.users.admin.token);
    expect(found.body.items.map((t: { id: string }) => t.id)).toEqual([
      reply.body.ticketId, sent[2]!.body.ticketId, sent[1]!.body.ticketId, sent[0]!.body.ticketId,
    ]);
  });

  it('finds a ticket exactly by reference, phone in any format, and contact name', async () => {
    const phone = uniquePhone();
    const sent = await send({ sender: { name: 'نوره الفريدة', gender: 'female', identities: [{ kind: 'phone', value: phone }] } });
    const find = async (q: string) => (await http.get(`/tickets?q=${encodeURIComponent(q)}`, org.users.admin.token)).body.items.map((t: { id: string }) => t.id);
    expect(await find(sent.body.ticketReference)).toEqual([sent.body.ticketId]);
    expect(await find(`+966 ${phone.slice(1, 3)} ${phone.slice(3)}`)).toEqual([sent.body.ticketId]);
    expect(await find('نورة الفريده')).toContain(sent.body.ticketId);
  });

  it('sends a reply through the API channel webhook, signed, and shows it sent', async () => {
    const sent = await send({ text: 'هل يمكنني التسجيل؟' });
    const reply = await http.post(`/tickets/${sent.body.ticketId}/messages`, { body: 'نعم، أهلاً بك' }, org.users.agentMen.token);
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryStatus).toBe('queued');
    const delivered = await eventually(async () => {
      const detail = await http.get(`/tickets/${sent.body.ticketId}`, org.users.agentMen.token);
      const message = detail.body.messages.find((m: { id: string }) => m.id === reply.body.id);
      return message.deliveryStatus === 'sent' && { detail, message };
    });
    expect(delivered.message.externalId).toMatch(/^remote-/);
    expect(delivered.detail.body.ticket).toMatchObject({ status: 'open' });
    expect(delivered.detail.body.ticket.firstRespondedAt).not.toBeNull();
    const request = hook.received.find((r) => JSON.parse(r.body).messageId === reply.body.id)!;
    const timestamp = String(request.headers['x-inbox-timestamp']);
    const expected = `sha256=${createHmac('sha256', org.api.apiKey).update(`${timestamp}.${request.body}`).digest('hex')}`;
    expect(request.headers['x-inbox-signature']).toBe(expected);
    expect(JSON.parse(request.body)).toMatchObject({ text: 'نعم، أهلاً بك', ticket: { reference: sent.body.ticketReference } });
  });

  it('marks a reply failed with the reason when the receiver refuses it, and never sends notes', async () => {
    const sent = await send();
    const before = hook.received.length;
    const note = await http.post(`/tickets/${sent.body.ticketId}/messages`, { body: 'ملاحظة داخلية', internal: true }, org.users.agentMen.token);
    expect(note.body).toMatchObject({ direction: 'note', deliveryStatus: null });
    hookStatus = 422;
    const reply = await http.post(`/tickets/${sent.body.ticketId}/messages`, { body: 'رد' }, org.users.agentMen.token);
    const failed = await eventually(async () => {
      const detail = await http.get(`/tickets/${sent.body.ticketId}`, org.users.agentMen.token);
      const message = detail.body.messages.find((m: { id: string }) => m.id === reply.body.id);
      return message.deliveryStatus === 'failed' && message;
    });
    hookStatus = 200;
    expect(failed.failureReason).toContain('HTTP 422');
    expect(hook.received.slice(before).map((r) => JSON.parse(r.body).text)).toEqual(['رد']);
  });

  it('assigns, audits and moves tickets between the views', async () => {
    const sent = await send();
    const assigned = await http.patch(`/tickets/${sent.body.ticketId}`, { assigneeId: org.users.agentWomen.id, teamId: org.women.id, priority: 'urgent' }, org.users.supervisor.token);
    expect(assigned.status).toBe(200);
    const mine = await http.get('/tickets?assignee=me', org.users.agentWomen.token);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(sent.body.ticketId);
    expect((await http.get(`/tickets/${sent.body.ticketId}`, org.users.agentMen.token)).status).toBe(404);
    const counts = await http.get('/tickets/counts', org.users.agentWomen.token);
    expect(counts.body.mine).toBeGreaterThanOrEqual(1);
    expect(counts.body.teams[org.women.id]).toBeGreaterThanOrEqual(1);
    const audit = await dataSource(testApp).query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [sent.body.ticketId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['ticket.assigned', 'ticket.classified']);
    expect((await http.patch(`/tickets/${sent.body.ticketId}`, { assigneeId: randomUUID() }, org.users.supervisor.token)).status).toBe(404);
  });

  it('keeps complaint tickets away from everyone but complaints officers, in lists, counts, search and contacts', async () => {
    const word = `شكوى${Date.now()}`;
    const sent = await send({ type: 'complaint', text: `${word} بخصوص موظف`, sender: { name: 'مشتكي', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    for (const user of [org.users.admin, org.users.supervisor, org.users.agentMen]) {
      expect((await http.get(`/tickets/${sent.body.ticketId}`, user.token)).status).toBe(404);
      expect((await http.get(`/tickets?q=${encodeURIComponent(word)}`, user.token)).body.items).toEqual([]);
      const list = await http.get('/tickets?limit=200', user.token);
      expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(sent.body.ticketId);
    }
    const officerView = await http.get(`/tickets/${sent.body.ticketId}`, org.users.officer.token);
    expect(officerView.status).toBe(200);
    const contactId = officerView.body.contact.id;
    expect((await http.get(`/contacts/${contactId}`, org.users.admin.token)).body.tickets).toEqual([]);
    expect((await http.get(`/contacts/${contactId}`, org.users.officer.token)).body.tickets.map((t: { id: string }) => t.id)).toEqual([sent.body.ticketId]);
    const adminAudit = await http.get(`/admin/audit-events?entityId=${sent.body.ticketId}`, org.users.admin.token);
    expect(adminAudit.body.items).toEqual([]);
    const viewed = await dataSource(testApp).query(`SELECT actor_user_id FROM audit_events WHERE entity_id = $1 AND action = 'ticket.viewed'`, [sent.body.ticketId]);
    expect(viewed).toEqual([{ actor_user_id: org.users.officer.id }]);
    // An agent who marks a ticket as a complaint loses it from view.
    const other = await send();
    await http.patch(`/tickets/${other.body.ticketId}`, { type: 'complaint' }, org.users.agentMen.token);
    expect((await http.get(`/tickets/${other.body.ticketId}`, org.users.agentMen.token)).status).toBe(404);
  });

  it('merges two contacts into one, moving identities and tickets, and audits it', async () => {
    const first = await send({ sender: { name: 'فاطمة', gender: 'female', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    const second = await send({ sender: { name: null, identities: [{ kind: 'email', value: `f-${randomUUID()}@example.org` }] } });
    const target = (await http.get(`/tickets/${first.body.ticketId}`, org.users.admin.token)).body.contact.id;
    const source = (await http.get(`/tickets/${second.body.ticketId}`, org.users.admin.token)).body.contact.id;
    const merged = await http.post(`/contacts/${target}/merge`, { sourceId: source }, org.users.admin.token);
    expect(merged.status).toBe(201);
    expect(merged.body.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'phone']);
    expect(merged.body.tickets.map((t: { id: string }) => t.id).sort()).toEqual([first.body.ticketId, second.body.ticketId].sort());
    expect((await http.get(`/contacts/${source}`, org.users.admin.token)).status).toBe(404);
    const audit = await http.get(`/admin/audit-events?entityType=contact&entityId=${target}`, org.users.admin.token);
    expect(audit.body.items[0]).toMatchObject({ action: 'contact.merged', data: { moved: { identities: 1, tickets: 1 } } });
    expect((await http.post(`/contacts/${target}/merge`, { sourceId: target }, org.users.admin.token)).status).toBe(400);
  });
});
