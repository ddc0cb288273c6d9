/*
 * The web app's service worker, written out by vite.config.mts at build time
 * with the list of the build's files and a version made from them. It keeps
 * the app's shell (the page, its scripts, styles and fonts) so the app opens
 * without a connection, above all the delegate's page in the field; it never
 * keeps what the api answers: data always comes from the network.
 */
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const CACHE = `inbox-shell-${VERSION}`;
/** Server-rendered pages and the api: never from the cache. */
const NETWORK_ONLY = ['/api/', '/socket.io/', '/f/', '/track', '/s/', '/help'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // A new build replaces the old shell at once.
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('inbox-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NETWORK_ONLY.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === 'navigate') {
    // The page: the network's when there is one (a new build shows at once), the kept one when there is not.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE })));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    // The build's files are named by their content: a kept copy is always right.
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((kept) => kept ?? fetch(request)));
  }
});
