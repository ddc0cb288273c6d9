import { randomUUID } from 'node:crypto';
import { ComplaintCasesService } from '@inbox/complaints';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, dataSource, eventually, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient, settle } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';
import { webhookReceiver, WebhookReceiver } from './helpers/webhook';

type Who = 'admin' | 'supervisor' | 'sameTeamAgent' | 'otherTeamAgent' | 'delegate' | 'officer' | 'participant' | 'namedOfficer' | 'namedsSupervisor' | 'outsideOfficer';

/**
 * The permission matrix of a complaint: each kind of user against each path a
 * ticket can be seen through, over REST and sockets; then the closure, whose
 * action text must never leave the case.
 */
describe('confidential complaints', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let other: TestOrganization;
  let hook: WebhookReceiver;
  const tokens = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const sockets = {} as Record<Who, RecordingClient>;
  let ticketId: string;
  let messageId: string;
  let contactId: string;
  const word = `خصوصية${Date.now() % 100000}`;
  const phone = uniquePhone();
  const mayOpen: Record<Who, boolean> = {
    admin: false, supervisor: false, sameTeamAgent: false, otherTeamAgent: false, delegate: false,
    officer: true, participant: true, namedOfficer: false, namedsSupervisor: false, outsideOfficer: false,
  };

  beforeAll(async () => {
    hook = await webhookReceiver();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http, { webhookUrl: hook.url });
    other = await createOrganization(testApp, http);
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    const make = async (name: string, roles: Role[]) => {
      const user = await tenancy.createUser(null, org.id, { email: `${name.replace(/\s/g, "-")}-${randomUUID().slice(0, 6)}@example.org`, name, password: PASSWORD, roles });
      return { id: user.id, token: await http.login(user.email) };
    };
    const namedOfficer = await make('named officer', [Role.ComplaintsOfficer]);
    const staff = await make('named staff', [Role.Agent]);
    const lead = await make('lead', [Role.Supervisor, Role.ComplaintsOfficer]);
    const womenAgent = await make('women agent', [Role.Agent]);
    await tenancy.setMembers(system, org.women.id, [{ userId: org.users.agentWomen.id }, { userId: womenAgent.id }]);
    // The named staff member and the lead share the men's team: the lead is "their supervisor".
    await tenancy.setMembers(system, org.men.id, [{ userId: org.users.agentMen.id }, { userId: staff.id }, { userId: lead.id }]);
    Object.assign(ids, {
      admin: org.users.admin.id, supervisor: org.users.supervisor.id, sameTeamAgent: org.users.agentMen.id, otherTeamAgent: womenAgent.id,
      delegate: org.users.delegate.id, officer: org.users.officer.id, participant: org.users.agentWomen.id, namedOfficer: namedOfficer.id,
      namedsSupervisor: lead.id, outsideOfficer: other.users.officer.id,
    });
    Object.assign(tokens, {
      admin: org.users.admin.token, supervisor: org.users.supervisor.token, sameTeamAgent: org.users.agentMen.token,
      otherTeamAgent: womenAgent.token, delegate: org.users.delegate.token, officer: org.users.officer.token,
      participant: org.users.agentWomen.token, namedOfficer: namedOfficer.token, namedsSupervisor: lead.token,
      outsideOfficer: other.users.officer.token,
    });

    const complaint = await inbound(http, org, {
      externalId: randomUUID(), type: 'complaint', text: `أشتكي من تعامل موظف ${word}`,
      sender: { name: 'مشتكٍ', gender: 'male', identities: [{ kind: 'phone', value: phone }] },
      attachments: [{ fileName: 'دليل.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 x').toString('base64') }],
    });
    expect(complaint.status).toBe(202);
    ({ ticketId, messageId } = complaint.body);
    contactId = (await http.get(`/tickets/${ticketId}`, tokens.officer)).body.ticket.contactId;

    // The officer shapes the case: a participant from another team, a named officer, a named staff member.
    const asOfficer = (path: string, body: unknown) => http.post(`/complaints/${ticketId}${path}`, body, tokens.officer);
    expect((await asOfficer('/participants', { userId: org.users.agentWomen.id })).status).toBe(201);
    expect((await asOfficer('/parties', { userId: namedOfficer.id, role: 'موظف الاستقبال' })).status).toBe(201);
    expect((await asOfficer('/parties', { userId: staff.id })).status).toBe(201);
    expect((await asOfficer('/parties', { name: 'طرف خارجي' })).status).toBe(201);

    for (const who of Object.keys(tokens) as Who[]) sockets[who] = await connect(testApp.url, tokens[who]);
  });
  afterAll(async () => {
    Object.values(sockets).forEach((s) => s.close());
    await testApp.close();
    hook.server.close();
  });

  it.each(Object.keys(mayOpen) as Who[])('%s sees the complaint through no path unless allowed', async (who) => {
    const token = tokens[who];
    const allowed = mayOpen[who];
    const listed = (await http.get('/tickets?limit=200', token)).body.items?.map((t: { id: string }) => t.id) ?? [];
    expect(listed.includes(ticketId)).toBe(allowed);
    const searched = (await http.get(`/tickets?q=${encodeURIComponent(word)}`, token)).body.items?.map((t: { id: string }) => t.id) ?? [];
    expect(searched.includes(ticketId)).toBe(allowed);
    expect((await http.get(`/tickets/${ticketId}`, token)).status).toBe(allowed ? 200 : 404);
    expect((await http.get(`/tickets/${ticketId}/summary`, token)).status).toBe(allowed ? 200 : 404);
    expect((await http.get(`/complaints/${ticketId}`, token)).status).toBe(allowed ? 200 : 404);
    expect((await http.get(`/attachments/${messageId}/0`, token)).status).toBe(allowed ? 200 : 404);
    const contact = await http.get(`/contacts/${contactId}`, token);
    // The person is not secret to colleagues; their complaint is.
    expect(contact.status).toBe(who === 'outsideOfficer' ? 404 : 200);
    if (contact.status === 200) expect(contact.body.tickets.some((t: { id: string }) => t.id === ticketId)).toBe(allowed);
    const view = await sockets[who].socket.emitWithAck('ticket.view', { ticketId });
    expect(view.ok).toBe(allowed);
    const replay = await sockets[who].socket.emitWithAck('sync', { since: '0' });
    expect(replay.reset || replay.events.some((e) => e.ticketId === ticketId) === allowed).toBe(true);
    // Mentioning someone the complaint names is refused even to an officer.
    if (who === 'officer') {
      const mention = await http.post(`/tickets/${ticketId}/messages`, { body: 'انظر', internal: true, mentions: [ids.namedOfficer] }, token);
      expect(mention.status).toBe(400);
    }
  });

  it('sends live events of the complaint only to the officers and participants it does not name', async () => {
    const followUp = await inbound(http, org, {
      externalId: randomUUID(), text: `إضافة للشكوى ${word}`,
      sender: { name: 'مشتكٍ', gender: 'male', identities: [{ kind: 'phone', value: phone }] },
    });
    expect(followUp.body.ticketId).toBe(ticketId);
    await eventually(async () => sockets.officer.of('message.created', ticketId).length >= 1 && sockets.participant.of('message.created', ticketId).length >= 1);
    await settle();
    for (const who of Object.keys(mayOpen) as Who[]) {
      expect(sockets[who].events.filter((e) => e.ticketId === ticketId).length > 0).toBe(mayOpen[who]);
    }
  });

  it('keeps complaints out of supervisors’ loads and the admin audit listing, and refuses handing them to the named', async () => {
    const load = (await http.get('/supervision/load', tokens.supervisor)).body;
    // The officer's complaint is not part of anyone's load.
    expect(load.agents.find((a: { userId: string }) => a.userId === ids.officer)?.open ?? 0).toBe(0);
    expect(load.teams.reduce((n: number, t: { open: number }) => n + t.open, 0)).toBe(0);
    const audit = await http.get(`/admin/audit-events?entityId=${ticketId}`, tokens.admin);
    expect(JSON.stringify(audit.body)).not.toContain(ticketId);
    const refused = await http.patch(`/tickets/${ticketId}`, { assigneeId: ids.namedOfficer }, tokens.officer);
    expect(refused.status).toBe(400);
    // Participants work the case but do not run it.
    expect((await http.post(`/complaints/${ticketId}/close`, { decision: 'upheld' }, tokens.participant)).status).toBe(403);
    expect((await http.post(`/complaints/${ticketId}/participants`, { userId: ids.namedOfficer }, tokens.officer)).status).toBe(400);
  });

  it('acknowledges the complaint with its reference and tracking code, on the complainant’s channel', async () => {
    await testApp.app.get(ComplaintCasesService).acknowledgePending();
    const kase = (await http.get(`/complaints/${ticketId}`, tokens.officer)).body;
    expect(kase.acknowledgedAt).toBeTruthy();
    const ack = await eventually(async () => hook.bodies.map((b) => JSON.parse(b)).find((b) => JSON.stringify(b).includes(kase.trackingCode)));
    expect(JSON.stringify(ack)).toContain(kase.reference);
  });

  it('closes with a notice that says appropriate action was taken, and never what it was, anywhere', async () => {
    const secret = `ACTION-${randomUUID().slice(0, 8)}-إنذار كتابي للموظف`;
    const findings = `FINDING-${randomUUID().slice(0, 8)}`;
    expect((await http.patch(`/complaints/${ticketId}`, { findings, actionTaken: secret }, tokens.officer)).status).toBe(200);
    const closed = await http.post(`/complaints/${ticketId}/close`, { decision: 'upheld' }, tokens.officer);
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ status: 'closed', decision: 'upheld', actionTaken: secret });
    expect(closed.body.closureNotice).toContain(closed.body.reference);
    expect(closed.body.closureNotice).toContain('الإجراء المناسب');

    // The complainant's channel receives the notice.
    await eventually(async () => hook.bodies.some((b) => b.includes('الإجراء المناسب')));
    await settle(500);
    const everythingOut = [
      ...hook.bodies,
      JSON.stringify((await http.get(`/public/complaints/${closed.body.trackingCode}`)).body),
      ...Object.values(sockets).map((s) => JSON.stringify(s.events)),
      ...(await dataSource(testApp).query(`SELECT body, metadata FROM messages WHERE ticket_id = $1 AND direction = 'outbound'`, [ticketId])).map((m: unknown) => JSON.stringify(m)),
      ...(await dataSource(testApp).query(`SELECT payload FROM events WHERE ticket_id = $1`, [ticketId])).map((e: unknown) => JSON.stringify(e)),
      ...(await dataSource(testApp).query(`SELECT data FROM audit_events WHERE entity_id = $1`, [ticketId])).map((a: unknown) => JSON.stringify(a)),
    ].join('\n');
    expect(everythingOut).not.toContain(secret);
    expect(everythingOut).not.toContain(findings);
    expect(everythingOut).toContain(closed.body.reference);

    const tracking = (await http.get(`/public/complaints/${closed.body.trackingCode}`)).body;
    expect(tracking).toMatchObject({ reference: closed.body.reference, status: 'closed' });
    expect(tracking.notice).toContain('الإجراء المناسب');
    expect((await http.get('/public/complaints/NOSUCHCODE123')).status).toBe(404);
  });

  it('lets officers read the case’s access history, views included', async () => {
    const log = await http.get(`/complaints/${ticketId}/access-log`, tokens.officer);
    expect(log.status).toBe(200);
    const actions = log.body.map((e: { action: string; actorUserId: string }) => `${e.action}:${e.actorUserId}`);
    expect(actions).toContain(`ticket.viewed:${ids.participant}`);
    expect(actions).toContain(`complaint.viewed:${ids.officer}`);
    expect(actions).toContain(`attachment.viewed:${ids.participant}`);
    expect((await http.get(`/complaints/${ticketId}/access-log`, tokens.participant)).status).toBe(403);
    expect((await http.get(`/complaints/${ticketId}/access-log`, tokens.namedOfficer)).status).toBe(404);
  });

  it('lets admins reword the locked notices but never add a field to them', async () => {
    const refused = await http.request('PUT', '/admin/notice-templates/closure/en', { body: { body: 'Closed {{reference}}: {{actionTaken}}' }, token: tokens.admin });
    expect(refused.status).toBe(400);
    const saved = await http.request('PUT', '/admin/notice-templates/closure/en', { body: { body: 'Your complaint {{reference}} is closed; appropriate action was taken. {{organization.name}}' }, token: tokens.admin });
    expect(saved.status).toBe(200);
    expect((await http.request('PUT', '/admin/notice-templates/closure/en', { body: { body: 'x' }, token: tokens.officer })).status).toBe(403);
    const listed = (await http.get('/admin/notice-templates', tokens.admin)).body;
    expect(listed).toHaveLength(4);
  });

  it('erases a closed complaint’s personal data after the retention period, keeping the counts', async () => {
    await dataSource(testApp).query(`UPDATE organizations SET complaint_retention_days = 30 WHERE id = $1`, [org.id]);
    await dataSource(testApp).query(`UPDATE tickets SET closed_at = now() - interval '31 days' WHERE id = $1`, [ticketId]);
    expect(await testApp.app.get(ComplaintCasesService).eraseExpired()).toBeGreaterThanOrEqual(1);
    const kase = (await http.get(`/complaints/${ticketId}`, tokens.officer)).body;
    expect(kase).toMatchObject({ findings: null, actionTaken: null, decision: 'upheld' });
    expect(kase.erasedAt).toBeTruthy();
    const detail = (await http.get(`/tickets/${ticketId}`, tokens.officer)).body;
    expect(detail.messages.every((m: { body: string }) => m.body === '[erased]')).toBe(true);
    expect(detail.ticket).toMatchObject({ type: 'complaint', status: 'closed' });
  });
});
