import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BenchServer, recreateDatabase, withClient } from './db';
import { cpuDuring } from './host';
import { closedLoop, paced, Planned, plan } from './ingest.bench';
import { startServer } from './server-process';
import { fmt, mb, ResultRow, Samples, sleep } from './stats';

export const INBOUND_DATABASE = 'inbox_bench_inbound';

export interface InboundOptions {
  messages: number;
  phones: number;
  concurrency: number;
  pacedRate: number;
  pacedSeconds: number;
}

/** Resident memory of another process, from /proc (0 where there is none). */
function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Ingest as an integrator drives it: POST /channels/:id/inbound on the
 * all-in-one server (HTTP, validation, the channel key, IngestService, and
 * the realtime relay listening), on a fresh database. The bench process is
 * the client and shares the machine's two cores with the server and
 * PostgreSQL, as a load balancer on the same host would. Every answer is
 * checked: 202, a message id, and the right number of tickets opened.
 *
 * The ingest targets (1,500 msg/s, p99 under 20 ms at 500 msg/s) are
 * for the ingest service, which the `ingest` part measures; here the same
 * figures are shown beside them without a target, since the load generator
 * itself takes about a fifth of the two cores. The server's memory target
 * does apply: the all-in-one process under 300 MB while it ingests.
 */
export async function inboundBench(server: BenchServer, options: InboundOptions, log: (line: string) => void): Promise<ResultRow[]> {
  const url = server.databaseUrl(INBOUND_DATABASE);
  await recreateDatabase(server.adminUrl, INBOUND_DATABASE);
  const adminPassword = randomBytes(12).toString('base64url');
  const running = await startServer(url, { ...process.env, ADMIN_PASSWORD: adminPassword }, log);
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssOf(running.pid))), 50);
  try {
    const base = `${running.baseUrl}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.bench.local', password: adminPassword }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`${base}/admin/channel-accounts`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ kind: 'api', name: 'inbound bench' }),
    });
    if (created.status !== 201) throw new Error(`creating the API channel answered ${created.status}: ${await created.text()}`);
    const account = (await created.json()) as { id: string; apiKey: string };

    const send = async (m: Planned) => {
      const response = await fetch(`${base}/channels/${account.id}/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${account.apiKey}` },
        body: JSON.stringify({ externalId: m.externalId, text: m.text, sender: { name: m.name, gender: m.gender, identities: [{ kind: 'phone', value: m.phone }] } }),
      });
      const body = (await response.json()) as { messageId?: string; duplicate?: boolean };
      if (response.status !== 202 || !body.messageId || body.duplicate) throw new Error(`inbound answered ${response.status}: ${JSON.stringify(body)}`);
    };
    const countOpened = async () => withClient(url, async (c) =>
      (await c.query(`SELECT count(*)::int AS n FROM tickets WHERE channel_account_id = $1`, [account.id])).rows[0].n as number);

    const warmup = plan(1_000, 'warm', (_random, i) => 8_000_000 + (i % 500), 12);
    const main = plan(options.messages, 'main', (random) => Math.floor(random() * options.phones), 11);
    const pacedCount = options.pacedRate * options.pacedSeconds;
    const pacedPlan = plan(pacedCount, 'paced', (random, i) => (random() < 0.8 ? Math.floor(random() * options.phones) : 3_000_000 + i), 13);
    const distinctMain = new Set(main.map((m) => m.phone)).size;

    log(`inbound: warm-up (${warmup.length} messages over HTTP)`);
    await closedLoop(warmup.length, options.concurrency, (i) => send(warmup[i]!), new Samples());
    const openedBefore = await countOpened();

    log(`inbound: POST /channels/:id/inbound, ${main.length} messages from ${distinctMain} phones, ${options.concurrency} in flight`);
    const loaded = new Samples();
    let seconds = 0;
    const cpu = await cpuDuring(url, INBOUND_DATABASE, [running.pid], async () => {
      seconds = await closedLoop(main.length, options.concurrency, (i) => send(main[i]!), loaded);
    });
    const rate = main.length / seconds;
    const perMessage = (ms: number) => fmt(ms / main.length, 2);
    log(`  ${fmt(rate, 0)} msg/s (${fmt(seconds, 2)} s); p50 ${fmt(loaded.percentile(50))} ms p99 ${fmt(loaded.percentile(99))} ms; ` +
      `CPU per message: server ${perMessage(cpu.others)} ms, PostgreSQL ${perMessage(cpu.postgres)} ms, this client ${perMessage(cpu.self)} ms`);
    const openedMain = (await countOpened()) - openedBefore;
    if (openedMain !== distinctMain) throw new Error(`expected ${distinctMain} new tickets, the server opened ${openedMain}`);

    log(`inbound: paced ${options.pacedRate} msg/s for ${options.pacedSeconds} s (${pacedCount} messages, 20% new senders)`);
    await sleep(1000);
    const service = new Samples();
    // A server that cannot keep up refuses or resets connections: counted, so the rest of the bench still runs.
    let failed = 0;
    let lastFailure = '';
    const pace = await paced(pacedCount, options.pacedRate, (i) => send(pacedPlan[i]!).catch((error: Error) => {
      failed++;
      lastFailure = error.message;
    }), service, new Samples());
    log(`  p50 ${fmt(service.percentile(50))} ms p99 ${fmt(service.percentile(99))} ms max ${fmt(service.max)} ms; at most ${pace.maxInFlight} in flight` +
      (failed ? `; ${failed} failed, last: ${lastFailure}` : ''));

    const cpuNote = `CPU/msg: server ${perMessage(cpu.others)} ms, PostgreSQL ${perMessage(cpu.postgres)} ms, client ${perMessage(cpu.self)} ms`;
    return [
      { section: 'Ingest (HTTP)', metric: `POST inbound throughput (${main.length} msgs, ${distinctMain} phones, ${options.concurrency} in flight)`, value: rate, unit: 'msg/s',
        note: `p50 ${fmt(loaded.percentile(50))} / p99 ${fmt(loaded.percentile(99))} ms under load; ${cpuNote}` },
      { section: 'Ingest (HTTP)', metric: `POST inbound p99 at ${options.pacedRate} msg/s (open loop, ${pacedCount} msgs)`, value: service.percentile(99), unit: 'ms',
        note: `p50 ${fmt(service.percentile(50))} ms, max ${fmt(service.max)} ms, up to ${pace.maxInFlight} in flight` },
      { section: 'Ingest (HTTP)', metric: `POST inbound requests failed at ${options.pacedRate} msg/s`, value: failed, unit: 'requests', target: { kind: 'max', value: 1 } },
      { section: 'Ingest (HTTP)', metric: 'Peak RSS of the all-in-one server', value: mb(peakRss), unit: 'MB', target: { kind: 'max', value: 300 } },
    ];
  } finally {
    clearInterval(rssTimer);
    await running.stop();
  }
}
