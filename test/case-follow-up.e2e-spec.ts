import { randomUUID } from 'node:crypto';
import { BeneficiaryReviewsService } from '@inbox/cases';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, dataSource, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * What follows a request after the desk: a field visit sent to a delegate
 * and reported from their phone, a registration that makes the applicant a
 * permanent beneficiary, the periodic review the job opens when it is due,
 * the contact's whole file (never a complaint for those who may not see it),
 * and the request types an organization shapes itself.
 */
describe('case visits, reviews, the contact file and request types', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let researchTeam: string;
  const db = () => dataSource(testApp);

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    researchTeam = (await tenancy.createTeam(system, { nameAr: 'البحث الاجتماعي', nameEn: 'Social research', section: 'mixed', purpose: 'research' })).id;
  });
  afterAll(() => testApp?.close());

  const request = async (type: string, phone = uniquePhone(), text = 'أرجو تسجيلي مستفيدة لدى الجمعية') => {
    const sent = await inbound(http, org, { externalId: randomUUID(), type, text, sender: { name: 'أم سالم', gender: 'female', identities: [{ kind: 'phone', value: phone }] } });
    expect(sent.status).toBe(202);
    const [{ contact_id: contactId }] = await db().query(`SELECT contact_id FROM tickets WHERE id = $1`, [sent.body.ticketId]);
    return { ticketId: sent.body.ticketId as string, contactId: contactId as string };
  };
  const move = (ticketId: string, stage: string, token: string) => http.post(`/tickets/${ticketId}/case/stage`, { stage }, token);
  const checkAll = async (ticketId: string, token: string) => {
    const view = (await http.get(`/tickets/${ticketId}/case`, token)).body;
    for (const item of view.checklist) expect((await http.patch(`/tickets/${ticketId}/case/checklist/${item.key}`, { done: true }, token)).status).toBe(200);
  };

  it('sends a delegate on a visit that waits on their phone page, and brings the report back to the case once', async () => {
    const { ticketId } = await request('support_request');
    const agent = org.users.agentWomen.token;
    const delegate = org.users.delegate;
    expect((await http.post(`/tickets/${ticketId}/case/visits`, { assigneeId: org.users.agentMen.id }, agent)).status).toBe(400);
    expect((await http.post(`/tickets/${ticketId}/case/visits`, { assigneeId: delegate.id, dueOn: '20-12-2026' }, agent)).status).toBe(400);
    expect((await http.post(`/tickets/${ticketId}/case/visits`, { assigneeId: delegate.id }, org.users.agentMen.token)).status).toBe(404);
    const sent = await http.post(`/tickets/${ticketId}/case/visits`, { assigneeId: delegate.id, dueOn: '2026-12-20', instructions: 'التأكد من السكن وعدد أفراد الأسرة' }, agent);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'assigned', assigneeId: delegate.id, dueOn: '2026-12-20' });

    // The delegate cannot open the ticket, but the visit is on their page with whom to see and how to reach them.
    expect((await http.get(`/tickets/${ticketId}`, delegate.token)).status).toBe(404);
    const waiting = (await http.get('/delegate/visits', delegate.token)).body.visits;
    const visit = waiting.find((v: { ticketId: string }) => v.ticketId === ticketId);
    expect(visit).toMatchObject({ contactName: 'أم سالم', instructions: 'التأكد من السكن وعدد أفراد الأسرة', caseLabel: { en: 'Support request' } });
    expect(visit.identities[0].kind).toBe('phone');
    expect((await http.get('/delegate/visits', org.users.agentWomen.token)).body.visits).toEqual([]);
    const [notified] = await db().query(`SELECT payload FROM events WHERE ticket_id = $1 AND type = 'notification'`, [ticketId]);
    expect(notified.payload).toMatchObject({ kind: 'visit_assigned', recipientId: delegate.id });

    // Someone else's report on it is refused; the delegate's, sent twice by a retrying phone, is written once.
    const report = {
      clientKey: randomUUID(), kind: 'eligibility_visit', occurredAt: '2026-12-07T08:30:00.000Z', visitId: visit.id, notes: 'الأسرة من خمسة أفراد، السكن بالإيجار',
      photos: [{ fileName: 'house.png', contentBase64: PNG.toString('base64') }], position: { latitude: 24.7136, longitude: 46.6753, accuracyMeters: 12 },
    };
    expect((await http.post('/delegate/entries', { ...report, clientKey: randomUUID() }, org.users.agentWomen.token)).status).toBe(404);
    const [first, second] = await Promise.all([http.post('/delegate/entries', report, delegate.token), http.post('/delegate/entries', report, delegate.token)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.ticketId).toBe(ticketId);
    expect(second.body.messageId).toBe(first.body.messageId);
    expect((await http.post('/delegate/entries', { ...report, clientKey: randomUUID() }, delegate.token)).status).toBe(409);

    const caseView = (await http.get(`/tickets/${ticketId}/case`, agent)).body;
    expect(caseView.type.key).toBe('support_request');
    expect(caseView.visits).toEqual([expect.objectContaining({ id: visit.id, status: 'reported', reportMessageId: first.body.messageId })]);
    expect(caseView.history.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['visit_assigned', 'visit_reported']));
    const timeline = (await http.get(`/tickets/${ticketId}`, agent)).body.messages;
    const field = timeline.find((m: { id: string }) => m.id === first.body.messageId);
    expect(field.metadata.field).toMatchObject({ kind: 'eligibility_visit', visitId: visit.id, position: { latitude: 24.7136 } });
    expect(field.attachments).toHaveLength(1);
    expect((await http.get('/delegate/visits', delegate.token)).body.visits.find((v: { id: string }) => v.id === visit.id)).toBeUndefined();
  });

  it('takes a visit off the visitor\'s page, and refuses its report, once its ticket turns out to be a confidential complaint', async () => {
    const { ticketId } = await request('support_request', uniquePhone(), 'أرجو المساعدة');
    const delegate = org.users.delegate;
    const sent = await http.post(`/tickets/${ticketId}/case/visits`, { assigneeId: delegate.id }, org.users.agentWomen.token);
    expect(sent.status).toBe(201);
    expect((await http.patch(`/tickets/${ticketId}`, { type: 'complaint' }, org.users.supervisor.token)).status).toBe(200);
    expect((await db().query(`SELECT confidential FROM tickets WHERE id = $1`, [ticketId]))[0].confidential).toBe(true);
    expect((await http.get('/delegate/visits', delegate.token)).body.visits.map((v: { ticketId: string }) => v.ticketId)).not.toContain(ticketId);
    const report = { clientKey: randomUUID(), kind: 'eligibility_visit', occurredAt: new Date().toISOString(), visitId: sent.body.id, notes: 'زيارة' };
    expect((await http.post('/delegate/entries', report, delegate.token)).status).toBe(404);
  });

  it('makes a completed registration a permanent beneficiary, and opens the review when it is due, once', async () => {
    const { ticketId, contactId } = await request('registration');
    const supervisor = org.users.supervisor.token;
    await checkAll(ticketId, supervisor);
    for (const stage of ['verification', 'committee', 'accepted', 'registered']) expect((await move(ticketId, stage, supervisor)).status).toBe(200);
    const status = (await http.get(`/contacts/${contactId}/file`, supervisor)).body.contact.beneficiary;
    expect(status).toMatchObject({ permanent: true, reviewEveryMonths: 12 });

    // An agent may not set the review; a supervisor sets the next one to a date the test's clock then reaches.
    expect((await http.request('PUT', `/contacts/${contactId}/beneficiary`, { body: { permanent: true, reviewEveryMonths: 6, nextReviewOn: '2030-03-01' }, token: org.users.agentWomen.token })).status).toBe(403);
    expect((await http.request('PUT', `/contacts/${contactId}/beneficiary`, { body: { permanent: true, reviewEveryMonths: 6, nextReviewOn: '2000-01-01' }, token: supervisor })).status).toBe(400);
    expect((await http.request('PUT', `/contacts/${contactId}/beneficiary`, { body: { permanent: true, reviewEveryMonths: 6, nextReviewOn: '2030-03-01' }, token: supervisor })).body)
      .toMatchObject({ permanent: true, reviewEveryMonths: 6, nextReviewOn: '2030-03-01' });

    const reviews = testApp.app.get(BeneficiaryReviewsService);
    // 23:30 in Riyadh on 28 February is not yet the day; 00:30 on 1 March is.
    expect(await reviews.openDue(new Date('2030-02-28T20:30:00Z'), org.id)).toBe(0);
    const [opened, again] = await Promise.all([reviews.openDue(new Date('2030-02-28T21:30:00Z'), org.id), reviews.openDue(new Date('2030-02-28T21:30:00Z'), org.id)]);
    expect(opened + again).toBe(1);
    expect(await reviews.openDue(new Date('2030-03-02T09:00:00Z'), org.id)).toBe(0);

    const [review] = await db().query(`SELECT r.due_on::text AS due_on, t.id, t.type, t.team_id, t.status FROM beneficiary_reviews r JOIN tickets t ON t.id = r.ticket_id WHERE r.contact_id = $1`, [contactId]);
    expect(review).toMatchObject({ due_on: '2030-03-01', type: 'review', team_id: researchTeam });
    const [contact] = await db().query(`SELECT next_review_on::text AS next FROM contacts WHERE id = $1`, [contactId]);
    expect(contact.next).toBe('2030-09-01');
    // The beneficiary is asked on their own channel to confirm nothing changed.
    const [asked] = await db().query(`SELECT body, channel_account_id FROM messages WHERE ticket_id = $1 AND metadata->>'system' = 'review.request'`, [review.id]);
    expect(asked.channel_account_id).toBe(org.api.id);
    expect(asked.body).toContain('لم يتغير');

    const file = (await http.get(`/contacts/${contactId}/file`, supervisor)).body;
    expect(file.reviews).toEqual([expect.objectContaining({ dueOn: '2030-03-01', ticketId: review.id })]);
    expect(file.requests).toEqual([expect.objectContaining({ ticketId, stage: 'registered', decision: expect.objectContaining({ stage: 'accepted' }) })]);
    expect(file.contact.beneficiary.nextReviewOn).toBe('2030-09-01');
  });

  it('shows the whole file to staff, and a complaint only to those who may open it', async () => {
    const phone = uniquePhone();
    const { contactId } = await request('support_request', phone, 'نحتاج سلة غذائية');
    const complaint = await inbound(http, org, { externalId: randomUUID(), type: 'complaint', text: 'شكوى على موظف', sender: { identities: [{ kind: 'phone', value: phone }] } });
    expect(complaint.status).toBe(202);
    const seen = async (token: string) => (await http.get(`/contacts/${contactId}/file`, token)).body.conversations.map((c: { id: string }) => c.id);
    expect(await seen(org.users.agentWomen.token)).not.toContain(complaint.body.ticketId);
    expect(await seen(org.users.supervisor.token)).not.toContain(complaint.body.ticketId);
    expect(await seen(org.users.admin.token)).not.toContain(complaint.body.ticketId);
    expect(await seen(org.users.officer.token)).toContain(complaint.body.ticketId);
    expect((await seen(org.users.agentWomen.token)).length).toBe(1);
    expect((await http.get(`/contacts/${contactId}/file`, org.users.delegate.token)).status).toBe(403);
    const other = await createOrganization(testApp, http);
    expect((await http.get(`/contacts/${contactId}/file`, other.users.admin.token)).status).toBe(404);
  });

  it('lets an admin reshape a request type, refusing one that does not hold together or strands cases', async () => {
    const admin = org.users.admin.token;
    const types = (await http.get('/admin/case-types', admin)).body;
    const volunteer = types.find((t: { key: string }) => t.key === 'volunteer');
    expect(volunteer.customized).toBe(false);
    expect((await http.get('/admin/case-types', org.users.supervisor.token)).status).toBe(403);

    const { key: _k, ticketType: _t, customized: _c, ...definition } = volunteer;
    const broken = { ...definition, stages: definition.stages.map((s: { key: string; requires: string[] }) => (s.key === 'interview' ? { ...s, requires: ['criminal_record'] } : s)) };
    const refused = await http.request('PUT', '/admin/case-types/volunteer', { body: broken, token: admin });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('criminal_record is not on the checklist');
    expect((await http.request('PUT', '/admin/case-types/volunteer', { body: { ...definition, surprise: 1 }, token: admin })).status).toBe(400);
    expect((await http.request('PUT', '/admin/case-types/complaint', { body: definition, token: admin })).status).toBe(404);

    // A police clearance added to the checklist and required for the interview: the next case needs it.
    const changed = {
      ...definition,
      checklist: [...definition.checklist, { key: 'police_clearance', kind: 'document', label: { ar: 'شهادة حسن السيرة', en: 'Police clearance' }, ask: { ar: 'شهادة حسن السيرة والسلوك', en: 'a police clearance certificate' } }],
      stages: definition.stages.map((s: { key: string; requires: string[] }) => (s.key === 'interview' ? { ...s, requires: [...s.requires, 'police_clearance'] } : s)),
    };
    const saved = await http.request('PUT', '/admin/case-types/volunteer', { body: changed, token: admin });
    expect(saved.status).toBe(200);
    expect(saved.body.customized).toBe(true);
    const { ticketId } = await request('volunteer', uniquePhone(), 'أرغب بالتطوع مع الجمعية');
    const agent = org.users.agentWomen.token;
    expect((await move(ticketId, 'verification', agent)).status).toBe(200);
    expect((await http.patch(`/tickets/${ticketId}/case/checklist/phone_reachable`, { done: true }, agent)).status).toBe(200);
    const blocked = await move(ticketId, 'interview', agent);
    expect(blocked.status).toBe(400);
    expect(blocked.body.missing).toEqual(['police_clearance']);

    // Removing the stage the case is at is refused until it moves on; reset goes back to the default.
    const withoutVerification = { ...changed, stages: changed.stages.filter((s: { key: string }) => s.key !== 'verification').map((s: { key: string; next: string[] }) => (s.key === 'received' ? { ...s, next: ['interview'] } : s)) };
    const stranded = await http.request('PUT', '/admin/case-types/volunteer', { body: withoutVerification, token: admin });
    expect(stranded.status).toBe(409);
    expect(stranded.body.message).toContain('verification (1)');
    const reset = await http.request('DELETE', '/admin/case-types/volunteer', { token: admin });
    expect(reset.status).toBe(200);
    expect(reset.body.customized).toBe(false);
    const [audit] = await db().query(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action LIKE 'case_type.%'`, [org.id]);
    expect(audit.n).toBe(2);
  });
});
