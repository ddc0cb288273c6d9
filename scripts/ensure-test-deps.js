#!/usr/bin/env node
// `npm test` runs this first: the browser suite drives Debian's chromium (never a downloaded browser).
// When it is missing and we are root on Debian (a fresh CI machine), install it and an Arabic-capable
// font; otherwise say what is missing. Quick and silent-ish when everything is there.
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const packages = ['chromium', 'fonts-noto-core'];

function run(command) {
  console.log(`ensure-test-deps: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (existsSync(chromium)) {
  console.log(`ensure-test-deps: browser present (${chromium})`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt || process.env.CHROMIUM_PATH) {
  console.error(
    `ensure-test-deps: no browser at ${chromium}. The browser suite needs Debian's chromium: ` +
      `\`sudo apt-get install -y --no-install-recommends ${packages.join(' ')}\`, or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

console.log(`ensure-test-deps: ${chromium} is missing; installing ${packages.join(', ')} with apt-get`);
run('apt-get update');
run(`apt-get install -y --no-install-recommends ${packages.join(' ')}`);
if (!existsSync(chromium)) {
  console.error(`ensure-test-deps: apt-get finished but ${chromium} is still missing`);
  process.exit(1);
}
console.log(`ensure-test-deps: installed ${chromium}`);
