import { randomUUID } from 'node:crypto';
import { messageId, utf8Base64Mail } from '../../libs/channels/email/test/mail-fixtures';
import { createOrganization, dataSource, eventually, Http, PASSWORD, TestOrganization } from '../helpers/factories';
import { PHONE, screenshot, signIn } from './helpers/browser';
import { useMailWorld } from './helpers/mail-world';
import { expectScreenFine, horizontalOverflow } from './helpers/page-checks';

jest.setTimeout(240_000);

declare const document: { documentElement: { lang: string; dir: string } };

const TEXT = {
  ar: {
    name: 'الاسم الكامل', email: 'البريد الإلكتروني', about: 'موضوع الشكوى', aboutStaff: 'تعامل أحد الموظفين', details: 'تفاصيل الشكوى',
    declaration: 'أقر بأن البيانات المدخلة صحيحة', send: 'إرسال', received: 'تم استلام طلبك', trackLink: 'متابعة حالة الطلب',
    trackingCode: 'رمز المتابعة', trackButton: 'عرض الحالة', complainant: 'هيفاء الشمري',
    complaint: 'انتظرت ساعتين في الفرع ولم يستقبلني أحد', question: 'نأسف لما حدث، نرجو ذكر تاريخ الزيارة.', answer: 'كانت الزيارة يوم الثلاثاء الماضي صباحًا.',
    findings: 'ثبت غياب موظف الاستقبال دون إذن.', action: 'خصم وإنذار للموظف', closure: 'الإجراء المناسب',
  },
  en: {
    name: 'Full name', email: 'Email', about: 'What it is about', aboutStaff: 'A staff member', details: 'Details of the complaint',
    declaration: 'I confirm that the information', send: 'Send', received: 'We received your request', trackLink: 'Track your request',
    trackingCode: 'Tracking code', trackButton: 'Show status', complainant: 'Haifa Alshammari',
    complaint: 'I waited two hours at the branch and nobody received me', question: 'We are sorry; please tell us the date of your visit.',
    answer: 'It was last Tuesday morning.', findings: 'The receptionist was absent without leave.', action: 'Pay deduction and warning', closure: 'appropriate action has been taken',
  },
} as const;

/**
 * The complaint journey as people live it, in Chromium: the complainant fills
 * the public complaint form, the officer asks for a clarification by email
 * from the web app, the answer arrives through Dovecot into the open case,
 * the officer closes it, and the complainant reads the closure notice in
 * their mail and on the tracking page, never the action taken. Once in
 * Arabic, once in English.
 */
describe('the complaint journey in Chromium: form, email, closure', () => {
  const world = useMailWorld();

  it.each(['ar', 'en'] as const)('takes a complaint by form, clarifies it by email and closes it without letting the action out (%s)', async (locale) => {
    const text = TEXT[locale];
    const { dovecot, smtp, testApp, http, browser, open } = world;
    const org: TestOrganization = await createOrganization(testApp, http);
    const { mailbox } = await world.addEmailAccount(org, `journey-${locale}`);
    expect((await http.patch('/me', { locale }, org.users.officer.token)).status).toBe(204);
    const slug = ((await http.get('/admin/forms', org.users.admin.token)).body as { preset: string; slug: string }[]).find((f) => f.preset === 'complaint')!.slug;
    const address = `complainant-${randomUUID().slice(0, 8)}@outside.test`;
    const marker = `MARKER-${randomUUID().slice(0, 8)}`;

    // The complainant, on a phone, fills the public complaint form.
    const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'x-forwarded-for': `10.7.${locale === 'ar' ? 1 : 2}.${Math.floor(Math.random() * 250)}` } });
    const complainant = await context.newPage();
    await complainant.goto(`${testApp.url}/f/${slug}${locale === 'en' ? '?lang=en' : ''}`);
    expect(await complainant.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale, locale === 'ar' ? 'rtl' : 'ltr']);
    await complainant.getByLabel(text.name).fill(text.complainant);
    await complainant.getByLabel(text.email).fill(address);
    await complainant.getByLabel(text.about).selectOption({ label: text.aboutStaff });
    await complainant.getByLabel(text.details).fill(text.complaint);
    await complainant.getByLabel(text.declaration).check();
    await screenshot(complainant, `${locale}-journey-1-complaint-form`);
    await complainant.getByRole('button', { name: text.send, exact: true }).click();
    await expect(complainant.locator('h1').textContent()).resolves.toBe(text.received);
    const reference = (await complainant.locator('#reference').textContent())!.trim();
    const code = (await complainant.locator('#tracking-code').textContent())!.trim();
    const [ticket] = await dataSource(testApp).query(`SELECT id, confidential FROM tickets WHERE organization_id = $1 AND reference = $2`, [org.id, reference]);
    expect(ticket.confidential).toBe(true);

    // The officer opens the case and asks, by email, for the date of the visit.
    const officer = await signIn(browser, testApp.url, org.users.officer.email, PASSWORD);
    open.push(officer);
    await officer.page.goto(`${testApp.url}/#/inbox/all/${ticket.id}`);
    const pane = officer.page.locator(`.ticket-pane[data-ticket-id="${ticket.id}"]`);
    await pane.locator('[data-testid="complaint-panel"]').waitFor();
    const composer = pane.locator('form.composer');
    const to = composer.locator('.inline-field select');
    const emailOption = await to.locator('option', { hasText: address }).getAttribute('value');
    await to.selectOption(emailOption!);
    await composer.locator('[data-testid="composer-text"]').fill(text.question);
    await screenshot(officer.page, `${locale}-journey-2-officer-asks-by-email`);
    await composer.locator('button[type="submit"]').click();
    const asked = await smtp.waitFor((m) => m.to.includes(address) && (m.parsed.text ?? '').includes(text.question), 20_000);

    // The complainant answers from their mailbox; the answer appears live in the officer's timeline.
    await dovecot.deliver(mailbox.address, utf8Base64Mail(text.answer, {
      messageId: messageId('outside.test'), from: `${text.complainant} <${address}>`, to: mailbox.address,
      subject: `Re: ${asked.parsed.subject}`, inReplyTo: asked.parsed.messageId!, references: asked.parsed.messageId!,
    }), address);
    await pane.locator('.timeline .message--inbound', { hasText: text.answer }).waitFor({ timeout: 20_000 });

    // Findings and the action taken (with a marker), then the decision and the close.
    const panel = pane.locator('[data-testid="complaint-panel"]');
    await panel.locator('[data-testid="case-findings"]').fill(text.findings);
    await panel.locator('[data-testid="case-action"]').fill(`${text.action} ${marker}`);
    await panel.locator('[data-testid="case-internal"] button[type="submit"]').click();
    await panel.locator('[data-testid="case-internal"] [role="status"]').waitFor();
    await panel.locator('[data-testid="case-decision-select"]').selectOption('upheld');
    await panel.locator('[data-testid="case-close"]').click();
    await officer.page.locator('[data-testid="case-confirm"] [data-testid="case-confirm-close"]').click();
    await panel.locator('[data-testid="closure-notice"]').waitFor({ timeout: 10_000 });
    await screenshot(officer.page, `${locale}-journey-3-officer-closed`);
    await expectScreenFine(officer, locale);

    // The notice reaches the complainant's mailbox, in their language, with the reference and without the action.
    const notice = await smtp.waitFor((m) => m.to.includes(address) && (m.parsed.text ?? '').includes(text.closure), 20_000);
    expect(notice.parsed.text).toContain(reference);
    const theirMail = smtp.mails.filter((m) => m.to.includes(address)).map((m) => m.raw.toString('utf8') + (m.parsed.text ?? '') + (m.parsed.html || '')).join('\n');
    expect(theirMail).not.toContain(marker);
    expect(theirMail).not.toContain(text.action);
    expect(theirMail).not.toContain(text.findings);

    // And on the tracking page.
    await complainant.getByRole('link', { name: text.trackLink }).click();
    await complainant.getByLabel(text.trackingCode).fill(code);
    await complainant.getByRole('button', { name: text.trackButton }).click();
    await complainant.locator('.notice').waitFor();
    const page = await complainant.locator('body').innerText();
    expect(page).toContain(text.closure);
    expect(page).not.toContain(marker);
    expect(page).not.toContain(text.action);
    expect(await horizontalOverflow(complainant)).toBe(0);
    await screenshot(complainant, `${locale}-journey-4-tracking-notice`);
    await context.close();
  });
});
