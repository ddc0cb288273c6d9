import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@inbox/database';
import { messageId, utf8Base64Mail } from '../libs/channels/email/test/mail-fixtures';
import { Dovecot, emailAccountBody, Mailbox, startDovecot } from './helpers/dovecot';
import { createOrganization, dataSource, eventually, Http, TestOrganization } from './helpers/factories';
import { SmtpCapture, startSmtpCapture } from './helpers/smtp';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(120_000);

/**
 * `apps/worker/src/main.ts` as its own process, as production runs it. The
 * sources are transpiled on load (TypeScript's transpileModule, as the test
 * transform does), so the test needs no build.
 */
const WORKER = `
  const ts = require('typescript');
  const { readFileSync } = require('node:fs');
  const { compilerOptions } = require('./tsconfig.json');
  require('tsconfig-paths').register({ baseUrl: process.cwd(), paths: compilerOptions.paths });
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true,
    esModuleInterop: true, useDefineForClassFields: false, sourceMap: false };
  require.extensions['.ts'] = (module, fileName) => module._compile(ts.transpileModule(readFileSync(fileName, 'utf8'), { fileName, compilerOptions: options }).outputText, fileName);
  require('./apps/worker/src/main.ts');
`;

interface Worker {
  process: ChildProcess;
  output: string[];
  kill(): Promise<void>;
}

function startWorker(): Worker {
  const output: string[] = [];
  const child = spawn(process.execPath, ['-e', WORKER], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, EMAIL_CONNECTORS: 'on', EMAIL_OWNERSHIP_CHECK_SECONDS: '2', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('email connectors in worker processes', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  const workers: Worker[] = [];

  const sharedUrl = process.env.DATABASE_URL!;
  const database = `inbox_email_workers_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const admin = new Client({ connectionString: Object.assign(new URL(sharedUrl), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(statement);
    await admin.end();
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpCapture();
    // A database of its own: the other suites' processes run mailbox connectors too, and must not take these mailboxes over.
    await onServer(`CREATE DATABASE ${database}`);
    const url = Object.assign(new URL(sharedUrl), { pathname: `/${database}` }).toString();
    await runMigrations(url);
    // This process serves HTTP only; the mailboxes are run by the worker processes below.
    testApp = await startTestApp({ DATABASE_URL: url, EMAIL_CONNECTORS: 'off' });
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await testApp.close();
    process.env.DATABASE_URL = sharedUrl;
    delete process.env.EMAIL_CONNECTORS;
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await smtp.close();
    await dovecot.stop();
  });

  const launch = () => {
    const worker = startWorker();
    workers.push(worker);
    return worker;
  };

  /** An email account created switched off, then switched on once the worker that should run it is up. */
  async function account(mailbox: Mailbox): Promise<string> {
    const created = await http.post('/admin/channel-accounts', { ...emailAccountBody(dovecot, mailbox, smtp), enabled: false }, org.users.admin.token);
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const enable = (id: string) => http.patch(`/admin/channel-accounts/${id}`, { enabled: true }, org.users.admin.token);

  const ingested = async (id: string): Promise<{ external_id: string; copies: number }[]> =>
    dataSource(testApp).query(`SELECT external_id, count(*)::int AS copies FROM messages WHERE channel_account_id = $1 GROUP BY external_id`, [id]);

  /** A worker is up once it holds its lock session (named after its process id). */
  const ready = (worker: Worker) => eventually(async () => {
    if (worker.process.exitCode !== null) throw new Error(`worker exited:\n${worker.output.join('')}`);
    const [row] = await dataSource(testApp).query(`SELECT 1 FROM pg_stat_activity WHERE application_name LIKE $1`, [`inbox-email-owner % ${worker.process.pid}`]);
    return Boolean(row);
  }, 60_000);

  /** The process id of the worker holding the mailbox's lock, if any. */
  const owner = async (accountId: string): Promise<number | null> => {
    const [row] = await dataSource(testApp).query(
      `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)`,
      [`inbox:email-mailbox:${accountId}`],
    );
    return row ? Number(row.application_name.split(' ').pop()) : null;
  };

  it('handles every mail exactly once when its worker is killed in the middle of a batch and another starts', async () => {
    const mailbox = await dovecot.addMailbox('crash');
    const total = 400;
    const ids = Array.from({ length: total }, () => messageId());
    await Promise.all(ids.map((id, i) => dovecot.deliver(mailbox.address, utf8Base64Mail(`رسالة رقم ${i}`, { messageId: id, from: `sender-${i % 20}@outside.test` }))));
    const accountId = await account(mailbox);
    const first = launch();
    await ready(first);
    await enable(accountId);
    const before = await eventually(async () => {
      const rows = await ingested(accountId);
      return rows.length >= 40 ? rows : null;
    }, 60_000);
    await first.kill();
    const atKill = (await ingested(accountId)).length;
    expect(atKill).toBeLessThan(total);
    expect(before.length).toBeLessThanOrEqual(atKill);

    const second = launch();
    await ready(second);
    const after = await eventually(async () => {
      const rows = await ingested(accountId);
      return rows.length >= total ? rows : null;
    }, 60_000);
    // Give a straggler (a repeat) time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const final = await ingested(accountId);
    expect(final).toHaveLength(total);
    expect(new Set(final.map((row) => row.external_id))).toEqual(new Set(ids.map((id) => id.slice(1, -1))));
    expect(final.every((row) => row.copies === 1)).toBe(true);
    expect(after.length).toBe(total);
    const [state] = await dataSource(testApp).query(`SELECT last_uid FROM email_mailbox_states WHERE channel_account_id = $1`, [accountId]);
    expect(Number(state.last_uid)).toBe(total);
    const parked = await dataSource(testApp).query(`SELECT count(*)::int AS n FROM email_parked_messages WHERE channel_account_id = $1`, [accountId]);
    expect(parked[0].n).toBe(0);
    await second.kill();
  });

  it('lets another worker take a mailbox over within a minute when its owner dies', async () => {
    const mailbox = await dovecot.addMailbox('takeover');
    const accountId = await account(mailbox);
    const first = launch();
    await ready(first);
    await enable(accountId);
    const before = messageId();
    await dovecot.deliver(mailbox.address, utf8Base64Mail('قبل', { messageId: before }));
    await eventually(async () => (await ingested(accountId)).length === 1, 30_000);
    expect(await owner(accountId)).toBe(first.process.pid);
    // A second worker is up too, but the mailbox stays with its owner.
    const standby = launch();
    await ready(standby);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await owner(accountId)).toBe(first.process.pid);
    await first.kill();
    const killedAt = Date.now();
    const after = messageId();
    await dovecot.deliver(mailbox.address, utf8Base64Mail('بعد', { messageId: after }));
    await eventually(async () => (await ingested(accountId)).some((row) => row.external_id === after.slice(1, -1)), 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(await owner(accountId)).toBe(standby.process.pid);
    expect(await ingested(accountId)).toHaveLength(2);
  });
});
