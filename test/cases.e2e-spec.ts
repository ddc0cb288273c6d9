import { randomUUID } from 'node:crypto';
import { DEFAULT_CASE_TYPES } from '@inbox/cases';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, dataSource, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * A support request followed through its case: verification with the
 * checklist, the applicant asked for what is missing in one click, referral to
 * social research and back, the committee's decision by those allowed to take
 * it, and the applicant told on their channel, with every move in the timeline.
 */
describe('beneficiary cases', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let researcher: string;
  let researchTeam: string;
  const db = () => dataSource(testApp);

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    const team = await tenancy.createTeam(system, { nameAr: 'البحث الاجتماعي', nameEn: 'Social research', section: 'mixed', purpose: 'research' });
    researchTeam = team.id;
    const user = await tenancy.createUser(null, org.id, { email: `researcher-${randomUUID().slice(0, 8)}@example.org`, name: 'الباحثة نورة', password: PASSWORD, roles: [Role.Researcher] });
    await tenancy.setMembers(system, team.id, [{ userId: user.id }]);
    researcher = await http.login(user.email);
  });
  afterAll(() => testApp?.close());

  const request = async (type = 'support_request', text = 'أرجو مساعدتنا في إيجار المنزل هذا الشهر') => {
    const sent = await inbound(http, org, { externalId: randomUUID(), type, text, sender: { name: 'أم فهد', gender: 'female', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    expect(sent.status).toBe(202);
    return sent.body.ticketId as string;
  };
  const move = (ticketId: string, stage: string, token: string, note?: string) => http.post(`/tickets/${ticketId}/case/stage`, { stage, ...(note ? { note } : {}) }, token);
  const check = (ticketId: string, item: string, token: string) => http.patch(`/tickets/${ticketId}/case/checklist/${item}`, { done: true }, token);

  it('follows a support request from verification through research to the committee\'s decision, told to the applicant', async () => {
    const ticketId = await request();
    const agent = org.users.agentWomen.token;
    expect((await http.patch(`/tickets/${ticketId}`, { assigneeId: org.users.agentWomen.id }, agent)).status).toBe(200);
    const opened = (await http.get(`/tickets/${ticketId}/case`, agent)).body;
    expect(opened).toMatchObject({ type: { key: 'support_request' }, stage: 'received', moves: [{ to: 'verification', allowed: true }] });
    expect(opened.checklist.map((item: { key: string }) => item.key)).toEqual(['national_id_copy', 'national_id_valid', 'phone_reachable', 'income_proof', 'declaration_signed']);

    expect((await move(ticketId, 'verification', agent)).body.stage).toBe('verification');
    const early = await move(ticketId, 'committee', agent);
    expect(early.status).toBe(400);
    expect(early.body.missing).toEqual(['national_id_copy', 'national_id_valid', 'phone_reachable', 'income_proof', 'declaration_signed']);
    expect((await move(ticketId, 'accepted', agent)).status).toBe(400);

    // One click: the applicant is asked, in Arabic as they wrote, for the documents and the declaration (not for our own checks).
    expect((await http.post(`/tickets/${ticketId}/case/request-missing`, {}, agent)).status).toBe(200);
    const reference = (await http.get(`/tickets/${ticketId}`, agent)).body.ticket.reference;
    const [asked] = await db().query(`SELECT body, direction FROM messages WHERE ticket_id = $1 AND metadata->>'system' = 'case.missing'`, [ticketId]);
    expect(asked.direction).toBe('outbound');
    expect(asked.body).toContain(reference);
    expect(asked.body).toContain('صورة واضحة من الهوية الوطنية');
    expect(asked.body).toContain('إقرار موقّع بصحة البيانات');
    expect(asked.body).not.toContain('رقم جوال نستطيع');

    // Unclear: referred to social research with a note; the researcher sees it, completes the checks and sends it to the committee.
    expect((await check(ticketId, 'national_id_copy', agent)).status).toBe(200);
    expect((await check(ticketId, 'phone_reachable', agent)).status).toBe(200);
    expect((await http.get(`/tickets/${ticketId}/case`, researcher)).status).toBe(404);
    const referred = await move(ticketId, 'research', agent, 'الدخل غير واضح، نرجو زيارة ميدانية');
    expect(referred.status).toBe(200);
    expect((await db().query(`SELECT team_id FROM tickets WHERE id = $1`, [ticketId]))[0].team_id).toBe(researchTeam);
    expect((await http.get(`/tickets/${ticketId}/case`, researcher)).body.stage).toBe('research');
    for (const item of ['national_id_valid', 'income_proof', 'declaration_signed']) expect((await check(ticketId, item, researcher)).status).toBe(200);
    expect((await move(ticketId, 'committee', researcher, 'تمت الزيارة: الأسرة مستحقة')).status).toBe(200);

    // The committee: an agent or a researcher may not decide; a supervisor does, and the applicant is told.
    expect((await move(ticketId, 'accepted', agent)).status).toBe(403);
    expect((await move(ticketId, 'accepted', researcher)).status).toBe(403);
    const decided = await move(ticketId, 'accepted', org.users.supervisor.token, 'قررت اللجنة صرف إعانة لثلاثة أشهر');
    expect(decided.body).toMatchObject({ stage: 'accepted', moves: [{ to: 'delivered' }] });
    const [told] = await db().query(`SELECT body FROM messages WHERE ticket_id = $1 AND metadata->>'system' = 'case.decision'`, [ticketId]);
    expect(told.body).toContain(reference);
    expect(told.body).toContain('الموافقة');
    expect(told.body).not.toContain('ثلاثة أشهر');

    // The agent who referred it sees the whole way in the timeline and the history.
    const timeline = (await http.get(`/tickets/${ticketId}`, agent)).body.messages;
    const moves = timeline.filter((m: { metadata: { case?: unknown } }) => m.metadata.case).map((m: { body: string; metadata: { case: { to: string } } }) => [m.metadata.case.to, m.body]);
    expect(moves).toEqual([
      ['verification', ''], ['research', 'الدخل غير واضح، نرجو زيارة ميدانية'], ['committee', 'تمت الزيارة: الأسرة مستحقة'], ['accepted', 'قررت اللجنة صرف إعانة لثلاثة أشهر'],
    ]);
    const history = (await http.get(`/tickets/${ticketId}/case`, agent)).body.history;
    expect(history.filter((h: { kind: string }) => h.kind === 'checked')).toHaveLength(5);
    expect(history.find((h: { kind: string }) => h.kind === 'missing_requested').note).toBe('national_id_copy,income_proof,declaration_signed');
  });

  it('lists the cases awaiting the committee, nearest deadline first, as far as each user sees their tickets', async () => {
    const ticketId = await request('registration', 'أريد التسجيل كمستفيدة');
    const admin = org.users.admin.token;
    await move(ticketId, 'verification', admin);
    for (const item of ['national_id_copy', 'national_id_valid', 'phone_reachable', 'family_record', 'income_proof', 'declaration_signed']) await check(ticketId, item, admin);
    expect((await move(ticketId, 'committee', admin)).status).toBe(200);
    const agenda = (await http.get('/cases?stage=committee', org.users.supervisor.token)).body;
    const mine = agenda.find((c: { ticketId: string }) => c.ticketId === ticketId);
    expect(mine).toMatchObject({ caseType: 'registration', stage: 'committee', contactName: 'أم فهد' });
    const deadlines = agenda.map((c: { decisionDueAt: string | null }) => c.decisionDueAt ?? '9999');
    expect(deadlines).toEqual([...deadlines].sort());
    // The men's agent does not see the women's section's tickets, nor does another organization.
    expect((await http.get('/cases?stage=committee', org.users.agentMen.token)).body.find((c: { ticketId: string }) => c.ticketId === ticketId)).toBeUndefined();
    const other = await createOrganization(testApp, http);
    expect((await http.get('/cases?stage=committee', other.users.admin.token)).body).toEqual([]);
    expect((await http.get('/cases?stage=Committee!', admin)).status).toBe(400);
    expect((await http.get('/cases?stage=committee', org.users.officer.token)).status).toBe(403);
    const types = (await http.get('/cases/types', org.users.agentWomen.token)).body;
    expect(types.map((t: { key: string }) => t.key)).toEqual(['support_request', 'registration', 'volunteer', 'job_application']);
    expect((await http.get('/cases/types', org.users.delegate.token)).status).toBe(403);
  });

  it('writes to an English-speaking applicant in English, and says when nothing is missing', async () => {
    const ticketId = await request('volunteer', 'Hello, I would like to volunteer on weekends');
    const agent = org.users.agentWomen.token;
    expect((await http.post(`/tickets/${ticketId}/case/request-missing`, {}, agent)).status).toBe(200);
    const [asked] = await db().query(`SELECT body FROM messages WHERE ticket_id = $1 AND metadata->>'system' = 'case.missing'`, [ticketId]);
    expect(asked.body).toContain('the signed declaration that your data is correct');
    expect((await check(ticketId, 'declaration_signed', agent)).status).toBe(200);
    expect((await http.post(`/tickets/${ticketId}/case/request-missing`, {}, agent)).status).toBe(409);
  });

  it('has no case for inquiries and complaints, and none for another organization or outside one\'s tickets', async () => {
    const inquiry = await request('inquiry', 'ما هي أوقات الدوام؟');
    expect((await http.get(`/tickets/${inquiry}/case`, org.users.admin.token)).status).toBe(404);
    const complaint = await request('complaint', 'شكوى من موظف');
    expect((await http.get(`/tickets/${complaint}/case`, org.users.admin.token)).status).toBe(404);
    expect((await http.get(`/tickets/${complaint}/case`, org.users.officer.token)).status).toBe(403);
    const ticketId = await request();
    const other = await createOrganization(testApp, http);
    expect((await http.get(`/tickets/${ticketId}/case`, other.users.admin.token)).status).toBe(404);
    expect((await http.post(`/tickets/${ticketId}/case/stage`, { stage: 'verification' }, other.users.admin.token)).status).toBe(404);
    expect((await http.get(`/tickets/${ticketId}/case`, org.users.agentMen.token)).status).toBe(404);
    expect((await http.get(`/tickets/${ticketId}/case`, org.users.delegate.token)).status).toBe(403);
    expect((await http.post(`/tickets/${ticketId}/case/stage`, { stage: 'nowhere' }, org.users.admin.token)).status).toBe(400);
    expect((await http.patch(`/tickets/${ticketId}/case/checklist/unknown_item`, { done: true }, org.users.admin.token)).status).toBe(404);
  });

  it.each([
    ['support_request', 'verification → research → committee → accepted → delivered'],
    ['support_request', 'verification → committee → rejected'],
    ['registration', 'verification → research → committee → accepted → registered'],
    ['volunteer', 'verification → interview → rejected'],
    ['job_application', 'screening → interview → accepted'],
  ])('lets only the roles a stage names move a %s case into it: %s', async (type, route) => {
    const path = route.split(' → ');
    const ticketId = await request(type, 'طلب للاختبار');
    const agent = org.users.agentWomen.token;
    expect((await http.patch(`/tickets/${ticketId}`, { assigneeId: org.users.agentWomen.id }, agent)).status).toBe(200);
    const caseType = DEFAULT_CASE_TYPES.find((t) => t.ticketType === type)!;
    for (const item of caseType.checklist) expect((await check(ticketId, item.key, agent)).status).toBe(200);
    const movers: [Role, string][] = [[Role.Agent, agent], [Role.Researcher, researcher], [Role.Supervisor, org.users.supervisor.token], [Role.Admin, org.users.admin.token]];
    for (const stage of path) {
      const allowed = caseType.stages.find((s) => s.key === stage)!.roles;
      // Those who cannot even open the ticket (the researcher before a referral) are told it is not there.
      const seesIt = async (token: string) => (await http.get(`/tickets/${ticketId}`, token)).status === 200;
      for (const [role, token] of movers.filter(([role]) => !allowed.includes(role))) {
        const refused = await move(ticketId, stage, token);
        expect([role, refused.status]).toEqual([role, (await seesIt(token)) ? 403 : 404]);
      }
      for (const token of [org.users.delegate.token, org.users.officer.token]) expect((await move(ticketId, stage, token)).status).toBe(403);
      let moved = false;
      for (const [, token] of movers.filter(([role]) => allowed.includes(role))) {
        if (!(await seesIt(token))) continue;
        expect((await move(ticketId, stage, token)).status).toBe(200);
        moved = true;
        break;
      }
      expect([stage, moved]).toEqual([stage, true]);
    }
    const [{ stage: final }] = await db().query(`SELECT stage FROM cases WHERE ticket_id = $1`, [ticketId]);
    expect(final).toBe(path[path.length - 1]);
  });
});
