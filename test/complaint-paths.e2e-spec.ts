import { randomUUID } from 'node:crypto';
import { Role, TenancyService } from '@inbox/tenancy';
import { ReportsService } from '@inbox/tickets';
import { createOrganization, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

const SCAN = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

/**
 * The paths built beside the inbox (call follow-ups, the letters register,
 * the delegate's beneficiary lookup, the report export) each show a ticket,
 * so each must keep a complaint to the people the case allows.
 */
describe('a complaint stays confidential through calls, letters, delegates and exports', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  const phone = uniquePhone();
  const word = `سرّي${Date.now() % 100000}`;
  let ticketId: string;
  let reference: string;
  let followUpId: string;
  let letterId: string;
  let inquiryReference: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    // The delegate serves the women's section, where the complainant's ordinary tickets go.
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    await testApp.app.get(TenancyService).setMembers(system, org.women.id, [{ userId: org.users.agentWomen.id }, { userId: org.users.delegate.id }]);
    const complaint = await inbound(http, org, {
      externalId: randomUUID(), type: 'complaint', text: `شكوى بحق موظف ${word}`,
      sender: { name: 'مشتكية', gender: 'female', identities: [{ kind: 'phone', value: phone }] },
    });
    expect(complaint.status).toBe(202);
    ({ ticketId, ticketReference: reference } = complaint.body);
    // The same person's ordinary inquiry through the inquiry form, which colleagues may see.
    const slug = ((await http.get('/admin/forms', org.users.admin.token)).body as { preset: string; slug: string }[]).find((f) => f.preset === 'inquiry')!.slug;
    const inquiry = await http.request('POST', `/public/forms/${slug}/submissions`, {
      body: { declaration: true, values: { name: 'مشتكية', phone, gender: 'female', details: 'متى موعد التوزيع؟' } }, headers: { 'x-forwarded-for': '10.8.0.1' },
    });
    expect(inquiry.status).toBe(201);
    inquiryReference = inquiry.body.reference;

    // The officer works the case by phone and by letter: a missed call wants a callback; the complainant's letter is registered on the case.
    const call = await http.post('/calls', { direction: 'incoming', number: phone, durationSeconds: 0, outcome: 'missed', ticketId }, org.users.officer.token);
    expect(call.status).toBe(201);
    expect(call.body.ticketId).toBe(ticketId);
    followUpId = call.body.followUp.id;
    const letter = await http.post('/letters/incoming', {
      sender: 'مشتكية', subject: `خطاب شكوى ${word}`, attachmentsCount: 1, phone, letterDate: '2026-11-30', ticketId,
      pages: [{ fileName: 'scan.pdf', contentBase64: SCAN.toString('base64') }],
    }, org.users.officer.token);
    expect(letter.status).toBe(201);
    letterId = letter.body.id;
  });
  afterAll(() => testApp.close());

  const who = () => ({
    admin: org.users.admin.token, supervisor: org.users.supervisor.token, agent: org.users.agentWomen.token, officer: org.users.officer.token,
  });

  it.each(['admin', 'supervisor', 'agent', 'officer'] as const)('%s sees the complaint’s follow-up and letter only if they may see the complaint', async (role) => {
    const token = who()[role];
    const allowed = role === 'officer';
    const followUps = await http.get('/calls/follow-ups', token);
    expect(followUps.status).toBe(200);
    expect(followUps.body.some((f: { id: string }) => f.id === followUpId)).toBe(allowed);
    const letters = await http.get('/letters', token);
    expect(letters.status).toBe(200);
    const listed = JSON.stringify(letters.body);
    expect(listed.includes(letterId)).toBe(allowed);
    expect(listed.includes(word)).toBe(allowed);
    expect((await http.get(`/letters/${letterId}`, token)).status).toBe(allowed ? 200 : 404);
  });

  it('does not show the complaint among the beneficiary’s open tickets to a delegate', async () => {
    const found = await http.get(`/delegate/beneficiaries?phone=${encodeURIComponent(phone)}`, org.users.delegate.token);
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).toContain(inquiryReference);
    expect(JSON.stringify(found.body)).not.toContain(reference);
    expect(JSON.stringify(found.body)).not.toContain(word);
  });

  it('keeps a message that says it is something else out of the open complaint, and lets the complainant’s plain answer in', async () => {
    const sender = { name: 'مشتكية', gender: 'female', identities: [{ kind: 'phone', value: phone }] };
    const answer = await inbound(http, org, { externalId: randomUUID(), text: 'حدث ذلك يوم الأحد', sender });
    expect(answer.body.ticketId).toBe(ticketId);
    const request = await inbound(http, org, { externalId: randomUUID(), type: 'support_request', text: 'أرغب في طلب مساعدة شهرية', sender });
    expect(request.status).toBe(202);
    expect(request.body.ticketId).not.toBe(ticketId);
    expect((await http.get(`/tickets/${request.body.ticketId}`, org.users.agentWomen.token)).status).toBe(200);
  });

  it('counts the complaint in the report export without naming it', async () => {
    const reports = testApp.app.get(ReportsService);
    while ((await reports.refreshDirty()) > 0);
    // Report days are the organization's (Asia/Riyadh).
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh' }).format(new Date());
    const response = await fetch(`${testApp.url}/api/v1/reports/export.csv?from=${day}&to=${day}`, { headers: { authorization: `Bearer ${org.users.supervisor.token}` } });
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toMatch(/complaint/);
    expect(csv).not.toContain(reference);
    expect(csv).not.toContain(word);
  });
});
