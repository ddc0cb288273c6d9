import { randomUUID } from 'node:crypto';
import { StreamEvent } from '@inbox/realtime';
import { createOrganization, dataSource, eventually, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient, settle } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';

/** What the web app's inbox needs from the API beyond the ticket basics, and that none of it leaks a complaint. */
describe('inbox api', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let other: TestOrganization;
  const clients: RecordingClient[] = [];

  const send = (over: Record<string, unknown> = {}) => inbound(http, org, {
    externalId: randomUUID(), text: 'أرغب في الاستفسار عن المساعدات',
    sender: { name: 'فهد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    ...over,
  });
  const complaint = () => send({ type: 'complaint', text: 'شكوى سرية' });
  /** The field an error names: validation errors list every field, domain errors name one. */
  const fieldOf = (body: { field?: string; fields?: { field: string }[] }) => body.field ?? body.fields?.[0]?.field;
  const listen = async (token: string) => {
    const client = await connect(testApp.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    other = await createOrganization(testApp, http);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await testApp.close();
  });

  it('gives staff their workspace: themselves, the organization, its teams and colleagues, and keeps their language', async () => {
    const workspace = await http.get('/workspace', org.users.agentMen.token);
    expect(workspace.status).toBe(200);
    expect(workspace.body.user).toMatchObject({ id: org.users.agentMen.id, roles: ['agent'], locale: 'ar' });
    expect(workspace.body.organization).toMatchObject({ id: org.id, timeZone: 'Asia/Riyadh' });
    expect(workspace.body.teams.map((t: { id: string }) => t.id).sort()).toEqual([org.men.id, org.women.id].sort());
    const ids = workspace.body.users.map((u: { id: string }) => u.id);
    expect(ids).toContain(org.users.officer.id);
    expect(ids).not.toContain(other.users.admin.id);
    expect(workspace.body.users.find((u: { id: string }) => u.id === org.users.agentMen.id).teamIds).toEqual([org.men.id]);
    expect(JSON.stringify(workspace.body)).not.toContain('password');

    expect((await http.patch('/me', { locale: 'en' }, org.users.agentMen.token)).status).toBe(204);
    expect((await http.get('/workspace', org.users.agentMen.token)).body.user.locale).toBe('en');
    const bad = await http.patch('/me', { locale: 'fr' }, org.users.agentMen.token);
    expect(bad.status).toBe(400);
    expect(fieldOf(bad.body)).toBe('locale');
  });

  it('marks tickets unread until opened, and unread again when something new arrives', async () => {
    const phone = uniquePhone();
    const first = await send({ sender: { name: 'فهد', gender: 'male', identities: [{ kind: 'phone', value: phone }] } });
    const ticketId = first.body.ticketId;
    const row = async () => (await http.get(`/tickets/${ticketId}/summary`, org.users.agentMen.token)).body;
    expect(await row()).toMatchObject({ id: ticketId, unread: true, teamId: org.men.id });
    expect((await http.post(`/tickets/${ticketId}/read`, {}, org.users.agentMen.token)).status).toBe(204);
    expect((await row()).unread).toBe(false);
    // Another user's marker is their own.
    expect((await http.get(`/tickets/${ticketId}/summary`, org.users.supervisor.token)).body.unread).toBe(true);
    await send({ sender: { name: 'فهد', gender: 'male', identities: [{ kind: 'phone', value: phone }] }, text: 'هل من جديد؟' });
    expect((await row()).unread).toBe(true);
    const listed = await http.get(`/tickets?teamId=${org.men.id}&limit=50`, org.users.agentMen.token);
    expect(listed.body.items.find((t: { id: string }) => t.id === ticketId).unread).toBe(true);
    // Replying counts as reading.
    await http.post(`/tickets/${ticketId}/messages`, { body: 'ملاحظة', internal: true }, org.users.agentMen.token);
    expect((await row()).unread).toBe(false);
  });

  it('answers a single row only to those who may see the ticket', async () => {
    const ticketId = (await send()).body.ticketId;
    expect((await http.get(`/tickets/${ticketId}/summary`, org.users.agentWomen.token)).status).toBe(404);
    expect((await http.get(`/tickets/${ticketId}/summary`, other.users.admin.token)).status).toBe(404);
    const secret = (await complaint()).body.ticketId;
    expect((await http.get(`/tickets/${secret}/summary`, org.users.supervisor.token)).status).toBe(404);
    expect((await http.get(`/tickets/${secret}/summary`, org.users.officer.token)).body).toMatchObject({ id: secret, confidential: true });
    expect((await http.post(`/tickets/${secret}/read`, {}, org.users.admin.token)).status).toBe(404);
  });

  it('counts open tickets by status and channel, without complaints for those who may not see them', async () => {
    const before = (await http.get('/tickets/counts', org.users.supervisor.token)).body;
    const officerBefore = (await http.get('/tickets/counts', org.users.officer.token)).body;
    await complaint();
    await send();
    const after = (await http.get('/tickets/counts', org.users.supervisor.token)).body;
    expect(after.byStatus.new).toBe((before.byStatus.new ?? 0) + 1);
    expect(after.byChannel.api).toBe((before.byChannel.api ?? 0) + 1);
    expect(after.allOpen).toBe(before.allOpen + 1);
    const officerAfter = (await http.get('/tickets/counts', org.users.officer.token)).body;
    // The officer sees the complaint, not the men's team's ticket.
    expect(officerAfter.byChannel.api).toBe((officerBefore.byChannel.api ?? 0) + 1);
  });

  it('lets supervisors reassign many tickets at once, reporting the ones they cannot reach', async () => {
    const a = (await send()).body.ticketId;
    const b = (await send()).body.ticketId;
    const foreign = (await inbound(http, other, { externalId: randomUUID(), text: 'x', sender: { name: 'س', identities: [{ kind: 'phone', value: uniquePhone() }] } })).body.ticketId;
    const secret = (await complaint()).body.ticketId;
    const agent = await listen(org.users.agentWomen.token);

    const bulk = await http.post('/tickets/bulk', { ticketIds: [a, b, foreign, secret], teamId: org.women.id, assigneeId: org.users.agentWomen.id }, org.users.supervisor.token);
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({ updated: [a, b], notFound: [foreign, secret] });
    const moved = await http.get(`/tickets?assignee=me&limit=200`, org.users.agentWomen.token);
    expect(moved.body.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([a, b]));
    // The new assignee hears of each ticket and is notified.
    await eventually(async () => agent.of('notification').length >= 2);
    expect(agent.of('notification').map((e) => (e.payload as { kind: string; ticketId: string }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'assigned', ticketId: a }), expect.objectContaining({ kind: 'assigned', ticketId: b })]),
    );
    expect(agent.events.some((e) => e.ticketId === secret || e.ticketId === foreign)).toBe(false);

    expect((await http.post('/tickets/bulk', { ticketIds: [a], status: 'pending' }, org.users.agentMen.token)).status).toBe(403);
    const tooMany = await http.post('/tickets/bulk', { ticketIds: Array.from({ length: 201 }, () => randomUUID()), status: 'pending' }, org.users.supervisor.token);
    expect(tooMany.status).toBe(400);
    expect(fieldOf(tooMany.body)).toBe('ticketIds');
  });

  it('refuses to hand a complaint to anyone but a complaints officer', async () => {
    const secret = (await complaint()).body.ticketId;
    const refused = await http.patch(`/tickets/${secret}`, { assigneeId: org.users.agentMen.id }, org.users.officer.token);
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.body)).toBe('assigneeId');
    expect((await http.patch(`/tickets/${secret}`, { assigneeId: org.users.officer.id }, org.users.officer.token)).status).toBe(200);
  });

  it('notifies mentioned colleagues, and refuses mentions of people who cannot see the ticket', async () => {
    const ticketId = (await send()).body.ticketId;
    const supervisor = await listen(org.users.supervisor.token);
    const women = await listen(org.users.agentWomen.token);
    const refused = await http.post(`/tickets/${ticketId}/messages`, { body: 'انظري', internal: true, mentions: [org.users.agentWomen.id] }, org.users.agentMen.token);
    expect(refused.status).toBe(400);
    expect(fieldOf(refused.body)).toBe('mentions');
    expect((await http.post(`/tickets/${ticketId}/messages`, { body: 'x', internal: true, mentions: [other.users.admin.id] }, org.users.agentMen.token)).status).toBe(400);

    const note = await http.post(`/tickets/${ticketId}/messages`, { body: 'هل نحيلها للبحث الاجتماعي؟', internal: true, mentions: [org.users.supervisor.id] }, org.users.agentMen.token);
    expect(note.status).toBe(201);
    await eventually(async () => supervisor.of('notification', ticketId).length === 1);
    expect(supervisor.of('notification', ticketId)[0].payload).toMatchObject({ kind: 'mentioned', recipientId: org.users.supervisor.id, actorId: org.users.agentMen.id, messageId: note.body.id });
    await settle();
    expect(women.of('notification')).toEqual([]);
    // The mention is on replay too, for the mentioned user only.
    const replay = await supervisor.socket.emitWithAck('sync', { since: supervisor.ready!.lastEventId });
    expect(replay.events.filter((e: StreamEvent) => e.type === 'notification' && e.ticketId === ticketId)).toHaveLength(1);
    const womenReplay = await women.socket.emitWithAck('sync', { since: women.ready!.lastEventId });
    expect(womenReplay.events.filter((e: StreamEvent) => e.ticketId === ticketId)).toEqual([]);
  });

  it('replies to another identity of the contact only on a channel that can reach it', async () => {
    const sent = await send({ sender: { name: 'فهد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }, { kind: 'email', value: `fahad-${randomUUID().slice(0, 6)}@example.org` }] } });
    const detail = await http.get(`/tickets/${sent.body.ticketId}`, org.users.agentMen.token);
    const email = detail.body.contact.identities.find((i: { kind: string }) => i.kind === 'email');
    const noEmail = await http.post(`/tickets/${sent.body.ticketId}/messages`, { body: 'مرحبا', identityId: email.id }, org.users.agentMen.token);
    expect(noEmail.status).toBe(400);
    expect(fieldOf(noEmail.body)).toBe('identityId');
    const strangers = await http.post(`/tickets/${sent.body.ticketId}/messages`, { body: 'مرحبا', identityId: randomUUID() }, org.users.agentMen.token);
    expect(strangers.status).toBe(404);
  });

  it('shows the contact card with the contact’s other tickets, minus the ones the reader may not see', async () => {
    const phone = uniquePhone();
    const sender = { name: 'نورة', gender: 'female', identities: [{ kind: 'phone', value: phone }] };
    const first = (await send({ sender })).body.ticketId;
    await http.patch(`/tickets/${first}`, { status: 'closed' }, org.users.agentWomen.token);
    const secret = (await send({ sender, type: 'complaint', text: 'شكوى' })).body.ticketId;
    await http.patch(`/tickets/${secret}`, { status: 'closed' }, org.users.officer.token);
    const latest = (await send({ sender, text: 'طلب جديد' })).body.ticketId;
    const card = (await http.get(`/tickets/${latest}`, org.users.agentWomen.token)).body.contact;
    expect(card.otherTickets.map((t: { id: string }) => t.id)).toEqual([first]);
    const officerCard = (await http.get(`/tickets/${latest}`, org.users.officer.token)).status;
    expect(officerCard).toBe(404);
    const adminCard = (await http.get(`/tickets/${secret}`, org.users.officer.token)).body.contact;
    expect(adminCard.otherTickets.map((t: { id: string }) => t.id)).toEqual([]);
  });

  it('serves reply templates to staff; admins write them and unknown variables are refused', async () => {
    const created = await http.post('/admin/templates', { name: 'ترحيب', locale: 'ar', body: 'مرحبا {{contact.name}}، رقم طلبك {{ticket.reference}}. {{agent.name}} من {{organization.name}}' }, org.users.admin.token);
    expect(created.status).toBe(201);
    const typo = await http.post('/admin/templates', { name: 'خطأ', locale: 'ar', body: 'مرحبا {{contact.nmae}}' }, org.users.admin.token);
    expect(typo.status).toBe(400);
    expect(fieldOf(typo.body)).toBe('body');
    expect((await http.post('/admin/templates', { name: 'ترحيب', locale: 'ar', body: 'x' }, org.users.admin.token)).status).toBe(400);
    expect((await http.post('/admin/templates', { name: 'x', locale: 'ar', body: 'x' }, org.users.agentMen.token)).status).toBe(403);
    const listed = await http.get('/templates', org.users.agentMen.token);
    expect(listed.body.map((t: { name: string }) => t.name)).toEqual(['ترحيب']);
    expect((await http.get('/templates', other.users.agentMen.token)).body).toEqual([]);
    expect((await http.patch(`/admin/templates/${created.body.id}`, { body: 'أهلا' }, other.users.admin.token)).status).toBe(404);
  });

  it('shows supervisors the load of each team and agent, without complaints', async () => {
    const load = async () => (await http.get('/supervision/load', org.users.supervisor.token)).body;
    const before = await load();
    const ticketId = (await send()).body.ticketId;
    await http.patch(`/tickets/${ticketId}`, { assigneeId: org.users.agentMen.id }, org.users.supervisor.token);
    const secret = (await complaint()).body.ticketId;
    await http.patch(`/tickets/${secret}`, { assigneeId: org.users.officer.id }, org.users.officer.token);
    const after = await load();
    const men = (l: any) => l.teams.find((t: { teamId: string }) => t.teamId === org.men.id)?.open ?? 0;
    const agent = (l: any, id: string) => l.agents.find((a: { userId: string }) => a.userId === id)?.open ?? 0;
    expect(men(after)).toBe(men(before) + 1);
    expect(agent(after, org.users.agentMen.id)).toBe(agent(before, org.users.agentMen.id) + 1);
    expect(agent(after, org.users.officer.id)).toBe(0);
    expect((await http.get('/supervision/load', org.users.agentMen.token)).status).toBe(403);
  });

  it('downloads attachments for those who may see the ticket, as a download', async () => {
    const bytes = Buffer.from('%PDF-1.4 بيان');
    const sent = await send({ attachments: [{ fileName: 'بيان.pdf', contentType: 'application/pdf', contentBase64: bytes.toString('base64') }] });
    const response = await fetch(`${testApp.url}/api/v1/attachments/${sent.body.messageId}/0`, { headers: { authorization: `Bearer ${org.users.agentMen.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    for (const token of [org.users.agentWomen.token, other.users.admin.token]) {
      expect((await http.get(`/attachments/${sent.body.messageId}/0`, token)).status).toBe(404);
    }
    expect((await http.get(`/attachments/${sent.body.messageId}/1`, org.users.agentMen.token)).status).toBe(404);
    const secret = await complaint().then(() => send({ type: 'complaint', attachments: [{ fileName: 'دليل.pdf', contentType: 'application/pdf', contentBase64: bytes.toString('base64') }] }));
    expect((await http.get(`/attachments/${secret.body.messageId}/0`, org.users.admin.token)).status).toBe(404);
    expect((await http.get(`/attachments/${secret.body.messageId}/0`, org.users.officer.token)).status).toBe(200);
    // Opening a confidential attachment is on the record (the admin's refused attempt is not a view).
    const viewed = await dataSource(testApp).query(
      `SELECT actor_user_id FROM audit_events WHERE entity_id = $1 AND action = 'attachment.viewed'`, [secret.body.ticketId],
    );
    expect(viewed.map((row: { actor_user_id: string }) => row.actor_user_id)).toEqual([org.users.officer.id]);
  });
});
