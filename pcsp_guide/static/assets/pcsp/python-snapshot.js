// The Python snapshot's keeping: a memory image of Python with pcsp_core loaded, kept in
// Cache Storage so that a return visit skips Pyodide's start-up and every import (worker.js).
// It is made before the worker answers any call, so it holds the program, never a person's
// words. "Clear this device" removes it with the rest (clear-device.js).

export const SNAPSHOTS = "pcsp-python-snapshot";

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function sha256(bytes) {
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

/** The kept snapshot for `key`, if it is all there, as {bytes, whole}: `whole` settles true when
 * its sha256 is the one kept with it (checked while Python starts from it; the caller drops the
 * start when it is false). Any other snapshot is removed. Never throws. */
export async function savedSnapshot(key) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const request of await cache.keys()) {
      if (request.url !== key) await cache.delete(request);
    }
    const response = await cache.match(key);
    if (!response) return null;
    const expected = response.headers.get("x-pcsp-sha256");
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (String(bytes.length) !== response.headers.get("x-pcsp-length")) {
      await cache.delete(key); // cut short: never handed to Pyodide; start as normal, make a new one
      return null;
    }
    const whole = sha256(bytes).then((actual) => actual === expected, () => false);
    return { bytes, whole };
  } catch (error) {
    return null; // no Cache Storage here, or it refused: a normal start
  }
}

export async function keepSnapshot(key, bytes) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    const headers = { "content-type": "application/octet-stream", "x-pcsp-sha256": await sha256(bytes),
      "x-pcsp-length": String(bytes.length) };
    await cache.put(key, new Response(bytes, { headers }));
    return true;
  } catch (error) {
    return false; // a full disk or a refusal costs only the next visit's speed
  }
}

