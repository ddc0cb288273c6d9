import { randomUUID } from 'node:crypto';
import { FormSubmissionsService } from '@inbox/channels/forms';
import { TicketsService } from '@inbox/tickets';
import { createOrganization, dataSource, eventually, Http, TestOrganization, uniquePhone } from './helpers/factories';
import { serverErrors, startTestApp, TestApp } from './helpers/test-app';

/** Each test speaks from its own address (the api trusts X-Forwarded-For from loopback, as behind a load balancer). */
const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Web forms over the JSON endpoint, as an integrator (or the page) submits
 * them: the default forms, a submission becoming a routed ticket with its
 * declaration kept, tracking by code without internal notes, anonymous
 * complaints, every refusal saying why, floods, and a submission that
 * survives a failed ingest.
 */
describe('web forms', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let slugs: Record<string, string>;
  let branchId: string;

  const submit = (slug: string, body: Record<string, unknown>, ip = address()) =>
    http.request('POST', `/public/forms/${slug}/submissions`, { body, headers: { 'x-forwarded-for': ip } });

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    branchId = (await http.post('/admin/branches', { nameAr: 'فرع جدة', nameEn: 'Jeddah branch', city: 'جدة' }, org.users.admin.token)).body.id;
    const forms = await http.get('/admin/forms', org.users.admin.token);
    expect(forms.status).toBe(200);
    slugs = Object.fromEntries(forms.body.map((f: { preset: string; slug: string }) => [f.preset, f.slug]));
  });
  afterAll(() => testApp.close());

  it('gives every organization the default forms the policies name, each making its own ticket type', async () => {
    const forms = (await http.get('/admin/forms', org.users.admin.token)).body as { preset: string; ticketType: string }[];
    expect(forms.map((f) => [f.preset, f.ticketType]).sort()).toEqual([
      ['complaint', 'complaint'], ['inquiry', 'inquiry'], ['job-application', 'job_application'], ['registration', 'registration'],
      ['suggestion', 'suggestion'], ['support-request', 'support_request'], ['volunteer', 'volunteer'],
    ]);
    // Listing again does not make them twice; other roles may not edit forms.
    expect((await http.get('/admin/forms', org.users.admin.token)).body).toHaveLength(7);
    expect((await http.get('/admin/forms', org.users.agentMen.token)).status).toBe(403);
    const definition = await http.get(`/public/forms/${slugs.inquiry}`);
    expect(definition.status).toBe(200);
    expect(definition.body.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'phone', 'email', 'gender', 'branch', 'details']);
  });

  it('turns a submission into a routed ticket with the declaration kept, and shows its status only by tracking code', async () => {
    const phone = uniquePhone();
    const ip = address();
    const response = await submit(slugs.inquiry!, {
      locale: 'ar', declaration: true,
      values: { name: 'سالم الحربي', phone, gender: 'male', branch: branchId, details: 'متى يبدأ توزيع السلال الغذائية؟' },
    }, ip);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'ingested', anonymous: false });
    expect(response.body.reference).toMatch(/^T-\d{4}-\d{4,}$/);
    expect(response.body.trackingCode).toMatch(/^[A-Z2-9]{12}$/);

    const db = dataSource(testApp);
    const [ticket] = await db.query(
      `SELECT t.id, t.type, t.team_id, t.branch_id, t.channel_kind, t.confidential, m.body, m.metadata FROM tickets t JOIN messages m ON m.ticket_id = t.id
       WHERE t.organization_id = $1 AND t.reference = $2`,
      [org.id, response.body.reference],
    );
    // The nearest branch chosen is the ticket's branch (the submission came in on that branch's form account, which routing reads).
    expect(ticket).toMatchObject({ type: 'inquiry', team_id: org.men.id, branch_id: branchId, channel_kind: 'web_form', confidential: false });
    expect(ticket.body).toContain('الفرع الأقرب إليك: فرع جدة');
    expect(ticket.body).toContain('متى يبدأ توزيع السلال الغذائية؟');
    expect(ticket.body).toContain('الاسم الكامل: سالم الحربي');
    expect(ticket.metadata.declaration.text).toContain('أقر بأن البيانات المدخلة صحيحة');
    const [submission] = await db.query(`SELECT declared_at, declared_ip, declaration_text, message, status FROM form_submissions WHERE ticket_id = $1`, [ticket.id]);
    expect(submission).toMatchObject({ declared_ip: ip, status: 'ingested', message: null });
    expect(Date.now() - new Date(submission.declared_at).getTime()).toBeLessThan(60_000);

    // The same person is one contact across channels: their phone is now an identity.
    const [identity] = await db.query(`SELECT value FROM contact_identities WHERE organization_id = $1 AND kind = 'phone'
      AND contact_id = (SELECT contact_id FROM tickets WHERE id = $2)`, [org.id, ticket.id]);
    expect(identity.value).toMatch(/^\+9665\d{8}$/);

    const tracked = await http.get(`/public/track/${response.body.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ reference: response.body.reference, status: 'received', notice: null });

    // An agent works the ticket and writes an internal note: the status moves, the note never shows.
    const secret = `ملاحظة داخلية ${randomUUID()}`;
    expect((await http.post(`/tickets/${ticket.id}/messages`, { body: secret, internal: true }, org.users.agentMen.token)).status).toBe(201);
    expect((await http.patch(`/tickets/${ticket.id}`, { status: 'pending' }, org.users.agentMen.token)).status).toBe(200);
    const later = await http.get(`/public/track/${response.body.trackingCode.toLowerCase()}`);
    expect(later.body.status).toBe('pending');
    expect(JSON.stringify(later.body)).not.toContain(secret);
    expect(Object.keys(later.body).sort()).toEqual(['notice', 'reference', 'status', 'submittedAt', 'timeZone', 'updatedAt']);
    expect((await http.get('/public/track/NOSUCHCODE99')).status).toBe(404);
  });

  it('makes a confidential complaint, anonymous if asked, tracked by the complaint case code', async () => {
    const response = await submit(slugs.complaint!, {
      locale: 'en', declaration: true, anonymous: true,
      values: { name: 'Should Not Be Kept', phone: uniquePhone(), about: 'staff', details: 'The receptionist was rude to my mother.' },
    });
    expect(response.status).toBe(201);
    expect(response.body.anonymous).toBe(true);
    const db = dataSource(testApp);
    const [ticket] = await db.query(
      `SELECT t.id, t.type, t.confidential, c.name, c.id AS contact_id, cc.tracking_code, m.body, m.metadata
       FROM tickets t JOIN contacts c ON c.id = t.contact_id JOIN complaint_cases cc ON cc.ticket_id = t.id JOIN messages m ON m.ticket_id = t.id
       WHERE t.organization_id = $1 AND t.reference = $2`,
      [org.id, response.body.reference],
    );
    expect(ticket).toMatchObject({ type: 'complaint', confidential: true, name: null, tracking_code: response.body.trackingCode });
    expect(ticket.body).not.toContain('Should Not Be Kept');
    expect(ticket.metadata.declaration.ip).toBeNull();
    const identities = await db.query(`SELECT kind, value FROM contact_identities WHERE contact_id = $1`, [ticket.contact_id]);
    expect(identities).toEqual([{ kind: 'email', value: expect.stringMatching(/@anonymous\.invalid$/) }]);

    // Agents and supervisors do not see it; officers do.
    expect((await http.get(`/tickets/${ticket.id}`, org.users.supervisor.token)).status).toBe(404);
    expect((await http.get(`/tickets/${ticket.id}`, org.users.officer.token)).status).toBe(200);
    const tracked = await http.get(`/public/track/${response.body.trackingCode}`);
    expect(tracked.body).toMatchObject({ reference: response.body.reference, status: 'in_progress', notice: null });

    // The organization's own notices on a form ticket are delivered to the tracking page; an agent's reply fails, saying why.
    const notice = await db.transaction((manager) => testApp.app.get(TicketsService).sendSystemMessage(manager, ticket.id, 'تم استلام شكواك', 'complaint.acknowledgement'));
    const reply = await http.post(`/tickets/${ticket.id}/messages`, { body: 'شكرًا لك', internal: false }, org.users.officer.token);
    expect(reply.status).toBe(201);
    const delivered = await eventually(async () => {
      const rows = await db.query(`SELECT id, delivery_status, failure_reason FROM messages WHERE id = ANY($1)`, [[notice!.id, reply.body.id]]);
      return rows.every((r: { delivery_status: string }) => ['sent', 'failed'].includes(r.delivery_status)) ? rows : null;
    }, 20_000);
    expect(delivered.find((r: { id: string }) => r.id === notice!.id).delivery_status).toBe('sent');
    expect(delivered.find((r: { id: string }) => r.id === reply.body.id)).toMatchObject({ delivery_status: 'failed', failure_reason: expect.stringContaining('A web form cannot carry replies') });
  });

  it('never adds a complaint to the same person’s open inquiry', async () => {
    const phone = uniquePhone();
    const inquiry = await submit(slugs.inquiry!, { declaration: true, values: { name: 'منيرة', phone, details: 'سؤال عن موعد التسجيل' } });
    const complaint = await submit(slugs.complaint!, { declaration: true, values: { name: 'منيرة', phone, about: 'delay', details: 'تأخر الرد على طلبي' } });
    expect(inquiry.status).toBe(201);
    expect(complaint.status).toBe(201);
    expect(complaint.body.reference).not.toBe(inquiry.body.reference);
    const rows = await dataSource(testApp).query(`SELECT reference, type, confidential FROM tickets WHERE organization_id = $1 AND reference = ANY($2) ORDER BY type`,
      [org.id, [inquiry.body.reference, complaint.body.reference]]);
    expect(rows.map((r: { type: string; confidential: boolean }) => [r.type, r.confidential])).toEqual([['complaint', true], ['inquiry', false]]);
  });

  it('refuses what is wrong and says why, per field, storing nothing', async () => {
    const db = dataSource(testApp);
    const before = Number((await db.query(`SELECT count(*) FROM form_submissions WHERE organization_id = $1`, [org.id]))[0].count);
    const refused = async (body: Record<string, unknown>, slug = slugs.registration!) => {
      const errors = serverErrors();
      const response = await submit(slug, body);
      errors.restore();
      expect({ status: response.status, errors: errors.messages }).toEqual({ status: 400, errors: [] });
      return Object.fromEntries((response.body.fields as { field: string; message: { en: string } }[]).map((f) => [f.field, f.message.en]));
    };
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]).toString('base64');
    const problems = await refused({
      values: { name: 'x', national_id: '1234567890', phone: '12345', gender: 'other', birth_date: '2999-01-01', city: 'الرياض', family_size: '99', branch: randomUUID(), colour: 'red' },
      files: [{ field: 'documents', fileName: 'هوية.pdf', contentBase64: exe }],
    });
    expect(problems).toEqual({
      declaration: 'Please confirm the declaration before sending.',
      national_id: expect.stringContaining('Not a valid national or residence ID'),
      phone: 'This is not a valid phone number.',
      gender: 'Choose one of the options.',
      birth_date: 'The date cannot be after today.',
      family_size: 'Choose one of the options.',
      branch: 'Choose one of the options.',
      colour: 'This field is not part of the form.',
      documents: expect.stringContaining('is not an accepted type'),
    });
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1)]).toString('base64');
    expect(await refused({ declaration: true, values: { name: 'منى', phone: uniquePhone(), details: 'x' }, files: [{ field: 'documents', fileName: 'big.pdf', contentBase64: big }] }, slugs['support-request']))
      .toMatchObject({ documents: 'The file big.pdf is larger than 5 MB.', national_id: 'This field is required.' });
    expect(await refused({ declaration: true, values: { name: 'منى', details: 'x' } }, slugs.inquiry)).toMatchObject({ phone: 'This field is required.' });
    const robot = await submit(slugs.inquiry!, { declaration: true, website: 'http://spam.example', values: { name: 'bot', phone: uniquePhone(), details: 'buy' } });
    expect(robot.status).toBe(400);
    expect(robot.body.reason).toBe('spam');
    const after = Number((await db.query(`SELECT count(*) FROM form_submissions WHERE organization_id = $1`, [org.id]))[0].count);
    expect(after).toBe(before);
  });

  it('accepts files by their bytes and stores them on the message', async () => {
    const response = await submit(slugs['job-application']!, {
      declaration: true, locale: 'en',
      values: { name: 'Omar Khan', phone: uniquePhone(), email: `omar-${randomUUID().slice(0, 6)}@example.org`, gender: 'male', position: 'Accountant' },
      files: [{ field: 'documents', fileName: '../../etc/سيرة ذاتية', contentBase64: PDF.toString('base64') }],
    });
    expect(response.status).toBe(201);
    const [message] = await dataSource(testApp).query(
      `SELECT m.attachments, t.subject, t.type FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.organization_id = $1 AND t.reference = $2`,
      [org.id, response.body.reference],
    );
    expect(message.type).toBe('job_application');
    expect(message.subject).toContain('Accountant');
    expect(message.attachments).toEqual([expect.objectContaining({ fileName: 'سيرة ذاتية.pdf', contentType: 'application/pdf', size: PDF.length })]);
  });

  it('refuses floods from one address, and a flood to one form from many', async () => {
    const ip = address();
    const body = () => ({ declaration: true, values: { name: 'حمد', phone: uniquePhone(), details: 'سؤال' } });
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await submit(slugs.suggestion!, body(), ip)).status);
    expect(answers.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
    const refused = await submit(slugs.suggestion!, body(), ip);
    expect(refused.body).toMatchObject({ error: 'rate_limited', scope: 'address' });
    // Another address is not held back by that one.
    expect((await submit(slugs.suggestion!, body())).status).toBe(201);

    const form = (await http.get('/admin/forms', org.users.admin.token)).body.find((f: { preset: string }) => f.preset === 'volunteer');
    expect((await http.patch(`/admin/forms/${form.id}`, { perFormPerMinute: 3 }, org.users.admin.token)).status).toBe(200);
    const many: number[] = [];
    const volunteer = () => ({ declaration: true, values: { name: 'نايف', phone: uniquePhone(), gender: 'male', interest: 'events', availability: 'weekends' } });
    for (let i = 0; i < 5; i++) many.push((await submit(form.slug, volunteer())).status);
    expect(many).toEqual([201, 201, 201, 429, 429]);
  });

  it('keeps an accepted submission when ingest fails, and delivers it once later', async () => {
    const db = dataSource(testApp);
    const marker = `FAIL-${randomUUID()}`;
    // Ingest refuses this one message (as if the database were failing for it) until the trigger is dropped.
    const fn = `fail_${marker.replace(/-/g, '_').toLowerCase()}`;
    await db.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.body LIKE '%${marker}%' THEN RAISE EXCEPTION 'storage unavailable'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    let response;
    try {
      response = await submit(slugs.inquiry!, { declaration: true, values: { name: 'بدر', phone: uniquePhone(), details: marker } });
    } finally {
      await db.query(`DROP TRIGGER ${fn} ON messages`);
      await db.query(`DROP FUNCTION ${fn}()`);
    }
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'received', reference: null });
    expect((await http.get(`/public/track/${response.body.trackingCode}`)).body).toMatchObject({ status: 'received', reference: null });

    // The sweep takes submissions older than half a minute; this one is made older instead of waiting.
    await db.query(`UPDATE form_submissions SET created_at = created_at - interval '1 minute' WHERE tracking_code = $1`, [response.body.trackingCode]);
    const service = testApp.app.get(FormSubmissionsService);
    await service.deliverPending();
    await service.deliverPending();
    const messages = await db.query(`SELECT t.reference FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.organization_id = $1 AND m.body LIKE $2`,
      [org.id, `%${marker}%`]);
    expect(messages).toHaveLength(1);
    const tracked = await http.get(`/public/track/${response.body.trackingCode}`);
    expect(tracked.body).toMatchObject({ status: 'received', reference: messages[0].reference });
  });

  it('opens a new organization’s default forms at their addresses before anyone has listed them', async () => {
    const fresh = await createOrganization(testApp, http);
    const [{ slug }] = await dataSource(testApp).query(`SELECT slug FROM organizations WHERE id = $1`, [fresh.id]);
    const page = await fetch(`${testApp.url}/f/${slug}-complaint`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('تقديم شكوى');
    expect((await http.get('/admin/forms', fresh.users.admin.token)).body).toHaveLength(7);
    expect((await fetch(`${testApp.url}/f/${slug}-nonsense`)).status).toBe(404);
  });

  it('lets admins edit a form and refuses a form nobody could be reached through', async () => {
    const token = org.users.admin.token;
    const slug = `survey-${randomUUID().slice(0, 8)}`;
    const fields = [{ key: 'comment', type: 'text', multiline: true, required: true, role: 'message', label: { ar: 'رأيك', en: 'Your view' } }];
    const refused = await http.post('/admin/forms', { slug, ticketType: 'suggestion', title: { ar: 'رأي', en: 'Opinion' }, fields }, token);
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('fields');
    const created = await http.post('/admin/forms', {
      slug, ticketType: 'suggestion', title: { ar: 'رأي', en: 'Opinion' },
      fields: [...fields, { key: 'mobile', type: 'phone', required: true, label: { ar: 'الجوال', en: 'Mobile' }, extra: 'dropped' }],
    }, token);
    expect(created.status).toBe(201);
    expect(created.body.fields[1]).not.toHaveProperty('extra');
    expect((await http.post('/admin/forms', { ...created.body, id: undefined, organizationId: undefined, preset: undefined }, token)).status).toBe(409);
    expect((await http.patch(`/admin/forms/${created.body.id}`, { enabled: false }, token)).status).toBe(200);
    expect((await http.get(`/public/forms/${slug}`)).status).toBe(404);
    const preset = (await http.get('/admin/forms', token)).body.find((f: { preset: string }) => f.preset === 'suggestion');
    expect((await http.request('DELETE', `/admin/forms/${preset.id}`, { token })).status).toBe(400);
  });
});
