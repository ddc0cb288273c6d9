import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { createOrganization, dataSource, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

describe('authentication', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
  });
  afterAll(() => testApp.close());

  it('logs in, refreshes with rotation and logs out', async () => {
    const login = await http.post('/auth/login', { email: org.users.agentMen.email.toUpperCase(), password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: org.users.agentMen.id, roles: ['agent'] });
    expect(login.body.user.passwordHash).toBeUndefined();
    const refreshed = await http.post('/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await http.post('/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    expect((await http.get('/auth/me', refreshed.body.accessToken)).body.teamIds).toEqual([org.men.id]);
    expect((await http.request('POST', '/auth/logout', { token: refreshed.body.accessToken, body: { refreshToken: refreshed.body.refreshToken } })).status).toBe(204);
    expect((await http.post('/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('refuses a wrong password, and records both attempts in the audit log', async () => {
    const wrong = await http.post('/auth/login', { email: org.users.supervisor.email, password: 'wrong password' });
    expect(wrong.status).toBe(401);
    const actions = await dataSource(testApp).query(
      `SELECT action FROM audit_events WHERE actor_user_id = $1 AND action LIKE 'auth.login%'`, [org.users.supervisor.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed']));
  });

  it('refuses forged, expired and missing tokens', async () => {
    expect((await http.get('/tickets')).status).toBe(401);
    expect((await http.get('/tickets', 'not.a.token')).status).toBe(401);
    const forged = new JwtService().sign({ sub: org.users.admin.id, org: org.id }, { secret: 'another-secret-that-is-long-enough-1234567', expiresIn: 600 });
    expect((await http.get('/tickets', forged)).status).toBe(401);
    const expired = new JwtService().sign({ sub: org.users.admin.id, org: org.id, exp: Math.floor(Date.now() / 1000) - 10 }, { secret: process.env.JWT_SECRET });
    expect((await http.get('/tickets', expired)).status).toBe(401);
  });

  it('rate-limits repeated login attempts', async () => {
    const email = `nobody-${randomUUID()}@example.org`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await http.post('/auth/login', { email, password: 'x' })).status);
    expect(statuses).toContain(429);
  });

  it('deactivating a user locks them out at once', async () => {
    const token = await http.login(org.users.delegate.email);
    expect((await http.patch(`/admin/users/${org.users.delegate.id}`, { active: false }, org.users.admin.token)).status).toBe(200);
    expect((await http.get('/tickets', token)).status).toBe(401);
  });
});

describe('tenancy', () => {
  let testApp: TestApp;
  let http: Http;
  let a: TestOrganization;
  let b: TestOrganization;
  let ticketOfA: string;
  let contactOfA: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    a = await createOrganization(testApp, http);
    b = await createOrganization(testApp, http);
    const sent = await inbound(http, a, { externalId: randomUUID(), sender: { name: 'علي', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] }, text: 'سؤال' });
    ticketOfA = sent.body.ticketId;
    contactOfA = (await http.get(`/tickets/${ticketOfA}`, a.users.admin.token)).body.contact.id;
  });
  afterAll(() => testApp.close());

  it("answers 404 for every id of another organization, read or write", async () => {
    const token = b.users.admin.token;
    const attempts = [
      http.get(`/tickets/${ticketOfA}`, token),
      http.patch(`/tickets/${ticketOfA}`, { status: 'closed' }, token),
      http.post(`/tickets/${ticketOfA}/messages`, { body: 'hi', internal: true }, token),
      http.get(`/contacts/${contactOfA}`, token),
      http.patch(`/contacts/${contactOfA}`, { name: 'x' }, token),
      http.get(`/admin/users/${a.users.agentMen.id}`, token),
      http.patch(`/admin/teams/${a.men.id}`, { nameEn: 'x' }, token),
      http.get(`/admin/channel-accounts/${a.api.id}`, token),
      http.patch(`/tickets/${(await http.get(`/tickets?limit=1`, b.users.admin.token)).body.items[0]?.id ?? randomUUID()}`, { teamId: a.men.id }, token),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(404);
    const mergeAcross = await http.post(`/contacts/${contactOfA}/merge`, { sourceId: randomUUID() }, a.users.admin.token);
    expect(mergeAcross.status).toBe(404);
  });

  it("never lists or counts another organization's tickets", async () => {
    const list = await http.get('/tickets', b.users.admin.token);
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(ticketOfA);
    const counts = await http.get('/tickets/counts', b.users.admin.token);
    expect(counts.body.allOpen).toBe(0);
    const contacts = await http.get('/contacts', b.users.admin.token);
    expect(contacts.body.items).toEqual([]);
  });

  it('keeps admin routes for admins', async () => {
    expect((await http.get('/admin/users', a.users.agentMen.token)).status).toBe(403);
    expect((await http.post('/admin/teams', { nameAr: 'ف', nameEn: 'x', section: 'men', purpose: 'service' }, a.users.supervisor.token)).status).toBe(403);
    const created = await http.post('/admin/users', { email: `new-${randomUUID()}@example.org`, name: 'جديد', password: 'long enough password', roles: ['agent'] }, a.users.admin.token);
    expect(created.status).toBe(201);
    expect(created.body.passwordHash).toBeUndefined();
    const duplicate = await http.post('/admin/users', { email: created.body.email, name: 'x', password: 'long enough password', roles: ['agent'] }, a.users.admin.token);
    expect(duplicate.status).toBe(409);
    const badRole = await http.post('/admin/users', { email: `x-${randomUUID()}@example.org`, name: 'x', password: 'long enough password', roles: ['king'] }, a.users.admin.token);
    expect(badRole.status).toBe(400);
    expect(badRole.body.fields[0].field).toBe('roles');
  });

  it('audits permission changes and refuses to rewrite the audit log', async () => {
    await http.patch(`/admin/users/${a.users.agentWomen.id}`, { roles: ['agent', 'supervisor'] }, a.users.admin.token);
    const log = await http.get(`/admin/audit-events?entityType=user&entityId=${a.users.agentWomen.id}`, a.users.admin.token);
    expect(log.body.items[0]).toMatchObject({ action: 'user.permissions_changed', actorUserId: a.users.admin.id });
    await expect(dataSource(testApp).query(`UPDATE audit_events SET action = 'x' WHERE organization_id = $1`, [a.id])).rejects.toThrow(/append-only/);
    await expect(dataSource(testApp).query(`DELETE FROM audit_events WHERE organization_id = $1`, [a.id])).rejects.toThrow(/append-only/);
  });

  it('serves OpenAPI and health', async () => {
    const docs = (await fetch(`${testApp.url}/api/docs/openapi.json`).then((r) => r.json())) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets', '/api/v1/channels/{channelId}/inbound', '/api/v1/auth/login']));
    expect((await http.get('/health')).body).toEqual({ status: 'ok', database: 'reachable' });
  });
});
