// Drafts (drafts.js): one key per page, never overwritten by another page; only drafts
// of pages that have gone are offered; the old one-per-tool draft is carried over.
import assert from "node:assert/strict";
import { test } from "node:test";

import { countDrafts, createDraftStore, draftKey, legacyKey, parseKey, siteKeys } from "../../pcsp_guide/static/assets/pcsp/drafts.js";

/** A Storage over a Map, failing like a full one when `full` is set. */
function memoryStorage() {
  const map = new Map();
  return {
    map,
    full: false,
    get length() { return map.size; },
    key: (k) => [...map.keys()][k] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      if (this.full) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
      map.set(k, String(v));
    },
    removeItem: (k) => map.delete(k),
  };
}

/** A LockManager: request holds the lock until the callback's promise settles; query lists what is held. */
function memoryLocks() {
  const held = new Set();
  return {
    held,
    async request(name, callback) {
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
    async query() {
      return { held: [...held].map((name) => ({ name })), pending: [] };
    },
  };
}

let n = 0;
const ids = () => `id${++n}`;

test("keys carry the tool and the page's own id", () => {
  assert.equal(draftKey("plan", "ab12"), "pcsp-draft:plan:ab12");
  assert.deepEqual(parseKey("pcsp-draft:agreed-assessment:ab12"), { slot: "agreed-assessment", id: "ab12" });
  for (const other of ["pcsp-draft-plan", "pcsp-draft:plan:", "pcsp-draft::x", "other", null]) {
    assert.equal(parseKey(other), null, other);
  }
});

test("two pages of one tool each write their own draft, so neither overwrites the other", async () => {
  const storage = memoryStorage();
  const locks = memoryLocks();
  const a = createDraftStore("plan", { storage, locks, newId: ids });
  const b = createDraftStore("plan", { storage, locks, newId: ids });
  await a.hold();
  await b.hold();
  a.write(null, { person: { name: "A" } });
  b.write("b.json", { person: { name: "B" } });
  assert.equal(storage.map.size, 2);
  // Both pages are live, so neither offers the other's draft.
  assert.deepEqual(await a.orphans(), []);
  assert.deepEqual(await b.orphans(), []);
  // A page that has gone leaves its draft to be offered.
  a.release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const offered = await b.orphans();
  assert.deepEqual(offered.map((d) => d.doc), [{ person: { name: "A" } }]);
  assert.equal(offered[0].id, a.id);
});

test("drafts are offered newest first, only for their own tool, and damaged ones are skipped", async () => {
  const storage = memoryStorage();
  storage.setItem(draftKey("plan", "old"), JSON.stringify({ savedAt: "2026-01-01T10:00:00Z", doc: { n: 1 } }));
  storage.setItem(draftKey("plan", "new"), JSON.stringify({ savedAt: "2026-02-01T10:00:00Z", fileName: "x.json", doc: { n: 2 } }));
  storage.setItem(draftKey("self-assessment", "other"), JSON.stringify({ savedAt: "2026-03-01T10:00:00Z", doc: { n: 3 } }));
  storage.setItem(draftKey("plan", "broken"), "{not json");
  storage.setItem(draftKey("plan", "empty"), JSON.stringify({ savedAt: "2026-04-01T10:00:00Z" }));
  const page = createDraftStore("plan", { storage, locks: null, newId: ids });
  const offered = await page.orphans();
  assert.deepEqual(offered.map((d) => [d.id, d.fileName, d.doc.n]), [["new", "x.json", 2], ["old", null, 1]]);
  page.discard("old");
  assert.deepEqual((await page.orphans()).map((d) => d.id), ["new"]);
});

test("removing a page's draft leaves every other draft alone", async () => {
  const storage = memoryStorage();
  const a = createDraftStore("plan", { storage, locks: null, newId: ids });
  const b = createDraftStore("plan", { storage, locks: null, newId: ids });
  a.write(null, { a: 1 });
  b.write(null, { b: 1 });
  a.remove();
  assert.deepEqual([...storage.map.keys()], [draftKey("plan", b.id)]);
});

test("a draft from before drafts had ids is carried over, and only if it held unsaved work", async () => {
  const storage = memoryStorage();
  storage.setItem(legacyKey("plan"), JSON.stringify({ savedAt: "2026-01-01T10:00:00Z", fileName: "c.json", dirty: true,
    doc: { person: { name: "Cecilia" } } }));
  storage.setItem(legacyKey("self-assessment"), JSON.stringify({ savedAt: "2026-01-01T10:00:00Z", dirty: false, doc: { x: 1 } }));
  const plan = createDraftStore("plan", { storage, locks: null, newId: ids });
  const offered = await plan.orphans();
  assert.deepEqual(offered.map((d) => [d.fileName, d.doc.person.name]), [["c.json", "Cecilia"]]);
  assert.equal(storage.getItem(legacyKey("plan")), null);
  const assessment = createDraftStore("self-assessment", { storage, locks: null, newId: ids });
  assert.deepEqual(await assessment.orphans(), []); // it was saved work: nothing to offer
  assert.equal(storage.getItem(legacyKey("self-assessment")), null);
});

test("a full or missing storage makes write throw (the page says so) and offers nothing", async () => {
  const storage = memoryStorage();
  storage.full = true;
  const page = createDraftStore("plan", { storage, locks: null, newId: ids });
  assert.throws(() => page.write(null, { a: 1 }), /quota/);
  const none = createDraftStore("plan", { storage: null, locks: null, newId: ids });
  assert.throws(() => none.write(null, { a: 1 }));
  assert.deepEqual(await none.orphans(), []);
  none.remove(); // no storage: nothing to remove, and no error
});

test("the site's keys and drafts are counted for Clear this device", () => {
  const storage = memoryStorage();
  storage.setItem(draftKey("plan", "a"), "{}");
  storage.setItem(legacyKey("plan"), "{}");
  storage.setItem("pcsp-reload", "1");
  storage.setItem("someone-else", "1");
  assert.deepEqual(siteKeys(storage).sort(), [draftKey("plan", "a"), "pcsp-draft-plan", "pcsp-reload"].sort());
  assert.equal(countDrafts(storage), 2);
  assert.deepEqual(siteKeys(null), []);
});

test("a draft of a protected file says so, and only then, so it is saved protected again", async () => {
  const storage = memoryStorage();
  const gone = createDraftStore("plan", { storage, locks: null, newId: ids });
  gone.write("mine-protected.json", { n: 1 }, { locked: true });
  const plain = createDraftStore("plan", { storage, locks: null, newId: ids });
  plain.write("open.json", { n: 2 });
  assert.equal(JSON.parse(storage.getItem(draftKey("plan", plain.id))).locked, undefined); // nothing new in old drafts
  const page = createDraftStore("plan", { storage, locks: null, newId: ids });
  const offered = Object.fromEntries((await page.orphans()).map((d) => [d.fileName, d.locked]));
  assert.deepEqual(offered, { "mine-protected.json": true, "open.json": false });
});
