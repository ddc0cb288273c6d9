import { randomUUID } from 'node:crypto';
import { IngestService } from '@inbox/ingest';
import { SurveysService } from '@inbox/tickets';
import { SurveysJob } from '../apps/worker/src/surveys.job';
import { createOrganization, dataSource, eventually, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';
import { webhookReceiver, WebhookReceiver } from './helpers/webhook';


/** Satisfaction surveys: sent after resolution, answered on a page a scanner cannot vote on, or inline on a chat channel. */
describe('satisfaction surveys', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let hook: WebhookReceiver;

  const resolvedTicket = async (text = 'أحتاج مساعدة') => {
    const sent = await inbound(http, org, { externalId: randomUUID(), text, sender: { name: 'منيرة', gender: 'female', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    await http.patch(`/tickets/${sent.body.ticketId}`, { assigneeId: org.users.agentWomen.id }, org.users.supervisor.token);
    await http.patch(`/tickets/${sent.body.ticketId}`, { status: 'resolved' }, org.users.agentWomen.token);
    return sent.body.ticketId as string;
  };
  const survey = async (ticketId: string) => (await dataSource(testApp).query(`SELECT * FROM surveys WHERE ticket_id = $1`, [ticketId]))[0];

  beforeAll(async () => {
    hook = await webhookReceiver();
    testApp = await startTestApp({ PUBLIC_URL: 'https://inbox.example.org' });
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http, { webhookUrl: hook.url });
    await dataSource(testApp).query(`UPDATE organizations SET survey_delay_minutes = 0 WHERE id = $1`, [org.id]);
  });
  afterAll(async () => {
    await testApp.close();
    hook.server.close();
  });

  it('sends a link after resolution; opening it records nothing; the confirmed answer counts once', async () => {
    const ticketId = await resolvedTicket();
    expect(await survey(ticketId)).toMatchObject({ status: 'scheduled', mode: 'link', locale: 'ar' });
    // Resolving again does not make a second survey.
    await http.patch(`/tickets/${ticketId}`, { status: 'open' }, org.users.agentWomen.token);
    await http.patch(`/tickets/${ticketId}`, { status: 'resolved' }, org.users.agentWomen.token);
    expect((await dataSource(testApp).query(`SELECT count(*)::int AS n FROM surveys WHERE ticket_id = $1`, [ticketId]))[0].n).toBe(1);

    await testApp.app.get(SurveysService).sendDue();
    const { token } = await survey(ticketId);
    const link = `https://inbox.example.org/s/${token}`;
    await eventually(async () => hook.bodies.some((b) => b.includes(link)));

    // A mail scanner follows the link (twice): nothing is recorded.
    for (let i = 0; i < 2; i++) {
      const page = await fetch(`${testApp.url}/s/${token}`);
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('dir="rtl"');
      expect(text).toContain('name="rating"');
    }
    expect((await survey(ticketId)).status).toBe('sent');
    const english = await (await fetch(`${testApp.url}/s/${token}?lang=en`)).text();
    expect(english).toContain('How would you rate');

    const post = (rating: string) => fetch(`${testApp.url}/s/${token}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ rating, comment: 'خدمة سريعة' }).toString(),
    });
    expect(await (await post('9')).text()).toContain('من 1 إلى 5');
    expect((await survey(ticketId)).status).toBe('sent');
    expect(await (await post('4')).text()).toContain('شكرًا');
    expect(await survey(ticketId)).toMatchObject({ status: 'answered', rating: 4, comment: 'خدمة سريعة' });
    expect(await (await post('1')).text()).toContain('سبق');
    expect((await survey(ticketId)).rating).toBe(4);
    expect((await fetch(`${testApp.url}/s/not-a-real-token-000`)).status).toBe(404);
  });

  it('asks inline on WhatsApp and takes a reply of 1-5 (Arabic digits too) as the answer, without reopening the ticket', async () => {
    const [account] = await dataSource(testApp).query(
      `INSERT INTO channel_accounts (organization_id, kind, name, settings) VALUES ($1, 'whatsapp_cloud', 'واتساب', '{}') RETURNING id`, [org.id],
    );
    const ingest = testApp.app.get(IngestService);
    // WhatsApp ids are international numbers without the plus.
    const phone = `966${uniquePhone().slice(1)}`;
    const message = (text: string) => ingest.ingest({
      channelKind: 'whatsapp_cloud', channelAccountId: account.id, externalId: randomUUID(), text,
      sender: { name: 'منيرة', gender: 'female', identities: [{ kind: 'whatsapp', value: phone }] },
    });
    const { ticketId } = await message('السلام عليكم، أريد الاستفسار');
    await http.patch(`/tickets/${ticketId}`, { status: 'resolved' }, org.users.agentWomen.token);
    await testApp.app.get(SurveysService).sendDue();
    expect(await survey(ticketId)).toMatchObject({ mode: 'inline', status: 'sent' });
    const [question] = await dataSource(testApp).query(`SELECT body FROM messages WHERE ticket_id = $1 AND metadata ->> 'system' = 'survey'`, [ticketId]);
    expect(question.body).toContain('من 1');

    await message('شكرا جزيلا');
    await new Promise((r) => setTimeout(r, 300));
    expect((await survey(ticketId)).status).toBe('sent');
    await message(' ٥ ');
    await eventually(async () => (await survey(ticketId)).status === 'answered');
    expect((await survey(ticketId)).rating).toBe(5);
    await eventually(async () => (await dataSource(testApp).query(`SELECT status FROM tickets WHERE id = $1`, [ticketId]))[0].status === 'resolved');
    expect(testApp.app.get(SurveysJob)).toBeDefined();
  });

  it('shows results by team and channel to supervisors, and an agent’s own ratings only to them and supervisors', async () => {
    const byTeam = await http.get('/reports/satisfaction?groupBy=team', org.users.supervisor.token);
    expect(byTeam.status).toBe(200);
    // The women's team: 4 on the link, 5 inline.
    expect(byTeam.body.find((g: { key: string }) => g.key === org.women.id)).toMatchObject({ answered: 2, average: 4.5, distribution: { 4: 1, 5: 1 } });
    const byChannel = (await http.get('/reports/satisfaction?groupBy=channel', org.users.admin.token)).body;
    expect(byChannel.map((g: { key: string }) => g.key).sort()).toEqual(['api', 'whatsapp_cloud']);
    expect((await http.get('/reports/satisfaction', org.users.agentWomen.token)).status).toBe(403);
    expect((await http.get(`/reports/satisfaction/agents/${org.users.agentWomen.id}`, org.users.agentWomen.token)).body).toMatchObject({ answered: 1, average: 4 });
    expect((await http.get(`/reports/satisfaction/agents/${org.users.agentWomen.id}`, org.users.supervisor.token)).status).toBe(200);
    expect((await http.get(`/reports/satisfaction/agents/${org.users.agentWomen.id}`, org.users.agentMen.token)).status).toBe(404);
    expect((await http.get('/reports/satisfaction?from=2026-12-01&to=2026-11-01', org.users.supervisor.token)).status).toBe(400);
  });

  it('asks complainants about the handling only, never the outcome', async () => {
    const sent = await inbound(http, org, { externalId: randomUUID(), type: 'complaint', text: 'شكوى', sender: { name: 'م', gender: 'female', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    await http.patch(`/tickets/${sent.body.ticketId}`, { status: 'resolved' }, org.users.officer.token);
    expect(await survey(sent.body.ticketId)).toMatchObject({ process_only: true });
    await testApp.app.get(SurveysService).sendDue();
    const { token } = await survey(sent.body.ticketId);
    expect(await (await fetch(`${testApp.url}/s/${token}`)).text()).toContain('طريقة التعامل مع شكواكم');
  });

  it('takes the inline answers of several customers who reply in the same moment, each on their own ticket', async () => {
    const [account] = await dataSource(testApp).query(
      `INSERT INTO channel_accounts (organization_id, kind, name, settings) VALUES ($1, 'whatsapp_cloud', 'واتساب ٢', '{}') RETURNING id`, [org.id],
    );
    const ingest = testApp.app.get(IngestService);
    const phones = [0, 1, 2].map(() => `966${uniquePhone().slice(1)}`);
    const message = (phone: string, text: string) => ingest.ingest({
      channelKind: 'whatsapp_cloud', channelAccountId: account.id, externalId: randomUUID(), text,
      sender: { name: 'نورة', gender: 'female', identities: [{ kind: 'whatsapp', value: phone }] },
    });
    const tickets: string[] = [];
    for (const phone of phones) tickets.push((await message(phone, 'السلام عليكم')).ticketId);
    for (const ticketId of tickets) await http.patch(`/tickets/${ticketId}`, { status: 'resolved' }, org.users.agentWomen.token);
    await testApp.app.get(SurveysService).sendDue();
    for (const ticketId of tickets) expect(await survey(ticketId)).toMatchObject({ mode: 'inline', status: 'sent' });

    await Promise.all([message(phones[0]!, '3'), message(phones[1]!, 'شكرا لكم'), message(phones[1]!, '٤'), message(phones[2]!, 'متى الموعد؟')]);
    await eventually(async () => (await survey(tickets[0]!)).status === 'answered' && (await survey(tickets[1]!)).status === 'answered');
    expect([(await survey(tickets[0]!)).rating, (await survey(tickets[1]!)).rating]).toEqual([3, 4]);
    expect((await survey(tickets[2]!)).status).toBe('sent');
  });
});
