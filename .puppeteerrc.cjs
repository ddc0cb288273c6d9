/**
 * whatsapp-web.js drives Chromium through puppeteer. The browser is Debian's
 * `chromium` package (scripts/ensure-test-deps.js installs it; the Dockerfile
 * too), never one downloaded at install time.
 */
module.exports = { skipDownload: true, chrome: { skipDownload: true }, 'chrome-headless-shell': { skipDownload: true } };
