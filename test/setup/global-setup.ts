import 'tsconfig-paths/register';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations, startEmbeddedDatabase } from '@inbox/database';

declare global {
  // eslint-disable-next-line no-var
  var __inboxTestTeardown: (() => Promise<void>) | undefined;
}

/**
 * One fresh database for the whole run: embedded PostgreSQL when DATABASE_URL
 * is unset, otherwise a new database on that server. Tests never share ids:
 * each builds its own organization through the factories.
 */
export default async function globalSetup(): Promise<void> {
  const onlyUnit = process.argv.includes('--selectProjects') && process.argv.includes('unit') && !process.argv.includes('integration');
  if (onlyUnit) return;
  let serverUrl = process.env.DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'inbox-test-'));
    const embedded = await startEmbeddedDatabase(dir, 'postgres_ready');
    serverUrl = embedded.url;
    stopServer = embedded.stop;
  }
  const name = `inbox_test_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  process.env.INBOX_TEST_DATABASE_URL = url.toString();
  // One attachment store for the run, as a deployment shares one: the test apps share the database and its job queue,
  // so one app's worker may send a reply another app stored the files of.
  process.env.INBOX_TEST_DATA_DIR = await mkdtemp(join(tmpdir(), 'inbox-test-data-'));
  globalThis.__inboxTestTeardown = async () => {
    if (stopServer) {
      await stopServer();
      return;
    }
    const cleanup = new Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
}
