import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@inbox/database';
import { sleep } from './stats';

export interface RunningServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** dist/apps/server/main.js (built by scripts/bench.js) on a free port, against `databaseUrl`, logging warnings only. */
export async function startServer(databaseUrl: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<RunningServer> {
  const bundle = resolve(process.cwd(), 'dist/apps/server/main.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing; run \`npx nest build server\` (npm run bench does)`);
  const port = await freePort();
  const output: string[] = [];
  // Run as `npm start` runs it: with the heap budget of scripts/build-if-stale.js (INBOX_HEAP_MB, default 192).
  const heap = `--max-old-space-size=${Number(env.INBOX_HEAP_MB) || 192}`;
  const child: ChildProcess = spawn(process.execPath, [heap, ...(env.BENCH_SERVER_FLAGS ? env.BENCH_SERVER_FLAGS.split(' ') : []), bundle], {
    cwd: process.cwd(),
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'inbox-bench-server-')),
      PORT: String(port),
      ADMIN_EMAIL: 'admin@demo.bench.local',
      ADMIN_PASSWORD: env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url'),
      LOG_LEVEL: 'warn',
      // The demo's WhatsApp Web number would start a Chromium that tries to reach WhatsApp meanwhile.
      WHATSAPP_WEB_CONNECTORS: 'off',
      // Long enough for the whole HTTP part on one login.
      ACCESS_TOKEN_TTL_SECONDS: '7200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 200));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((done) => child.on('exit', (code) => {
    exited = code ?? -1;
    done();
  }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exited !== null) throw new Error(`the server exited with ${exited} while starting:\n${output.slice(-30).join('\n')}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/v1/health within 300 s:\n${output.slice(-30).join('\n')}`);
    }
    await sleep(250);
  }
  log(`server: pid ${child.pid} on ${baseUrl}`);
  return {
    baseUrl,
    pid: child.pid!,
    stop: async () => {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
      const warnings = output.filter((line) => /"level":(40|50|60)/.test(line));
      if (warnings.length) log(`server: ${warnings.length} warning/error log lines, last: ${warnings[warnings.length - 1]!.slice(0, 300)}`);
    },
  };
}

export class Api {
  constructor(private readonly baseUrl: string, private token: string | null = null) {}

  async login(email: string, password: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) throw new Error(`login as ${email} answered ${response.status}: ${await response.text()}`);
    this.token = ((await response.json()) as { accessToken: string }).accessToken;
  }

  /** GET with the access token; the time covers the whole response body. Anything but 200 is an error. */
  async get<T>(path: string, query: Record<string, string | number | undefined>, authenticated = true): Promise<{ body: T; ms: number }> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const url = `${this.baseUrl}/api/v1${path}?${params}`;
    const start = performance.now();
    const response = await fetch(url, authenticated ? { headers: { authorization: `Bearer ${this.token}` } } : {});
    const text = await response.text();
    const ms = performance.now() - start;
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`);
    return { body: JSON.parse(text) as T, ms };
  }
}
