import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { hijriYear } from '@inbox/core';
import { dataSourceOptions, migrations, runMigrations } from '@inbox/database';
import { hashPassword } from '@inbox/tenancy';
import { BenchServer, databaseExists, recreateDatabase, withClient } from './db';
import { fmt } from './stats';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, VOCABULARY } from './vocabulary';
import { zipfSql } from './workload';

export const LIST_DATABASE = 'inbox_bench';
export const BENCH_SLUG = 'bench';
export const ADMIN_EMAIL = 'admin@bench.inbox.local';
export const ADMIN_PASSWORD = 'bench-admin-password';

/** BENCH_SEED_SCALE (default 1) shrinks the data set for trying the seed out; the figures are meant for scale 1. */
const SCALE = Number(process.env.BENCH_SEED_SCALE ?? '1');
const scaled = (n: number) => Math.max(100, Math.round(n * SCALE));
export const SIZES = { contacts: scaled(200_000), tickets: scaled(1_000_000), agents: 40, texts: scaled(400_000) } as const;
/** Ticket n gets 1 + (7n mod 9) messages: 1..9, 5 on average, 5,000,003 in all for a million tickets. */
const MESSAGES_PER_TICKET = (n: string) => `(1 + ((${n}) * 7) % 9)`;
/**
 * A row's partner in a join, from a hash of its own number rather than random(): should the planner rescan the
 * generating subquery (a nested loop), random keys would pair a row more than once; hashed keys pair it exactly once.
 */
const pick = (n: string, salt: number, range: string) => `(1 + abs(hashint8((${n})::bigint * 8 + ${salt})::bigint) % ${range})::int`;
const SEED_VERSION = `inbox-bench-seed v1 tickets=${SIZES.tickets}`;

export interface SeededData {
  databaseUrl: string;
  organizationId: string;
  teams: { id: string; name: string; confidential: boolean }[];
  tickets: number;
  messages: number;
  reseeded: boolean;
  seconds: number;
}

const TEAMS = [
  { key: 'men', nameAr: 'قسم الرجال', nameEn: "Men's section", section: 'men', purpose: 'service' },
  { key: 'women', nameAr: 'قسم النساء', nameEn: "Women's section", section: 'women', purpose: 'service' },
  { key: 'research', nameAr: 'البحث الاجتماعي', nameEn: 'Social research', section: 'mixed', purpose: 'research' },
  { key: 'complaints', nameAr: 'لجنة الشكاوى', nameEn: 'Complaints committee', section: 'mixed', purpose: 'complaints' },
] as const;

const CHANNELS = [
  { kind: 'whatsapp_web', name: 'واتساب الجمعية' },
  { kind: 'email', name: 'البريد العام' },
  { kind: 'web_form', name: 'النماذج الإلكترونية' },
  { kind: 'api', name: 'موقع الجمعية' },
] as const;

/** The migrations in the order TypeORM runs them: by the timestamp ending each class name, whatever the list's order. */
const inRunOrder = () => [...migrations].sort((a, b) => Number(/\d+$/.exec(a.name)![0]) - Number(/\d+$/.exec(b.name)![0]));
const migrationNames = () => inRunOrder().map((m) => new m().name as string);

/**
 * Applies the first `count` migrations only: the bulk load is written against the initial schema plus the
 * ingest function's, which adds the tickets' search_document the load fills.
 */
async function migrateFirst(url: string, count: number): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, 2), migrations: inRunOrder().slice(0, count) });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Later migrations run on the loaded data, as they would in production: their
 * backfills fill any derived columns (which the load, with triggers off, does
 * not). Then VACUUM ANALYZE, since autovacuum may be off and a backfill leaves
 * a dead version of every row it touched.
 */
async function applyLaterMigrations(url: string, log: (line: string) => void): Promise<void> {
  const t0 = Date.now();
  const applied = await runMigrations(url);
  await settleHistory(url, log);
  if (applied.length === 0) return;
  log(`seed: applied ${applied.join(', ')} to the loaded data (${fmt((Date.now() - t0) / 1000, 0)} s); vacuuming`);
  await withClient(url, (c) => c.query(`VACUUM (ANALYZE) tickets, messages, contacts`));
}

/**
 * The loaded history as the running product would have left it, so the server's minute jobs do not work through
 * a backlog during the measurement: the complaints migration backfills a case for every loaded complaint, none
 * acknowledged (complaints.sweep would send 100 acknowledgements a minute), and no deadline alert was ever raised
 * for the loaded tickets (sla.sweep would raise thousands a minute). Deadlines within the next day count as
 * alerted too, and marked on the ticket as the sweep marks a breach; run on every start, since a reused seed's
 * deadlines keep passing.
 */
async function settleHistory(url: string, log: (line: string) => void): Promise<void> {
  await withClient(url, async (c) => {
    const org = `(SELECT id FROM organizations WHERE slug = '${BENCH_SLUG}')`;
    const complaints = (await c.query(
      `UPDATE complaint_cases SET acknowledged_at = created_at WHERE acknowledged_at IS NULL AND organization_id = ${org}`,
    )).rowCount ?? 0;
    let alerts = 0;
    for (const deadline of ['first_response', 'next_response', 'resolution', 'decision']) {
      alerts += (await c.query(
        `INSERT INTO sla_alerts (ticket_id, deadline, due_at, level)
         SELECT t.id, '${deadline}', t.${deadline}_due_at, l.level FROM tickets t CROSS JOIN (VALUES ('approaching'), ('breached')) l (level)
         WHERE t.organization_id = ${org} AND t.status IN ('new', 'open', 'pending') AND t.${deadline}_due_at <= now() + interval '1 day'
         ON CONFLICT DO NOTHING`,
      )).rowCount ?? 0;
      await c.query(
        `UPDATE tickets t SET ${deadline}_breach_raised_for = t.${deadline}_due_at
         WHERE t.organization_id = ${org} AND t.status IN ('new', 'open', 'pending') AND t.${deadline}_due_at <= now() + interval '1 day'
           AND t.${deadline}_breach_raised_for IS DISTINCT FROM t.${deadline}_due_at`,
      );
    }
    if (complaints + alerts > 0) log(`seed: history settled: ${complaints} complaints acknowledged, ${alerts} deadline alerts recorded as raised`);
  });
}

/** Reused data may carry dead rows (a backfill, an earlier run's writes) that no autovacuum has cleared; those skew every scan. */
async function vacuumIfNeeded(url: string, log: (line: string) => void): Promise<void> {
  await withClient(url, async (c) => {
    const rows = (await c.query(
      `SELECT relname, n_live_tup, n_dead_tup FROM pg_stat_user_tables
       WHERE relname IN ('tickets', 'messages', 'contacts', 'contact_identities') AND n_dead_tup > 0.05 * greatest(n_live_tup, 1000)`,
    )).rows as { relname: string; n_dead_tup: string }[];
    if (rows.length === 0) return;
    const t0 = Date.now();
    await c.query(`VACUUM (ANALYZE) ${rows.map((r) => r.relname).join(', ')}`);
    log(`seed: vacuumed ${rows.map((r) => `${r.relname} (${r.n_dead_tup} dead rows)`).join(', ')} in ${fmt((Date.now() - t0) / 1000, 0)} s`);
  });
}

async function existing(url: string): Promise<Omit<SeededData, 'databaseUrl' | 'reseeded' | 'seconds'> | null> {
  return withClient(url, async (c) => {
    const marker = (await c.query(`SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`)).rows[0]?.d;
    if (marker !== SEED_VERSION) return null;
    const [org] = (await c.query(`SELECT id FROM organizations WHERE slug = $1`, [BENCH_SLUG])).rows;
    if (!org) return null;
    const [counts] = (await c.query(
      `SELECT (SELECT count(*) FROM tickets WHERE organization_id = $1)::int AS tickets, (SELECT count(*) FROM messages WHERE organization_id = $1)::int AS messages`,
      [org.id],
    )).rows;
    if (counts.tickets !== SIZES.tickets || counts.messages < SIZES.tickets * 5) return null;
    // Reusable when the migrations it has are a prefix of this build's; the rest are applied before the server starts.
    const applied = (await c.query(`SELECT name FROM migrations ORDER BY id`)).rows.map((r) => r.name as string);
    const known = migrationNames();
    if (applied.some((name, i) => known[i] !== name)) return null;
    return { organizationId: org.id, teams: await teamsOf(c, org.id), tickets: counts.tickets, messages: counts.messages };
  });
}

async function teamsOf(c: Client, organizationId: string): Promise<SeededData['teams']> {
  const rows = (await c.query(`SELECT id, name_en, purpose FROM teams WHERE organization_id = $1 ORDER BY created_at, name_en`, [organizationId])).rows;
  return rows.map((r) => ({ id: r.id, name: r.name_en, confidential: r.purpose === 'complaints' }));
}

/** Index and constraint definitions of the bulk tables, to drop before the load and to prove the schema unchanged after. */
async function indexDefinitions(c: Client): Promise<{ name: string; table: string; definition: string; constraint: string | null }[]> {
  return (await c.query(`
    SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table", pg_get_indexdef(i.indexrelid) AS definition,
           (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid) AS constraint
    FROM pg_index i WHERE i.indrelid IN ('tickets'::regclass, 'messages'::regclass, 'contacts'::regclass, 'contact_identities'::regclass)
    ORDER BY 1`)).rows;
}

async function session(url: string): Promise<Client> {
  const c = new Client({ connectionString: url, application_name: 'inbox-bench-seed' });
  await c.connect();
  // Bulk load settings for this session only. replica role skips FK triggers: the rows are consistent by construction.
  await c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET session_replication_role = replica; SET jit = off`);
  return c;
}

/**
 * One organization with 4 teams, 41 users, 4 channel accounts, 200,000
 * contacts (phone for all, email for a third), 1,000,000 tickets and about
 * 5,000,000 messages, written with INSERT ... SELECT generate_series. The
 * tickets and messages secondary indexes (and the messages primary key) are
 * dropped for the load and rebuilt from their own definitions afterwards,
 * which is checked. Reused when present unless `force`.
 */
export async function ensureSeeded(server: BenchServer, force: boolean, log: (line: string) => void): Promise<SeededData> {
  const url = server.databaseUrl(LIST_DATABASE);
  const started = Date.now();
  if (!force && (await databaseExists(server.adminUrl, LIST_DATABASE))) {
    const found = await existing(url);
    if (found) {
      log(`seed: reusing ${LIST_DATABASE} (${found.tickets} tickets, ${found.messages} messages); BENCH_RESEED=1 rebuilds it`);
      await applyLaterMigrations(url, log);
      await vacuumIfNeeded(url, log);
      return { ...found, databaseUrl: url, reseeded: false, seconds: (Date.now() - started) / 1000 };
    }
  }
  log(`seed: building ${LIST_DATABASE} from scratch (a few minutes)`);
  await recreateDatabase(server.adminUrl, LIST_DATABASE);
  await migrateFirst(url, 2);
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await work();
    log(`seed: ${label} (${fmt((Date.now() - t0) / 1000, 1)} s)`);
    return result;
  };

  const a = await session(url);
  const b = await session(url);
  try {
    const passwordHash = await hashPassword(ADMIN_PASSWORD);
    const org = await step('organization, teams, users, channels', async () => {
      const orgId = (await a.query(`INSERT INTO organizations (slug, name_ar, name_en) VALUES ($1, 'جمعية الأداء الخيرية', 'Bench Charity Association') RETURNING id`, [BENCH_SLUG])).rows[0].id as string;
      const branches = (await a.query(
        `INSERT INTO branches (organization_id, name_ar, name_en, city) VALUES ($1, 'فرع الرياض', 'Riyadh', 'الرياض'), ($1, 'فرع جدة', 'Jeddah', 'جدة') RETURNING id`, [orgId],
      )).rows.map((r) => r.id as string);
      const teams: Record<string, string> = {};
      for (const [i, t] of TEAMS.entries()) {
        teams[t.key] = (await a.query(
          `INSERT INTO teams (organization_id, name_ar, name_en, section, purpose, created_at) VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 second') RETURNING id`,
          [orgId, t.nameAr, t.nameEn, t.section, t.purpose, i],
        )).rows[0].id;
      }
      await a.query(`INSERT INTO users (organization_id, email, name, password_hash, roles) VALUES ($1, $2, 'مدير الأداء', $3, '{admin,supervisor}')`, [orgId, ADMIN_EMAIL, passwordHash]);
      await a.query(
        `INSERT INTO users (organization_id, branch_id, email, name, password_hash, roles)
         SELECT $1, ($2::uuid[])[1 + n % 2], 'agent' || n || '@bench.inbox.local', ($3::text[])[1 + n % 30] || ' ' || ($4::text[])[1 + n % 40], $5,
                CASE WHEN n % 10 = 0 THEN '{complaints_officer}'::text[] ELSE '{agent}'::text[] END
         FROM generate_series(1, $6) n`,
        [orgId, branches, MALE_NAMES, FAMILY_NAMES, passwordHash, SIZES.agents],
      );
      await a.query(
        `INSERT INTO team_memberships (team_id, user_id, organization_id)
         SELECT ($2::uuid[])[1 + (row_number() OVER (ORDER BY email))::int % 4], id, $1::uuid FROM users WHERE organization_id = $1 AND email LIKE 'agent%'`,
        [orgId, [teams.men, teams.women, teams.research, teams.complaints]],
      );
      const channels: string[] = [];
      for (const ch of CHANNELS) {
        channels.push((await a.query(`INSERT INTO channel_accounts (organization_id, kind, name) VALUES ($1, $2, $3) RETURNING id`, [orgId, ch.kind, ch.name])).rows[0].id);
      }
      return { id: orgId, branches, teams, channels };
    });
    const agents = (await a.query(`SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE organization_id = $1 AND email LIKE 'agent%'`, [org.id])).rows[0].ids as string[];

    // Helpers for the load, dropped at the end: numbered texts (Zipf words) and numbered contact ids.
    await step(`${SIZES.texts} message texts from ${VOCABULARY.length} words (Zipf)`, async () => {
      await a.query(`CREATE UNLOGGED TABLE bench_seed_texts (n int PRIMARY KEY, body text NOT NULL, subject text NOT NULL)`);
      // Correlated on g.n, so each row draws its own words; 4..12 words for a body, 3..6 for a subject.
      const words = (count: string) => `(SELECT string_agg(($1::text[])[${zipfSql('random()')}], ' ') FROM generate_series(1, ${count}) k)`;
      await a.query(
        `INSERT INTO bench_seed_texts (n, body, subject)
         SELECT g.n, ${words('4 + (g.n * 13) % 9')}, ${words('3 + (g.n * 5) % 4')}
         FROM generate_series(1, $2) g(n)`,
        [VOCABULARY, SIZES.texts],
      );
      await a.query(`ANALYZE bench_seed_texts`);
    });

    await step(`${SIZES.contacts} contacts with phones (and emails for a third)`, async () => {
      await a.query(`CREATE UNLOGGED TABLE bench_seed_contacts (n int PRIMARY KEY, id uuid NOT NULL)`);
      await a.query(`INSERT INTO bench_seed_contacts SELECT n, gen_random_uuid() FROM generate_series(1, $1) n`, [SIZES.contacts]);
      await a.query(`ANALYZE bench_seed_contacts`);
      await a.query(
        `INSERT INTO contacts (id, organization_id, name, gender, kind, branch_id, created_at, updated_at)
         SELECT s.id, $1, CASE WHEN s.n % 2 = 0 THEN ($2::text[])[1 + x.f] ELSE ($3::text[])[1 + x.f] END || ' ' || ($3::text[])[1 + x.p] || ' ' || ($4::text[])[1 + x.l],
                CASE WHEN s.n % 2 = 0 THEN 'female' ELSE 'male' END, 'beneficiary', ($5::uuid[])[1 + s.n % 2], x.at, x.at
         FROM bench_seed_contacts s
         CROSS JOIN LATERAL (SELECT floor(random() * 30)::int AS f, floor(random() * 30)::int AS p, floor(random() * 40)::int AS l,
                                    now() - interval '1100 days' * (1 - s.n::float8 / $6) AS at OFFSET 0) x`,
        [org.id, FEMALE_NAMES, MALE_NAMES, FAMILY_NAMES, org.branches, SIZES.contacts],
      );
      await a.query(
        `INSERT INTO contact_identities (organization_id, contact_id, kind, value, created_at)
         SELECT $1::uuid, s.id, 'phone', '+96650' || lpad(s.n::text, 7, '0'), c.created_at FROM bench_seed_contacts s JOIN contacts c ON c.id = s.id
         UNION ALL
         SELECT $1::uuid, s.id, 'email', 'beneficiary' || s.n || '@mail.example.sa', c.created_at FROM bench_seed_contacts s JOIN contacts c ON c.id = s.id WHERE s.n % 3 = 0`,
        [org.id],
      );
    });

    await a.query(`ANALYZE contacts, contact_identities`);
    const before = await indexDefinitions(a);
    const bulk = before.filter((i) => (i.table === 'tickets' && !i.constraint) || i.table === 'messages');
    await step(`drop ${bulk.length} tickets/messages indexes for the load`, async () => {
      for (const index of bulk) {
        await a.query(index.constraint ? `ALTER TABLE ${index.table} DROP CONSTRAINT ${index.name}` : `DROP INDEX ${index.name}`);
      }
    });

    const year = hijriYear(new Date(), 'Asia/Riyadh');
    await step(`${SIZES.tickets} tickets`, async () => {
      // Statuses: new 6%, open 17%, pending 7% (30% open in all), resolved 20%, closed 50%. Complaints (8%) are confidential
      // and go to the complaints team; the rest: men 47%, women 40%, research 10%, none 3%.
      await a.query(
        `INSERT INTO tickets (organization_id, reference, subject, type, status, priority, channel_kind, channel_account_id, contact_id, team_id,
           assignee_id, branch_id, confidential, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, closed_at,
           last_activity_at, last_message_preview, created_at, updated_at)
         SELECT $1::uuid, 'T-' || $2::text || '-' || lpad(g.n::text, greatest(4, length(g.n::text)), '0'), ts.subject, g.type, g.status,
                CASE WHEN g.r_priority < 0.10 THEN 'low' WHEN g.r_priority < 0.80 THEN 'normal' WHEN g.r_priority < 0.95 THEN 'high' ELSE 'urgent' END,
                ($3::text[])[g.ch], ($4::uuid[])[g.ch], c.id,
                CASE WHEN g.type = 'complaint' THEN $5::uuid WHEN g.r_team < 0.47 THEN $6::uuid WHEN g.r_team < 0.87 THEN $7::uuid WHEN g.r_team < 0.97 THEN $8::uuid END,
                CASE WHEN g.r_assignee < 0.6 THEN ($9::uuid[])[1 + floor(g.r_assignee / 0.6 * $10)::int] END,
                ($11::uuid[])[1 + g.n % 2], g.type = 'complaint',
                g.created_at + interval '4 hours', g.created_at + interval '40 hours',
                CASE WHEN g.status <> 'new' THEN g.created_at + interval '2 hours' END,
                CASE WHEN g.status IN ('resolved', 'closed') THEN g.last_at END,
                CASE WHEN g.status = 'closed' THEN g.last_at END,
                g.last_at, left(tp.body, 160), g.created_at, g.last_at
         FROM (
           SELECT n, random() AS r_priority, random() AS r_team, random() AS r_assignee, 1 + floor(random() * 4)::int AS ch,
                  ${pick('n', 1, '$12')} AS contact_n, ${pick('n', 2, '$13')} AS subject_n, ${pick('n', 3, '$13')} AS preview_n,
                  CASE WHEN s < 0.06 THEN 'new' WHEN s < 0.23 THEN 'open' WHEN s < 0.30 THEN 'pending' WHEN s < 0.50 THEN 'resolved' ELSE 'closed' END AS status,
                  CASE WHEN t < 0.08 THEN 'complaint' WHEN t < 0.40 THEN 'inquiry' WHEN t < 0.70 THEN 'support_request' WHEN t < 0.85 THEN 'registration'
                       WHEN t < 0.93 THEN 'volunteer' ELSE 'suggestion' END AS type,
                  created_at, least(now(), created_at + interval '20 days' * random() * random()) AS last_at
           FROM (SELECT n, random() AS s, random() AS t, now() - interval '730 days' * (1 - n::float8 / $14) - interval '1 hour' * random() AS created_at
                 FROM generate_series(1, $14) n OFFSET 0) r
           OFFSET 0) g
         JOIN bench_seed_contacts c ON c.n = g.contact_n
         JOIN bench_seed_texts ts ON ts.n = g.subject_n
         JOIN bench_seed_texts tp ON tp.n = g.preview_n`,
        [org.id, year, CHANNELS.map((ch) => ch.kind), org.channels, org.teams.complaints, org.teams.men, org.teams.women, org.teams.research,
          agents, agents.length, org.branches, SIZES.contacts, SIZES.texts, SIZES.tickets],
      );
      const sequence = `ticket_number_${org.id.replace(/-/g, '')}_${year}`;
      await a.query(`CREATE SEQUENCE IF NOT EXISTS ${sequence}`);
      await a.query(`SELECT setval('${sequence}', $1)`, [SIZES.tickets]);
    });

    await step(`~${SIZES.tickets * 5} messages (two sessions in parallel)`, async () => {
      // Message k of a ticket's `cnt` is spread between its creation and last activity; the first is always inbound.
      const insert = (c: Client, part: number) => c.query(
        `INSERT INTO messages (organization_id, ticket_id, direction, channel_account_id, external_id, author_user_id, sender_contact_id, sender_name,
           body, delivery_status, sent_at, created_at)
         SELECT $1::uuid, x.id, x.direction, CASE WHEN x.direction <> 'note' THEN x.channel_account_id END,
                CASE WHEN x.direction = 'inbound' THEN 'seed-' || x.reference || '-' || x.k END,
                CASE WHEN x.direction <> 'inbound' THEN ($2::uuid[])[x.agent] END,
                CASE WHEN x.direction = 'inbound' THEN x.contact_id END,
                CASE WHEN x.direction = 'inbound' THEN c.name END,
                b.body, CASE WHEN x.direction = 'outbound' THEN 'delivered' END,
                CASE WHEN x.direction = 'inbound' THEN x.at END, x.at
         FROM (
           SELECT t.id, t.reference, t.contact_id, t.channel_account_id, k,
                  CASE WHEN k = 1 THEN 'inbound' WHEN d < 0.60 THEN 'inbound' WHEN d < 0.95 THEN 'outbound' ELSE 'note' END AS direction,
                  t.created_at + (t.last_activity_at - t.created_at) * (k::float8 / cnt) AS at,
                  1 + floor(random() * $3)::int AS agent, ${pick('t.n * 16 + k', 4, '$4')} AS body_n
           FROM (SELECT t.*, n, ${MESSAGES_PER_TICKET('n')} AS cnt FROM tickets t CROSS JOIN LATERAL (SELECT substring(t.reference from 8)::int AS n) r
                 WHERE t.organization_id = $1 AND n % 2 = $5) t
           CROSS JOIN LATERAL (SELECT k, random() AS d FROM generate_series(1, t.cnt) k) m
           OFFSET 0) x
         JOIN bench_seed_texts b ON b.n = x.body_n
         JOIN contacts c ON c.id = x.contact_id`,
        [org.id, agents, agents.length, SIZES.texts, part],
      );
      await Promise.all([insert(a, 0), insert(b, 1)]);
    });

    await step('ticket search documents', async () => {
      // What ingest keeps per ticket (tickets.search_document, migration 1732320000000-ingest-function), filled in bulk here.
      await a.query(
        // One grouped pass over the messages: their indexes are dropped during the bulk load.
        `UPDATE tickets t SET search_document = to_tsvector('simple', inbox_normalize(t.subject || ' ' || coalesce(c.name, '') || ' ' || m.bodies))
         FROM (SELECT ticket_id, string_agg(body, ' ' ORDER BY created_at) AS bodies FROM messages WHERE organization_id = $1 GROUP BY ticket_id) m,
              contacts c
         WHERE m.ticket_id = t.id AND c.id = t.contact_id`,
        [org.id],
      );
    });

    await step(`rebuild ${bulk.length} indexes (two sessions in parallel)`, async () => {
      // The big GIN on messages takes longest: one session builds it, the other builds the rest.
      const gin = bulk.filter((i) => i.name === 'messages_search');
      const rest = bulk.filter((i) => i.name !== 'messages_search');
      const build = async (c: Client, list: typeof bulk) => {
        for (const index of list) {
          await c.query(index.constraint ? `ALTER TABLE ${index.table} ADD CONSTRAINT ${index.name} ${index.constraint}` : index.definition);
        }
      };
      await Promise.all([build(a, gin), build(b, rest)]);
    });
    const after = await indexDefinitions(a);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new Error(`index definitions differ after the rebuild:\n${JSON.stringify(before)}\n${JSON.stringify(after)}`);
    }

    await a.query(`DROP TABLE bench_seed_texts, bench_seed_contacts`);
    await step('VACUUM ANALYZE', async () => {
      await Promise.all([a.query(`VACUUM (ANALYZE) messages`), b.query(`VACUUM (ANALYZE) tickets, contacts, contact_identities, users, teams, team_memberships`)]);
    });
    await applyLaterMigrations(url, log);
    const [counts] = (await a.query(
      `SELECT (SELECT count(*) FROM tickets WHERE organization_id = $1)::int AS tickets, (SELECT count(*) FROM messages WHERE organization_id = $1)::int AS messages`,
      [org.id],
    )).rows;
    await a.query(`COMMENT ON DATABASE ${LIST_DATABASE} IS '${SEED_VERSION}'`);
    log(`seed: done, ${counts.tickets} tickets and ${counts.messages} messages in ${fmt((Date.now() - started) / 60_000, 1)} min; ` +
      `indexes rebuilt identical to the initial migration's, later migrations applied on top`);
    return {
      databaseUrl: url, organizationId: org.id, teams: await teamsOf(a, org.id), tickets: counts.tickets, messages: counts.messages,
      reseeded: true, seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await a.end().catch(() => undefined);
    await b.end().catch(() => undefined);
  }
}
