// Offline once loaded: the page's files are kept in the browser's cache when
// it first loads, and served from there. The list and version are written by
// build.sh; nothing else is ever fetched.
const VERSION = "__VERSION__";
const FILES = __FILES__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(VERSION)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(VERSION).then(async (cache) => {
      const path = url.pathname.endsWith("/") ? new URL("./", self.registration.scope).href : event.request;
      return (await cache.match(path, { ignoreSearch: true })) ?? fetch(event.request);
    }),
  );
});
