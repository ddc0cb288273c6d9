#!/usr/bin/env node
// `npm run bench`: build the all-in-one server (when stale) and the bench bundle, then run bench/main.ts.
// Environment: DATABASE_URL (server to use; default postgres://postgres@127.0.0.1:5432), BENCH_RESEED=1 to rebuild
// the 1M-ticket data set, BENCH_ONLY=ingest,list,search to run a subset. See bench/README.md.
const { buildIfStale, runBundle, SERVER_SOURCES } = require('./build-if-stale');

buildIfStale('server', 'dist/apps/server/main.js', SERVER_SOURCES);
buildIfStale('bench', 'dist/bench/main.js', ['bench', 'libs']);

runBundle('dist/bench/main.js');
