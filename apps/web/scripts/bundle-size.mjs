#!/usr/bin/env node
// What the inbox route costs on first load: the entry chunk and everything it imports statically
// (lazy chunks such as the supervisor screen are left out), gzip-compressed as a server would send them.
// Usage: node apps/web/scripts/bundle-size.mjs [--max-kb 400]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
if (!entry) throw new Error('no entry chunk in the Vite manifest; run `npm run build:web` first');

const files = new Set();
const walk = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) walk(imported);
};
walk(entry[0]);

let rawTotal = 0;
let gzipTotal = 0;
for (const file of files) {
  const bytes = readFileSync(join(dist, file));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length;
  gzipTotal += gzipped;
  console.log(`${file.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  gzip ${(gzipped / 1024).toFixed(1).padStart(7)} KB`);
}
const lazy = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js') && !files.has(chunk.file)).map((chunk) => chunk.file);
console.log(`inbox route JavaScript: ${(rawTotal / 1024).toFixed(1)} KB, gzip ${(gzipTotal / 1024).toFixed(1)} KB (lazy, not counted: ${lazy.join(', ') || 'none'})`);

const max = process.argv.indexOf('--max-kb');
if (max > 0 && gzipTotal / 1024 > Number(process.argv[max + 1])) {
  console.error(`over budget: ${(gzipTotal / 1024).toFixed(1)} KB > ${process.argv[max + 1]} KB`);
  process.exit(1);
}
