import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createOrganization, dataSource, Http, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { launchBrowser, PHONE, screenshot } from './helpers/browser';
import { contrastFailures, horizontalOverflow } from './helpers/page-checks';

jest.setTimeout(120_000);

declare const document: { documentElement: { lang: string; dir: string } };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** 05xxxxxxxx written in Arabic-Indic digits, as many phones type it. */
const arabicDigits = (text: string) => text.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/**
 * The public forms as applicants use them, on a phone, in Chromium: Arabic
 * (RTL) and English, with and without JavaScript, a refused submission
 * keeping what was typed, an anonymous complaint with a file, the receipt's
 * tracking code on /track, and the embeddable form inside another site.
 */
describe('public forms in Chromium', () => {
  let testApp: TestApp;
  let http: Http;
  let browser: Browser;
  let org: TestOrganization;
  let slugs: Record<string, string>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    browser = await launchBrowser();
    org = await createOrganization(testApp, http);
    expect((await http.post('/admin/branches', { nameAr: 'فرع جدة', nameEn: 'Jeddah branch', city: 'جدة' }, org.users.admin.token)).status).toBe(201);
    const forms = (await http.get('/admin/forms', org.users.admin.token)).body as { preset: string; slug: string }[];
    slugs = Object.fromEntries(forms.map((f) => [f.preset, f.slug]));
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await testApp?.close();
  });

  /** A phone-sized page (by default) from its own address (so the per-address limit of one test does not touch another). */
  async function phonePage(javaScriptEnabled = true, viewport = PHONE): Promise<{ page: Page; errors: string[] }> {
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const context = await browser.newContext({ viewport, javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': ip } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  it('takes an inquiry in Arabic on a phone, without JavaScript, and tracks it by its code', async () => {
    const { page, errors } = await phonePage(false);
    await page.goto(`${testApp.url}/f/${slugs.inquiry}`);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await expect(page.locator('h1').textContent()).resolves.toBe('استفسار عام');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await contrastFailures(page)).toEqual([]);

    await page.getByLabel('الاسم الكامل').fill('سالم بن عبدالله الحربي');
    await page.getByLabel('رقم الجوال').fill(arabicDigits(uniquePhone()));
    await page.getByLabel('ذكر').check();
    await page.getByLabel('استفسارك').fill('السلام عليكم، متى يبدأ التسجيل في برنامج كسوة الشتاء؟ رقم ملفي 4512');
    await page.getByLabel('أقر بأن البيانات المدخلة صحيحة، وأتحمل مسؤوليتها.').check();
    await screenshot(page, 'form-inquiry-ar-phone');
    await page.getByRole('button', { name: 'إرسال' }).click();

    await expect(page.locator('h1').textContent()).resolves.toBe('تم استلام طلبك');
    const reference = (await page.locator('#reference').textContent())!;
    const code = (await page.locator('#tracking-code').textContent())!;
    expect(reference).toMatch(/^T-\d{4}-\d{4,}$/);
    await screenshot(page, 'form-receipt-ar-phone');
    const [ticket] = await dataSource(testApp).query(
      `SELECT t.type, t.team_id, m.body FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE t.organization_id = $1 AND t.reference = $2`, [org.id, reference],
    );
    expect(ticket).toMatchObject({ type: 'inquiry', team_id: org.men.id });
    expect(ticket.body).toContain('كسوة الشتاء');

    await page.getByRole('link', { name: 'متابعة حالة الطلب' }).click();
    await page.getByLabel('رمز المتابعة').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'عرض الحالة' }).click();
    await expect(page.locator('#status').textContent()).resolves.toBe('تم الاستلام');
    await expect(page.locator('#result bdi').first().textContent()).resolves.toBe(reference);
    // Dates in Hijri beside Gregorian.
    await expect(page.locator('#result').textContent()).resolves.toMatch(/هـ/);
    await screenshot(page, 'track-ar-phone');
    expect(errors).toEqual([]);
  });

  it('shows why a registration was refused beside each field, keeping what was typed', async () => {
    const { page, errors } = await phonePage();
    await page.goto(`${testApp.url}/f/${slugs.registration}?lang=en`);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.getByLabel('Full name').fill('Nora Alqahtani');
    await page.getByLabel('National or residence ID').fill('1234567890');
    await page.getByLabel('Mobile number').fill(uniquePhone());
    await page.getByLabel('Female').check();
    await page.getByLabel('Nearest branch').selectOption({ label: 'Jeddah branch' });
    await page.getByLabel('Date of birth').fill('1990-05-01');
    await page.getByLabel('City / district').fill('Riyadh, Al-Nakheel');
    await page.getByLabel('Family size').selectOption('3-5');
    await page.getByLabel('I confirm that the information').check();
    await page.getByRole('button', { name: 'Send' }).click();

    await expect(page.locator('#problems').textContent()).resolves.toContain('Nothing was sent yet');
    await expect(page.locator('#error-national_id').textContent()).resolves.toContain('Not a valid national or residence ID');
    await expect(page.locator('.error').count()).resolves.toBe(1);
    await expect(page.getByLabel('Nearest branch').inputValue()).resolves.not.toBe('');
    await expect(page.getByLabel('Full name').inputValue()).resolves.toBe('Nora Alqahtani');
    await expect(page.getByLabel('Female').isChecked()).resolves.toBe(true);
    await expect(page.locator('#field-national_id').getAttribute('aria-describedby')).resolves.toContain('error-national_id');
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'form-refused-en-phone');
    expect(errors).toEqual([]);
  });

  it('takes an anonymous complaint in English with a file; it is confidential and tracked by its case code', async () => {
    const { page, errors } = await phonePage();
    await page.goto(`${testApp.url}/f/${slugs.complaint}?lang=en`);
    await page.getByLabel('I want to submit this complaint without my name').check();
    // Without name and contact fields once anonymous (CSS only).
    await expect(page.getByLabel('Full name').isVisible()).resolves.toBe(false);
    await page.getByLabel('What it is about').selectOption('staff');
    await page.getByLabel('Details of the complaint').fill('The employee at the front desk shouted at my father on Sunday.');
    await page.getByLabel('Attachments').setInputFiles({ name: 'photo of receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('I confirm that the information').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('We received your request');
    const reference = (await page.locator('#reference').textContent())!;
    const code = (await page.locator('#tracking-code').textContent())!;
    const [ticket] = await dataSource(testApp).query(
      `SELECT t.confidential, t.type, c.name, cc.tracking_code, m.attachments FROM tickets t JOIN contacts c ON c.id = t.contact_id
       JOIN complaint_cases cc ON cc.ticket_id = t.id JOIN messages m ON m.ticket_id = t.id WHERE t.organization_id = $1 AND t.reference = $2`,
      [org.id, reference],
    );
    expect(ticket).toMatchObject({ confidential: true, type: 'complaint', name: null, tracking_code: code });
    expect(ticket.attachments).toEqual([expect.objectContaining({ fileName: 'photo of receipt.pdf', contentType: 'application/pdf' })]);
    await page.goto(`${testApp.url}/track?lang=en`);
    await page.getByLabel('Tracking code').fill(code);
    await page.getByRole('button', { name: 'Show status' }).click();
    await expect(page.locator('#status').textContent()).resolves.toBe('In progress');
    expect(errors).toEqual([]);
  });

  it('works inside another site as the embeddable form, and refuses to be framed otherwise', async () => {
    const host: Server = createServer((request, response) => {
      const path = request.url === '/plain' ? `/f/${slugs.suggestion}` : `/f/${slugs.suggestion}/embed?lang=en`;
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><body><h1>Our association</h1>
        <iframe id="form" src="${testApp.url}${path}" style="width:100%;border:0" title="Suggestion"></iframe>
        <script>addEventListener('message', (e) => { if (e.data && e.data.type === 'inbox-form-height') document.getElementById('form').style.height = e.data.height + 'px'; });</script>
        </body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      // Another origin (port) on the same host: a cross-site frame runs out of process, where automated clicks time out in headless Chromium.
      const site = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      const { page, errors } = await phonePage();
      await page.goto(site);
      const frame = page.frameLocator('#form');
      await frame.getByLabel('Mobile number').fill(uniquePhone());
      await frame.getByLabel('Your suggestion').fill('Open the Jeddah branch on Saturdays, please.');
      await frame.getByLabel('I confirm that the information').check();
      await frame.getByRole('button', { name: 'Send' }).click();
      await expect(frame.locator('#tracking-code').textContent()).resolves.toMatch(/^[A-Z2-9]{12}$/);
      // The host page sized the frame to its content through the embed's one script.
      const height = await page.locator('#form').evaluate((element: any) => element.getBoundingClientRect().height);
      expect(height).toBeGreaterThan(200);
      expect(errors).toEqual([]);

      const plain = await phonePage();
      await plain.page.goto(`${site}/plain`);
      await plain.page.waitForTimeout(500);
      const framed = plain.page.frames().find((f) => f.url().includes('/f/'));
      expect(framed ? await framed.locator('form').count() : 0).toBe(0);
    } finally {
      host.close();
    }
  });
});
