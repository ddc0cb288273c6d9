#!/usr/bin/env node
// `npm start`: build the all-in-one server when its bundle is missing or older than the sources, then run it.
const { execSync, spawn } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist/apps/server/main.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sourcesChanged = () => Math.max(newest(join(root, 'apps/api/src')), newest(join(root, 'apps/server/src')), newest(join(root, 'apps/worker/src')), newest(join(root, 'libs')));
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sourcesChanged()) {
  console.log('Building the server (first start or changed sources)...');
  execSync('npx nest build server', { cwd: root, stdio: 'inherit' });
}
const child = spawn(process.execPath, [bundle], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
