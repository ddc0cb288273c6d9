#!/usr/bin/env node
// `npm run bench`: build the all-in-one server (when stale) and the bench bundle, then run bench/main.ts.
// Environment: DATABASE_URL (server to use; default postgres://postgres@127.0.0.1:5432), BENCH_RESEED=1 to rebuild
// the 1M-ticket data set, BENCH_ONLY=ingest,list,search to run a subset. See bench/README.md.
const { execSync, spawn } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function build(project, bundle, sources) {
  const changed = Math.max(...sources.map((dir) => newest(join(root, dir))));
  if (existsSync(join(root, bundle)) && statSync(join(root, bundle)).mtimeMs >= changed) return;
  console.log(`Building ${project}...`);
  execSync(`npx nest build ${project}`, { cwd: root, stdio: 'inherit' });
}

build('server', 'dist/apps/server/main.js', ['apps/api/src', 'apps/server/src', 'apps/worker/src', 'libs']);
build('bench', 'dist/bench/main.js', ['bench', 'libs']);

const child = spawn(process.execPath, [join(root, 'dist/bench/main.js')], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
