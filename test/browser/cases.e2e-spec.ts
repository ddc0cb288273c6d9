import { randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import { createOrganization, dataSource, Http, inbound, PASSWORD, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, screenshot, signIn } from './helpers/browser';
import { expectScreenFine } from './helpers/page-checks';

jest.setTimeout(300_000);

/** An agent works a support request's case beside its conversation, in Arabic and in English. */
describe('the case panel in Chromium', () => {
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

  it.each(['ar', 'en'] as const)('checks, asks for what is missing and moves the case on (%s)', async (locale) => {
    const org = await createOrganization(testApp, http);
    expect((await http.patch('/me', { locale }, org.users.agentWomen.token)).status).toBe(204);
    const sent = await inbound(http, org, {
      externalId: randomUUID(), type: 'support_request', text: 'نحتاج مساعدة في سداد الإيجار',
      sender: { name: 'أم فهد', gender: 'female', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    const ticketId = sent.body.ticketId as string;
    const agent = await signIn(browser, testApp.url, org.users.agentWomen.email, PASSWORD);
    open.push(agent);
    await agent.page.goto(`${testApp.url}/#/inbox/all/${ticketId}`);
    const panel = agent.page.locator('[data-testid="case-panel"]');
    await panel.waitFor();
    expect(await panel.getAttribute('data-stage')).toBe('received');
    await panel.locator('[data-move="verification"]').click();
    await agent.page.locator('[data-testid="case-panel"][data-stage="verification"]').waitFor();
    await panel.locator('input[data-item="national_id_copy"]').click();
    await agent.page.locator('input[data-item="national_id_copy"]:checked').waitFor();
    await panel.locator('[data-testid="request-missing"]').click();
    await agent.page.locator('.message--outbound', { hasText: 'إقرار موقّع بصحة البيانات' }).waitFor();
    // The committee needs the rest first: the button says what is missing.
    expect(await panel.locator('[data-move="committee"]').isDisabled()).toBe(true);
    expect(await panel.innerText()).toContain(locale === 'ar' ? 'ينقص أولًا' : 'Missing first');
    await panel.locator('input[data-item="phone_reachable"]').click();
    await agent.page.locator('input[data-item="phone_reachable"]:checked').waitFor();
    await panel.locator('[data-testid="case-note"]').fill('الدخل غير واضح، نرجو البحث');
    await panel.locator('[data-move="research"]').click();
    await agent.page.locator('[data-testid="case-panel"][data-stage="research"]').waitFor();
    await agent.page.locator('.message__case[data-case-stage="research"]').waitFor();
    expect(await agent.page.locator('.message--note', { hasText: 'الدخل غير واضح' }).count()).toBe(1);
    const [row] = await dataSource(testApp).query(`SELECT stage FROM cases WHERE ticket_id = $1`, [ticketId]);
    expect(row.stage).toBe('research');
    await screenshot(agent.page, `${locale}-case-panel`);
    await expectScreenFine(agent, locale);
    expect(agent.errors).toEqual([]);

    // The supervisor finds it among the cases with social research, and opens it from there.
    expect((await http.patch('/me', { locale }, org.users.supervisor.token)).status).toBe(204);
    const supervisor = await signIn(browser, testApp.url, org.users.supervisor.email, PASSWORD);
    open.push(supervisor);
    await supervisor.page.locator('[data-testid="cases-link"]').click();
    await supervisor.page.locator('[data-testid="case-stage-filter"]').selectOption('research');
    const agendaRow = supervisor.page.locator(`[data-testid="case-agenda"] tr[data-ticket-id="${ticketId}"]`);
    await agendaRow.waitFor();
    await screenshot(supervisor.page, `${locale}-case-agenda`);
    await expectScreenFine(supervisor, locale);
    await agendaRow.locator('a').click();
    await supervisor.page.locator('[data-testid="case-panel"][data-stage="research"]').waitFor();
    expect(supervisor.errors).toEqual([]);
  });

  it.each(['ar', 'en'] as const)('lets an admin add a checklist item to a request type and go back to the default (%s)', async (locale) => {
    const org = await createOrganization(testApp, http);
    expect((await http.patch('/me', { locale }, org.users.admin.token)).status).toBe(204);
    const admin = await signIn(browser, testApp.url, org.users.admin.email, PASSWORD);
    open.push(admin);
    await admin.page.locator('[data-testid="case-types-link"]').click();
    await admin.page.locator('[data-testid="edit-volunteer"]').click();
    const editor = admin.page.locator('[data-testid="case-type-editor"][data-editing="volunteer"]');
    await editor.locator('[data-testid="add-item"]').click();
    const item = editor.locator('.case-type-editor__item').last();
    await item.locator('input').first().fill('police_clearance');
    await item.locator('[data-field="label-ar"]').fill('شهادة حسن السيرة');
    await item.locator('[data-field="label-en"]').fill('Police clearance');
    await item.locator('[data-field="ask-ar"]').fill('شهادة حسن السيرة والسلوك');
    await item.locator('[data-field="ask-en"]').fill('a police clearance certificate');
    await editor.locator('[data-stage="interview"] [data-choices="requires-interview"] input[value="police_clearance"]').check();
    // A stage nobody may reach is refused by the server, which says why.
    await editor.locator('[data-stage="received"] [data-choices="next-received"] input[value="verification"]').uncheck();
    await editor.locator('[data-testid="case-type-save"]').click();
    await editor.locator('[data-testid="case-type-note"][role="alert"]', { hasText: 'No path from received reaches verification' }).waitFor();
    await editor.locator('[data-stage="received"] [data-choices="next-received"] input[value="verification"]').check();
    await editor.locator('[data-testid="case-type-save"]').click();
    await editor.locator('[data-testid="case-type-note"][role="status"]').waitFor();
    await screenshot(admin.page, `${locale}-case-types-edited`);
    await expectScreenFine(admin, locale);
    const [row] = await dataSource(testApp).query(`SELECT definition FROM case_types WHERE organization_id = $1 AND key = 'volunteer'`, [org.id]);
    expect(row.definition.stages.find((s: { key: string }) => s.key === 'interview').requires).toContain('police_clearance');

    admin.page.once('dialog', (dialog) => void dialog.accept());
    await editor.locator('[data-testid="case-type-reset"]').click();
    await admin.page.locator('[data-case-type="volunteer"]', { hasText: locale === 'ar' ? 'الافتراضي' : 'Default' }).waitFor();
    expect(await dataSource(testApp).query(`SELECT 1 FROM case_types WHERE organization_id = $1`, [org.id])).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});
