import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { benchServer, holdBenchLock, withClient } from './db';
import { emailBench } from './email.bench';
import { HostMonitor } from './host';
import { listBench, overheadBench, searchBench } from './http.bench';
import { inboundBench } from './inbound.bench';
import { ingestBench } from './ingest.bench';
import { formsBench } from './forms.bench';
import { realtimeBench } from './realtime.bench';
import { reportsBench } from './reports.bench';
import { whatsappBench } from './whatsapp.bench';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ensureSeeded } from './seed';
import { Api, RunningServer, startServer } from './server-process';
import { fmt, renderTable, ResultRow, verdict } from './stats';
import { checkVocabulary } from './vocabulary';

/**
 * `npm run bench`: ingest throughput and latency in-process, then the inbox
 * list and search over HTTP against the all-in-one server on a seeded
 * 1M-ticket organization. Prints one table; exits 0 when everything ran
 * (targets missed are marked MISS), non-zero on any error.
 */
const started = Date.now();
const log = (line: string) => process.stdout.write(`[${fmt((Date.now() - started) / 1000, 0).padStart(4)}s] ${line}\n`);
const intEnv = (name: string, fallback: number) => (process.env[name] ? Number.parseInt(process.env[name]!, 10) : fallback);

/** Which code was measured: the commit, and whether apps/ or libs/ had uncommitted changes. */
function codeVersion(): string {
  try {
    const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain -- apps libs', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${commit}${dirty ? ' with uncommitted changes in apps/ or libs/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

async function main(): Promise<void> {
  checkVocabulary();
  const only = new Set((process.env.BENCH_ONLY ?? 'ingest,inbound,realtime,email,whatsapp,list,search').split(',').map((s) => s.trim()).filter(Boolean));
  const server = await benchServer(log);
  const releaseLock = await holdBenchLock(server.adminUrl, log);
  const baseEnv = { ...process.env };
  let httpServer: RunningServer | null = null;
  const host = new HostMonitor(() => [process.pid, ...(httpServer ? [httpServer.pid] : [])]);
  const quietWait = intEnv('BENCH_QUIET_WAIT', 180);
  const rows: ResultRow[] = [];
  const noisy: string[] = [];
  const section = async (name: string, work: () => Promise<ResultRow[]>) => {
    await host.waitForQuiet(quietWait, log);
    const t0 = Date.now();
    host.begin();
    const result = await work();
    const share = host.othersShare((Date.now() - t0) / 1000);
    log(`${name}: done in ${fmt((Date.now() - t0) / 1000, 0)} s; other processes used ${fmt(share * 100, 0)}% of the CPU meanwhile`);
    if (share > 0.1) noisy.push(`${name} (${fmt(share * 100, 0)}% of the CPU went to other processes)`);
    rows.push(...result);
  };

  try {
    const [version] = await withClient(server.adminUrl, async (c) => (await c.query(
      `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb, current_setting('autovacuum') AS av, current_setting('synchronous_commit') AS sc`,
    )).rows);
    log(`PostgreSQL ${version.v} at ${server.source} (shared_buffers ${version.sb}, autovacuum ${version.av}, synchronous_commit ${version.sc}); ` +
      `${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 0)} GB RAM, Node ${process.version}; code ${codeVersion()}`);

    if (only.has('ingest')) {
      await section('ingest', async () => {
        return ingestBench(server, {
          messages: intEnv('BENCH_INGEST_MESSAGES', 20_000),
          phones: intEnv('BENCH_INGEST_PHONES', 5_000),
          concurrency: intEnv('BENCH_INGEST_CONCURRENCY', 32),
          pacedRate: intEnv('BENCH_PACED_RATE', 500),
          pacedSeconds: intEnv('BENCH_PACED_SECONDS', 10),
          lightRate: intEnv('BENCH_LIGHT_RATE', 200),
          poolSize: intEnv('BENCH_POOL_SIZE', 10),
        }, log);
      });
    }

    if (only.has('inbound')) {
      await section('inbound', () => inboundBench(server, {
        messages: intEnv('BENCH_INBOUND_MESSAGES', 10_000),
        phones: intEnv('BENCH_INGEST_PHONES', 5_000),
        concurrency: intEnv('BENCH_INGEST_CONCURRENCY', 32),
        pacedRate: intEnv('BENCH_PACED_RATE', 500),
        pacedSeconds: intEnv('BENCH_PACED_SECONDS', 10),
      }, log));
    }

    if (only.has('realtime')) {
      await section('realtime', () => realtimeBench(server, {
        sockets: intEnv('BENCH_REALTIME_SOCKETS', 200),
        rate: intEnv('BENCH_REALTIME_RATE', 100),
        seconds: intEnv('BENCH_REALTIME_SECONDS', 10),
      }, log));
    }

    if (only.has('forms')) {
      await section('forms', () => formsBench(server, {
        rate: intEnv('BENCH_FORMS_RATE', 50),
        seconds: intEnv('BENCH_FORMS_SECONDS', 20),
        letters: intEnv('BENCH_LETTERS', 10),
      }, log));
    }

    if (only.has('email')) {
      await section('email', () => emailBench(server, {
        latencyMails: intEnv('BENCH_EMAIL_LATENCY_MAILS', 50),
        backlog: intEnv('BENCH_EMAIL_BACKLOG', 5_000),
      }, log));
    }

    if (only.has('whatsapp')) {
      await section('whatsapp', () => whatsappBench(server, {
        accounts: intEnv('BENCH_WHATSAPP_ACCOUNTS', 5),
        rate: intEnv('BENCH_WHATSAPP_RATE', 50),
        seconds: intEnv('BENCH_WHATSAPP_SECONDS', 20),
        senders: intEnv('BENCH_WHATSAPP_SENDERS', 500),
      }, log));
    }

    if (only.has('list') || only.has('search') || only.has('reports')) {
      const seedStart = Date.now();
      const data = await ensureSeeded(server, process.env.BENCH_RESEED === '1', log);
      rows.push({ section: 'Data', metric: data.reseeded ? 'seeding 1M tickets / 5M messages' : 'seeded data reused', value: (Date.now() - seedStart) / 60_000, unit: 'min',
        note: `${data.tickets} tickets, ${data.messages} messages` });
      httpServer = await startServer(data.databaseUrl, baseEnv, log);
      try {
        const api = new Api(httpServer.baseUrl);
        await api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        await section('http floor', () => overheadBench(api, log));
        if (only.has('list')) await section('list', () => listBench(api, data, log));
        if (only.has('search')) await section('search', () => searchBench(api, data, log));
        if (only.has('reports')) await section('reports', () => reportsBench(api, data, log));
      } finally {
        await httpServer.stop();
      }
    }
  } finally {
    await releaseLock();
    await server.stop();
  }

  const misses = rows.filter((r) => verdict(r) === 'MISS').length;
  const passes = rows.filter((r) => verdict(r) === 'PASS').length;
  process.stdout.write(`\n${renderTable(rows)}\n\n`);
  if (noisy.length) process.stdout.write(`WARNING: the machine was not quiet during: ${noisy.join('; ')}. Re-run for comparable figures.\n`);
  process.stdout.write(`Totals: ${passes} PASS, ${misses} MISS, ${rows.length - passes - misses} informational; ${fmt((Date.now() - started) / 60_000, 1)} min in all\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
