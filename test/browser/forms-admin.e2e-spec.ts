import { Browser } from 'playwright-core';
import { createOrganization, Http, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn } from './helpers/browser';
import { expectScreenFine } from './helpers/page-checks';

jest.setTimeout(240_000);


const TEXT = {
  ar: {
    title: 'استفسار عن المساعدات', label: 'سبب التواصل', options: [['aid', 'مساعدة مالية'], ['food', 'سلة غذائية']], saved: 'حُفظ',
    name: 'الاسم الكامل', phone: 'رقم الجوال', details: 'استفسارك', declaration: 'أقر بأن البيانات المدخلة صحيحة', send: 'إرسال', received: 'تم استلام طلبك',
  },
  en: {
    title: 'Questions about aid', label: 'Reason for contact', options: [['aid', 'Financial aid'], ['food', 'Food basket']], saved: 'Saved',
    name: 'Full name', phone: 'Mobile number', details: 'Your question', declaration: 'I confirm that the information', send: 'Send', received: 'We received your request',
  },
} as const;

/**
 * Admins edit the public forms in the web app: a new required choice field
 * and a new title reach the public page at once, which then refuses a
 * submission without the field; an edit the server refuses says why beside
 * the field; agents have no way in. Once in Arabic, once in English.
 */
describe('form administration in Chromium', () => {
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


  it.each(['ar', 'en'] as const)('adds a required choice to the inquiry form and the public page asks for it (%s)', async (locale) => {
    const text = TEXT[locale];
    const org: TestOrganization = await createOrganization(testApp, http);
    expect((await http.patch('/me', { locale }, org.users.admin.token)).status).toBe(204);
    const slug = ((await http.get('/admin/forms', org.users.admin.token)).body as { preset: string; slug: string }[]).find((f) => f.preset === 'inquiry')!.slug;

    const admin = await signIn(browser, testApp.url, org.users.admin.email, PASSWORD);
    open.push(admin);
    const { page } = admin;
    await page.locator('[data-testid="forms-admin-link"]').click();
    await page.locator(`[data-testid="forms-list"] tr[data-form-slug="${slug}"]`).getByRole('button').click();
    const editor = page.locator(`[data-testid="form-editor"][data-form-slug="${slug}"]`);
    await editor.waitFor();
    expect(await editor.locator('[data-testid="form-public-link"]').inputValue()).toBe(`${testApp.url}/f/${slug}`);
    expect(await editor.locator('[data-testid="form-embed"]').inputValue()).toContain(`/f/${slug}/embed`);

    // A field the server refuses (a choice without options) says why, beside the field, and nothing is saved.
    await editor.locator(`input[name="title-${locale}"]`).fill(text.title);
    await editor.locator('[data-testid="add-field"]').click();
    const added = editor.locator('li.form-field').last();
    await added.locator('input[name="key"]').fill('reason');
    await added.locator('select[name="type"]').selectOption('choice');
    await added.locator('input[name^="label-"][lang="ar"]').fill(TEXT.ar.label);
    await added.locator('input[name^="label-"][lang="en"]').fill(TEXT.en.label);
    await added.locator('input[name="required"]').check();
    await editor.locator('[data-testid="form-save"]').click();
    await added.locator('.field-error').waitFor();
    expect(await added.locator('.field-error').innerText()).toContain('option');
    await screenshot(page, `${locale}-forms-admin-1-refused`);
    expect((await http.get(`/public/forms/${slug}`)).body.fields.map((f: { key: string }) => f.key)).not.toContain('reason');

    // With two options it saves, and the public page shows the new title and field at once.
    for (const [value, label] of TEXT.ar.options.map((o, i) => [o[0], { ar: o[1], en: TEXT.en.options[i]![1] }] as const)) {
      await added.getByRole('button', { name: locale === 'ar' ? 'إضافة خيار' : 'Add an option' }).click();
      const option = added.locator('[data-option]').last();
      await option.locator('input[name="option-value"]').fill(value);
      await option.locator('input[name="option-ar"]').fill(label.ar);
      await option.locator('input[name="option-en"]').fill(label.en);
    }
    await editor.locator('[data-testid="form-save"]').click();
    await editor.locator('[role="status"]', { hasText: text.saved }).waitFor();
    await screenshot(page, `${locale}-forms-admin-2-saved`);
    await expectScreenFine(admin, locale);
    await page.setViewportSize(PHONE);
    await screenshot(page, `${locale}-forms-admin-3-phone`);
    await expectScreenFine(admin, locale);

    const context = await browser.newContext({ viewport: PHONE, extraHTTPHeaders: { 'x-forwarded-for': `10.6.${locale === 'ar' ? 1 : 2}.9` } });
    const visitor = await context.newPage();
    await visitor.goto(`${testApp.url}/f/${slug}${locale === 'en' ? '?lang=en' : ''}`);
    await expect(visitor.locator('h1').textContent()).resolves.toBe(text.title);
    await visitor.getByLabel(text.name).fill(locale === 'ar' ? 'سارة' : 'Sara');
    await visitor.getByLabel(text.phone).fill(uniquePhone());
    await visitor.getByLabel(text.details).fill(locale === 'ar' ? 'متى التوزيع؟' : 'When is the distribution?');
    await visitor.getByLabel(text.declaration).check();
    await visitor.getByRole('button', { name: text.send, exact: true }).click();
    // Refused before sending: the field is required in the page too (the server checks it again, see forms.e2e-spec).
    expect(await visitor.getByLabel(text.label).evaluate((element: any) => element.validity.valueMissing)).toBe(true);
    await expect(visitor.locator('h1').textContent()).resolves.toBe(text.title);
    await visitor.getByLabel(text.label).selectOption('food');
    await visitor.getByLabel(text.declaration).check();
    await visitor.getByRole('button', { name: text.send, exact: true }).click();
    await expect(visitor.locator('h1').textContent()).resolves.toBe(text.received);
    await context.close();

    // Agents have no link, and the page refuses them.
    const agent = await signIn(browser, testApp.url, org.users.agentMen.email, PASSWORD);
    open.push(agent);
    expect(await agent.page.locator('[data-testid="forms-admin-link"]').count()).toBe(0);
    await agent.page.goto(`${testApp.url}/#/admin/forms`);
    await agent.page.locator('main [role="alert"]').waitFor();
    expect(await agent.page.locator('[data-testid="forms-list"]').count()).toBe(0);
  });
});
