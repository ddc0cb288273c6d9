import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { createOrganization, dataSource, eventually, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn } from './helpers/browser';
import { expectScreenFine } from './helpers/page-checks';

jest.setTimeout(240_000);


const SCAN = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

const TEXT = {
  ar: { logged: 'سُجّلت المكالمة', missed: 'فائتة', followUp: 'مطلوب متابعة', sender: 'وزارة الموارد البشرية', subject: 'طلب إفادة عن أسرة', registered: 'سُجّل برقم', issued: 'طُبع الخطاب', summary: '3 صفًا: 2 سليمة، و1 بها مشكلات.', imported: 'استُوردت 2 مكالمة.' },
  en: { logged: 'Call logged on', missed: 'Missed', followUp: 'A follow-up is due', sender: 'Ministry of Human Resources', subject: 'Request for a statement', registered: 'Registered as', issued: 'printed and added to the ticket', summary: '3 rows: 2 valid, 1 with problems.', imported: 'Imported 2 calls.' },
} as const;

/**
 * The agents' desks in Chromium, in Arabic and English: a call logged in two
 * clicks from the ticket, a missed call leaving a follow-up that is then
 * done, a call by number from the top bar, an incoming letter registered with
 * its scan, an outgoing letter printed from a template and dispatched, and a
 * supervisor's CSV import with a preview showing the broken row.
 */
describe('calls and letters desks in Chromium', () => {
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


  it.each(['ar', 'en'] as const)('logs calls and letters from the inbox (%s)', async (locale) => {
    const text = TEXT[locale];
    const org: TestOrganization = await createOrganization(testApp, http);
    for (const token of [org.users.agentMen.token, org.users.supervisor.token]) expect((await http.patch('/me', { locale }, token)).status).toBe(204);
    const phone = uniquePhone();
    const sent = await inbound(http, org, {
      externalId: randomUUID(), text: 'أرغب في معرفة موعد صرف المساعدة',
      sender: { name: 'فهد الدوسري', gender: 'male', identities: [{ kind: 'phone', value: phone }] },
    });
    const ticketId: string = sent.body.ticketId;
    const db = dataSource(testApp);
    const calls = async (): Promise<Record<string, unknown>[]> => (await db.query(`SELECT metadata -> 'call' AS call FROM messages WHERE ticket_id = $1 AND metadata ? 'call' ORDER BY created_at`, [ticketId]))
      .map((row: { call: Record<string, unknown> }) => row.call);

    const agent = await signIn(browser, testApp.url, org.users.agentMen.email, PASSWORD);
    open.push(agent);
    const { page } = agent;
    await page.goto(`${testApp.url}/#/inbox/all/${ticketId}`);
    const pane = page.locator(`.ticket-pane[data-ticket-id="${ticketId}"]`);
    await pane.locator('.contact-card').waitFor();

    // Two clicks: open the dialog from the contact, save. The number, the time and the ticket are already there.
    await pane.locator('[data-testid="log-call"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid="call-log-form"]').waitFor();
    await screenshot(page, `${locale}-desks-1-log-call`);
    await expectScreenFine(agent, locale);
    await dialog.locator('[data-testid="call-save"]').click();
    await dialog.locator('[data-testid="call-logged"]', { hasText: text.logged }).waitFor();
    expect(await calls()).toEqual([expect.objectContaining({ direction: 'incoming', outcome: 'answered' })]);
    await dialog.getByRole('button', { name: locale === 'ar' ? 'إغلاق' : 'Close' }).last().click();
    await pane.locator('.timeline .message', { hasText: '' }).last().waitFor();

    // A missed call leaves a follow-up with a deadline, listed on the calls page until done.
    await pane.locator('[data-testid="log-call"]').click();
    await dialog.getByLabel(text.missed).check();
    await dialog.locator('[data-testid="call-save"]').click();
    await dialog.locator('[data-testid="call-logged"]', { hasText: text.followUp }).waitFor();
    expect((await calls()).map((call) => call.outcome)).toEqual(['answered', 'missed']);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="calls-link"]').click();
    const followUp = page.locator('[data-testid="follow-ups"] tr[data-follow-up-id]');
    await followUp.first().waitFor();
    expect(await followUp.count()).toBe(1);
    await screenshot(page, `${locale}-desks-2-follow-ups`);
    await expectScreenFine(agent, locale);
    await followUp.first().getByRole('button').click();
    await page.locator('[data-testid="follow-ups"] .list-message').waitFor();

    // From the top bar, a call with a number nobody wrote from yet: a new contact and ticket.
    const stranger = uniquePhone();
    await page.locator('[data-testid="header-log-call"]').click();
    await dialog.locator('input[name="number"]').fill(stranger);
    await dialog.locator('[data-testid="call-save"]').click();
    await dialog.locator('[data-testid="call-logged"]').waitFor();
    const strangerCalls = await db.query(`SELECT t.channel_kind, m.metadata -> 'call' ->> 'number' AS number, t.id <> $2 AS new_ticket FROM messages m JOIN tickets t ON t.id = m.ticket_id
      WHERE m.organization_id = $1 AND m.metadata ? 'call' ORDER BY m.created_at DESC LIMIT 1`, [org.id, ticketId]);
    expect(strangerCalls).toEqual([{ channel_kind: 'phone', number: stranger, new_ticket: true }]);
    await page.keyboard.press('Escape');

    // An incoming letter with its scanned page, numbered in the register.
    await page.locator('[data-testid="letters-link"]').click();
    const form = page.locator('[data-testid="incoming-letter-form"]');
    await form.locator('input[name="sender"]').fill(text.sender);
    await form.locator('input[name="subject"]').fill(text.subject);
    await form.locator('input[name="attachmentsCount"]').fill('1');
    await form.locator('input[name="phone"]').fill(phone);
    await form.locator('[data-testid="letter-pages"]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await form.locator('button[type="submit"]').click();
    await form.locator('[role="status"]', { hasText: text.registered }).waitFor();
    const incomingRow = page.locator('[data-testid="letters-register"] tr[data-direction="incoming"]', { hasText: text.subject });
    await incomingRow.waitFor();
    await screenshot(page, `${locale}-desks-3-letters`);
    await expectScreenFine(agent, locale);

    // An outgoing letter from a template, on the ticket: numbered, printed, downloadable, then dispatched by hand.
    const template = await http.post('/admin/letters/templates', {
      name: locale === 'ar' ? 'إفادة' : 'Statement', locale, subject: locale === 'ar' ? 'إفادة بخصوص {{recipient.name}}' : 'Statement about {{recipient.name}}',
      body: locale === 'ar' ? 'نفيدكم بأن {{recipient.name}} مسجل لدينا برقم {{ticket.reference}}.' : 'We confirm that {{recipient.name}} is registered under {{ticket.reference}}.',
    }, org.users.admin.token);
    expect(template.status).toBe(201);
    await page.goto(`${testApp.url}/#/inbox/all/${ticketId}`);
    await pane.locator('[data-testid="write-letter"]').click();
    await dialog.locator('[data-testid="letter-form"] select[name="template"] option').first().waitFor({ state: 'attached' });
    await dialog.locator('[data-testid="letter-issue"]').click();
    await dialog.locator('[data-testid="letter-issued"]', { hasText: text.issued }).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('[data-testid="letter-issued"] .button--primary').click()]);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="letters-link"]').click();
    const outgoingRow = page.locator('[data-testid="letters-register"] tr[data-direction="outgoing"]').first();
    await outgoingRow.locator('[data-testid="letter-dispatch"]').click();
    await outgoingRow.locator('[data-testid="letter-dispatched"]').waitFor();
    const [letter] = await db.query(`SELECT dispatch_method FROM letters WHERE organization_id = $1 AND direction = 'outgoing'`, [org.id]);
    expect(letter.dispatch_method).toBe('hand');

    // On a phone the register fits the screen.
    await page.setViewportSize(PHONE);
    await screenshot(page, `${locale}-desks-4-letters-phone`);
    await expectScreenFine(agent, locale);

    // The supervisor imports a telephone system's export: the preview shows the broken row, the import writes the good ones.
    const boss = await signIn(browser, testApp.url, org.users.supervisor.email, PASSWORD);
    open.push(boss);
    await boss.page.locator('[data-testid="calls-link"]').click();
    const csv = [
      'Call ID,Start Time,Direction,From,To,Duration,Status,Agent,Notes',
      `c-${randomUUID()},2026-11-20 09:15:00,inbound,${uniquePhone()},201,1:35,ANSWERED,,`,
      `c-${randomUUID()},2026-11-20 10:00:00,inbound,${uniquePhone()},201,0,NO ANSWER,,`,
      `c-${randomUUID()},not a date,inbound,${uniquePhone()},201,12,ANSWERED,,`,
    ].join('\n');
    const importer = boss.page.locator('[data-testid="call-import"]');
    await importer.locator('[data-testid="call-import-file"]').setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await importer.locator('button[type="submit"]').click();
    await importer.locator('[role="status"]', { hasText: text.summary }).waitFor();
    expect(await importer.locator('tr[data-line="4"] .desk-problems').innerText()).toContain('not a date');
    await screenshot(boss.page, `${locale}-desks-5-import-preview`);
    await expectScreenFine(boss, locale);
    await importer.locator('[data-testid="call-import-run"]').click();
    await importer.locator('.desk-done', { hasText: text.imported }).waitFor();
    await eventually(async () => (await db.query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1 AND metadata -> 'call' ->> 'source' = 'import'`, [org.id]))[0].n === 2);
  });
});
