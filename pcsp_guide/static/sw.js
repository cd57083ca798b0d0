// The service worker: keeps a copy of the whole site so it works with the
// network off after the first visit. The pcsp plugin (pcsp_guide/offline.py) fills in
// BUILD: the build's version (a hash of every file) and the list of files to keep.
const BUILD = {"version": "dev", "files": []};
const CACHE = `pcsp-${BUILD.version}`;

self.addEventListener("install", (event) => {
  // Not skipWaiting(): a new version waits until the person chooses to reload.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(BUILD.files)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("pcsp-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    try {
      return await fetch(request);
    } catch (error) {
      // Offline and not cached: a page gets the site's 404 page rather than the browser's error.
      if (request.mode === "navigate") {
        const fallback = await cache.match("404.html");
        if (fallback) return fallback;
      }
      throw error;
    }
  })());
});
