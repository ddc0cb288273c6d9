import { randomBytes } from 'node:crypto';
import { Browser } from 'playwright-core';
import { WhatsAppWebClientFactory } from '@inbox/channels/whatsapp';
import { WhatsAppWebSupervisor } from '../../apps/worker/src/whatsapp-web.supervisor';
import { cloudWebhook, FakeGraph, postWebhook, startFakeGraph } from '../helpers/fake-graph';
import { FakeWebClientFactory } from '../helpers/fake-whatsapp-web';
import { createOrganization, dataSource, eventually, Http, PASSWORD, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn } from './helpers/browser';
import { expectScreenFine } from './helpers/page-checks';

jest.setTimeout(300_000);

/**
 * An agent answers a WhatsApp Cloud API conversation in Chromium, in Arabic
 * and in English: a free-text reply while the window is open, whose status
 * moves to read; a day later the composer says why only a template can go
 * out, fills its placeholders and shows what the person will read.
 */
describe('WhatsApp conversations in the inbox', () => {
  let testApp: TestApp;
  let http: Http;
  let browser: Browser;
  let graph: FakeGraph;
  const open: AgentPage[] = [];

  beforeAll(async () => {
    graph = await startFakeGraph();
    graph.templates.push(
      { name: 'request_update', language: 'ar', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'مرحبًا {{1}}، لدينا تحديث على طلبك رقم {{2}}. ردّ على هذه الرسالة لمتابعة المحادثة.' }] },
      { name: 'request_update', language: 'en', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hello {{1}}, there is news on your request {{2}}. Reply to this message to continue.' }] },
    );
    testApp = await startTestApp();
    http = new Http(testApp.url);
    browser = await launchBrowser();
    const real = testApp.app.get(WhatsAppWebClientFactory);
    real.create = fakes.create.bind(fakes);
    real.media = fakes.media.bind(fakes);
  });
  const fakes = new FakeWebClientFactory();
  afterAll(async () => {
    await Promise.all(open.map((person) => person.context.close()));
    await browser?.close();
    await testApp?.close();
    await graph?.close();
  });

  it.each(['ar', 'en'] as const)('replies in the window, then with a template outside it (%s)', async (locale) => {
    const org = await createOrganization(testApp, http);
    const appSecret = randomBytes(16).toString('hex');
    const phoneNumberId = String(100000000000000 + Math.floor(Math.random() * 1e9));
    const account = await http.post('/admin/channel-accounts', {
      kind: 'whatsapp_cloud', name: 'WhatsApp', settings: { phoneNumberId, businessAccountId: '102290129340398', graphUrl: graph.url, graphVersion: graph.version },
      secrets: { accessToken: graph.token, appSecret, verifyToken: 'verify-token-1' },
    }, org.users.admin.token);
    const from = `966${uniquePhone().slice(1)}`;
    const id = `wamid.HBgM${randomBytes(10).toString('hex')}`;
    expect(account.status).toBe(201);
    const delivered = await postWebhook(testApp.url, account.body.id, appSecret, cloudWebhook(phoneNumberId, {
      contacts: [{ profile: { name: 'سارة' }, wa_id: from }],
      messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'location', location: { latitude: 24.7136, longitude: 46.6753, name: 'بيتي' } }],
    }));
    expect(delivered).toEqual({ status: 200, body: { messages: 1, statuses: 0, parked: 0 } });
    const [{ ticket_id: ticketId }] = await dataSource(testApp).query(`SELECT ticket_id FROM messages WHERE external_id = $1`, [id]);
    expect((await http.patch('/me', { locale }, org.users.admin.token)).status).toBe(204);
    const agent = await signIn(browser, testApp.url, org.users.admin.email, PASSWORD);
    open.push(agent);
    await agent.page.goto(`${testApp.url}/#/inbox/all/${ticketId}`);
    await agent.page.locator('[data-testid="whatsapp-window-open"]').waitFor();
    const map = agent.page.locator('.message__whatsapp[data-whatsapp-type="location"] a');
    expect(await map.getAttribute('href')).toContain('mlat=24.7136');
    expect(await agent.page.locator('.message__whatsapp-kind').first().innerText()).toBe(locale === 'ar' ? 'موقع' : 'Location');
    await agent.page.locator('[data-testid="composer-text"]').fill(locale === 'ar' ? 'وصلنا موقعك، شكرًا' : 'We have your location, thank you');
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
    await agent.page.locator('[data-testid="composer-files"]').setInputFiles({ name: 'خريطة.png', mimeType: 'image/png', buffer: photo });
    await agent.page.locator('.composer__files li', { hasText: 'خريطة.png' }).waitFor();
    await agent.page.locator('.composer button[type="submit"]').click();
    await agent.page.locator('.message--outbound', { hasText: 'خريطة.png' }).waitFor();
    await eventually(async () => graph.sent.find((s) => s.phoneNumberId === phoneNumberId && s.body.type === 'image'), 15_000);
    const sent = await eventually(async () => (await dataSource(testApp).query(`SELECT external_id FROM messages WHERE ticket_id = $1 AND direction = 'outbound' AND delivery_status = 'sent'`, [ticketId]))[0], 15_000);
    await postWebhook(testApp.url, account.body.id, appSecret, cloudWebhook(phoneNumberId, { statuses: [{ id: sent.external_id, status: 'read', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: from }] }));
    await agent.page.locator('.message--outbound [data-delivery="read"]').first().waitFor();
    await screenshot(agent.page, `${locale}-whatsapp-1-window-open`);

    // A day and an hour later the window has closed.
    await dataSource(testApp).query(`UPDATE messages SET created_at = created_at - interval '25 hours' WHERE ticket_id = $1 AND direction = 'inbound'`, [ticketId]);
    // On a phone, as a delegate or a supervisor away from the desk would.
    await agent.page.setViewportSize(PHONE);
    await agent.page.reload();
    const closed = agent.page.locator('[data-testid="whatsapp-window-closed"]');
    await closed.waitFor();
    expect(await closed.innerText()).toContain(locale === 'ar' ? '24 ساعة' : '24 hours');
    await agent.page.locator('[data-testid="whatsapp-template"]').selectOption(`request_update|${locale}`);
    const reference = (await http.get(`/tickets/${ticketId}`, org.users.admin.token)).body.ticket.reference;
    expect(await agent.page.locator('[data-testid="whatsapp-parameter-1"]').inputValue()).toBe('سارة');
    expect(await agent.page.locator('[data-testid="whatsapp-parameter-2"]').inputValue()).toBe(reference);
    expect(await agent.page.locator('[data-testid="whatsapp-preview"]').innerText()).toContain(reference);
    await screenshot(agent.page, `${locale}-whatsapp-2-template-phone`);
    await expectScreenFine(agent, locale);
    await agent.page.locator('[data-testid="whatsapp-send-template"]').click();
    await eventually(async () => graph.sent.find((s) => s.phoneNumberId === phoneNumberId && s.body.type === 'template'), 15_000);
    expect(graph.sent.find((s) => s.phoneNumberId === phoneNumberId && s.body.type === 'template')!.body.template).toMatchObject({ name: 'request_update', language: { code: locale } });
    await agent.page.locator('.message--outbound', { hasText: reference }).waitFor();
    expect(agent.errors).toEqual([]);
  });

  it.each(['ar', 'en'] as const)('pairs a WhatsApp Web number from the admin page, the QR code live (%s)', async (locale) => {
    const org = await createOrganization(testApp, http);
    expect((await http.patch('/me', { locale }, org.users.admin.token)).status).toBe(204);
    const admin = await signIn(browser, testApp.url, org.users.admin.email, PASSWORD);
    open.push(admin);
    await admin.page.locator('[data-testid="whatsapp-admin-link"]').click();
    const form = admin.page.locator('[data-testid="whatsapp-add"]');
    await form.locator('input[name="name"]').fill(locale === 'ar' ? 'جوال الفرع الرئيسي' : 'Main branch phone');
    await form.locator('button[type="submit"]').click();
    const card = admin.page.locator('.whatsapp-number');
    await card.waitFor();
    const accountId = (await card.getAttribute('data-account-id'))!;
    await testApp.app.get(WhatsAppWebSupervisor).take(accountId);
    await card.locator('[data-testid="whatsapp-qr"] svg').waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('data-state')).toBe('pairing');
    await screenshot(admin.page, `${locale}-whatsapp-3-pairing`);
    await expectScreenFine(admin, locale);
    const client = fakes.clients.find((c) => c.options.clientId === accountId.replace(/-/g, ''))!;
    client.pair();
    await admin.page.locator('.whatsapp-number[data-state="connected"]').waitFor({ timeout: 15_000 });
    expect(await card.locator('[data-testid="whatsapp-qr"]').count()).toBe(0);
    expect(await card.innerText()).toContain('+966 11 234 5678');
    expect(await card.locator('[data-testid="whatsapp-state"]').innerText()).toBe(locale === 'ar' ? 'متصل' : 'Connected');
    await screenshot(admin.page, `${locale}-whatsapp-4-connected`);
    expect(admin.errors).toEqual([]);
  });
});
