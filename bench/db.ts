import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '@inbox/database';

export interface BenchServer {
  /** A URL on the server's maintenance database, used to create and drop the bench databases. */
  adminUrl: string;
  source: string;
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * DATABASE_URL's server when set, else the local PostgreSQL on 5432, else an
 * embedded PostgreSQL in a temporary folder. The bench only ever creates and
 * drops its own databases (inbox_bench, inbox_bench_ingest) on it.
 */
export async function benchServer(log: (line: string) => void): Promise<BenchServer> {
  const candidates = process.env.DATABASE_URL ? [withDatabase(process.env.DATABASE_URL, 'postgres')] : [DEFAULT_URL];
  for (const url of candidates) {
    if (await answers(url)) {
      return { adminUrl: url, source: new URL(url).host, databaseUrl: (name) => withDatabase(url, name), stop: async () => undefined };
    }
  }
  if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL is set but its server does not answer`);
  const dir = mkdtempSync(join(tmpdir(), 'inbox-bench-pg-'));
  log(`No PostgreSQL answers on ${new URL(DEFAULT_URL).host}; starting an embedded one in ${dir}`);
  const embedded = await startEmbeddedDatabase(dir, 'postgres');
  return { adminUrl: embedded.url, source: 'embedded', databaseUrl: (name) => withDatabase(embedded.url, name), stop: () => embedded.stop() };
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'inbox-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1);
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

/**
 * Bench runs on one server share the database names, so they take turns: an
 * advisory lock held on a connection of its own for the whole run. A second
 * run waits for the first instead of dropping its databases mid-measurement.
 */
export async function holdBenchLock(adminUrl: string, log: (line: string) => void): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: adminUrl, application_name: 'inbox-bench-lock' });
  await client.connect();
  const key = 727_002;
  const [first] = (await client.query(`SELECT pg_try_advisory_lock($1) AS ok`, [key])).rows;
  if (!first.ok) {
    log('another bench run holds the bench lock on this PostgreSQL server; waiting for it to finish');
    await client.query(`SELECT pg_advisory_lock($1)`, [key]);
  }
  return async () => {
    await client.query(`SELECT pg_advisory_unlock($1)`, [key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  };
}

