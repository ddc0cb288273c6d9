import { randomBytes, randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { SOCKET_PATH, StreamEvent } from '@inbox/realtime';
import { BenchServer, recreateDatabase } from './db';
import { startServer } from './server-process';
import { fmt, now, ResultRow, Samples, sleep } from './stats';
import { arabicText, localMobile, seededRandom } from './workload';

export const REALTIME_DATABASE = 'inbox_bench_realtime';

export interface RealtimeOptions {
  sockets: number;
  rate: number;
  seconds: number;
}

/**
 * From the inbound API call returning to the event arriving at every
 * connected agent socket: the all-in-one server on a fresh database, N
 * sockets logged in as a supervisor (so every event goes to all of them),
 * inbound messages through the API channel at a fixed rate. Latency is
 * measured per delivery (message × socket); an event that arrives before
 * its API call has returned counts as 0 ms.
 */
export async function realtimeBench(server: BenchServer, options: RealtimeOptions, log: (line: string) => void): Promise<ResultRow[]> {
  const url = server.databaseUrl(REALTIME_DATABASE);
  await recreateDatabase(server.adminUrl, REALTIME_DATABASE);
  const adminPassword = randomBytes(12).toString('base64url');
  const running = await startServer(url, { ...process.env, ADMIN_PASSWORD: adminPassword }, log);
  const sockets: Socket[] = [];
  try {
    const base = running.baseUrl;
    const post = async (path: string, body: unknown, token: string) => {
      const response = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
      return response.json() as Promise<any>;
    };
    const { accessToken } = await (await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.bench.local', password: adminPassword }),
    })).json() as { accessToken: string };
    const account = await post('/admin/channel-accounts', { kind: 'api', name: 'realtime bench' }, accessToken);

    // When each message's API call returned, and when each socket received it.
    const returnedAt = new Map<string, number>();
    const sentAtOf = new Map<string, number>();
    const arrivals: { messageId: string; at: number }[] = [];
    for (let i = 0; i < options.sockets; i++) {
      const socket = io(base, { path: SOCKET_PATH, auth: { token: accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('message.created', (event: StreamEvent<'message.created'>) => arrivals.push({ messageId: event.payload.messageId, at: now() }));
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', reject);
    })));
    log(`realtime: ${sockets.length} sockets connected; sending ${options.rate} inbound messages/s for ${options.seconds} s`);

    const random = seededRandom(7);
    const phones = Array.from({ length: 500 }, (_, index) => localMobile('56', 900_000 + index));
    const total = options.rate * options.seconds;
    const interval = 1000 / options.rate;
    const started = now();
    const inflight: Promise<void>[] = [];
    const apiSamples = new Samples();
    for (let i = 0; i < total; i++) {
      const due = started + i * interval;
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      inflight.push((async () => {
        const sentAt = now();
        const response = await fetch(`${base}/api/v1/channels/${account.id}/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${account.apiKey}` },
          body: JSON.stringify({ externalId: randomUUID(), text: arabicText(random), sender: { name: 'مستفيد', gender: 'male', identities: [{ kind: 'phone', value: phones[i % phones.length] }] } }),
        });
        const body = await response.json() as { messageId: string };
        const at = now();
        if (response.status !== 202) throw new Error(`inbound answered ${response.status}: ${JSON.stringify(body)}`);
        apiSamples.add(at - sentAt);
        returnedAt.set(body.messageId, at);
        sentAtOf.set(body.messageId, sentAt);
      })());
    }
    await Promise.all(inflight);
    const sendSeconds = (now() - started) / 1000;
    // Let the last events arrive.
    const expected = total * options.sockets;
    const deadline = now() + 10_000;
    while (arrivals.length < expected && now() < deadline) await sleep(50);

    const latency = new Samples();
    // Also from the call being sent: the whole way, ingest and commit included, as an agent waits for a message.
    const endToEnd = new Samples();
    for (const arrival of arrivals) {
      const returned = returnedAt.get(arrival.messageId);
      if (returned !== undefined) latency.add(Math.max(0, arrival.at - returned));
      const sent = sentAtOf.get(arrival.messageId);
      if (sent !== undefined) endToEnd.add(arrival.at - sent);
    }
    const lost = expected - arrivals.length;
    log(`realtime: ${arrivals.length}/${expected} deliveries in ${fmt(sendSeconds)} s of sending; p50 ${fmt(latency.percentile(50))} ms, p99 ${fmt(latency.percentile(99))} ms, max ${fmt(latency.max)} ms`);
    const note = `${options.sockets} sockets, ${options.rate} msg/s for ${options.seconds} s; ${arrivals.length} deliveries`;
    return [
      { section: 'Realtime', metric: 'inbound API return -> event at every socket, p50', value: latency.percentile(50), unit: 'ms', note },
      { section: 'Realtime', metric: 'inbound API return -> event at every socket, p99', value: latency.percentile(99), unit: 'ms', target: { kind: 'max', value: 50 }, note },
      { section: 'Realtime', metric: 'inbound API call sent -> event at every socket, p99', value: endToEnd.percentile(99), unit: 'ms', note: 'the client measures in the same process as the 200 sockets' },
      { section: 'Realtime', metric: 'deliveries lost', value: lost, unit: 'events', target: { kind: 'max', value: 1 } },
      { section: 'Realtime', metric: 'inbound API call at that rate, p99', value: apiSamples.percentile(99), unit: 'ms' },
    ];
  } finally {
    sockets.forEach((socket) => socket.close());
    await running.stop();
  }
}
