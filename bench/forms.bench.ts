import { randomBytes, randomUUID } from 'node:crypto';
import { BenchServer, recreateDatabase } from './db';
import { startServer } from './server-process';
import { fmt, now, ResultRow, Samples, sleep } from './stats';
import { arabicText, localMobile, seededRandom } from './workload';

export const FORMS_DATABASE = 'inbox_bench_forms';

export interface FormsOptions {
  /** Public form submissions per second, and for how long. */
  rate: number;
  seconds: number;
  /** Outgoing letters printed after the first (which starts Chromium). */
  letters: number;
}

/**
 * The channels without a provider, against the all-in-one server on a fresh
 * database: public form submissions over the JSON endpoint at a fixed rate
 * (each from its own address, as many applicants are; time to the answer
 * with its reference and tracking code), then outgoing letters (numbering,
 * Chromium printing the letterhead to PDF, storage, the message on the
 * ticket: the whole POST /letters/outgoing), the first one with Chromium's
 * start, then warm.
 */
export async function formsBench(server: BenchServer, options: FormsOptions, log: (line: string) => void): Promise<ResultRow[]> {
  const url = server.databaseUrl(FORMS_DATABASE);
  await recreateDatabase(server.adminUrl, FORMS_DATABASE);
  const adminPassword = randomBytes(12).toString('base64url');
  const running = await startServer(url, { ...process.env, ADMIN_PASSWORD: adminPassword }, log);
  try {
    const base = running.baseUrl;
    const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${base}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as any;
    };
    const { accessToken } = await call('POST', '/auth/login', { email: 'admin@demo.bench.local', password: adminPassword });
    const auth = { authorization: `Bearer ${accessToken}` };
    const forms = await (await fetch(`${base}/api/v1/admin/forms`, { headers: auth })).json() as { id: string; preset: string; slug: string }[];
    const inquiry = forms.find((f) => f.preset === 'inquiry')!;
    // The load is many applicants, not one flooding address: lift the per-form limit for the run.
    await call('PATCH', `/admin/forms/${inquiry.id}`, { perFormPerMinute: 100_000, perIpPerHour: 100 }, auth);

    const random = seededRandom(11);
    const total = options.rate * options.seconds;
    const interval = 1000 / options.rate;
    const samples = new Samples();
    const refused: string[] = [];
    log(`forms: ${total} public submissions at ${options.rate}/s`);
    const started = now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = started + i * interval - now();
      if (wait > 0) await sleep(wait);
      inflight.push((async () => {
        const body = JSON.stringify({
          locale: 'ar', declaration: true,
          values: { name: 'مستفيد تجريبي', phone: localMobile('50', 100_000 + i), gender: i % 2 ? 'male' : 'female', details: arabicText(random) },
        });
        const sentAt = now();
        const response = await fetch(`${base}/api/v1/public/forms/${inquiry.slug}/submissions`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, body,
        });
        const text = await response.text();
        samples.add(now() - sentAt);
        if (response.status !== 201 || !JSON.parse(text).reference) refused.push(`${response.status} ${text.slice(0, 200)}`);
      })());
    }
    await Promise.all(inflight);
    if (refused.length) throw new Error(`${refused.length} submissions were not accepted, e.g. ${refused[0]}`);
    log(`forms: p50 ${fmt(samples.percentile(50))} ms, p99 ${fmt(samples.percentile(99))} ms, max ${fmt(samples.max)} ms`);

    // Letters: one incoming letter to reply to, then the outgoing ones.
    const incoming = await call('POST', '/letters/incoming', {
      sender: 'وزارة الموارد البشرية', subject: 'طلب إفادة', attachmentsCount: 1, phone: localMobile('56', 1), contactName: 'أبو خالد',
    }, auth);
    const letter = () => call('POST', '/letters/outgoing', {
      ticketId: incoming.ticketId, subject: 'إفادة بخصوص {{contact.name}}', recipient: { name: 'سعادة مدير مكتب الضمان الاجتماعي' }, attachmentsCount: 1,
      body: `إشارة إلى خطابكم رقم ${randomUUID().slice(0, 6)}، نفيدكم بأن الأسرة مسجلة لدى {{organization.name}} برقم الطلب {{ticket.reference}}.\n\n${arabicText(random)}`,
    }, auth);
    const coldStart = now();
    await letter();
    const cold = now() - coldStart;
    const warm = new Samples();
    for (let i = 0; i < options.letters; i++) {
      const start = now();
      await letter();
      warm.add(now() - start);
    }
    log(`letters: first ${fmt(cold)} ms (Chromium starting), then p50 ${fmt(warm.percentile(50))} ms, max ${fmt(warm.max)} ms`);
    const note = `${total} submissions, ${options.rate}/s for ${options.seconds} s, JSON endpoint, each from its own address`;
    return [
      { section: 'Forms', metric: 'public form submission at that rate, p50', value: samples.percentile(50), unit: 'ms', note },
      { section: 'Forms', metric: 'public form submission at that rate, p99', value: samples.percentile(99), unit: 'ms', target: { kind: 'max', value: 100 }, note },
      { section: 'Letters', metric: 'outgoing letter to PDF, first (Chromium starts)', value: cold, unit: 'ms', target: { kind: 'max', value: 2000 } },
      { section: 'Letters', metric: 'outgoing letter to PDF, warm, max', value: warm.max, unit: 'ms', target: { kind: 'max', value: 2000 }, note: `${options.letters} letters, whole POST /letters/outgoing` },
    ];
  } finally {
    await running.stop();
  }
}
