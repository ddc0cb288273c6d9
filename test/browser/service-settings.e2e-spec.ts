import { Browser } from 'playwright-core';
import { createOrganization, dataSource, Http, PASSWORD, TestOrganization } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn } from './helpers/browser';
import { expectScreenFine } from './helpers/page-checks';

jest.setTimeout(240_000);

/**
 * Admins set the deadline policies and the holidays in the web app: a
 * support-request policy with its committee decision days, a holiday entered
 * in Hijri that is stored on its Gregorian day, a date the calendar does not
 * have refused with the server's reason. Once in Arabic, once in English.
 */
describe('deadline policies and holidays in Chromium', () => {
  let testApp: TestApp;
  let http: Http;
  let browser: Browser;
  const open: AgentPage[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(open.map((person) => person.context.close()));
    await browser?.close();
    await testApp?.close();
  });

  it.each(['ar', 'en'] as const)('adds a policy and a Hijri holiday (%s)', async (locale) => {
    const org: TestOrganization = await createOrganization(testApp, http);
    expect((await http.patch('/me', { locale }, org.users.admin.token)).status).toBe(204);
    const admin = await signIn(browser, testApp.url, org.users.admin.email, PASSWORD);
    open.push(admin);
    const { page } = admin;
    await page.locator('[data-testid="service-settings-link"]').click();

    // Saturday joins the working week, the day runs 07:30 to 15:30, surveys go out after half an hour and never after a complaint.
    const hours = page.locator('[data-testid="hours-form"]');
    await hours.locator('input[name="workDays"][value="6"]').check();
    await hours.locator('input[name="workStart"]').fill('07:30');
    await hours.locator('input[name="workEnd"]').fill('15:30');
    await hours.locator('input[name="surveyDelay"]').fill('30');
    await hours.locator('input[name="surveyComplaints"][value="none"]').check();
    await hours.locator('button[type="submit"]').click();
    await page.locator('[data-testid="service-hours"] [role="status"]').waitFor();
    expect((await http.get('/admin/service-settings', org.users.admin.token)).body).toMatchObject({
      workDays: [0, 1, 2, 3, 4, 6], workStartMinute: 450, workEndMinute: 930, surveyDelayMinutes: 30, surveyComplaints: 'none', timeZone: 'Asia/Riyadh',
    });
    // A day that ends before it starts: the server's reason, nothing changed.
    await hours.locator('input[name="workEnd"]').fill('06:00');
    await hours.locator('button[type="submit"]').click();
    await page.locator('[data-testid="service-hours"] [role="alert"]').waitFor();
    expect((await http.get('/admin/service-settings', org.users.admin.token)).body.workEndMinute).toBe(930);
    await page.reload();
    await page.locator('[data-testid="hours-form"] input[name="workDays"][value="6"]:checked').waitFor();

    const policy = page.locator('[data-testid="policy-form"]');
    await policy.locator('input[name="name"]').fill(locale === 'ar' ? 'طلبات الدعم' : 'Support requests');
    await policy.locator('select[name="ticketType"]').selectOption('support_request');
    await policy.locator('input[name="firstResponse"]').fill('4');
    await policy.locator('input[name="resolution"]').fill('40');
    await policy.locator('input[name="decisionDays"]').fill('14');
    await policy.locator('input[name="escalateToLead"]').check();
    await policy.locator('button[type="submit"]').click();
    await page.locator('[data-testid="sla-policies"] tr[data-policy-id]').waitFor();
    const [stored] = await dataSource(testApp).query(
      `SELECT ticket_type, first_response_minutes, resolution_minutes, decision_days, escalate_raise_priority, escalate_to_lead FROM sla_policies WHERE organization_id = $1`, [org.id]);
    expect(stored).toEqual({
      ticket_type: 'support_request', first_response_minutes: 240, resolution_minutes: 2400, decision_days: 14, escalate_raise_priority: true, escalate_to_lead: true,
    });

    // 1 Shawwal 1448 (Eid al-Fitr) is 9 March 2027 in Umm al-Qura.
    const holiday = page.locator('[data-testid="holiday-form"]');
    await holiday.locator('input[name="name"]').fill(locale === 'ar' ? 'عيد الفطر' : 'Eid al-Fitr');
    await holiday.locator('input[name="hijriDate"]').fill('1448-10-01');
    await holiday.locator('button[type="submit"]').click();
    await page.locator('[data-testid="holidays"] tr[data-date="2027-03-09"]').waitFor();
    // A day the calendar does not have: the server says why, nothing is added.
    await holiday.locator('input[name="name"]').fill('x');
    await holiday.locator('input[name="hijriDate"]').fill('1448-12-31');
    await holiday.locator('button[type="submit"]').click();
    await holiday.locator('[role="alert"]').waitFor();
    expect(await holiday.locator('[role="alert"]').innerText()).toMatch(/hijriDate|Umm al-Qura/);
    expect((await http.get('/admin/holidays', org.users.admin.token)).body).toEqual([{ date: '2027-03-09', name: locale === 'ar' ? 'عيد الفطر' : 'Eid al-Fitr' }]);
    await screenshot(page, `${locale}-service-settings-1`);
    await expectScreenFine(admin, locale);
    await page.setViewportSize(PHONE);
    await screenshot(page, `${locale}-service-settings-2-phone`);
    await expectScreenFine(admin, locale);

    // Others have no link.
    const agent = await signIn(browser, testApp.url, org.users.supervisor.email, PASSWORD);
    open.push(agent);
    expect(await agent.page.locator('[data-testid="service-settings-link"]').count()).toBe(0);
  });
});
