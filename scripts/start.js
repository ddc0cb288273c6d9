#!/usr/bin/env node
// `npm start`: build the all-in-one server when its bundle is missing or stale, then run it.
const { buildIfStale, runBundle, SERVER_SOURCES } = require('./build-if-stale');

buildIfStale('server', 'dist/apps/server/main.js', SERVER_SOURCES);
runBundle('dist/apps/server/main.js');
