// The browser suites drive the built web app as the api serves it: build it once per run when its sources changed.
const { buildWebIfStale } = require('../../../scripts/build-if-stale');

module.exports = async function buildWeb() {
  buildWebIfStale();
};
