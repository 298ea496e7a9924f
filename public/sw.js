// Waypoint's service worker: keeps this build's files on the device so the app starts with
// no network after the first visit, and waits when a new build arrives until the learner
// (or a grown-up) clicks "Update" in the app. It never reloads a page and never skips
// waiting by itself. It makes no request to any other origin and handles only its own scope.
//
// This is a template: scripts/postbuild.mjs replaces the three placeholders below with the
// build's id, the list of its files and the app's pages, and writes dist/sw.js. A new build changes those
// bytes, which is how the browser notices an update.
'use strict';

const BUILD = '__WAYPOINT_BUILD__';
const FILES = ['__WAYPOINT_FILES__'];
// The app's pages, one segment below the scope ('' is the start screen).
const PAGES = new Set(['__WAYPOINT_PAGES__']);

// The folder this worker was served from is its scope (`/` or `/waypoint/`, ...).
const SCOPE = new URL('./', self.location.href);
const INDEX = new URL('index.html', SCOPE).href;
// One origin may serve the app under several paths: each scope keeps its own caches.
const CACHE_PREFIX = 'waypoint:' + SCOPE.pathname + ':';
const CACHE = CACHE_PREFIX + BUILD;
// Files whose name carries a content hash never change: they may come from the HTTP cache
// or from an older build's cache. Any other file (index.html, icons) is revalidated.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(FILES.map(async (file) => {
    const url = new URL(file, SCOPE).href;
    if (HASHED.test(file)) {
      for (const name of await caches.keys()) {
        if (!name.startsWith(CACHE_PREFIX)) continue;
        const old = await (await caches.open(name)).match(url);
        if (old) return cache.put(url, old);
      }
    }
    const response = await fetch(url, { cache: HASHED.test(file) ? 'default' : 'no-cache' });
    if (!response.ok) throw new Error(`precache: ${url} answered ${response.status}`);
    await cache.put(url, response);
  }));
}

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new build waits until the app asks for it (see 'message').
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // The first visit's page becomes controlled, so it works offline without a reload.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'waypoint:skip-waiting') self.skipWaiting();
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  if (request.mode === 'navigate') {
    // The app's pages (`home`, `practice?l=...`) are answered with its HTML, so deep links
    // work offline. Any other address is not ours: another page on the same site (`/blog`,
    // or `/waypoint` on its way to the server's redirect to `/waypoint/`) goes to the
    // network; only when that fails does the app say the page was not found.
    const rest = url.pathname.slice(SCOPE.pathname.length);
    if (PAGES.has(rest) || rest === 'index.html') {
      event.respondWith(fromCache(INDEX));
    } else if (rest.includes('/')) {
      // Deeper addresses are not ours (another app under a sub-folder).
    } else if (rest.includes('.')) {
      // A file opened directly (`icon-512.png`) is itself.
      event.respondWith(fromCache(request));
    } else {
      event.respondWith(fetch(request).catch(() => fromCache(INDEX)));
    }
    return;
  }
  event.respondWith(fromCache(request));
});
