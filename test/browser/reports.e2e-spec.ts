import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { ReportsService } from '@inbox/tickets';
import { createOrganization, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn } from './helpers/browser';
import { expectScreenFine, horizontalOverflow } from './helpers/page-checks';

/** The page's document, for the checks that run inside the browser (the suite itself compiles without the DOM library). */
declare const document: any;

jest.setTimeout(240_000);

/**
 * The supervisors' dashboard in Chromium, in Arabic and English: the figures
 * shown are those of the tickets the test made (three inquiries, one of them
 * resolved, and a complaint counted only in the totals), the charts render,
 * the CSV downloads, and an agent has no way in.
 */
describe('the reports dashboard in Chromium', () => {
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

  it.each(['ar', 'en'] as const)('shows the period’s figures, the charts and the backlog (%s)', async (locale) => {
    const org: TestOrganization = await createOrganization(testApp, http);
    expect((await http.patch('/me', { locale }, org.users.supervisor.token)).status).toBe(204);
    const send = (text: string, type?: string) => inbound(http, org, {
      externalId: randomUUID(), text, ...(type ? { type } : {}), sender: { name: 'مستفيد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    const inquiries = [await send('سؤال أول'), await send('سؤال ثان'), await send('سؤال ثالث')];
    const complaint = await send(`شكوى سرية ${randomUUID().slice(0, 6)}`, 'complaint');
    // The Taif branch office sends one request through its own channel account.
    const taif = await http.post('/admin/branches', { nameAr: 'فرع الطائف', nameEn: 'Taif branch', city: 'الطائف' }, org.users.admin.token);
    expect(taif.status).toBe(201);
    const office = await http.post('/admin/channel-accounts', { kind: 'api', name: 'مكتب الطائف', branchId: taif.body.id }, org.users.admin.token);
    expect(office.status).toBe(201);
    const fromTaif = await inbound(http, { ...org, api: { id: office.body.id, apiKey: office.body.apiKey } }, {
      externalId: randomUUID(), text: 'طلب من الطائف', sender: { name: 'مستفيد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    expect(fromTaif.status).toBe(202);
    expect((await http.patch(`/tickets/${inquiries[0]!.body.ticketId}`, { status: 'resolved' }, org.users.supervisor.token)).status).toBe(200);
    const reports = testApp.app.get(ReportsService);
    while ((await reports.refreshDirty()) > 0);

    const boss = await signIn(browser, testApp.url, org.users.supervisor.email, PASSWORD);
    open.push(boss);
    const { page } = boss;
    await page.locator('[data-testid="reports-link"]').click();
    await page.locator('[data-testid="report-created"]').waitFor();
    const digits = async (testId: string) => (await page.locator(`[data-testid="${testId}"] .report-card__big`).innerText()).replace(/[^\d]/g, '');
    expect(await digits('report-created')).toBe('5');
    expect(await digits('report-resolved')).toBe('1');
    expect((await page.locator('[data-testid="report-by-type"] tr[data-type="inquiry"] .report-number').innerText()).trim()).toBe('4');
    expect((await page.locator('[data-testid="report-by-type"] tr[data-type="complaint"] .report-number').innerText()).trim()).toBe('1');
    // The charts drew their bars; the backlog shows the men's team's open tickets, Taif's among them (the complaint is not).
    await page.locator('.report-chart .recharts-bar-rectangle').first().waitFor();
    const menRow = page.locator(`[data-testid="report-backlog-teams"] tr[data-team-id="${org.men.id}"]`);
    expect((await menRow.locator('td').nth(1).innerText()).trim()).toBe('3');
    // Nothing of the complaint itself is on the page.
    expect(await page.locator('main').innerText()).not.toContain(complaint.body.ticketReference);
    expect(await page.locator('[data-testid="report-range"]').innerText()).toMatch(locale === 'ar' ? /هـ/ : /AH/);
    await screenshot(page, `${locale}-reports-1-dashboard`);
    await expectScreenFine(boss, locale);

    // The branch filter narrows every figure to the Taif office's one request.
    await page.locator('select[name="branch"]').selectOption(taif.body.id);
    await page.waitForFunction(() => document.querySelector('[data-testid="report-created"] .report-card__big')?.textContent?.replace(/[^\d]/g, '') === '1');
    expect(await page.locator('[data-testid="report-by-type"] tr[data-type="complaint"]').count()).toBe(0);
    await page.locator('select[name="branch"]').selectOption('');
    await page.waitForFunction(() => document.querySelector('[data-testid="report-created"] .report-card__big')?.textContent?.replace(/[^\d]/g, '') === '5');

    // The Hijri month is a period too; the CSV downloads with the same filter.
    await page.locator('select[name="period"]').selectOption('hijriMonth');
    await page.locator('[data-testid="report-created"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="report-export"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('first_response_met');
    expect(csv).not.toContain(complaint.body.ticketReference);

    await page.setViewportSize(PHONE);
    await screenshot(page, `${locale}-reports-2-phone`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(boss.errors).toEqual([]);

    const agent = await signIn(browser, testApp.url, org.users.agentMen.email, PASSWORD);
    open.push(agent);
    expect(await agent.page.locator('[data-testid="reports-link"]').count()).toBe(0);
    await agent.page.goto(`${testApp.url}/#/reports`);
    await agent.page.locator('.ticket-list, .inbox').first().waitFor();
    expect(await agent.page.locator('[data-testid="report-created"]').count()).toBe(0);
  });
});
