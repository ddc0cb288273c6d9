import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Browser, WebSocketRoute } from 'playwright-core';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, Received, screenshot, signIn, webhookReceiver } from './helpers/browser';
import { contrastFailures, horizontalOverflow } from './helpers/page-checks';

jest.setTimeout(180_000);

// Read inside the page (page.evaluate); declared here instead of adding the DOM library to the server's type check.
declare const document: { documentElement: { lang: string; dir: string } };
declare const localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

/** How long a live change may take to show in the other browser (event, then one summary fetch). */
const LIVE_MS = 10_000;

const PEOPLE = {
  ar: {
    a: 'خالد العتيبي', b: 'فهد الدوسري', supervisor: 'سارة الشهري', sender: 'سالم الحربي', text: 'السلام عليكم، متى يبدأ توزيع السلال الغذائية؟ رقم طلبي 4512',
    reply: 'وعليكم السلام، يبدأ التوزيع يوم الأحد.', template: 'نشكرك يا {{contact.name}}، رقم طلبك {{ticket.reference}}. {{agent.name}}', note: 'راجع السجل يا ',
  },
  en: {
    a: 'Khalid Alotaibi', b: 'Fahad Aldosari', supervisor: 'Sara Alshehri', sender: 'Salem Alharbi', text: 'Hello, when does the food basket distribution start? My request is 4512',
    reply: 'Hello, the distribution starts on Sunday.', template: 'Thank you {{contact.name}}, your reference is {{ticket.reference}}. {{agent.name}}', note: 'Please check the record ',
  },
} as const;

/**
 * Two agents of the men's section side by side and a supervisor, each in
 * their own browser: a message arrives through the API channel and shows in
 * both inboxes without a reload, presence shows who is viewing and typing,
 * a reply goes out and its delivery shows, and a bulk reassignment moves the
 * ticket between the agents' views. Once in Arabic, once in English.
 */
describe('the agents inbox in Chromium', () => {
  let testApp: TestApp;
  let http: Http;
  let browser: Browser;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  const open: AgentPage[] = [];

  beforeAll(async () => {
    hook = await webhookReceiver();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(open.map((agent) => agent.context.close()));
    await browser?.close();
    await testApp?.close();
    hook?.server.close();
  });

  /** An organization whose men's section has two agents, and a supervisor; everyone in `locale`. */
  async function staff(locale: 'ar' | 'en') {
    const org = await createOrganization(testApp, http, { webhookUrl: hook.url });
    const tenancy = testApp.app.get(TenancyService);
    const tag = randomUUID().slice(0, 8);
    const make = (key: string, name: string, roles: Role[]) =>
      tenancy.createUser(null, org.id, { email: `${key}-${tag}@example.org`, name, password: PASSWORD, roles });
    const a = await make('a', PEOPLE[locale].a, [Role.Agent]);
    const b = await make('b', PEOPLE[locale].b, [Role.Agent]);
    const supervisor = await make('s', PEOPLE[locale].supervisor, [Role.Supervisor]);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    await tenancy.setMembers(system, org.men.id, [{ userId: a.id }, { userId: b.id }]);
    for (const user of [a, b, supervisor]) {
      const token = await http.login(user.email);
      expect((await http.patch('/me', { locale }, token)).status).toBe(204);
    }
    const template = await http.post('/admin/templates', { name: locale === 'ar' ? 'شكر' : 'Thanks', locale, body: PEOPLE[locale].template }, org.users.admin.token);
    expect(template.status).toBe(201);
    return { org, a, b, supervisor };
  }

  const row = (agent: AgentPage, ticketId: string) => agent.page.locator(`.ticket-row[data-ticket-id="${ticketId}"]`);
  const openView = async (agent: AgentPage, view: string) => {
    await agent.page.locator(`.inbox__views a[data-view="${view}"]`).click();
    await agent.page.locator(`.inbox__views a[data-view="${view}"][aria-current="page"]`).waitFor();
  };
  const track = (agent: AgentPage) => {
    open.push(agent);
    return agent;
  };

  async function checkPage(agent: AgentPage, locale: 'ar' | 'en'): Promise<void> {
    const { page } = agent;
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale, locale === 'ar' ? 'rtl' : 'ltr']);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await contrastFailures(page)).toEqual([]);
    expect(agent.errors).toEqual([]);
  }

  it.each(['ar', 'en'] as const)('works live for two agents and a supervisor (%s)', async (locale) => {
    const { org, a, b, supervisor } = await staff(locale);
    const people = PEOPLE[locale];
    const [agentA, agentB] = await Promise.all([
      signIn(browser, testApp.url, a.email, PASSWORD).then(track),
      signIn(browser, testApp.url, b.email, PASSWORD).then(track),
    ]);
    await Promise.all([openView(agentA, 'all'), openView(agentB, 'all')]);
    // The language is the user's: the whole layout mirrors (the views column sits on the reading side).
    const views = await agentA.page.locator('.inbox__views').boundingBox();
    expect(locale === 'ar' ? views!.x > 700 : views!.x < 100).toBe(true);

    // A beneficiary writes through the API channel: both inboxes show it without a reload.
    const attachment = { fileName: locale === 'ar' ? 'صورة-الهوية.pdf' : 'id-card.pdf', contentType: 'application/pdf', content: '%PDF-1.4\n%%EOF\n' };
    const sent = await inbound(http, org as TestOrganization, {
      externalId: randomUUID(), text: people.text,
      sender: { name: people.sender, gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
      attachments: [{ fileName: attachment.fileName, contentType: attachment.contentType, contentBase64: Buffer.from(attachment.content).toString('base64') }],
    });
    expect(sent.status).toBe(202);
    const ticketId: string = sent.body.ticketId;
    await Promise.all([row(agentA, ticketId).waitFor({ timeout: LIVE_MS }), row(agentB, ticketId).waitFor({ timeout: LIVE_MS })]);
    expect(await row(agentA, ticketId).getAttribute('data-unread')).toBe('true');
    await agentA.page.locator('.inbox__views a[data-view="all"] [data-count="1"]').waitFor({ timeout: LIVE_MS });
    await screenshot(agentA.page, `${locale}-1-new-ticket-arrives`);
    await checkPage(agentA, locale);

    // B finds it by its reference in the search box, and finds nothing for words nobody wrote.
    const search = agentB.page.getByRole('searchbox');
    await search.fill(sent.body.ticketReference);
    await row(agentB, ticketId).waitFor();
    await search.fill('كلمةلاوجودلها');
    await row(agentB, ticketId).waitFor({ state: 'detached' });
    await agentB.page.locator('.inbox__list .list-message').waitFor();
    await search.fill('');
    await row(agentB, ticketId).waitFor();

    // Agent A opens it from the keyboard (j: next ticket); agent B opens it too and sees that A is viewing.
    await agentA.page.locator('body').press('j');
    await agentA.page.locator(`.ticket-pane[data-ticket-id="${ticketId}"] .timeline .message--inbound`).waitFor();
    await agentA.page.locator(`.ticket-row[data-ticket-id="${ticketId}"]:not([data-unread])`).waitFor();
    // Its attachment downloads with the agent's session (the file is never shown inline from our origin).
    const download = agentA.page.waitForEvent('download');
    await agentA.page.locator('.message--inbound .attachments button').click();
    expect((await download).suggestedFilename()).toBe(attachment.fileName);
    expect(await readFile((await (await download).path())!, 'utf8')).toBe(attachment.content);
    await row(agentB, ticketId).click();
    await agentB.page.locator('[data-presence="viewing"]', { hasText: people.a }).waitFor({ timeout: LIVE_MS });

    // A starts a reply (r): B sees that A is replying. A adds a template, its variables filled in.
    await agentA.page.locator('body').press('r');
    await agentA.page.keyboard.type(people.reply);
    await agentB.page.locator('[data-presence="typing"]', { hasText: people.a }).waitFor({ timeout: LIVE_MS });
    await agentA.page.locator('.composer__bar button', { hasText: locale === 'ar' ? 'القوالب' : 'Templates' }).click();
    await agentA.page.getByRole('menuitem', { name: locale === 'ar' ? 'شكر' : 'Thanks' }).click();
    const draft = await agentA.page.locator('[data-testid="composer-text"]').inputValue();
    expect(draft).toContain(people.reply);
    expect(draft).toContain(people.sender);
    expect(draft).toContain(sent.body.ticketReference);
    expect(draft).not.toContain('{{');
    await screenshot(agentB.page, `${locale}-2-colleague-viewing-and-replying`);
    await checkPage(agentB, locale);

    // The reply goes out through the integrator's webhook and its delivery status updates in place.
    const before = hook.received.length;
    await agentA.page.keyboard.press('Control+Enter');
    await agentA.page.locator('.message--outbound [data-delivery="sent"]').waitFor({ timeout: 20_000 });
    const delivered = hook.received.slice(before).map((request: Received) => JSON.parse(request.body));
    expect(delivered).toEqual([expect.objectContaining({ text: draft })]);
    // B, who has it open too, sees the reply arrive and its status without reloading.
    await agentB.page.locator('.message--outbound [data-delivery="sent"]').waitFor({ timeout: LIVE_MS });
    await agentB.page.locator('[data-presence="typing"]').waitFor({ state: 'detached', timeout: LIVE_MS });
    await screenshot(agentA.page, `${locale}-3-reply-sent`);
    await checkPage(agentA, locale);

    // B writes an internal note mentioning A (picked from the directory after @); A is told.
    await agentB.page.locator('body').press('n');
    await agentB.page.keyboard.type(`${people.note}@${people.a.slice(0, 3)}`);
    await agentB.page.locator('.mention-list').getByRole('option', { name: people.a }).waitFor();
    await agentB.page.keyboard.press('Enter');
    await agentB.page.keyboard.press('Control+Enter');
    await agentB.page.locator('.message--note', { hasText: `@${people.a}` }).waitFor({ timeout: LIVE_MS });
    await agentA.page.locator('[data-notification="mentioned"]', { hasText: people.b }).waitFor({ timeout: LIVE_MS });
    await agentA.page.locator('.message--note', { hasText: `@${people.a}` }).waitFor({ timeout: LIVE_MS });

    // A takes the ticket (a); it is in A's "mine" and not in B's.
    await agentA.page.locator('body').press('Escape');
    await agentA.page.locator('body').press('a');
    await openView(agentA, 'mine');
    await row(agentA, ticketId).waitFor({ timeout: LIVE_MS });
    await openView(agentB, 'mine');
    expect(await row(agentB, ticketId).count()).toBe(0);

    // A supervisor reassigns it to B from the supervision screen; it leaves A's view and arrives in B's, live.
    const boss = track(await signIn(browser, testApp.url, supervisor.email, PASSWORD));
    await boss.page.locator('[data-testid="supervisor-link"]').click();
    const line = boss.page.locator(`tr[data-ticket-id="${ticketId}"]`);
    await line.waitFor();
    await line.locator('input[type="checkbox"]').check();
    await boss.page.locator('[data-testid="bulk-assignee"]').selectOption(b.id);
    await boss.page.locator('.bulk-bar button.button--primary').click();
    await row(agentA, ticketId).waitFor({ state: 'detached', timeout: LIVE_MS });
    await row(agentB, ticketId).waitFor({ timeout: LIVE_MS });
    await line.locator('[data-column="assignee"]', { hasText: people.b }).waitFor({ timeout: LIVE_MS });
    await boss.page.locator(`tr[data-user-id="${b.id}"] [data-column="open"]`, { hasText: '1' }).waitFor({ timeout: LIVE_MS });
    await screenshot(boss.page, `${locale}-4-supervisor-reassigned`);
    await checkPage(boss, locale);
    // Supervisors use phones too: the screen fits, the ticket table scrolls within itself.
    await boss.page.setViewportSize(PHONE);
    await screenshot(boss.page, `${locale}-4b-supervisor-phone`);
    await checkPage(boss, locale);
    await screenshot(agentB.page, `${locale}-5-reassigned-arrives`);
    await checkPage(agentB, locale);

    // On a phone the panes stack: the list, then the ticket with a way back.
    const phone = track(await signIn(browser, testApp.url, b.email, PASSWORD, PHONE));
    await row(phone, ticketId).waitFor();
    await screenshot(phone.page, `${locale}-6-phone-list`);
    await checkPage(phone, locale);
    await row(phone, ticketId).click();
    await phone.page.locator('.ticket-pane .back-link').waitFor();
    expect(await phone.page.locator('.inbox__list').isVisible()).toBe(false);
    await screenshot(phone.page, `${locale}-7-phone-ticket`);
    await checkPage(phone, locale);
    await phone.page.locator('.ticket-pane .back-link').click();
    await row(phone, ticketId).waitFor();
    // The views live in a drawer there, opened from beside the list's title.
    await phone.page.locator('.views-toggle').click();
    await phone.page.getByRole('dialog').locator('a[data-view="mine"]').waitFor();
    await screenshot(phone.page, `${locale}-8-phone-views`);
    await checkPage(phone, locale);
    await phone.page.keyboard.press('Escape');

    // ? lists the shortcuts.
    await agentA.page.locator('body').press('?');
    await agentA.page.getByRole('dialog').locator('kbd', { hasText: 'j' }).waitFor();
    await screenshot(agentA.page, `${locale}-9-shortcuts`);
    await checkPage(agentA, locale);
    await agentA.page.keyboard.press('Escape');
  });

  it('says when the connection is lost, and catches up with what arrived meanwhile', async () => {
    const { org, a } = await staff('ar');
    // The socket goes through a route this test can cut, as a dropped network would; while the network is
    // down, new connection attempts hang until it is back.
    let online = true;
    const sockets = new Set<WebSocketRoute>();
    const held: WebSocketRoute[] = [];
    const connect = (socket: WebSocketRoute) => {
      socket.connectToServer();
      sockets.add(socket);
    };
    const agent = track(await signIn(browser, testApp.url, a.email, PASSWORD, undefined, (page) => page.routeWebSocket(/\/socket\.io\//, (socket) => {
      if (online) connect(socket);
      else held.push(socket);
    })));
    await openView(agent, 'all');
    await agent.page.locator('[data-connection="live"]').waitFor({ timeout: LIVE_MS });

    expect(sockets.size).toBe(1);
    online = false;
    await Promise.all([...sockets].map((socket) => socket.close({ code: 4000, reason: 'network down' })));
    await agent.page.locator('[data-connection="lost"]').waitFor({ timeout: LIVE_MS });
    const missed = await inbound(http, org as TestOrganization, {
      externalId: randomUUID(), text: 'رسالة وصلت أثناء انقطاع الاتصال',
      sender: { name: 'ماجد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    await screenshot(agent.page, 'ar-10-connection-lost');
    expect(await row(agent, missed.body.ticketId).count()).toBe(0);

    online = true;
    held.splice(0).forEach(connect);
    // On reconnecting the client asks for everything since the last event it saw: the missed ticket appears.
    await row(agent, missed.body.ticketId).waitFor({ timeout: 20_000 });
    await agent.page.locator('[data-connection="caughtUp"], [data-connection="live"]').first().waitFor({ timeout: LIVE_MS });
    await agent.page.locator('[data-connection="live"]').waitFor({ timeout: LIVE_MS });
    expect(agent.errors).toEqual([]);
  });

  it('gets a fresh access token when the stored one is refused, for REST and the socket alike', async () => {
    const { a } = await staff('en');
    const agent = track(await signIn(browser, testApp.url, a.email, PASSWORD));
    await agent.page.locator('[data-connection="live"]').waitFor({ timeout: LIVE_MS });
    // As after a server key rotation: the access token no longer verifies; the refresh token still works.
    await agent.page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('inbox.session')!);
      localStorage.setItem('inbox.session', JSON.stringify({ ...stored, accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.invalid' }));
    });
    const refreshed = agent.page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200);
    await agent.page.reload();
    await refreshed;
    await agent.page.locator('.inbox__views a[data-view="mine"]').waitFor();
    await agent.page.locator('[data-connection="live"]').waitFor({ timeout: LIVE_MS });
    expect(await agent.page.evaluate(() => JSON.parse(localStorage.getItem('inbox.session')!).accessToken)).not.toContain('invalid');
    expect(agent.errors).toEqual([]);
  });
});
