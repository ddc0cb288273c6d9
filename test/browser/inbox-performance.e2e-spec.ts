import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, Locator } from 'playwright-core';
import { createOrganization, dataSource, Http, inbound, PASSWORD, uniquePhone } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { launchBrowser, screenshot, signIn } from './helpers/browser';

jest.setTimeout(180_000);

const TICKETS = 5_000;
/** The inbox route's budget (issue 3): compressed JavaScript on first load. */
const JS_BUDGET_KB = 400;
const ARTIFACTS = join(__dirname, '../../test-artifacts');

// Inside the page (page.evaluate); declared here instead of adding the DOM library to the server's type check.
declare const document: any;
declare const requestAnimationFrame: (callback: (time: number) => void) => number;
declare const PerformanceObserver: any;
declare const MutationObserver: any;

interface ScrollMeasure {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames that took more than one and a half frame intervals: the eye sees a stutter. */
  dropped: number;
  longTasks: number;
  longestTaskMs: number;
  rowsInDocument: number;
  elementsAddedPerFrame: number;
}

/** Scrolls the list from inside the page, frame by frame, and times the frames. */
function measureScrolling(list: Locator): Promise<ScrollMeasure> {
  return list.evaluate(async (element: any) => {
    const tasks: number[] = [];
    let added = 0;
    const mutations = new MutationObserver((records: any[]) => records.forEach((record) => record.addedNodes.forEach((node: any) => {
      if (node.nodeType === 1) added += 1 + node.querySelectorAll('*').length;
    })));
    mutations.observe(element, { childList: true, subtree: true });
    const observer = new PerformanceObserver((entries: any) => entries.getEntries().forEach((entry: any) => tasks.push(entry.duration)));
    observer.observe({ entryTypes: ['longtask'] });
    const intervals: number[] = [];
    const segment = (from: number, frames: number) => new Promise<void>((resolve) => {
      element.scrollTop = from;
      let last = 0;
      let left = frames;
      let frame = 0;
      const step = (time: number) => {
        // The first frames of a segment pay for the jump there (every row replaced), not for scrolling.
        if (last && ++frame > 2) intervals.push(time - last);
        last = time;
        element.scrollTop += 120;
        if (--left > 0) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    const height = element.scrollHeight;
    const frames = 150;
    await segment(0, frames);
    await segment(height / 2, frames);
    await segment(height - element.clientHeight - frames * 120, frames);
    observer.disconnect();
    mutations.disconnect();
    const sorted = [...intervals].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return {
      frames: intervals.length,
      medianMs: Math.round(median * 10) / 10,
      p95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)]! * 10) / 10,
      maxMs: Math.round(sorted[sorted.length - 1]! * 10) / 10,
      dropped: intervals.filter((interval) => interval > median * 1.5).length,
      longTasks: tasks.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks)),
      rowsInDocument: document.querySelectorAll('.ticket-row').length,
      elementsAddedPerFrame: Math.round(added / (frames * 3)),
    };
  });
}

/**
 * What the inbox costs: the compressed JavaScript of its first load, and
 * scrolling a list of 5,000 tickets frame by frame (rows in the document stay
 * a few dozen, whatever the length).
 */
describe('the inbox with thousands of tickets', () => {
  let testApp: TestApp;
  let http: Http;
  let browser: Browser;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it(`loads the inbox under ${JS_BUDGET_KB} KB of compressed JavaScript and keeps a screenful of rows in the page while scrolling ${TICKETS} tickets`, async () => {
    const org = await createOrganization(testApp, http);
    await seedTickets(testApp, org.id, org.men.id, TICKETS);
    const email = org.users.agentMen.email;

    // Every script the browser fetches from a cold start to the inbox showing, compressed as a server would send it.
    const scripts = new Map<string, number>();
    const agent = await signIn(browser, testApp.url, email, PASSWORD, undefined, (page) => page.on('response', async (response) => {
      if (!response.url().endsWith('.js') || response.status() !== 200) return;
      scripts.set(response.url(), gzipSync(await response.body(), { level: 9 }).length);
    }));
    await agent.page.locator('.inbox__views a[data-view="all"]').click();
    const list = agent.page.locator('[data-testid="ticket-list"]');
    await list.locator('.ticket-row').first().waitFor();
    const javascriptKb = [...scripts.values()].reduce((sum, size) => sum + size, 0) / 1024;
    expect(scripts.size).toBeGreaterThan(0);
    expect(javascriptKb).toBeLessThan(JS_BUDGET_KB);

    // Page through everything (keyset pages of 100, fetched as the end comes near).
    for (let attempt = 0; attempt < 200; attempt++) {
      const size = Number(await list.locator('[role="listitem"]').first().getAttribute('aria-setsize'));
      if (size >= TICKETS) break;
      await list.evaluate((element: any) => (element.scrollTop = element.scrollHeight));
      await agent.page.waitForTimeout(100);
    }
    expect(Number(await list.locator('[role="listitem"]').first().getAttribute('aria-setsize'))).toBe(TICKETS);
    await list.evaluate((element: any) => (element.scrollTop = 0));
    await agent.page.waitForTimeout(300);

    // Scroll as a hand on a wheel does, fast: 120 px a frame through the top, the middle and the end of the list.
    const scroll = await measureScrolling(list);
    await screenshot(agent.page, 'performance-5000-tickets');
    mkdirSync(ARTIFACTS, { recursive: true });
    const loadPerCore = Math.round((loadavg()[0]! / cpus().length) * 100) / 100;
    // Frame times are kept as figures, not asserted: they depend on what else the machine runs (other suites beside
    // this one); on a quiet run of this 2-core machine about 1 % of frames are late and no task passes 60 ms.
    const figures = { tickets: TICKETS, javascriptKb: Math.round(javascriptKb * 10) / 10, scripts: scripts.size, scroll, loadPerCore };
    writeFileSync(join(ARTIFACTS, 'inbox-performance.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`inbox performance: ${JSON.stringify(figures)}`);

    // Virtualised: a screenful of rows and a few either side, never thousands; each frame adds only the rows
    // scrolled into view (a row is about 40 elements), it does not rebuild the list.
    expect(scroll.frames).toBeGreaterThan(400);
    expect(scroll.rowsInDocument).toBeLessThan(60);
    expect(scroll.elementsAddedPerFrame).toBeLessThan(120);

    // A ticket arriving while the agent reads far down the list lands above without moving what they read.
    await list.evaluate((element: any) => (element.scrollTop = 2_000 * 92 + 40));
    await agent.page.waitForTimeout(300);
    const firstVisible = () => list.evaluate((element: any) => {
      const top = element.getBoundingClientRect().top;
      const rows = [...element.querySelectorAll('.ticket-row')] as any[];
      const row = rows.map((r) => ({ id: r.dataset.ticketId, y: r.getBoundingClientRect().top - top })).filter((r) => r.y >= 0).sort((a, b) => a.y - b.y)[0];
      return row;
    });
    const before = await firstVisible();
    const arrived = await inbound(http, org, {
      externalId: randomUUID(), text: 'رسالة جديدة أثناء القراءة', sender: { name: 'ناصر', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    await agent.page.locator('.new-above').waitFor({ timeout: 10_000 });
    expect(await firstVisible()).toEqual(before);
    await agent.page.locator('.new-above').click();
    await list.locator(`.ticket-row[data-ticket-id="${arrived.body.ticketId}"]`).waitFor();
    expect(agent.errors).toEqual([]);
    await agent.context.close();
  });
});

/** Tickets straight into the tables (the list reads tables; nothing here needs the ingest path). */
async function seedTickets(testApp: TestApp, organizationId: string, teamId: string, count: number): Promise<void> {
  await dataSource(testApp).query(
    `WITH people AS (
       INSERT INTO contacts (organization_id, name, kind)
       SELECT $1, (ARRAY['عبدالله الشمري', 'Maryam Al-Harbi', 'فاطمة الزهراني', 'Omar Khan', 'سعد القحطاني'])[1 + g % 5] || ' ' || g, 'beneficiary'
       FROM generate_series(1, $3::int) g
       RETURNING id),
     numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM people)
     INSERT INTO tickets (organization_id, reference, subject, type, status, priority, channel_kind, contact_id, team_id,
                          first_response_due_at, resolution_due_at, last_activity_at, last_message_preview, created_at)
     SELECT $1, 'P-1448-' || lpad(p.n::text, 5, '0'),
            (ARRAY['استفسار عن موعد توزيع السلال', 'Request for a volunteering slot', 'طلب مساعدة في سداد الإيجار', 'تحديث بيانات المستفيد'])[1 + p.n % 4],
            'inquiry', (ARRAY['new', 'open', 'pending'])[1 + p.n % 3], (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])[1 + p.n % 5],
            (ARRAY['whatsapp_web', 'email', 'web_form', 'api', 'phone'])[1 + p.n % 5], p.id, $2,
            now() - (p.n || ' minutes')::interval + interval '4 hours', now() + interval '3 days',
            now() - (p.n || ' minutes')::interval, 'السلام عليكم، أرجو الإفادة بخصوص الطلب رقم ' || p.n, now() - (p.n || ' minutes')::interval
     FROM numbered p`,
    [organizationId, teamId, count],
  );
}
