import { test } from "node:test";
import assert from "node:assert/strict";

import { KEY, keepFigures, keptFigures } from "../../pcsp_guide/static/assets/pcsp/kept-figures.js";

function memoryStorage() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}

test("figures kept are the figures read back, under a key Clear this device removes", () => {
  const storage = memoryStorage();
  assert.equal(keptFigures(storage), null);
  const figures = { date: "2026-12-07", files: 3, plans: 2, counting: 1 };
  assert.equal(keepFigures(figures, storage), true);
  assert.deepEqual(keptFigures(storage), figures);
  assert.ok(KEY.startsWith("pcsp-"));
});

test("damaged or unreachable storage reads as no figures, and keeping says it could not", () => {
  const storage = memoryStorage();
  storage.setItem(KEY, "{not json");
  assert.equal(keptFigures(storage), null);
  storage.setItem(KEY, "[1, 2]");
  assert.equal(keptFigures(storage), null);
  const full = { getItem: () => null, setItem: () => { throw new DOMException("full", "QuotaExceededError"); } };
  assert.equal(keepFigures({ date: "2026-12-07" }, full), false);
  assert.equal(keptFigures(null), null);
});
