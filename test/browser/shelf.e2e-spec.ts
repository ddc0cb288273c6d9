import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { createOrganization, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn } from './helpers/browser';
import { contrastFailures, expectScreenFine, horizontalOverflow } from './helpers/page-checks';

jest.setTimeout(300_000);

/**
 * The shelf as its users use it, once in Arabic and once in English: an
 * admin uploads a PDF that Chromium printed (Arabic text) and writes a public
 * article in the rich-text editor; an agent finds the PDF from the reply box
 * by a word written with another alef form and inserts its passage into the
 * reply, which goes out; the public help center reads in both languages,
 * takes "was this helpful?", and answers 404 for the internal document.
 */
describe('the reference shelf and the help center in Chromium', () => {
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

  const arabicPdf = async (): Promise<string> => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="ar" dir="rtl"><body style="font-family:'Noto Naskh Arabic',serif;font-size:16px">
      <h1>دليل سياسة الدعم</h1><p>تُصرف الإعانة الشهرية للأسر المسجلة بعد زيارة الباحث الاجتماعي والتحقق من الدخل.</p></body></html>`);
    const path = join(mkdtempSync(join(tmpdir(), 'shelf-')), 'دليل-الدعم.pdf');
    writeFileSync(path, await page.pdf({ format: 'A4' }));
    await page.close();
    return path;
  };

  it.each(['ar', 'en'] as const)('upload, write, find, insert and publish (%s)', async (locale) => {
    const org: TestOrganization = await createOrganization(testApp, http);
    const orgSlug = (await http.get('/workspace', org.users.admin.token)).body.organization.slug;
    for (const user of [org.users.admin, org.users.agentMen]) expect((await http.patch('/me', { locale }, user.token)).status).toBe(204);
    const admin = await signIn(browser, testApp.url, org.users.admin.email, PASSWORD);
    open.push(admin);
    const { page } = admin;
    await page.locator('[data-testid="shelf-link"]').click();
    await page.locator('[data-testid="shelf-items"]').waitFor();

    // The PDF, internal.
    await page.locator('[data-testid="upload-document"]').click();
    const documentForm = page.locator('[data-testid="document-form"]');
    await documentForm.locator('[data-testid="shelf-slug"]').fill('support-policy');
    await documentForm.locator('[data-testid="shelf-file"]').setInputFiles(await arabicPdf());
    await documentForm.locator('[data-testid="shelf-title-ar"]').fill('دليل سياسة الدعم');
    await documentForm.locator('[data-testid="shelf-title-en"]').fill('Support policy guide');
    await documentForm.locator('input[name="approval"]').fill(locale === 'ar' ? 'اعتمده مجلس الإدارة في جلسته 19' : 'Approved by the board in session 19');
    await documentForm.locator('button[type="submit"]').click();
    await page.locator('[data-testid="shelf-item"] [data-testid="shelf-versions"] tr[data-version="1"][data-current]').waitFor();
    await page.locator('[data-testid="shelf-item"] details summary').click();
    expect(await page.locator('[data-testid="shelf-item"] .shelf-text').innerText()).toContain('الشهرية');
    await screenshot(page, `${locale}-shelf-1-document`);
    await expectScreenFine(admin, locale);

    // The article, public, written in the editor: a subheading, a paragraph with bold, both languages.
    await page.locator('[data-testid="shelf-item"] .shelf-item-link').first().click();
    await page.locator('[data-testid="new-article"]').click();
    const articleForm = page.locator('[data-testid="article-form"]');
    await articleForm.locator('[data-testid="shelf-slug"]').fill('how-to-apply');
    await articleForm.locator('input[name="audience"][value="public"]').check();
    await articleForm.locator('[data-testid="shelf-title-ar"]').fill('كيف أقدّم طلب دعم؟');
    await articleForm.locator('[data-testid="shelf-title-en"]').fill('How do I apply for support?');
    await page.locator('[data-testid="editor-ar"]').click();
    await page.keyboard.type('قدّم الطلب من نموذج طلب الدعم، وأرفق صورة الهوية.');
    await page.locator('[data-testid="editor-en"]').click();
    await page.keyboard.type('Apply with the support request form and attach your ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('ID');
    await screenshot(page, `${locale}-shelf-2-editor`);
    expect(await contrastFailures(page)).toEqual([]);
    await articleForm.locator('button[type="submit"]').click();
    await page.locator('[data-testid="shelf-item"] .shelf-article[lang="en"] strong', { hasText: 'ID' }).waitFor();
    expect(await page.locator('[data-testid="shelf-item"] .shelf-article[lang="ar"]').getAttribute('dir')).toBe('rtl');

    // An agent answers from the reply box: nothing suggested matches the question's words, so they search with a bare alef.
    const ticket = await inbound(http, org, {
      externalId: randomUUID(), text: 'السلام عليكم، متى تصرف الاعانه الشهريه؟', sender: { name: 'أم خالد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    const agent = await signIn(browser, testApp.url, org.users.agentMen.email, PASSWORD);
    open.push(agent);
    await agent.page.goto(`${testApp.url}/#/inbox/all/${ticket.body.ticketId}`);
    await agent.page.locator('[data-testid="shelf-panel-button"]').click();
    const finder = agent.page.locator('[data-testid="shelf-finder"]');
    await finder.locator('.shelf-hit, [role="status"]').first().waitFor();
    await finder.locator('input[name="q"]').fill('الاعانه');
    await finder.locator('input[name="q"]').press('Enter');
    await agent.page.locator('[data-testid="shelf-finder"][data-searched="الاعانه"]').waitFor();
    const hit = finder.locator('.shelf-hit', { hasText: 'دليل سياسة الدعم' });
    await hit.waitFor();
    expect(await hit.locator('mark').first().innerText()).toBe('الإعانة');
    await screenshot(agent.page, `${locale}-shelf-3-composer-panel`);
    await hit.locator('[data-testid="insert-passage"]').click();
    const text = agent.page.locator('[data-testid="composer-text"]');
    expect(await text.inputValue()).toContain('تُصرف الإعانة الشهرية');
    await agent.page.locator('.composer button[type="submit"]').click();
    await agent.page.locator('.message--outbound', { hasText: 'تُصرف الإعانة الشهرية' }).waitFor();
    expect(agent.errors).toEqual([]);

    // The public article's link goes in as title and address.
    await agent.page.locator('[data-testid="shelf-panel-button"]').click();
    await finder.locator('input[name="q"]').fill('الهويه');
    await finder.locator('input[name="q"]').press('Enter');
    await agent.page.locator('[data-testid="shelf-finder"][data-searched="الهويه"]').waitFor();
    await finder.locator('.shelf-hit', { hasText: 'Apply' }).or(finder.locator('.shelf-hit', { hasText: 'أقدّم' })).first().locator('[data-testid="insert-link"]').click();
    expect(await text.inputValue()).toContain(`${testApp.url}/help/${orgSlug}/a/how-to-apply`);

    // The help center: Arabic first, the other language a link away; the internal PDF is not there.
    const reader = await browser.newContext({ viewport: PHONE, reducedMotion: 'reduce', javaScriptEnabled: false });
    const visitor = { page: await reader.newPage(), errors: [] as string[] };
    try {
      await visitor.page.goto(`${testApp.url}/help/${orgSlug}?lang=${locale}`);
      expect(await visitor.page.locator('h1').innerText()).toBe(locale === 'ar' ? 'مركز المساعدة' : 'Help center');
      expect(await visitor.page.locator('main').innerText()).not.toContain('دليل سياسة الدعم');
      await screenshot(visitor.page, `${locale}-help-1-home-phone`);
      await expectScreenFine(visitor, locale);
      await visitor.page.locator('input[name="q"]').fill('الهويه');
      await visitor.page.locator('form[role="search"] button').click();
      await visitor.page.locator('#results mark').first().waitFor();
      await screenshot(visitor.page, `${locale}-help-2-search-phone`);
      await visitor.page.locator('#results a').first().click();
      expect(await visitor.page.locator('h1').innerText()).toBe(locale === 'ar' ? 'كيف أقدّم طلب دعم؟' : 'How do I apply for support?');
      await visitor.page.locator('#feedback-comment').fill('لم أجد رابط النموذج');
      await visitor.page.locator('.feedback button[value="no"]').click();
      await visitor.page.locator('#feedback-thanks').waitFor();
      await screenshot(visitor.page, `${locale}-help-3-article-phone`);
      expect(await horizontalOverflow(visitor.page)).toBeLessThanOrEqual(0);
      expect(await contrastFailures(visitor.page)).toEqual([]);
      const internal = await visitor.page.goto(`${testApp.url}/help/${orgSlug}/a/support-policy?lang=${locale}`);
      expect(internal?.status()).toBe(404);
    } finally {
      await reader.close();
    }

    // The readers' feedback reaches the admin's shelf.
    await page.locator('[data-testid="shelf-link"]').click();
    await page.locator('[data-testid="shelf-tab-feedback"]').click();
    await page.locator('[data-testid="shelf-feedback"] td', { hasText: 'لم أجد رابط النموذج' }).waitFor();
    await page.locator('[data-testid="shelf-search"]').fill('الاعانة');
    await page.locator('[data-testid="shelf-search"]').press('Enter');
    await page.locator('[data-testid="shelf-results"] .shelf-hit').waitFor();
    await screenshot(page, `${locale}-shelf-4-search-feedback`);
    await expectScreenFine(admin, locale);
    await page.setViewportSize(PHONE);
    await screenshot(page, `${locale}-shelf-5-phone`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});
