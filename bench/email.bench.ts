import { randomBytes, randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { SOCKET_PATH, StreamEvent } from '@inbox/realtime';
import { utf8Base64Mail } from '../libs/channels/email/test/mail-fixtures';
import { Dovecot, startDovecot } from '../test/helpers/dovecot';
import { BenchServer, recreateDatabase, withClient } from './db';
import { startServer } from './server-process';
import { fmt, now, ResultRow, Samples, sleep } from './stats';
import { arabicText, seededRandom } from './workload';

export const EMAIL_DATABASE = 'inbox_bench_email';

export interface EmailBenchOptions {
  /** Mails delivered one at a time for the delivery-to-stream latency. */
  latencyMails: number;
  /** Mails waiting in a mailbox before its account is switched on. */
  backlog: number;
}

/**
 * The email channel against a throwaway Dovecot (as the tests start it) and
 * the all-in-one server on a fresh database:
 * - latency: one mail at a time delivered over LMTP; from the start of the
 *   LMTP transaction to the `message.created` event at an agent's socket
 *   (IMAP IDLE notice, fetch, parse, ingest, NOTIFY, socket);
 * - backlog: a mailbox filled with N mails first, then its account created;
 *   from the account's creation to the last mail in the ticket stream
 *   (ownership check, login, catch-up in chunks).
 */
export async function emailBench(server: BenchServer, options: EmailBenchOptions, log: (line: string) => void): Promise<ResultRow[]> {
  const url = server.databaseUrl(EMAIL_DATABASE);
  await recreateDatabase(server.adminUrl, EMAIL_DATABASE);
  const dovecot = await startDovecot();
  const adminPassword = randomBytes(12).toString('base64url');
  const running = await startServer(url, { ...process.env, ADMIN_PASSWORD: adminPassword, EMAIL_OWNERSHIP_CHECK_SECONDS: '1' }, log);
  let socket: Socket | null = null;
  try {
    const base = running.baseUrl;
    const { accessToken } = await (await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.bench.local', password: adminPassword }),
    })).json() as { accessToken: string };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method, headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return response.json() as Promise<any>;
    };
    const createAccount = async (dovecotBox: { address: string; password: string }) => api('POST', '/admin/channel-accounts', {
      kind: 'email', name: `bench ${dovecotBox.address}`,
      settings: {
        address: dovecotBox.address, imap: { host: dovecot.host, port: dovecot.imapPort, tls: false, user: dovecotBox.address },
        // Nothing is sent in this bench; the SMTP side only has to be set.
        smtp: { host: '127.0.0.1', port: 9, security: 'none' },
      },
      secrets: { imapPassword: dovecotBox.password },
    }) as Promise<{ id: string }>;

    const latency = await measureLatency(dovecot, base, accessToken, createAccount, api, options.latencyMails, log, (s) => (socket = s));
    const backlog = await measureBacklog(dovecot, url, createAccount, options.backlog, log);
    const latencyNote = `${latency.count} mails one at a time, LMTP start -> message.created at an agent socket`;
    return [
      { section: 'Email', metric: 'delivered mail -> ticket stream event, p50', value: latency.percentile(50), unit: 'ms', note: latencyNote },
      { section: 'Email', metric: 'delivered mail -> ticket stream event, p99', value: latency.percentile(99), unit: 'ms', target: { kind: 'max', value: 2000 }, note: latencyNote },
      { section: 'Email', metric: `backlog of ${options.backlog} mails ingested`, value: backlog.rate, unit: 'msg/s', target: { kind: 'min', value: 100 },
        note: `${fmt(backlog.seconds)} s from account creation; LMTP filled the mailbox at ${fmt(backlog.deliveryRate, 0)} mails/s` },
    ];
  } finally {
    (socket as Socket | null)?.close();
    await running.stop();
    await dovecot.stop();
  }
}

async function measureLatency(
  dovecot: Dovecot, base: string, token: string, createAccount: (box: { address: string; password: string }) => Promise<{ id: string }>,
  api: (method: string, path: string) => Promise<any>, mails: number, log: (line: string) => void, keep: (socket: Socket) => void,
): Promise<Samples> {
  const box = await dovecot.addMailbox('latency');
  const account = await createAccount(box);
  const deadline = now() + 30_000;
  while ((await api('GET', `/admin/channel-accounts/${account.id}`)).health !== 'ok') {
    if (now() > deadline) throw new Error('the latency mailbox did not connect within 30 s');
    await sleep(100);
  }
  const socket = io(base, { path: SOCKET_PATH, auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  keep(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  let arrived: (() => void) | null = null;
  socket.on('message.created', (event: StreamEvent<'message.created'>) => {
    if (event.payload.direction === 'inbound') arrived?.();
  });
  const random = seededRandom(11);
  const samples = new Samples();
  // Let the connector settle into IDLE, as it is between mails in real life.
  await sleep(1500);
  for (let i = 0; i < mails; i++) {
    const event = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mail ${i} did not reach the ticket stream within 10 s`)), 10_000);
      arrived = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    const start = now();
    await dovecot.deliver(box.address, utf8Base64Mail(arabicText(random), { from: `latency-${i % 10}@outside.test`, subject: `طلب ${i}` }));
    await event;
    samples.add(now() - start);
    arrived = null;
    await sleep(200 + Math.floor(random() * 300));
  }
  log(`email latency: ${samples.count} mails; p50 ${fmt(samples.percentile(50))} ms, p99 ${fmt(samples.percentile(99))} ms, max ${fmt(samples.max)} ms`);
  return samples;
}

async function measureBacklog(
  dovecot: Dovecot, databaseUrl: string, createAccount: (box: { address: string; password: string }) => Promise<{ id: string }>, total: number,
  log: (line: string) => void,
): Promise<{ rate: number; seconds: number; deliveryRate: number }> {
  const box = await dovecot.addMailbox('backlog');
  const random = seededRandom(12);
  const mails = Array.from({ length: total }, (_, i) => utf8Base64Mail(arabicText(random, 10, 40), {
    from: `backlog-${i % 1000}@outside.test`, subject: `استفسار ${i}`, messageId: `<${randomUUID()}@outside.test>`,
  }));
  const filling = now();
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < mails.length) await dovecot.deliver(box.address, mails[next++]!);
  }));
  const deliveryRate = total / ((now() - filling) / 1000);
  log(`email backlog: ${total} mails in the mailbox (${fmt(deliveryRate, 0)} mails/s over LMTP); switching the account on`);
  const started = now();
  const account = await createAccount(box);
  let count = 0;
  await withClient(databaseUrl, async (client) => {
    const deadline = started + 10 * 60_000;
    while (count < total) {
      if (now() > deadline) throw new Error(`only ${count} of ${total} backlog mails were ingested in 10 minutes`);
      await sleep(100);
      count = (await client.query(`SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1`, [account.id])).rows[0].n;
    }
  });
  const seconds = (now() - started) / 1000;
  if (count !== total) throw new Error(`${count} messages for ${total} mails: the backlog was not ingested exactly once`);
  log(`email backlog: ${total} mails ingested in ${fmt(seconds)} s (${fmt(total / seconds, 0)} mails/s)`);
  return { rate: total / seconds, seconds, deliveryRate };
}
