#!/usr/bin/env node
// `npm test` runs this first: the browser suite drives Debian's chromium (never a downloaded browser),
// the email suites start Debian's Dovecot (IMAP and LMTP) on loopback ports (never as a system service).
// When one is missing and we are root on Debian (a fresh CI machine), install it (and an Arabic-capable
// font); otherwise say what is missing. Quick and silent-ish when everything is there.
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const packages = ['chromium', 'fonts-noto-core'];

function run(command) {
  console.log(`ensure-test-deps: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const dovecot = ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap', '/usr/lib/dovecot/lmtp'];
const dovecotPackages = ['dovecot-imapd', 'dovecot-lmtpd'];
// The letters suite reads Chromium's PDFs with pdftotext; their Arabic is set in Noto Naskh Arabic.
const letters = ['/usr/bin/pdftotext', '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf'];
const letterPackages = ['poppler-utils', 'fonts-noto-core'];
const missing = [...new Set([
  ...(existsSync(chromium) ? [] : packages), ...(dovecot.every((path) => existsSync(path)) ? [] : dovecotPackages),
  ...(letters.every((path) => existsSync(path)) ? [] : letterPackages),
])];

if (missing.length === 0) {
  console.log(`ensure-test-deps: browser present (${chromium}), Dovecot present, pdftotext and Arabic fonts present`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt || (process.env.CHROMIUM_PATH && !existsSync(chromium))) {
  console.error(
    `ensure-test-deps: missing ${missing.join(', ')}. The browser suite needs Debian's chromium (or set CHROMIUM_PATH), ` +
      `the email suites Debian's Dovecot: \`sudo apt-get install -y --no-install-recommends ${missing.join(' ')}\`.`,
  );
  process.exit(1);
}

console.log(`ensure-test-deps: installing ${missing.join(', ')} with apt-get`);
run('apt-get update');
run(`apt-get install -y --no-install-recommends ${missing.join(' ')}`);
const stillMissing = [chromium, ...dovecot, ...letters].filter((path) => !existsSync(path));
if (stillMissing.length) {
  console.error(`ensure-test-deps: apt-get finished but ${stillMissing.join(', ')} is still missing`);
  process.exit(1);
}
console.log(`ensure-test-deps: installed ${missing.join(', ')}`);
