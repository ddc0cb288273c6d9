import { randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, eventually, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { AgentPage, launchBrowser, PHONE, screenshot, signIn, webhookReceiver } from './helpers/browser';
import { expectScreenFine } from './helpers/page-checks';

jest.setTimeout(240_000);

const LIVE_MS = 10_000;

const PEOPLE = {
  ar: {
    officer: 'منى القحطاني', agent: 'خالد العتيبي', participant: 'نورة السبيعي', party: 'ماجد الزهراني', complainant: 'عبدالله المطيري',
    text: 'أشتكي من طريقة تعامل موظف الاستقبال معي يوم الأحد', role: 'موظف الاستقبال', findings: 'ثبت من التسجيل أن الموظف رفع صوته.',
    action: 'إنذار كتابي وتدريب', closure: 'الإجراء المناسب', refusedTemplate: 'أُغلقت الشكوى {{reference}}: {{actionTaken}}',
  },
  en: {
    officer: 'Mona Alqahtani', agent: 'Khalid Alotaibi', participant: 'Noura Alsubaie', party: 'Majed Alzahrani', complainant: 'Abdullah Almutairi',
    text: 'I complain about how the front-desk employee treated me on Sunday', role: 'Front desk', findings: 'The recording shows the employee raised his voice.',
    action: 'Written warning and training', closure: 'appropriate action has been taken', refusedTemplate: 'Complaint {{reference}} closed: {{actionTaken}}',
  },
} as const;

/**
 * A complaint arrives through the API channel and only the complaints
 * officer and the colleague they add ever see it: the team's agent finds it
 * in no list, search or link. The officer names a colleague as a party, adds
 * a participant, records findings and an action taken with a marker, closes
 * with a decision; the complainant's side receives a closure notice with the
 * reference and never the marker. Once in Arabic, once in English.
 */
describe('the confidential complaint in Chromium', () => {
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
    await Promise.all(open.map((person) => person.context.close()));
    await browser?.close();
    await testApp?.close();
    hook?.server.close();
  });

  const track = (person: AgentPage) => {
    open.push(person);
    return person;
  };

  async function staff(locale: 'ar' | 'en') {
    const org = await createOrganization(testApp, http, { webhookUrl: hook.url });
    const tenancy = testApp.app.get(TenancyService);
    const tag = randomUUID().slice(0, 8);
    const people = PEOPLE[locale];
    const make = (key: string, name: string, roles: Role[]) =>
      tenancy.createUser(null, org.id, { email: `${key}-${tag}@example.org`, name, password: PASSWORD, roles });
    const officer = await make('officer', people.officer, [Role.ComplaintsOfficer]);
    const agent = await make('agent', people.agent, [Role.Agent]);
    const participant = await make('participant', people.participant, [Role.Agent]);
    const party = await make('party', people.party, [Role.Agent]);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    // The agent, the named colleague and the original men's agent share the section the complaint would have gone to.
    await tenancy.setMembers(system, org.men.id, [{ userId: org.users.agentMen.id }, { userId: agent.id }, { userId: party.id }]);
    await tenancy.setMembers(system, org.women.id, [{ userId: org.users.agentWomen.id }, { userId: participant.id }]);
    for (const user of [officer, agent, participant, party]) {
      expect((await http.patch('/me', { locale }, await http.login(user.email))).status).toBe(204);
    }
    expect((await http.patch('/me', { locale }, org.users.admin.token)).status).toBe(204);
    return { org, officer, agent, participant, party };
  }


  it.each(['ar', 'en'] as const)('is seen only by the officer and the colleague added, and closes without letting the action out (%s)', async (locale) => {
    const { org, officer, agent, participant, party } = await staff(locale);
    const people = PEOPLE[locale];
    // A word only this complaint has, in the complainant's language (the notice is written in the language they wrote in).
    const word = `${locale === 'ar' ? 'سرية' : 'privacy'}${randomUUID().slice(0, 6)}`;
    const marker = `MARKER-${randomUUID().slice(0, 8)}`;

    const sent = await inbound(http, org as TestOrganization, {
      externalId: randomUUID(), type: 'complaint', text: `${people.text} ${word}`,
      sender: { name: people.complainant, gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    expect(sent.status).toBe(202);
    const ticketId: string = sent.body.ticketId;
    const reference: string = sent.body.ticketReference;
    const ticketHref = `${testApp.url}/#/inbox/all/${ticketId}`;

    // The team's agent: not in the list, not found by its words, and its link says it is not there.
    const teamAgent = track(await signIn(browser, testApp.url, agent.email, PASSWORD));
    await teamAgent.page.locator('.inbox__views a[data-view="all"]').click();
    await teamAgent.page.locator('.inbox__list .list-message, .ticket-row').first().waitFor();
    expect(await teamAgent.page.locator(`.ticket-row[data-ticket-id="${ticketId}"]`).count()).toBe(0);
    await teamAgent.page.getByRole('searchbox').fill(word);
    await teamAgent.page.locator('.inbox__list .list-message').waitFor();
    expect(await teamAgent.page.locator(`.ticket-row[data-ticket-id="${ticketId}"]`).count()).toBe(0);
    await teamAgent.page.goto(ticketHref);
    await teamAgent.page.locator('.ticket-pane [role="alert"]').waitFor();
    expect(await teamAgent.page.locator('[data-testid="complaint-panel"]').count()).toBe(0);
    expect(await teamAgent.page.locator('body').innerText()).not.toContain(word);
    await screenshot(teamAgent.page, `${locale}-complaint-1-agent-not-found`);
    await expectScreenFine(teamAgent, locale);

    // The officer finds it in the list and opens it: the case beside the conversation, marked confidential in words.
    const boss = track(await signIn(browser, testApp.url, officer.email, PASSWORD));
    await boss.page.locator('.inbox__views a[data-view="all"]').click();
    // Its row says it is confidential, in words.
    await boss.page.locator(`.ticket-row[data-ticket-id="${ticketId}"] .badge--confidential`).waitFor();
    await boss.page.locator(`.ticket-row[data-ticket-id="${ticketId}"]`).click();
    const panel = boss.page.locator('[data-testid="complaint-panel"]');
    await panel.waitFor();
    await boss.page.locator('[data-testid="complaint-band"]', { hasText: locale === 'ar' ? 'شكوى سرية' : 'Confidential complaint' }).waitFor();
    const trackingCode = (await panel.locator('[data-testid="tracking-code"]').innerText()).trim();
    expect(trackingCode.length).toBeGreaterThan(4);

    // Names a colleague as a party, with a role; that colleague cannot then be added to the case (the server's refusal shows).
    await panel.locator('[data-testid="party-user"]').selectOption(party.id);
    await panel.locator('[data-testid="party-role"]').fill(people.role);
    await panel.locator('[data-testid="case-parties"] button[type="submit"]').click();
    await panel.locator('[data-testid="case-parties"] li', { hasText: people.party }).waitFor();
    await panel.locator('[data-testid="participant-user"]').selectOption(party.id);
    await panel.locator('[data-testid="case-participants"] button[type="submit"]').click();
    await panel.locator('[data-testid="case-participants"] [role="alert"]').waitFor();
    expect(await panel.locator('[data-testid="case-participants"] [role="alert"]').innerText()).toMatch(/.{10,}/);
    // Adds the participant from another section.
    await panel.locator('[data-testid="participant-user"]').selectOption(participant.id);
    await panel.locator('[data-testid="case-participants"] button[type="submit"]').click();
    await panel.locator(`[data-testid="case-participants"] li[data-user-id="${participant.id}"]`).waitFor();

    // Findings and action taken, internal: the action carries the marker.
    await panel.locator('[data-testid="case-findings"]').fill(people.findings);
    await panel.locator('[data-testid="case-action"]').fill(`${people.action} ${marker}`);
    await panel.locator('[data-testid="case-internal"] button[type="submit"]').click();
    await panel.locator('[data-testid="case-internal"] [role="status"]').waitFor();
    await panel.locator('[data-testid="case-history"] li[data-action="complaint.findings_recorded"]').waitFor({ timeout: LIVE_MS });
    await screenshot(boss.page, `${locale}-complaint-2-officer-case`);
    await expectScreenFine(boss, locale);

    // Closes with a decision, after a confirmation that says what the notice will and will not say.
    await panel.locator('[data-testid="case-decision-select"]').selectOption('upheld');
    await panel.locator('[data-testid="case-close"]').click();
    const confirm = boss.page.locator('[data-testid="case-confirm"]');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(locale === 'ar' ? 'الإجراء المناسب' : 'appropriate action was taken');
    await screenshot(boss.page, `${locale}-complaint-3-confirm-close`);
    await expectScreenFine(boss, locale);
    await confirm.locator('[data-testid="case-confirm-close"]').click();
    const notice = panel.locator('[data-testid="closure-notice"]');
    await notice.waitFor({ timeout: LIVE_MS });
    await panel.locator('[data-testid="closure-notice"] time').waitFor({ timeout: 20_000 }).catch(async () => {
      // The notice is sent after commit; a reload shows when it went out.
      await boss.page.reload();
      await panel.locator('[data-testid="closure-notice"] time').waitFor({ timeout: LIVE_MS });
    });
    const noticeText = await notice.locator('blockquote').innerText();
    expect(noticeText).toContain(reference);
    expect(noticeText).not.toContain(marker);
    await screenshot(boss.page, `${locale}-complaint-4-closed-notice`);
    await expectScreenFine(boss, locale);

    // The complainant's side of the channel received the notice with the reference, and never the marker.
    const bodies = () => hook.received.map((request) => request.body);
    const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
    const received = await eventually(async () => bodies().map((body) => String(JSON.parse(body).text ?? '')).find((text) => text.includes(reference) && text.includes(people.closure)), 20_000);
    expect(flat(received)).toBe(flat(noticeText));
    expect(bodies().filter((body) => body.includes(marker))).toEqual([]);

    // The participant sees the case (and the findings) but no access history.
    const colleague = track(await signIn(browser, testApp.url, participant.email, PASSWORD));
    await colleague.page.goto(ticketHref);
    const theirs = colleague.page.locator('[data-testid="complaint-panel"]');
    await theirs.waitFor();
    await theirs.locator('[data-testid="closure-notice"]').waitFor();
    expect(await theirs.locator('[data-testid="case-history"]').count()).toBe(0);
    expect(await theirs.locator('[data-testid="case-close"]').count()).toBe(0);
    await screenshot(colleague.page, `${locale}-complaint-5-participant`);
    await expectScreenFine(colleague, locale);
    // On a phone the case stacks under the conversation and fits the screen.
    await colleague.page.setViewportSize(PHONE);
    await theirs.locator('[data-testid="complaint-band"]').scrollIntoViewIfNeeded();
    await screenshot(colleague.page, `${locale}-complaint-5b-participant-phone`);
    await expectScreenFine(colleague, locale);

    // The named colleague cannot open it.
    const named = track(await signIn(browser, testApp.url, party.email, PASSWORD));
    await named.page.goto(ticketHref);
    await named.page.locator('.ticket-pane [role="alert"]').waitFor();
    expect(await named.page.locator('[data-testid="complaint-panel"]').count()).toBe(0);

    // An admin rewords the closure notice; a field outside the allow-list is refused, with the server's reason.
    const admin = track(await signIn(browser, testApp.url, org.users.admin.email, PASSWORD));
    await admin.page.locator('[data-testid="notices-link"]').click();
    const template = admin.page.locator(`[data-notice="closure-${locale}"]`);
    await template.locator('textarea').fill(people.refusedTemplate);
    await template.locator('button[type="submit"]').click();
    await template.locator('[role="alert"]').waitFor();
    expect(await template.locator('[role="alert"]').innerText()).toContain('actionTaken');
    await screenshot(admin.page, `${locale}-complaint-6-admin-notice-refused`);
    await expectScreenFine(admin, locale);
  });
  it.each(['ar', 'en'] as const)('lets an agent step away and hand tickets back, and a supervisor see it and set how the team is assigned (%s)', async (locale) => {
    const { org, agent } = await staff(locale);
    expect((await http.patch('/me', { locale }, org.users.supervisor.token)).status).toBe(204);
    const sent = await inbound(http, org as TestOrganization, {
      externalId: randomUUID(), text: PEOPLE[locale].text.slice(0, 20),
      sender: { name: PEOPLE[locale].complainant, gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    expect((await http.patch(`/tickets/${sent.body.ticketId}`, { teamId: org.men.id, assigneeId: agent.id }, org.users.supervisor.token)).status).toBe(200);

    // Going away offers to hand the open tickets back; the agent takes it.
    const desk = track(await signIn(browser, testApp.url, agent.email, PASSWORD));
    await desk.page.locator('[data-testid="agent-status"]').selectOption('away');
    await desk.page.locator('[data-testid="release-tickets"]').check();
    await screenshot(desk.page, `${locale}-status-1-going-away`);
    await expectScreenFine(desk, locale);
    await desk.page.locator('[data-testid="agent-status-apply"]').click();
    await desk.page.locator('.agent-status [role="status"]').waitFor();
    expect((await http.get(`/tickets/${sent.body.ticketId}`, org.users.supervisor.token)).body.ticket.assigneeId).toBeNull();

    // The supervisor sees the agent away, and sets the men's section to the least busy agent with a capacity.
    const boss = track(await signIn(browser, testApp.url, org.users.supervisor.email, PASSWORD));
    await boss.page.locator('[data-testid="supervisor-link"]').click();
    await boss.page.locator(`tr[data-user-id="${agent.id}"] [data-column="status"] [data-status="away"]`).waitFor({ timeout: LIVE_MS });
    const team = boss.page.locator(`form.assignment__team[data-team-id="${org.men.id}"]`);
    await team.locator('[data-testid="assignment-strategy"]').selectOption('balanced');
    await team.locator('[data-testid="assignment-capacity"]').fill('7');
    await team.locator('button[type="submit"]').click();
    await team.locator('[role="status"]').waitFor();
    const saved = (await http.get(`/teams/${org.men.id}/assignment`, org.users.supervisor.token)).body;
    expect(saved).toMatchObject({ strategy: 'balanced', agentCapacity: 7 });
    await screenshot(boss.page, `${locale}-status-2-supervisor`);
    await expectScreenFine(boss, locale);
  });
});
