// The service worker: keeps a copy of the whole site so it works with the
// network off after the first visit. The pcsp plugin (pcsp_guide/offline.py) fills in
// BUILD: the build's version (a hash of every file), the list of files to keep, and each
// file's content hash, so that an update fetches only the files that changed.
const BUILD = {"version": "dev", "files": []};
// Only this worker's own caches are its to remove: "pcsp-site-<version>" (and, from before, "pcsp-<version>").
// Others (the Python snapshot worker.js keeps) are left alone; "Clear this device" removes all of them.
const PREFIX = "pcsp-site-";
const CACHE = `${PREFIX}${BUILD.version}`;
const OURS = (name) => name.startsWith(PREFIX) || /^pcsp-[0-9a-f]{12}$/.test(name);
// Each cache of ours records the hashes of the files it holds, under this made-up address.
const MANIFEST = "__pcsp-manifest__";

/** The hashes and cache of the copy already kept (none on a first visit, or before manifests). */
async function kept() {
  for (const name of await caches.keys()) {
    if (!OURS(name) || name === CACHE) continue;
    const cache = await caches.open(name);
    const manifest = await cache.match(MANIFEST);
    if (manifest) return { cache, hashes: await manifest.json() };
  }
  return { cache: null, hashes: {} };
}

self.addEventListener("install", (event) => {
  // Not skipWaiting(): a new version waits until the person chooses to reload.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const before = await kept();
    const changed = [];
    for (const url of BUILD.files) {
      const same = before.cache && before.hashes[url] === BUILD.hashes[url] ? await before.cache.match(url) : null;
      if (same) await cache.put(url, same);
      else changed.push(url);
    }
    await cache.addAll(changed); // only what changed comes over the network
    await cache.put(MANIFEST, new Response(JSON.stringify(BUILD.hashes), {
      headers: { "content-type": "application/json" } }));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (OURS(name) && name !== CACHE) await caches.delete(name);
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
