import { randomUUID } from 'node:crypto';
import { addBusinessMinutes, businessMinutesBetween } from '@inbox/core';
import { OrganizationProfileCache, SlaService } from '@inbox/tickets';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, dataSource, eventually, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';

/** Deadlines: policies by type, holidays in either calendar, the pending pause, next response, and alerts raised once by the sweep. */
describe('deadlines', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let lead: { id: string; token: string };
  const clients: RecordingClient[] = [];
  const ticketRow = async (id: string) => (await dataSource(testApp).query(`SELECT * FROM tickets WHERE id = $1`, [id]))[0];
  const send = (over: Record<string, unknown> = {}) => inbound(http, org, {
    externalId: randomUUID(), text: 'استفسار', sender: { name: 'سعد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] }, ...over,
  });

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const tenancy = testApp.app.get(TenancyService);
    const user = await tenancy.createUser(null, org.id, { email: `lead-${randomUUID().slice(0, 6)}@example.org`, name: 'قائد الفريق', password: PASSWORD, roles: [Role.Agent, Role.Supervisor] });
    lead = { id: user.id, token: await http.login(user.email) };
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    await tenancy.setMembers(system, org.men.id, [{ userId: org.users.agentMen.id }, { userId: lead.id, lead: true }]);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await testApp.close();
  });

  it('takes deadlines from the most specific policy, in business hours with holidays', async () => {
    const bad = await http.post('/admin/sla-policies', { name: 'x', firstResponseMinutes: 0, resolutionMinutes: 10 }, org.users.admin.token);
    expect(bad.status).toBe(400);
    expect((await http.post('/admin/sla-policies', { name: 'x', firstResponseMinutes: 5, resolutionMinutes: 10 }, org.users.supervisor.token)).status).toBe(403);
    const policy = await http.post('/admin/sla-policies', {
      name: 'استفسارات', ticketType: 'inquiry', firstResponseMinutes: 30, nextResponseMinutes: 45, resolutionMinutes: 240, warnBeforeMinutes: 15, escalateToLead: true,
    }, org.users.admin.token);
    expect(policy.status).toBe(201);
    const holiday = await http.post('/admin/holidays', { name: 'اليوم الوطني', hijriDate: '1448-04-03' }, org.users.admin.token);
    expect(holiday.status).toBe(201);
    expect(holiday.body.date).toMatch(/^2026-09-\d\d$/);
    const wrong = await http.post('/admin/holidays', { name: 'x', hijriDate: '1448-13-01' }, org.users.admin.token);
    expect(wrong.status).toBe(400);

    const before = new Date();
    const ticket = await ticketRow((await send()).body.ticketId);
    const hours = (await testApp.app.get(OrganizationProfileCache).get(org.id)).businessHours;
    expect(hours.holidays).toContain(holiday.body.date);
    const expected = addBusinessMinutes(before, 30, hours).getTime();
    expect(Math.abs(new Date(ticket.first_response_due_at).getTime() - expected)).toBeLessThan(5_000);
    // A support request is decided by the committee within fourteen days.
    const request = await ticketRow((await send({ type: 'support_request' })).body.ticketId);
    expect(new Date(request.decision_due_at).getTime() - new Date(request.created_at).getTime()).toBe(14 * 86_400_000);
  });

  it('lets admins set business hours, the default deadlines and the survey delay, refusing days that end before they start', async () => {
    const other = await createOrganization(testApp, http);
    const admin = other.users.admin.token;
    expect((await http.get('/admin/service-settings', admin)).body).toEqual({
      timeZone: 'Asia/Riyadh', workDays: [0, 1, 2, 3, 4], workStartMinute: 480, workEndMinute: 960,
      firstResponseMinutes: 240, resolutionMinutes: 2400, surveyDelayMinutes: 60, surveyComplaints: 'process',
    });
    expect((await http.patch('/admin/service-settings', { surveyDelayMinutes: 5 }, other.users.supervisor.token)).status).toBe(403);
    const refused = [{ timeZone: 'Mars/Olympus' }, { workStartMinute: 1000 }, { workDays: [] }, { workDays: [7] }, { surveyComplaints: 'outcome' }, { firstResponseMinutes: 0 }];
    for (const body of refused) {
      const answer = await http.patch('/admin/service-settings', body, admin);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    // Another organization's admin changes only their own.
    expect((await http.get('/admin/service-settings', org.users.admin.token)).body.workDays).toEqual([0, 1, 2, 3, 4]);

    const changed = await http.patch('/admin/service-settings', {
      workDays: [6, 5, 4, 3, 2, 1, 0], workStartMinute: 0, workEndMinute: 1440, firstResponseMinutes: 60, surveyDelayMinutes: 5, surveyComplaints: 'none',
    }, admin);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ workDays: [0, 1, 2, 3, 4, 5, 6], workStartMinute: 0, workEndMinute: 1440, firstResponseMinutes: 60, surveyDelayMinutes: 5 });
    expect((await http.get('/admin/service-settings', org.users.admin.token)).body.workDays).toEqual([0, 1, 2, 3, 4]);

    // Open every hour of every day: the next ticket's first answer is due an hour after it came, and its survey five minutes after it is resolved.
    const sent = await inbound(http, other, { externalId: randomUUID(), text: 'استفسار', sender: { name: 'سعد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    const ticket = await ticketRow(sent.body.ticketId);
    expect(new Date(ticket.first_response_due_at).getTime() - new Date(ticket.created_at).getTime()).toBeLessThan(60 * 60_000 + 5_000);
    expect(new Date(ticket.first_response_due_at).getTime() - new Date(ticket.created_at).getTime()).toBeGreaterThan(60 * 60_000 - 5_000);
    expect((await http.patch(`/tickets/${ticket.id}`, { status: 'resolved' }, other.users.admin.token)).status).toBe(200);
    const [survey] = await dataSource(testApp).query(`SELECT scheduled_for - now() AS wait FROM surveys WHERE ticket_id = $1`, [ticket.id]);
    expect(survey.wait.minutes).toBeGreaterThanOrEqual(4);
    expect(survey.wait.minutes).toBeLessThanOrEqual(5);
    const [audited] = await dataSource(testApp).query(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'service_settings.updated'`, [other.id]);
    expect(audited.n).toBe(1);
  });

  it('stops the clock while the ticket waits on the customer', async () => {
    const ticketId = (await send()).body.ticketId;
    await http.patch(`/tickets/${ticketId}`, { status: 'pending' }, org.users.agentMen.token);
    const paused = await ticketRow(ticketId);
    expect(paused.paused_at).toBeTruthy();
    // Pretend it waited three days.
    const pausedAt = new Date(Date.now() - 3 * 86_400_000);
    await dataSource(testApp).query(`UPDATE tickets SET paused_at = $2 WHERE id = $1`, [ticketId, pausedAt]);
    await http.patch(`/tickets/${ticketId}`, { status: 'open' }, org.users.agentMen.token);
    const resumed = await ticketRow(ticketId);
    const hours = (await testApp.app.get(OrganizationProfileCache).get(org.id)).businessHours;
    const expected = addBusinessMinutes(new Date(paused.resolution_due_at), businessMinutesBetween(pausedAt, new Date(), hours), hours);
    expect(Math.abs(new Date(resumed.resolution_due_at).getTime() - expected.getTime())).toBeLessThan(2 * 60_000);
    expect(resumed.paused_at).toBeNull();
  });

  it('starts the next-response clock when the customer writes again after an answer, and stops it with the reply', async () => {
    const phone = uniquePhone();
    const sender = { name: 'سعد', gender: 'male', identities: [{ kind: 'phone', value: phone }] };
    const ticketId = (await send({ sender })).body.ticketId;
    await dataSource(testApp).query(`UPDATE tickets SET first_responded_at = now() WHERE id = $1`, [ticketId]);
    await send({ sender, text: 'هل من جديد؟' });
    await eventually(async () => (await ticketRow(ticketId)).next_response_due_at !== null);
    await http.post(`/tickets/${ticketId}/messages`, { body: 'نعم، نعمل عليه' }, org.users.agentMen.token);
    expect((await ticketRow(ticketId)).next_response_due_at).toBeNull();
  });

  it('starts the next-response clock of every ticket whose customer writes in the same moment, and only theirs', async () => {
    const senders = Array.from({ length: 6 }, (_, i) => ({ name: `عميل ${i}`, gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] }));
    const tickets = await Promise.all(senders.map(async (sender) => (await send({ sender })).body.ticketId as string));
    const answered = tickets.slice(0, 4);
    await dataSource(testApp).query(`UPDATE tickets SET first_responded_at = now() WHERE id = ANY($1::uuid[])`, [answered]);
    // All at once, so the worker sees them together; one customer writes twice.
    await Promise.all([...senders, senders[0]!].map((sender) => send({ sender, text: 'هل من جديد؟' })));
    await eventually(async () => (await Promise.all(answered.map(ticketRow))).every((t) => t.next_response_due_at !== null));
    for (const ticketId of tickets.slice(4)) expect((await ticketRow(ticketId)).next_response_due_at).toBeNull();
  });

  it('warns before a deadline and escalates a breach, once each, to the assignee and the team supervisors', async () => {
    const agent = await connect(testApp.url, org.users.agentMen.token);
    const supervisorOfTeam = await connect(testApp.url, lead.token);
    const outsider = await connect(testApp.url, org.users.agentWomen.token);
    clients.push(agent, supervisorOfTeam, outsider);
    const ticketId = (await send()).body.ticketId;
    await http.patch(`/tickets/${ticketId}`, { assigneeId: org.users.agentMen.id }, org.users.supervisor.token);
    const sla = testApp.app.get(SlaService);

    await dataSource(testApp).query(`UPDATE tickets SET first_response_due_at = now() + interval '5 minutes' WHERE id = $1`, [ticketId]);
    await sla.sweep(new Date(), org.id);
    const approaching = (c: RecordingClient) => c.of('notification', ticketId).filter((e) => (e.payload as { kind: string }).kind === 'deadline_approaching');
    await eventually(async () => approaching(agent).length === 1 && approaching(supervisorOfTeam).length === 1);
    await sla.sweep(new Date(), org.id);

    await dataSource(testApp).query(`UPDATE tickets SET first_response_due_at = now() - interval '1 minute' WHERE id = $1`, [ticketId]);
    await sla.sweep(new Date(), org.id);
    await sla.sweep(new Date(), org.id);
    const breached = (c: RecordingClient) => c.of('notification', ticketId).filter((e) => (e.payload as { kind: string }).kind === 'deadline_breached');
    await eventually(async () => breached(supervisorOfTeam).length === 1);
    const escalated = await ticketRow(ticketId);
    expect(escalated.priority).toBe('high');
    expect(escalated.assignee_id).toBe(lead.id);
    expect(approaching(agent)).toHaveLength(1);
    expect(breached(supervisorOfTeam)).toHaveLength(1);
    expect(outsider.of('notification', ticketId)).toEqual([]);
    expect(breached(supervisorOfTeam)[0].payload).toMatchObject({ deadline: 'first_response' });
  });

  it('records the deadline it alerted on to the microsecond, so the next sweep passes over it', async () => {
    const ticketId = (await send()).body.ticketId;
    // A deadline written by SQL (an import, a backfill) carries microseconds; one computed by the app does not.
    await dataSource(testApp).query(`UPDATE tickets SET first_response_due_at = date_trunc('second', now()) - interval '1 hour' + interval '123457 microseconds' WHERE id = $1`, [ticketId]);
    const sla = testApp.app.get(SlaService);
    expect(await sla.sweep(new Date(), org.id)).toBeGreaterThanOrEqual(1);
    const [{ matching }] = await dataSource(testApp).query(
      `SELECT count(*)::int AS matching FROM sla_alerts a JOIN tickets t ON t.id = a.ticket_id AND a.due_at = t.first_response_due_at
       WHERE a.ticket_id = $1 AND a.deadline = 'first_response' AND a.level = 'breached'`, [ticketId],
    );
    expect(matching).toBe(1);
    expect(await sla.sweep(new Date(), org.id)).toBe(0);
  });

  it('passes over a breach it has alerted, and alerts again when the deadline moves', async () => {
    const sla = testApp.app.get(SlaService);
    const ticketId = (await send()).body.ticketId;
    const alerts = async () => (await dataSource(testApp).query(
      `SELECT level FROM sla_alerts WHERE ticket_id = $1 AND deadline = 'resolution' ORDER BY raised_at, level`, [ticketId],
    )).map((a: { level: string }) => a.level);
    await dataSource(testApp).query(
      `UPDATE tickets SET first_response_due_at = NULL, resolution_due_at = now() - interval '2 minutes' WHERE id = $1`, [ticketId],
    );
    await sla.sweep(new Date(), org.id);
    expect(await alerts()).toEqual(['breached']);
    const marked = await ticketRow(ticketId);
    expect(marked.resolution_breach_raised_for).toEqual(marked.resolution_due_at);
    // The sweep's index no longer holds the ticket, and the next sweeps raise nothing for it.
    const [{ indexed }] = await dataSource(testApp).query(
      `SELECT count(*)::int AS indexed FROM tickets WHERE id = $1 AND status IN ('new', 'open') AND resolution_due_at IS NOT NULL
         AND resolution_breach_raised_for IS DISTINCT FROM resolution_due_at`, [ticketId],
    );
    expect(indexed).toBe(0);
    await sla.sweep(new Date(), org.id);
    expect(await alerts()).toEqual(['breached']);

    // Waiting on the customer and back, with the same deadline: nothing new to say.
    const [{ due }] = await dataSource(testApp).query(`SELECT resolution_due_at::text AS due FROM tickets WHERE id = $1`, [ticketId]);
    await http.patch(`/tickets/${ticketId}`, { status: 'pending' }, org.users.supervisor.token);
    await dataSource(testApp).query(`UPDATE tickets SET status = 'open', resolution_due_at = $2::timestamptz WHERE id = $1`, [ticketId, due]);
    await sla.sweep(new Date(), org.id);
    expect(await alerts()).toEqual(['breached']);

    // A new deadline (the ticket reopened, say) is watched again: warned of, then alerted when it passes.
    await dataSource(testApp).query(`UPDATE tickets SET resolution_due_at = now() + interval '10 minutes' WHERE id = $1`, [ticketId]);
    await sla.sweep(new Date(), org.id);
    expect(await alerts()).toEqual(['breached', 'approaching']);
    await sla.sweep(new Date(Date.now() + 11 * 60_000), org.id);
    expect(await alerts()).toEqual(['breached', 'approaching', 'breached']);
    expect((await ticketRow(ticketId)).resolution_breach_raised_for).toEqual((await ticketRow(ticketId)).resolution_due_at);
  });

  it('alerts a committee decision that falls due while the ticket waits on the customer', async () => {
    const sla = testApp.app.get(SlaService);
    const ticketId = (await send({ type: 'support_request' })).body.ticketId;
    await http.patch(`/tickets/${ticketId}`, { status: 'pending' }, org.users.supervisor.token);
    await dataSource(testApp).query(
      `UPDATE tickets SET first_response_due_at = NULL, resolution_due_at = NULL, decision_due_at = now() - interval '1 minute' WHERE id = $1`, [ticketId],
    );
    await sla.sweep(new Date(), org.id);
    const [alert] = await dataSource(testApp).query(`SELECT level FROM sla_alerts WHERE ticket_id = $1 AND deadline = 'decision'`, [ticketId]);
    expect(alert).toEqual({ level: 'breached' });
    expect(await sla.sweep(new Date(), org.id)).toBe(0);
  });
});
