import { randomUUID } from 'node:crypto';
import { ReportsService } from '@inbox/tickets';
import { createOrganization, dataSource, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

/** The dashboards' figures, checked against tickets whose times the test sets itself. */
describe('reports', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let other: TestOrganization;
  const day = '2026-10-04'; // a Sunday
  const at = (time: string) => `${day}T${time}+03:00`;

  /** A ticket opened at `opened` (Riyadh time) and answered `answered` minutes later, resolved after `resolved` minutes. */
  const ticket = async (org_: TestOrganization, options: { opened: string; answered?: number; resolved?: number; type?: string; gender?: string; dueIn?: number; daysBefore?: number }) => {
    const sent = await inbound(http, org_, {
      externalId: randomUUID(), text: 'طلب', type: options.type, sender: { name: 'س', gender: options.gender ?? 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    const opened = new Date(new Date(at(options.opened)).getTime() - (options.daysBefore ?? 0) * 86_400_000);
    const minutes = (n: number | undefined) => (n === undefined ? null : new Date(opened.getTime() + n * 60_000));
    await dataSource(testApp).query(
      `UPDATE tickets SET created_at = $2, first_responded_at = $3, resolved_at = $4, status = CASE WHEN $4::timestamptz IS NULL THEN status ELSE 'resolved' END,
         first_response_due_at = $5, resolution_due_at = $5 WHERE id = $1`,
      [sent.body.ticketId, opened, minutes(options.answered), minutes(options.resolved), minutes(options.dueIn ?? 60)],
    );
    return sent.body.ticketId as string;
  };
  const refresh = async () => {
    const reports = testApp.app.get(ReportsService);
    while ((await reports.refreshDirty()) > 0);
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    other = await createOrganization(testApp, http);
    await ticket(org, { opened: '09:10', answered: 10, resolved: 100 });
    await ticket(org, { opened: '09:40', answered: 20, resolved: 200 });
    await ticket(org, { opened: '13:05', answered: 90, resolved: 3000 });
    await ticket(org, { opened: '13:30', gender: 'female' });
    await ticket(org, { opened: '14:00', type: 'complaint' });
    await ticket(other, { opened: '09:00', answered: 5 });
    await refresh();
  });
  afterAll(() => testApp.close());

  it('adds up volume, times, deadlines met and busiest hours for the period', async () => {
    const response = await http.get(`/reports/overview?from=${day}&to=${day}`, org.users.supervisor.token);
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report.totals).toEqual({ created: 5, resolved: 3 });
    expect(report.byChannel).toEqual([{ channel: 'api', created: 5 }]);
    expect(report.byType).toEqual(expect.arrayContaining([{ type: 'inquiry', created: 4 }, { type: 'complaint', created: 1 }]));
    expect(report.volume).toEqual([{ day, channel: 'api', created: 5 }]);
    // Answers after 10, 20 and 90 minutes: the median lies in the 15-30 minute bucket; two of the three met a 60-minute deadline.
    expect(report.firstResponse.count).toBe(3);
    expect(report.firstResponse.median).toBeGreaterThanOrEqual(15);
    expect(report.firstResponse.median).toBeLessThanOrEqual(30);
    expect(report.firstResponse.metShare).toBeCloseTo(2 / 5, 5);
    expect(report.resolution.count).toBe(3);
    expect(report.busiestHours).toEqual(expect.arrayContaining([{ weekday: 0, hour: 9, created: 2 }, { weekday: 0, hour: 13, created: 2 }, { weekday: 0, hour: 14, created: 1 }]));
    expect(report.bySection.find((s: { section: string }) => s.section === 'men').created).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(report)).not.toContain('شكوى');
  });

  it('follows ticket changes through the rollup, filters by team, and keeps other organizations out', async () => {
    const women = await http.get(`/reports/overview?from=${day}&to=${day}&teamId=${org.women.id}`, org.users.admin.token);
    expect(women.body.totals.created).toBe(1);
    const ticketId = await ticket(org, { opened: '10:15', gender: 'female' });
    await refresh();
    expect((await http.get(`/reports/overview?from=${day}&to=${day}&teamId=${org.women.id}`, org.users.admin.token)).body.totals.created).toBe(2);
    await http.patch(`/tickets/${ticketId}`, { teamId: org.men.id }, org.users.supervisor.token);
    await refresh();
    expect((await http.get(`/reports/overview?from=${day}&to=${day}&teamId=${org.women.id}`, org.users.admin.token)).body.totals.created).toBe(1);
    expect((await http.get(`/reports/overview?from=${day}&to=${day}`, other.users.admin.token)).body.totals.created).toBe(1);
    expect((await http.get(`/reports/overview?from=${day}&to=${day}`, org.users.agentMen.token)).status).toBe(403);
    expect((await http.get(`/reports/overview?from=2026-10-05&to=2026-10-01`, org.users.admin.token)).status).toBe(400);
  });

  it('exports CSV that spreadsheets open safely, and records who exported', async () => {
    await dataSource(testApp).query(`UPDATE teams SET name_en = '=HYPERLINK("x")' WHERE id = $1`, [org.men.id]);
    const response = await fetch(`${testApp.url}/api/v1/reports/export.csv?from=${day}&to=${day}`, { headers: { authorization: `Bearer ${org.users.supervisor.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('day,channel,type,team,branch,created,resolved,first_response_met,first_response_due,resolution_met,resolution_due');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const audited = await dataSource(testApp).query(`SELECT actor_user_id FROM audit_events WHERE organization_id = $1 AND action = 'report.exported'`, [org.id]);
    expect(audited.map((a: { actor_user_id: string }) => a.actor_user_id)).toEqual([org.users.supervisor.id]);
  });

  it('reads whole months from the monthly rollup and the edges from the daily one, to the same figures', async () => {
    const figures = async (from: string, to: string, extra = '') => {
      const { body } = await http.get(`/reports/overview?from=${from}&to=${to}${extra}`, org.users.supervisor.token);
      const { period, volume, backlog, ...rest } = body;
      return { ...rest, volume: volume.filter((v: { created: number }) => v.created > 0) };
    };
    // A ticket at the edge of the long period, in a partial month (2026-09-30) and one in a whole month that is not October.
    await ticket(org, { opened: '08:00', answered: 3, daysBefore: 4 });
    await refresh();
    const octoberOnly = await figures(day, day);
    const september30 = await figures('2026-09-30', '2026-09-30');
    expect(september30.totals.created).toBe(1);
    const long = await figures('2026-09-20', '2026-11-10');
    expect(long.totals.created).toBe(octoberOnly.totals.created + 1);
    expect(long.firstResponse.count).toBe(octoberOnly.firstResponse.count + 1);
    expect(long.volume).toEqual([{ day: '2026-09-30', channel: 'api', created: 1 }, ...octoberOnly.volume]);
    // Busy hours per weekday come from the month's 168 cells: the Sunday ones are October's, the Wednesday one the edge day's.
    expect(long.busiestHours).toEqual([...octoberOnly.busiestHours, { weekday: 3, hour: 8, created: 1 }].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour));
    const [october] = await dataSource(testApp).query(`SELECT sum(created)::int AS n FROM report_monthly WHERE organization_id = $1 AND month = '2026-10-01'`, [org.id]);
    expect(october.n).toBe(octoberOnly.totals.created);
    // A whole month alone, and the same with a filter, match the day.
    expect(await figures('2026-10-01', '2026-10-31')).toEqual(octoberOnly);
    expect(await figures('2026-10-01', '2026-10-31', `&teamId=${org.women.id}`)).toEqual(await figures(day, day, `&teamId=${org.women.id}`));
  });

  it('counts the backlog per team and agent from the kept counts, overdue or not, complaints left out', async () => {
    const backlog = async () => (await http.get(`/reports/overview?from=${day}&to=${day}`, org.users.supervisor.token)).body.backlog;
    const direct = async () => dataSource(testApp).query(
      `SELECT team_id, count(*)::int AS open, count(*) FILTER (WHERE first_response_due_at < now() AND first_responded_at IS NULL OR resolution_due_at < now())::int AS overdue
       FROM tickets WHERE organization_id = $1 AND status IN ('new', 'open', 'pending') AND NOT confidential GROUP BY 1 ORDER BY 1`, [org.id]);
    const teams = (load: { teams: { teamId: string; open: number; overdue: number }[] }) =>
      load.teams.filter((t) => t.open > 0).map((t) => ({ team_id: t.teamId, open: t.open, overdue: t.overdue })).sort((a, b) => String(a.team_id).localeCompare(String(b.team_id)));
    expect(teams(await backlog())).toEqual(await direct());
    // One more open ticket with its deadline a day ahead: open, not overdue; then assigned, pending, and folded together.
    const ahead = await ticket(org, { opened: '11:00', gender: 'female' });
    await dataSource(testApp).query(`UPDATE tickets SET resolution_due_at = now() + interval '1 day', first_response_due_at = now() + interval '1 day' WHERE id = $1`, [ahead]);
    const before = teams(await backlog());
    expect(before).toEqual(await direct());
    // The women's team had one open ticket, overdue since October; now two, one of them overdue.
    expect(before.find((t) => t.team_id === org.women.id)).toMatchObject({ open: 2, overdue: 1 });
    await http.patch(`/tickets/${ahead}`, { assigneeId: org.users.agentWomen.id, status: 'pending' }, org.users.supervisor.token);
    await testApp.app.get(ReportsService).compactBacklog();
    const after = await backlog();
    expect(teams(after)).toEqual(await direct());
    expect(after.agents.find((a: { userId: string }) => a.userId === org.users.agentWomen.id)).toMatchObject({ open: 1, pending: 1, overdue: 0 });
    // The complaint is open, and counted nowhere here.
    expect(after.teams.reduce((n: number, t: { open: number }) => n + t.open, 0)).toBe((await direct()).reduce((n: number, t: { open: number }) => n + t.open, 0));
  });
});
