import { randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import { Role, TenancyService } from '@inbox/tenancy';
import { launchBrowser, PHONE, screenshot } from './browser/helpers/browser';
import { horizontalOverflow } from './browser/helpers/page-checks';
import { createOrganization, dataSource, eventually, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildWebIfStale } = require('../scripts/build-if-stale');

jest.setTimeout(240_000);

/**
 * The delegate's phone page in Chromium: a beneficiary found while online,
 * then the network cut, a visit logged for a new person (kept on the phone),
 * the network restored with the page open in two tabs that both send the
 * queue at once: the visit is on the server exactly once.
 */
describe('the delegate page offline', () => {
  let testApp: TestApp;
  let http: Http;
  let browser: Browser;
  let org: TestOrganization;
  let email: string;

  beforeAll(async () => {
    buildWebIfStale();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    browser = await launchBrowser();
    org = await createOrganization(testApp, http);
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    const branch = await tenancy.createBranch(system, { nameAr: 'فرع الخرج', nameEn: 'Al-Kharj branch' });
    const user = await tenancy.createUser(null, org.id, { email: `field-${randomUUID().slice(0, 8)}@example.org`, name: 'فهد الدوسري', password: PASSWORD, roles: [Role.Delegate], branchId: branch.id });
    email = user.email;
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('keeps a visit logged offline and sends it once when the connection returns', async () => {
    const known = uniquePhone();
    await inbound(http, org, { externalId: randomUUID(), text: 'سؤال', sender: { name: 'ناصر العتيبي', gender: 'male', identities: [{ kind: 'phone', value: known }] } });
    const context = await browser.newContext({ viewport: PHONE, geolocation: { latitude: 24.1556, longitude: 47.312, accuracy: 20 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${testApp.url}/#/delegate`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { name: 'المندوب الميداني' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);

    // Online: the known beneficiary is found.
    await page.getByLabel('رقم الجوال', { exact: true }).fill(known);
    await page.getByRole('button', { name: 'بحث' }).click();
    await page.getByTestId('chosen').filter({ hasText: 'ناصر العتيبي' }).waitFor();
    await page.getByRole('button', { name: 'تغيير' }).click();

    // A second tab of the same phone, open on the same page.
    const second = await context.newPage();
    await second.goto(`${testApp.url}/#/delegate`);
    await second.getByRole('heading', { name: 'المندوب الميداني' }).waitFor();

    await context.setOffline(true);
    await page.getByTestId('connection').filter({ hasText: 'غير متصل' }).waitFor();
    const phone = uniquePhone();
    await page.getByLabel('رقم الجوال', { exact: true }).fill(phone);
    await page.getByRole('button', { name: 'بحث' }).click();
    await page.locator('.delegate__note', { hasText: 'تعذّر البحث دون اتصال' }).waitFor();
    await page.getByLabel('الاسم').fill('أم فيصل');
    await page.getByLabel('أنثى').check();
    await page.getByLabel('زيارة دراسة استحقاق').check();
    const marker = `زيارة-${randomUUID().slice(0, 8)}`;
    await page.getByLabel('الملاحظات').fill(`${marker} الأسرة تحتاج إلى سلة غذائية شهرية`);
    await page.getByRole('button', { name: 'إضافة موقعي' }).click();
    await page.locator('.delegate__location [role=status]', { hasText: '24.15560' }).waitFor();
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByTestId('pending').filter({ hasText: 'بانتظار الإرسال: 1' }).waitFor();
    // The other tab sees the queued entry (the same device's store).
    await second.getByTestId('pending').filter({ hasText: 'بانتظار الإرسال: 1' }).waitFor();
    await screenshot(page, 'delegate-offline-ar-phone');
    const db = dataSource(testApp);
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1 AND body LIKE $2`, [org.id, `%${marker}%`]))[0].n as number;
    await page.waitForTimeout(1000);
    expect(await count()).toBe(0);

    // Back online: both tabs send their queue at once.
    await context.setOffline(false);
    await eventually(async () => (await page.getByTestId('pending').textContent()) === 'بانتظار الإرسال: 0', 30_000);
    await eventually(async () => (await second.getByTestId('pending').textContent()) === 'بانتظار الإرسال: 0', 30_000);
    await page.getByTestId('synced').filter({ hasText: /T-\d{4}-\d{4,}/ }).waitFor();
    expect(await count()).toBe(1);
    const [message] = await db.query(
      `SELECT m.metadata, t.type, t.channel_kind, c.name, c.gender FROM messages m JOIN tickets t ON t.id = m.ticket_id JOIN contacts c ON c.id = t.contact_id
       WHERE m.organization_id = $1 AND m.body LIKE $2`,
      [org.id, `%${marker}%`],
    );
    expect(message).toMatchObject({ type: 'field_visit', channel_kind: 'field', name: 'أم فيصل', gender: 'female' });
    expect(message.metadata.field).toMatchObject({ kind: 'eligibility_visit', position: { latitude: 24.1556, longitude: 47.312 } });
    await screenshot(page, 'delegate-synced-ar-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('opens after a reload with no connection, and queues the entry until it returns (service worker)', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${testApp.url}/#/delegate`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { name: 'المندوب الميداني' }).waitFor();
    // The app's shell is kept once the service worker is in control.
    await page.evaluate(async () => {
      const nav = (globalThis as any).navigator;
      await nav.serviceWorker.ready;
      if (!nav.serviceWorker.controller) await new Promise((resolve) => nav.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'المندوب الميداني' }).waitFor();
    await page.getByTestId('connection').filter({ hasText: 'غير متصل' }).waitFor();
    const marker = `offline-reload-${randomUUID().slice(0, 8)}`;
    await page.getByLabel('رقم الجوال', { exact: true }).fill(uniquePhone());
    await page.getByRole('button', { name: 'بحث' }).click();
    await page.locator('.delegate__note', { hasText: 'تعذّر البحث دون اتصال' }).waitFor();
    await page.getByLabel('الاسم').fill('أم سلطان');
    await page.getByLabel('أنثى').check();
    await page.getByLabel('مقابلة حضورية').check();
    await page.getByLabel('الملاحظات').fill(`${marker} حضرت إلى الفرع تسأل عن موعد التوزيع`);
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByTestId('pending').filter({ hasText: /1/ }).waitFor();
    await screenshot(page, 'delegate-offline-after-reload-phone');
    const db = dataSource(testApp);
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1 AND body LIKE $2`, [org.id, `%${marker}%`]))[0].n as number;
    expect(await count()).toBe(0);

    await context.setOffline(false);
    await eventually(async () => /: 0$/.test((await page.getByTestId('pending').textContent()) ?? ''), 30_000);
    await eventually(async () => (await count()) === 1, 10_000);
    await page.waitForTimeout(1000);
    expect(await count()).toBe(1);
    // The api's answers are never kept: the worker's cache holds only the build's files.
    const kept: string[] = await page.evaluate(async () => {
      const all: string[] = [];
      for (const key of await (globalThis as any).caches.keys()) for (const request of await (await (globalThis as any).caches.open(key)).keys()) all.push(new URL(request.url).pathname);
      return all;
    });
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
