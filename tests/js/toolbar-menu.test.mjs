// The "More" menu's keys (toolbar-menu.js), as the ARIA menu button pattern has them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { indexStartingWith, nextIndex } from "../../pcsp_guide/static/assets/pcsp/toolbar-menu.js";

test("arrow keys move through the items and wrap at either end; Home and End jump", () => {
  assert.equal(nextIndex("ArrowDown", 0, 4), 1);
  assert.equal(nextIndex("ArrowDown", 3, 4), 0);
  assert.equal(nextIndex("ArrowUp", 0, 4), 3);
  assert.equal(nextIndex("ArrowUp", 2, 4), 1);
  assert.equal(nextIndex("Home", 2, 4), 0);
  assert.equal(nextIndex("End", 0, 4), 3);
  assert.equal(nextIndex("ArrowDown", -1, 4), 0); // nothing highlighted yet: the first
});

test("other keys, and an empty menu, move nothing", () => {
  assert.equal(nextIndex("Enter", 1, 4), null);
  assert.equal(nextIndex("a", 1, 4), null);
  assert.equal(nextIndex("ArrowDown", 0, 0), null);
});

test("a letter goes to the next item starting with it, after the current one, wrapping", () => {
  const words = ["New plan", "Open a file", "Make a protected copy", "Print my plan", "Print my card"];
  assert.equal(indexStartingWith(words, "p", 0), 3);
  assert.equal(indexStartingWith(words, "P", 3), 4);
  assert.equal(indexStartingWith(words, "p", 4), 3);
  assert.equal(indexStartingWith(words, "n", 1), 0);
  assert.equal(indexStartingWith(words, "z", 1), null);
});
