import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { InboundMessage } from '@inbox/channels/contract';
import { CHROMIUM_PATH, WebClient, WebMessage, WhatsAppModule, WhatsAppWebConnector, WhatsAppWebSessions } from '@inbox/channels/whatsapp';
import { runMigrations } from '@inbox/database';
import { FoundationModule } from '@inbox/foundation';
import { IngestModule, IngestService } from '@inbox/ingest';
import { AttachmentStorage } from '@inbox/storage';
import { BenchServer, recreateDatabase, withClient } from './db';
import { fmt, mb, now, ResultRow, RssSampler, Samples, sleep } from './stats';
import { arabicName, arabicText, seededRandom } from './workload';

@Module({ imports: [FoundationModule, IngestModule, WhatsAppModule] })
class BenchWhatsAppModule {}

export const WHATSAPP_DATABASE = 'inbox_bench_whatsapp';

export interface WhatsAppBenchOptions {
  accounts: number;
  rate: number;
  seconds: number;
  senders: number;
}

/** WhatsApp's side of a paired number, at the library's boundary: emits `message` events with Message-shaped objects. */
class PairedPhone extends EventEmitter implements WebClient {
  info = { wid: { user: '966112345678' } };
  async initialize(): Promise<void> {
    setImmediate(() => {
      this.emit('authenticated');
      this.emit('ready');
    });
  }
  async destroy(): Promise<void> {}
  async sendMessage(): Promise<WebMessage> {
    throw new Error('nothing is sent in this bench');
  }
  async getChats() {
    return [];
  }
}

function message(from: string, body: string, name: string): WebMessage {
  const id = `3EB0${randomBytes(10).toString('hex').toUpperCase()}`;
  return {
    id: { fromMe: false, remote: from, id, _serialized: `false_${from}_${id}` }, from, to: '966112345678@c.us', body, type: 'chat',
    timestamp: Math.floor(Date.now() / 1000), hasMedia: false, hasQuotedMsg: false, fromMe: false, _data: { notifyName: name },
    downloadMedia: async () => undefined,
  };
}

/** Memory of the Chromium processes whose command line names `marker`, in bytes: their proportional set size (shared pages split between them), from Linux /proc. */
function chromiumRss(marker: string): number {
  let pids: string[] = [];
  try {
    pids = execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return 0;
  }
  let total = 0;
  for (const pid of pids) {
    try {
      const rollup = execFileSync('cat', [`/proc/${pid}/smaps_rollup`], { encoding: 'utf8' });
      total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/**
 * WhatsApp Web numbers in one worker: `accounts` connectors, each fed
 * `rate` messages a second from `senders` people through the library's
 * `message` event (WhatsApp's servers cannot be reached from here), each
 * message timed from the event to its commit in the ticket stream, every one
 * checked stored once. Then the memory one paired number adds: the Chromium
 * the library drives, launched as the connector launches it, with a page open.
 */
export async function whatsappBench(server: BenchServer, options: WhatsAppBenchOptions, log: (line: string) => void): Promise<ResultRow[]> {
  const url = server.databaseUrl(WHATSAPP_DATABASE);
  await recreateDatabase(server.adminUrl, WHATSAPP_DATABASE);
  await runMigrations(url);
  const organizationId = await withClient(url, async (c) => {
    const org = (await c.query(`INSERT INTO organizations (slug, name_ar, name_en) VALUES ('bench-wa', 'جمعية', 'Association') RETURNING id`)).rows[0].id as string;
    for (const section of ['men', 'women']) await c.query(`INSERT INTO teams (organization_id, name_ar, name_en, section, purpose) VALUES ($1, $2, $2, $2, 'service')`, [org, section]);
    return org;
  });
  const accountIds = await withClient(url, async (c) => {
    const ids: string[] = [];
    for (let i = 0; i < options.accounts; i++) {
      ids.push((await c.query(`INSERT INTO channel_accounts (organization_id, kind, name) VALUES ($1, 'whatsapp_web', $2) RETURNING id`, [organizationId, `number ${i + 1}`])).rows[0].id);
    }
    return ids;
  });
  const savedEnv = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: url, SECRETS_KEY: randomBytes(32).toString('base64'), JWT_SECRET: randomBytes(48).toString('base64'), LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'inbox-bench-wa-')),
  });
  const rss = new RssSampler();
  rss.start();
  const app = await NestFactory.createApplicationContext(BenchWhatsAppModule, { logger: ['error', 'warn'] });
  const rows: ResultRow[] = [];
  try {
    const ingest = app.get(IngestService);
    const latency = new Samples();
    const baseline = process.memoryUsage().rss;
    const phones: PairedPhone[] = [];
    const timed = new Map<string, number>();
    const connectors = accountIds.map((id, i) => {
      const phone = new PairedPhone();
      phones.push(phone);
      return new WhatsAppWebConnector({ id, organizationId, name: `number ${i + 1}`, settings: {} }, {
        clients: { create: () => phone, media: (file: unknown) => file } as never,
        sessions: app.get(WhatsAppWebSessions), storage: app.get(AttachmentStorage), attachmentLimit: 8 * 1024 * 1024, dataDir: process.env.DATA_DIR!,
        // Timed from the moment the library's event fired to the commit of the message in the ticket stream.
        ingest: async (inbound: InboundMessage) => {
          const result = await ingest.ingest(inbound);
          const emitted = timed.get(inbound.externalId);
          if (emitted !== undefined) latency.add(now() - emitted);
          return result;
        },
        recordDelivery: async () => true,
        park: async (_a, _o, reason) => { throw new Error(`parked: ${reason}`); },
      });
    });
    for (const connector of connectors) connector.start();
    for (let i = 0; i < 100 && connectors.some((c) => c.status !== 'connected'); i++) await sleep(50);
    const random = seededRandom(21);
    const senders = Array.from({ length: options.senders }, (_, i) => ({ from: `9665${String(10_000_000 + i * 7919).slice(-8)}@c.us`, name: arabicName(random).name }));
    const total = options.rate * options.seconds;
    const sent: string[][] = accountIds.map(() => []);
    // Each number's messages at its own steady rate, all numbers at once.
    const interval = 1000 / options.rate;
    const start = now();
    for (let i = 0; i < total; i++) {
      const wait = start + i * interval - now();
      if (wait > 1) await sleep(wait - 0.5);
      phones.forEach((phone, a) => {
        const sender = senders[Math.floor(random() * senders.length)];
        const m = message(sender.from, arabicText(random, 3, 25), sender.name);
        sent[a].push(m.id._serialized);
        timed.set(m.id._serialized, now());
        phone.emit('message', m);
      });
    }
    // Wait for the stream to hold every one, reading commit times from the rows themselves.
    const ids = sent.flat();
    let stored = 0;
    for (let round = 0; round < 600; round++) {
      stored = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM messages WHERE external_id = ANY($1)`, [ids])).rows[0].n);
      if (stored >= ids.length) break;
      await sleep(100);
    }
    const elapsed = (now() - start) / 1000;
    const duplicates = await withClient(url, async (c) => (await c.query(
      `SELECT count(*)::int AS n FROM (SELECT external_id FROM messages WHERE external_id = ANY($1) GROUP BY 1 HAVING count(*) > 1) d`, [ids])).rows[0].n);
    if (stored !== ids.length || duplicates) throw new Error(`whatsapp: ${stored} of ${ids.length} messages stored, ${duplicates} twice`);
    // Then a burst: what one number's connector drains when a backlog arrives at once (a phone back online after hours).
    const burst = options.rate * 20;
    const burstIds: string[] = [];
    const burstStart = now();
    for (let i = 0; i < burst; i++) {
      const sender = senders[Math.floor(random() * senders.length)];
      const m = message(sender.from, arabicText(random, 3, 25), sender.name);
      burstIds.push(m.id._serialized);
      phones[0].emit('message', m);
    }
    let drained = 0;
    for (let round = 0; round < 1200 && drained < burst; round++) {
      await sleep(50);
      drained = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM messages WHERE external_id = ANY($1)`, [burstIds])).rows[0].n);
    }
    const burstRate = drained / ((now() - burstStart) / 1000);
    if (drained !== burst) throw new Error(`whatsapp: the burst stored ${drained} of ${burst}`);
    const workerRss = rss.stop();
    for (const connector of connectors) await connector.stop();
    log(`whatsapp: a burst of ${burst} messages on one number drained at ${fmt(burstRate, 0)} msg/s`);
    log(`whatsapp: ${options.accounts} numbers x ${options.rate} msg/s for ${options.seconds} s: all ${ids.length} stored once in ${fmt(elapsed)} s; event -> row p50 ${fmt(latency.percentile(50))} ms p99 ${fmt(latency.percentile(99))} ms`);

    // One paired number's browser: Chromium as the connector starts it, with a page, idle.
    const profile = mkdtempSync(join(tmpdir(), 'inbox-bench-wa-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
    });
    let chromeRss = 0;
    try {
      const page = browser.pages()[0] ?? await browser.newPage();
      await page.setContent(`<main>${'<p>واتساب</p>'.repeat(2000)}</main>`);
      await sleep(2000);
      chromeRss = chromiumRss(profile);
    } finally {
      await browser.close();
    }
    log(`whatsapp: one Chromium with a page open: ${fmt(mb(chromeRss), 0)} MB (proportional set size of its processes; WhatsApp Web's own page adds to it)`);
    const note = `${options.accounts} numbers, ${options.senders} senders, fake WhatsApp at the library boundary`;
    rows.push(
      { section: 'WhatsApp', metric: `offered ${options.rate} msg/s on each number, kept up`, value: ids.length / options.accounts / elapsed, unit: 'msg/s', note: `${ids.length} messages, all stored once; ${note}` },
      { section: 'WhatsApp', metric: 'one number draining a burst', value: burstRate, unit: 'msg/s', target: { kind: 'min', value: 50 }, note: `${burst} messages emitted at once, one after the other through the connector` },
      { section: 'WhatsApp', metric: 'message event -> committed in the ticket stream, p50', value: latency.percentile(50), unit: 'ms', note },
      { section: 'WhatsApp', metric: 'message event -> committed in the ticket stream, p99', value: latency.percentile(99), unit: 'ms', target: { kind: 'max', value: 1000 }, note },
      { section: 'WhatsApp', metric: `worker memory with ${options.accounts} numbers (without their Chromiums)`, value: mb(workerRss), unit: 'MB', note: `baseline ${fmt(mb(baseline), 0)} MB before the numbers` },
      { section: 'WhatsApp', metric: 'one Chromium per paired number (idle, a page open)', value: mb(chromeRss), unit: 'MB', note: `so ${options.accounts} numbers add about ${fmt(mb(chromeRss * options.accounts), 0)} MB before WhatsApp Web's own page` },
    );
    return rows;
  } finally {
    rss.stop();
    await app.close();
    process.env = savedEnv;
  }
}
