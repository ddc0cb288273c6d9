// Builds a bundle when it is missing or older than any of its sources; shared by `npm start`, `npm run bench` and the browser tests.
const { execSync, spawn } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) latest = Math.max(latest, newest(join(path, entry.name)));
  return latest;
}

function stale(bundle, sources) {
  const changed = Math.max(...sources.map((source) => newest(join(root, source))));
  return !existsSync(join(root, bundle)) || statSync(join(root, bundle)).mtimeMs < changed;
}

/** The agents' web app (React, Vite): apps/web/dist, which the api serves at /. */
const WEB_BUNDLE = 'apps/web/dist/index.html';
const WEB_SOURCES = [
  'apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'apps/web/tsconfig.json',
  'libs/realtime/src/socket-protocol.ts', 'libs/realtime/src/event-map.ts', 'package-lock.json',
];

function buildWebIfStale() {
  if (!stale(WEB_BUNDLE, WEB_SOURCES)) return;
  console.log('Building the web app (first run or changed sources)...');
  // Jest sets NODE_ENV=test, which would give Vite React's development build.
  execSync('npx vite build apps/web --logLevel warn', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/** A Nest CLI project. The all-in-one server serves the web app, so it brings the web app up to date too. */
function buildIfStale(project, bundle, sources) {
  if (project === 'server') buildWebIfStale();
  if (!stale(bundle, sources)) return;
  console.log(`Building ${project} (first run or changed sources)...`);
  execSync(`npx nest build ${project}`, { cwd: root, stdio: 'inherit' });
}

/**
 * The all-in-one process's heap budget (MB of V8 old space; `INBOX_HEAP_MB`).
 * Node's default on a large machine is gigabytes, so the heap only grows
 * under load; with a budget the collector keeps it near what is live (the
 * ingest benchmark: 252 MB RSS at 160 MB, 391 MB without, same throughput),
 * with room for a few 16 MB uploads at once. The bench starts the server
 * with the same budget (bench/server-process.ts).
 */
const heapFlags = () => [`--max-old-space-size=${Number(process.env.INBOX_HEAP_MB) || 192}`];

/** Runs a built bundle as a child, passing signals on and exiting with its code. */
function runBundle(bundle) {
  const child = spawn(process.execPath, [...heapFlags(), join(root, bundle)], { cwd: root, stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

module.exports = {
  buildIfStale, buildWebIfStale, runBundle, heapFlags,
  SERVER_SOURCES: ['apps/api/src', 'apps/server/src', 'apps/worker/src', 'libs'],
  WEB_BUNDLE, WEB_SOURCES,
};
