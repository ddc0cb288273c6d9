// Builds a Nest CLI project when its bundle is missing or older than any of its sources; shared by `npm start` and `npm run bench`.
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

function buildIfStale(project, bundle, sources) {
  const changed = Math.max(...sources.map((dir) => newest(join(root, dir))));
  if (existsSync(join(root, bundle)) && statSync(join(root, bundle)).mtimeMs >= changed) return;
  console.log(`Building ${project} (first run or changed sources)...`);
  execSync(`npx nest build ${project}`, { cwd: root, stdio: 'inherit' });
}

/** Runs a built bundle as a child, passing signals on and exiting with its code. */
function runBundle(bundle) {
  const child = spawn(process.execPath, [join(root, bundle)], { cwd: root, stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

module.exports = { buildIfStale, runBundle, SERVER_SOURCES: ['apps/api/src', 'apps/server/src', 'apps/worker/src', 'libs'] };
