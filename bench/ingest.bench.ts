import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, PoolClient } from 'pg';
import { ChannelKind, InboundMessage } from '@inbox/channels/contract';
import { normalizePhone } from '@inbox/contacts';
import { runMigrations } from '@inbox/database';
import { FoundationModule } from '@inbox/foundation';
import { IngestModule, IngestService } from '@inbox/ingest';
import { BenchServer, recreateDatabase, withClient } from './db';
import { cpuDuring } from './host';
import { fmt, mb, now, ResultRow, RssSampler, Samples, sleep } from './stats';
import { arabicName, arabicText, localMobile, seededRandom } from './workload';

@Module({ imports: [FoundationModule, IngestModule] })
class BenchIngestModule {}

export const INGEST_DATABASE = 'inbox_bench_ingest';

export interface IngestOptions {
  messages: number;
  phones: number;
  concurrency: number;
  pacedRate: number;
  pacedSeconds: number;
  /** A second paced run below saturation, to show the latency of one message when nothing queues. */
  lightRate: number;
  poolSize: number;
}

interface Target {
  organizationId: string;
  channelAccountId: string;
  teams: { male: string; female: string };
}

/** One inbound message as the workload describes it; each runner turns it into its own call. */
export interface Planned {
  externalId: string;
  phone: string;
  name: string;
  gender: 'male' | 'female';
  text: string;
}

export function plan(count: number, runId: string, pick: (random: () => number, i: number) => number, seed: number): Planned[] {
  const random = seededRandom(seed);
  const people = new Map<number, { name: string; gender: 'male' | 'female' }>();
  const out: Planned[] = [];
  for (let i = 0; i < count; i++) {
    const index = pick(random, i);
    let person = people.get(index);
    if (!person) {
      person = arabicName(random);
      people.set(index, person);
    }
    out.push({ externalId: `${runId}-${i}`, phone: localMobile('56', index), ...person, text: arabicText(random) });
  }
  return out;
}

/** Runs `count` calls with at most `concurrency` in flight; the wall time is the throughput's denominator. */
export async function closedLoop(count: number, concurrency: number, call: (i: number) => Promise<unknown>, samples: Samples): Promise<number> {
  let next = 0;
  const start = now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = now();
      await call(i);
      samples.add(now() - t0);
    }
  }));
  return (now() - start) / 1000;
}

/**
 * Open loop at a fixed rate: message i is sent at start + i/rate whether or
 * not earlier ones are done. `service` is the call's own latency; `scheduled`
 * counts from the moment it was due, so a stall shows up in full.
 */
export async function paced(count: number, rate: number, call: (i: number) => Promise<unknown>, service: Samples, scheduled: Samples): Promise<{ seconds: number; maxInFlight: number }> {
  const interval = 1000 / rate;
  const start = now();
  const running = new Set<Promise<void>>();
  let maxInFlight = 0;
  let failure: unknown = null;
  for (let i = 0; i < count && !failure; ) {
    const wait = start + i * interval - now();
    if (wait > 1) await sleep(wait - 0.5);
    while (i < count && start + i * interval <= now()) {
      const due = start + i * interval;
      const t0 = now();
      const job: Promise<void> = call(i).then(
        () => {
          const end = now();
          service.add(end - t0);
          scheduled.add(end - due);
        },
        (error) => {
          failure ??= error;
        },
      ).finally(() => running.delete(job));
      running.add(job);
      maxInFlight = Math.max(maxInFlight, running.size);
      i++;
    }
  }
  await Promise.all(running);
  if (failure) throw failure;
  return { seconds: (now() - start) / 1000, maxInFlight };
}

async function createTarget(url: string, slug: string): Promise<Target> {
  return withClient(url, async (c) => {
    const org = (await c.query(`INSERT INTO organizations (slug, name_ar, name_en) VALUES ($1, 'جمعية قياس الأداء', 'Bench association') RETURNING id`, [slug])).rows[0].id as string;
    const team = async (section: string, name: string) =>
      (await c.query(`INSERT INTO teams (organization_id, name_ar, name_en, section, purpose) VALUES ($1, $2, $3, $4, 'service') RETURNING id`, [org, name, section, section])).rows[0].id as string;
    const male = await team('men', 'قسم الرجال');
    const female = await team('women', 'قسم النساء');
    const account = (await c.query(`INSERT INTO channel_accounts (organization_id, kind, name) VALUES ($1, 'api', 'bench') RETURNING id`, [org])).rows[0].id as string;
    return { organizationId: org, channelAccountId: account, teams: { male, female } };
  });
}

function inbound(target: Target, m: Planned): InboundMessage {
  return {
    channelKind: ChannelKind.Api,
    channelAccountId: target.channelAccountId,
    externalId: m.externalId,
    sender: { name: m.name, gender: m.gender, identities: [{ kind: 'phone', value: m.phone }] },
    text: m.text,
  };
}

const RAW_DEDUPE = `SELECT id FROM messages WHERE channel_account_id = $1 AND external_id = $2`;
const RAW_CONTACT = `
  WITH found AS (SELECT contact_id FROM contact_identities WHERE organization_id = $1 AND kind = 'phone' AND value = $2),
  created AS (INSERT INTO contacts (organization_id, name, gender) SELECT $1, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING id),
  identity AS (INSERT INTO contact_identities (organization_id, contact_id, kind, value) SELECT $1, id, 'phone', $2 FROM created
               ON CONFLICT (organization_id, kind, value) DO NOTHING RETURNING contact_id)
  SELECT contact_id AS id FROM found UNION ALL SELECT id FROM created`;
const RAW_TICKET = `
  WITH open AS (SELECT id FROM tickets WHERE contact_id = $1 AND channel_account_id = $2 AND status IN ('new', 'open', 'pending', 'resolved')
                ORDER BY last_activity_at DESC LIMIT 1 FOR UPDATE),
  touched AS (UPDATE tickets t SET last_activity_at = greatest(t.last_activity_at, $4), last_message_preview = $5, updated_at = now()
              FROM open WHERE t.id = open.id RETURNING t.id),
  created AS (INSERT INTO tickets (organization_id, reference, subject, type, status, priority, channel_kind, channel_account_id, contact_id,
                team_id, last_activity_at, last_message_preview, created_at)
              SELECT $3, 'R-' || nextval('bench_raw_reference'), $5, 'inquiry', 'new', 'normal', 'api', $2, $1, $6, $4, $5, $4
              WHERE NOT EXISTS (SELECT 1 FROM open) RETURNING id)
  SELECT id FROM touched UNION ALL SELECT id FROM created`;
const RAW_MESSAGE = `
  INSERT INTO messages (organization_id, ticket_id, direction, channel_account_id, external_id, sender_contact_id, sender_name, body, created_at)
  VALUES ($1, $2, 'inbound', $3, $4, $5, $6, $7, $8) RETURNING id`;

/**
 * The floor: dedupe, contact, ticket and message as four statements in one
 * transaction, straight on the pg driver. `prepared` names the statements, so
 * each connection plans them once instead of on every call (what TypeORM's
 * manager.query does).
 */
async function rawIngest(pool: Pool, target: Target, m: Planned, prepared: boolean): Promise<void> {
  const phone = normalizePhone(m.phone);
  const client: PoolClient = await pool.connect();
  const q = (name: string, text: string, values: unknown[]) => client.query(prepared ? { name, text, values } : { text, values });
  try {
    await client.query('BEGIN');
    const dup = await q('raw-dedupe', RAW_DEDUPE, [target.channelAccountId, m.externalId]);
    if (dup.rowCount) {
      await client.query('COMMIT');
      return;
    }
    const contact = (await q('raw-contact', RAW_CONTACT, [target.organizationId, phone, m.name, m.gender])).rows[0].id as string;
    const at = new Date();
    const preview = m.text.slice(0, 160);
    const team = m.gender === 'male' ? target.teams.male : target.teams.female;
    const ticket = (await q('raw-ticket', RAW_TICKET, [contact, target.channelAccountId, target.organizationId, at, preview, team])).rows[0].id as string;
    await q('raw-message', RAW_MESSAGE, [target.organizationId, ticket, target.channelAccountId, m.externalId, contact, m.name, m.text, at]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function ingestBench(server: BenchServer, options: IngestOptions, log: (line: string) => void): Promise<ResultRow[]> {
  const url = server.databaseUrl(INGEST_DATABASE);
  await recreateDatabase(server.adminUrl, INGEST_DATABASE);
  await runMigrations(url);
  const serviceTarget = await createTarget(url, 'bench-service');
  const rawTarget = await createTarget(url, 'bench-raw');
  const preparedTarget = await createTarget(url, 'bench-raw-prepared');
  await withClient(url, (c) => c.query(`CREATE SEQUENCE bench_raw_reference`));

  Object.assign(process.env, {
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(options.poolSize),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(48).toString('base64'),
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'inbox-bench-data-')),
  });

  // The same people for both runners: `phones` distinct numbers, new and returning senders mixed from the start.
  const main = plan(options.messages, 'main', (random) => Math.floor(random() * options.phones), 1);
  const warmup = plan(1_000, 'warm', (_random, i) => 9_000_000 + (i % 500), 2);
  const pacedCount = options.pacedRate * options.pacedSeconds;
  // At the paced rate: 80% from people already known, 20% first messages.
  const pacedPlan = plan(pacedCount, 'paced', (random, i) => (random() < 0.8 ? Math.floor(random() * options.phones) : 1_000_000 + i), 3);
  const distinctMain = new Set(main.map((m) => m.phone)).size;
  const lightCount = options.lightRate * 5;
  const lightPlan = plan(lightCount, 'light', (random, i) => (random() < 0.8 ? Math.floor(random() * options.phones) : 2_000_000 + i), 4);
  const savedEnv = { ...process.env };

  const rss = new RssSampler();
  rss.start();
  const app: INestApplicationContext = await NestFactory.createApplicationContext(BenchIngestModule, { logger: ['error', 'warn'] });
  const rows: ResultRow[] = [];
  let rawRate = Number.NaN;
  let preparedRate = Number.NaN;
  let serviceRate = Number.NaN;
  try {
    const ingest = app.get(IngestService);
    const results = { ticketsCreated: 0, contactsCreated: 0, duplicates: 0 };
    const call = (m: Planned) => ingest.ingest(inbound(serviceTarget, m)).then((r) => {
      if (r.ticketCreated) results.ticketsCreated++;
      if (r.contactCreated) results.contactsCreated++;
      if (r.duplicate) results.duplicates++;
    });

    log(`ingest: warm-up (${warmup.length} messages)`);
    await closedLoop(warmup.length, options.concurrency, (i) => call(warmup[i]!), new Samples());
    Object.assign(results, { ticketsCreated: 0, contactsCreated: 0, duplicates: 0 });

    log(`ingest: IngestService.ingest, ${main.length} messages from ${distinctMain} phones, ${options.concurrency} in flight, pool ${options.poolSize}`);
    const loaded = new Samples();
    let seconds = 0;
    const used = await cpuDuring(url, INGEST_DATABASE, [], async () => {
      seconds = await closedLoop(main.length, options.concurrency, (i) => call(main[i]!), loaded);
    });
    const cpu = { node: used.self / main.length, postgres: used.postgres / main.length };
    serviceRate = main.length / seconds;
    log(`  ${fmt(serviceRate, 0)} msg/s (${fmt(seconds, 2)} s); latency under load p50 ${fmt(loaded.percentile(50))} ms p99 ${fmt(loaded.percentile(99))} ms; ` +
      `${results.contactsCreated} contacts and ${results.ticketsCreated} tickets created; CPU per message ${fmt(cpu.node, 2)} ms here, ${fmt(cpu.postgres, 2)} ms in PostgreSQL`);
    if (results.contactsCreated !== distinctMain) throw new Error(`expected ${distinctMain} new contacts, ingest created ${results.contactsCreated}`);
    if (results.ticketsCreated !== distinctMain) throw new Error(`expected ${distinctMain} new tickets, ingest created ${results.ticketsCreated}`);

    log(`ingest: paced ${options.pacedRate} msg/s for ${options.pacedSeconds} s (${pacedCount} messages, 20% new senders)`);
    await sleep(1000);
    const pacedService = new Samples();
    const pacedScheduled = new Samples();
    const pace = await paced(pacedCount, options.pacedRate, (i) => call(pacedPlan[i]!), pacedService, pacedScheduled);
    log(`  p50 ${fmt(pacedService.percentile(50))} ms p99 ${fmt(pacedService.percentile(99))} ms max ${fmt(pacedService.max)} ms; ` +
      `from due time p99 ${fmt(pacedScheduled.percentile(99))} ms; at most ${pace.maxInFlight} in flight`);

    log(`ingest: paced ${options.lightRate} msg/s for 5 s (${lightCount} messages), below saturation`);
    await sleep(1000);
    const light = new Samples();
    await paced(lightCount, options.lightRate, (i) => call(lightPlan[i]!), light, new Samples());
    log(`  p50 ${fmt(light.percentile(50))} ms p99 ${fmt(light.percentile(99))} ms max ${fmt(light.max)} ms`);
    const peak = rss.stop();

    const baseline = async (target: Target, prepared: boolean): Promise<number> => {
      log(`ingest: raw SQL baseline, ${prepared ? 'named prepared statements' : 'unnamed statements like TypeORM'} (pg driver, ${options.concurrency} in flight, pool ${options.poolSize})`);
      const pool = new Pool({ connectionString: url, max: options.poolSize, application_name: 'inbox-bench-raw' });
      try {
        await closedLoop(warmup.length, options.concurrency, (i) => rawIngest(pool, target, warmup[i]!, prepared), new Samples());
        const samples = new Samples();
        const seconds = await closedLoop(main.length, options.concurrency, (i) => rawIngest(pool, target, main[i]!, prepared), samples);
        log(`  ${fmt(main.length / seconds, 0)} msg/s (${fmt(seconds, 2)} s); latency under load p50 ${fmt(samples.percentile(50))} ms p99 ${fmt(samples.percentile(99))} ms`);
        return main.length / seconds;
      } finally {
        await pool.end();
      }
    };
    rawRate = await baseline(rawTarget, false);
    preparedRate = await baseline(preparedTarget, true);

    const [stored] = await withClient(url, async (c) => (await c.query(
      `SELECT count(*) FILTER (WHERE organization_id = $1)::int AS service, count(*) FILTER (WHERE organization_id = $2)::int AS raw FROM messages`,
      [serviceTarget.organizationId, rawTarget.organizationId],
    )).rows);
    const expectedService = warmup.length + main.length + pacedCount + lightCount;
    if (stored.service !== expectedService) throw new Error(`expected ${expectedService} stored service messages, found ${stored.service}`);

    rows.push(
      { section: 'Ingest', metric: `IngestService.ingest throughput (${main.length} msgs, ${distinctMain} phones, ${options.concurrency} in flight)`, value: serviceRate, unit: 'msg/s', target: { kind: 'min', value: 1500 },
        note: `p50 ${fmt(loaded.percentile(50))} / p99 ${fmt(loaded.percentile(99))} ms under load; CPU/msg ${fmt(cpu.node, 2)} ms Node, ${fmt(cpu.postgres, 2)} ms PostgreSQL` },
      { section: 'Ingest', metric: 'Raw SQL baseline, same 4 statements in 1 tx (pg driver)', value: rawRate, unit: 'msg/s',
        note: `service reaches ${fmt((serviceRate / rawRate) * 100, 0)}% of it` },
      { section: 'Ingest', metric: 'Raw SQL baseline with named prepared statements', value: preparedRate, unit: 'msg/s', note: 'same statements, planned once per connection' },
      { section: 'Ingest', metric: `p99 ingest latency at ${options.pacedRate} msg/s (open loop, ${pacedCount} msgs)`, value: pacedService.percentile(99), unit: 'ms', target: { kind: 'max', value: 20 },
        note: `p50 ${fmt(pacedService.percentile(50))} ms, max ${fmt(pacedService.max)} ms, up to ${pace.maxInFlight} in flight` },
      { section: 'Ingest', metric: `p99 ingest latency at ${options.lightRate} msg/s (below saturation)`, value: light.percentile(99), unit: 'ms',
        note: `p50 ${fmt(light.percentile(50))} ms, max ${fmt(light.max)} ms` },
      { section: 'Ingest', metric: 'Peak RSS of the ingesting process', value: mb(peak), unit: 'MB', target: { kind: 'max', value: 300 } },
    );
  } finally {
    rss.stop();
    await app.close();
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
  return rows;
}
