import { randomUUID } from 'node:crypto';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, dataSource, eventually, Http, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { PHONE, screenshot, signIn } from './helpers/browser';
import { useMailWorld } from './helpers/mail-world';
import { expectScreenFine, horizontalOverflow } from './helpers/page-checks';

jest.setTimeout(300_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A valid Saudi national id: 1, eight random digits, and the Luhn check digit. */
function uniqueNationalId(): string {
  const body = `1${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  for (let check = 0; check < 10; check++) {
    const value = body + check;
    let sum = 0;
    for (let i = 0; i < value.length; i++) {
      let digit = Number(value[value.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return value;
  }
  throw new Error('unreachable');
}

const TEXT = {
  ar: {
    name: 'الاسم الكامل', nationalId: 'رقم الهوية الوطنية أو الإقامة', phone: 'رقم الجوال', female: 'أنثى', branch: 'الفرع الأقرب إليك', kind: 'نوع المساعدة',
    details: 'تفاصيل الطلب', email: 'البريد الإلكتروني', declaration: 'أقر بأن البيانات المدخلة صحيحة', send: 'إرسال', received: 'تم استلام طلبك',
    applicant: 'منيرة العتيبي', request: 'أحتاج مساعدة في سداد إيجار المنزل لثلاثة أشهر', referral: 'الدخل غير موثق، نرجو دراسة الحالة ميدانيًا',
    instructions: 'التحقق من السكن وعدد أفراد الأسرة', report: 'الأسرة من ستة أفراد، السكن بالإيجار والعقد ساري', decisionNote: 'صرف إعانة إيجار لثلاثة أشهر',
    accepted: 'تمت الموافقة',
  },
  en: {
    name: 'Full name', nationalId: 'National or residence ID', phone: 'Mobile number', female: 'Female', branch: 'Nearest branch', kind: 'Kind of support',
    details: 'Details of the request', email: 'Email', declaration: 'I confirm that the information', send: 'Send', received: 'We received your request',
    applicant: 'Munira Alotaibi', request: 'I need help paying the house rent for three months', referral: 'Income not documented; please study the case in the field',
    instructions: 'Check the housing and the household size', report: 'Household of six; rented home, lease valid', decisionNote: 'Rent support for three months',
    accepted: 'has been accepted',
  },
} as const;

/**
 * One request followed end to end, as the people involved live it: the
 * applicant fills the support-request form on a phone; the agent verifies it
 * and refers it to social research; the researcher sends a delegate, who
 * reports the visit from a phone-sized page; the researcher completes the
 * checklist and sends it to the committee; a supervisor decides from the
 * committee's list; the applicant reads the decision in their mailbox, with
 * the reference; and the contact's file shows it all. In Arabic and English.
 */
describe('a support request from the web form to the decision by email, in Chromium', () => {
  const world = useMailWorld();

  it.each(['ar', 'en'] as const)('verifies, refers, visits, decides and tells the applicant (%s)', async (locale) => {
    const text = TEXT[locale];
    const { smtp, testApp, http, browser, open } = world;
    const org: TestOrganization = await createOrganization(testApp, http);
    const admin = org.users.admin.token;
    const db = dataSource(testApp);

    // The association: a branch, a research team with its researcher, an email account, and an email field on the support-request form.
    expect((await http.post('/admin/branches', { nameAr: 'فرع الملز', nameEn: 'Malaz branch', city: 'الرياض' }, admin)).status).toBe(201);
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    const research = await tenancy.createTeam(system, { nameAr: 'البحث الاجتماعي', nameEn: 'Social research', section: 'women', purpose: 'research' });
    const researcherUser = await tenancy.createUser(null, org.id, { email: `researcher-${randomUUID().slice(0, 8)}@example.org`, name: locale === 'ar' ? 'الباحثة نورة' : 'Noura (research)', password: PASSWORD, roles: [Role.Researcher], locale });
    await tenancy.setMembers(system, research.id, [{ userId: researcherUser.id }]);
    for (const user of [org.users.agentWomen, org.users.supervisor, org.users.delegate]) expect((await http.patch('/me', { locale }, user.token)).status).toBe(204);
    await world.addEmailAccount(org, `case-journey-${locale}`);
    const form = ((await http.get('/admin/forms', admin)).body as { id: string; preset: string; slug: string; fields: { key: string }[] }[]).find((f) => f.preset === 'support-request')!;
    const fields = [...form.fields.filter((f) => f.key !== 'documents'), { key: 'email', type: 'email', required: true, label: { ar: 'البريد الإلكتروني', en: 'Email' } }, form.fields.find((f) => f.key === 'documents')!];
    expect((await http.patch(`/admin/forms/${form.id}`, { fields }, admin)).status).toBe(200);
    const address = `applicant-${randomUUID().slice(0, 8)}@outside.test`;

    // 1. The applicant, on a phone, fills the support-request form.
    const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'x-forwarded-for': `10.9.${locale === 'ar' ? 1 : 2}.${Math.floor(Math.random() * 250)}` } });
    const applicant = await context.newPage();
    await applicant.goto(`${testApp.url}/f/${form.slug}${locale === 'en' ? '?lang=en' : ''}`);
    await applicant.getByLabel(text.name).fill(text.applicant);
    await applicant.getByLabel(text.nationalId).fill(uniqueNationalId());
    await applicant.getByLabel(text.phone).fill(uniquePhone());
    await applicant.getByLabel(text.female).check();
    await applicant.getByLabel(text.branch).selectOption({ index: 1 });
    await applicant.getByLabel(text.kind).selectOption('housing');
    await applicant.getByLabel(text.details).fill(text.request);
    await applicant.getByLabel(text.email).fill(address);
    await applicant.getByLabel(text.declaration).check();
    await applicant.getByRole('button', { name: text.send, exact: true }).click();
    await expect(applicant.locator('h1').textContent()).resolves.toBe(text.received);
    const reference = (await applicant.locator('#reference').textContent())!.trim();
    await context.close();
    const [ticket] = await db.query(`SELECT id, type, team_id FROM tickets WHERE organization_id = $1 AND reference = $2`, [org.id, reference]);
    expect(ticket).toMatchObject({ type: 'support_request', team_id: org.women.id });

    // 2. The agent verifies what can be verified and refers it to social research with a note.
    const agent = await signIn(browser, testApp.url, org.users.agentWomen.email, PASSWORD);
    open.push(agent);
    await agent.page.goto(`${testApp.url}/#/inbox/all/${ticket.id}`);
    const agentPanel = agent.page.locator('[data-testid="case-panel"]');
    await agentPanel.waitFor();
    await agentPanel.locator('[data-move="verification"]').click();
    await agent.page.locator('[data-testid="case-panel"][data-stage="verification"]').waitFor();
    for (const item of ['national_id_copy', 'phone_reachable']) {
      await agentPanel.locator(`input[data-item="${item}"]`).click();
      await agent.page.locator(`input[data-item="${item}"]:checked`).waitFor();
    }
    await agentPanel.locator('[data-testid="case-note"]').fill(text.referral);
    await agentPanel.locator('[data-move="research"]').click();
    await agent.page.locator('[data-testid="case-panel"][data-stage="research"]').waitFor();
    expect((await db.query(`SELECT team_id FROM tickets WHERE id = $1`, [ticket.id]))[0].team_id).toBe(research.id);

    // 3. The researcher reads the referral and sends the delegate on a visit.
    const researcher = await signIn(browser, testApp.url, researcherUser.email, PASSWORD);
    open.push(researcher);
    await researcher.page.goto(`${testApp.url}/#/inbox/all/${ticket.id}`);
    await researcher.page.locator('.message--note', { hasText: text.referral }).waitFor();
    const researcherPanel = researcher.page.locator('[data-testid="case-panel"]');
    await researcherPanel.locator('[data-testid="visit-open"]').click();
    await researcherPanel.locator('[data-testid="visit-assignee"]').selectOption(org.users.delegate.id);
    await researcherPanel.locator('[data-testid="visit-instructions"]').fill(text.instructions);
    await researcherPanel.locator('[data-testid="visit-send"]').click();
    await researcherPanel.locator('[data-visit-status="assigned"]').waitFor();
    await researcher.page.locator('.message__case[data-case-visit="assigned"]').waitFor();
    await screenshot(researcher.page, `${locale}-case-journey-1-visit-sent`);
    await expectScreenFine(researcher, locale);

    // 4. The delegate, on a phone, finds the visit on their page and reports it with a photo.
    const delegate = await signIn(browser, testApp.url, org.users.delegate.email, PASSWORD, PHONE);
    open.push(delegate);
    await delegate.page.goto(`${testApp.url}/#/delegate`);
    const visitItem = delegate.page.locator('[data-testid="my-visits"] li', { hasText: reference });
    await visitItem.waitFor();
    expect(await visitItem.innerText()).toContain(text.instructions);
    await screenshot(delegate.page, `${locale}-case-journey-2-delegate-visits`);
    await visitItem.locator('[data-testid="report-visit"]').click();
    await delegate.page.locator('[data-testid="reporting"]').waitFor();
    await delegate.page.locator('textarea').first().fill(text.report);
    await delegate.page.locator('input[type="file"]').setInputFiles({ name: 'house.png', mimeType: 'image/png', buffer: PNG });
    await screenshot(delegate.page, `${locale}-case-journey-3-delegate-report`);
    expect(await horizontalOverflow(delegate.page)).toBe(0);
    await delegate.page.locator('.delegate__save').click();
    await delegate.page.locator('[data-testid="synced"] li', { hasText: reference }).waitFor({ timeout: 20_000 });
    expect(await delegate.page.locator('[data-testid="my-visits"] li', { hasText: reference }).count()).toBe(0);
    expect(delegate.errors).toEqual([]);

    // 5. The report is in the researcher's timeline, live; they complete the checklist and send the case to the committee.
    await researcher.page.locator('.message--inbound', { hasText: text.report }).waitFor({ timeout: 20_000 });
    await researcher.page.reload();
    await researcherPanel.locator('[data-visit-status="reported"]').waitFor();
    for (const item of ['national_id_valid', 'income_proof', 'declaration_signed']) {
      await researcherPanel.locator(`input[data-item="${item}"]`).click();
      await researcher.page.locator(`input[data-item="${item}"]:checked`).waitFor();
    }
    await researcherPanel.locator('[data-move="committee"]').click();
    await researcher.page.locator('[data-testid="case-panel"][data-stage="committee"]').waitFor();
    // The committee's decision is not the researcher's.
    expect(await researcherPanel.locator('[data-move="accepted"]').isDisabled()).toBe(true);

    // 6. The supervisor opens it from the committee's list and accepts it.
    const supervisor = await signIn(browser, testApp.url, org.users.supervisor.email, PASSWORD);
    open.push(supervisor);
    await supervisor.page.locator('[data-testid="cases-link"]').click();
    const row = supervisor.page.locator(`[data-testid="case-agenda"] tr[data-ticket-id="${ticket.id}"]`);
    await row.waitFor();
    await row.locator('a').click();
    const supervisorPanel = supervisor.page.locator('[data-testid="case-panel"][data-stage="committee"]');
    await supervisorPanel.waitFor();
    await supervisorPanel.locator('[data-testid="case-note"]').fill(text.decisionNote);
    await supervisorPanel.locator('[data-move="accepted"]').click();
    await supervisor.page.locator('[data-testid="case-panel"][data-stage="accepted"]').waitFor();

    // 7. The applicant reads the decision in their mailbox, in the form's language, with the reference and not the committee's note.
    const decision = await smtp.waitFor((m) => m.to.includes(address) && (m.parsed.text ?? '').includes(text.accepted), 30_000);
    expect(decision.parsed.text).toContain(reference);
    expect(decision.parsed.text).not.toContain(text.decisionNote);
    await eventually(async () => (await db.query(`SELECT delivery_status FROM messages WHERE ticket_id = $1 AND metadata->>'system' = 'case.decision'`, [ticket.id]))[0]?.delivery_status === 'sent', 15_000);

    // 8. The contact's file tells the whole story.
    await supervisor.page.locator('[data-testid="contact-file-link"]').click();
    const file = supervisor.page.locator('[data-testid="contact-file"]');
    await file.locator(`[data-testid="file-requests"] tr[data-ticket-id="${ticket.id}"]`).waitFor();
    await file.locator('[data-testid="file-visits"] [data-visit-status="reported"]').waitFor();
    await file.locator(`[data-testid="file-conversations"] [data-ticket-id="${ticket.id}"]`).waitFor();
    await screenshot(supervisor.page, `${locale}-case-journey-4-contact-file`);
    await expectScreenFine(supervisor, locale);
    for (const person of [agent, researcher, supervisor]) expect(person.errors).toEqual([]);
  });
});
