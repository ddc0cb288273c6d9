import { randomUUID } from 'node:crypto';
import { Role, TenancyService } from '@inbox/tenancy';
import { AssignmentJob } from '../apps/worker/src/assignment.job';
import { createOrganization, dataSource, eventually, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';

/** Automatic assignment with two workers running at once: capacity holds, no ticket is given twice, offline agents get nothing. */
describe('assignment', () => {
  let first: TestApp;
  let second: TestApp;
  let http: Http;
  let org: TestOrganization;
  const agents: { id: string; token: string }[] = [];
  const clients: RecordingClient[] = [];

  const assignees = async (ticketIds: string[]) => {
    const rows: { id: string; assignee_id: string | null }[] = await dataSource(first).query(`SELECT id, assignee_id FROM tickets WHERE id = ANY($1::uuid[])`, [ticketIds]);
    return rows;
  };
  const loadOf = (rows: { assignee_id: string | null }[]) => rows.reduce<Record<string, number>>((acc, r) => (r.assignee_id ? { ...acc, [r.assignee_id]: (acc[r.assignee_id] ?? 0) + 1 } : acc), {});
  const burst = (n: number) => Promise.all(Array.from({ length: n }, () => inbound(http, org, {
    externalId: randomUUID(), text: 'طلب مساعدة', sender: { name: 'عبدالله', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
  }).then((r) => r.body.ticketId as string)));

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp();
    http = new Http(first.url);
    org = await createOrganization(first, http);
    const tenancy = first.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    for (let i = 0; i < 3; i++) {
      const user = await tenancy.createUser(null, org.id, { email: `rr-${i}-${randomUUID().slice(0, 6)}@example.org`, name: `وكيل ${i}`, password: PASSWORD, roles: [Role.Agent] });
      agents.push({ id: user.id, token: await http.login(user.email) });
    }
    await tenancy.setMembers(system, org.men.id, agents.map((a) => ({ userId: a.id })));
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await second.close();
    await first.close();
  });

  it('lets supervisors choose a strategy and capacities, and refuses agents', async () => {
    expect((await http.request('PUT', `/teams/${org.men.id}/assignment`, { body: { strategy: 'round_robin' }, token: org.users.agentMen.token })).status).toBe(403);
    const bad = await http.request('PUT', `/teams/${org.men.id}/assignment`, { body: { strategy: 'random' }, token: org.users.supervisor.token });
    expect(bad.status).toBe(400);
    const set = await http.request('PUT', `/teams/${org.men.id}/assignment`, { body: { strategy: 'round_robin', agentCapacity: 2 }, token: org.users.supervisor.token });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ strategy: 'round_robin', agentCapacity: 2 });
  });

  it('gives new tickets only to available agents, never above capacity, never twice', async () => {
    // Two agents come online by opening the app; the third stays offline.
    for (const agent of agents.slice(0, 2)) clients.push(await connect(first.url, agent.token));
    expect((await http.get('/me/status', agents[0].token)).body.status).toBe('available');
    expect((await http.get('/me/status', agents[2].token)).body.status).toBe('offline');

    const tickets = await burst(7);
    const rows = await eventually(async () => {
      const current = await assignees(tickets);
      return current.filter((r) => r.assignee_id).length === 4 && current;
    }, 20_000);
    const load = loadOf(rows);
    expect(load).toEqual({ [agents[0].id]: 2, [agents[1].id]: 2 });
    await first.app.get(AssignmentJob).sweep();
    await second.app.get(AssignmentJob).sweep();
    expect(loadOf(await assignees(tickets))).toEqual(load);
    // The assignee hears of it.
    await eventually(async () => clients[0].of('notification').filter((e) => (e.payload as { kind: string }).kind === 'assigned').length === 2);

    // More capacity: the sweep hands out the rest, still one agent per ticket.
    await http.request('PUT', `/teams/${org.men.id}/assignment`, { body: { agentCapacity: 4 }, token: org.users.supervisor.token });
    await Promise.all([first.app.get(AssignmentJob).sweep(), second.app.get(AssignmentJob).sweep()]);
    expect(Object.values(loadOf(await assignees(tickets))).sort()).toEqual([3, 4]);
  });

  it('hands an agent’s tickets back to the team when they go offline, and the others pick them up', async () => {
    const before = await dataSource(first).query(`SELECT id FROM tickets WHERE assignee_id = $1 AND status IN ('new', 'open', 'pending')`, [agents[1].id]);
    expect(before.length).toBeGreaterThan(0);
    await http.request('PUT', `/teams/${org.men.id}/assignment`, { body: { agentCapacity: 20 }, token: org.users.supervisor.token });
    const released = await http.request('PUT', '/me/status', { body: { status: 'offline', releaseTickets: true }, token: agents[1].token });
    expect(released.status).toBe(200);
    expect(released.body.released.sort()).toEqual(before.map((r: { id: string }) => r.id).sort());
    const rows = await eventually(async () => {
      const current = await assignees(released.body.released);
      return current.every((r) => r.assignee_id === agents[0].id) && current;
    }, 20_000);
    expect(rows).toHaveLength(before.length);
  });

  it('marks an agent offline when their last tab closes', async () => {
    clients[0].close();
    await eventually(async () => (await http.get('/me/status', agents[0].token)).body.status === 'offline');
    const tickets = await burst(1);
    await first.app.get(AssignmentJob).sweep();
    expect((await assignees(tickets))[0].assignee_id).toBeNull();
  });
});
