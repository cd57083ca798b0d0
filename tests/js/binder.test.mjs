// JSON Pointers as binder.js reads them (RFC 6901): the paths every control writes to.
import assert from "node:assert/strict";
import { test } from "node:test";

import { getAt, parts } from "../../pcsp_guide/static/assets/pcsp/binder.js";

test("a pointer splits into its parts, with ~1 and ~0 unescaped in that order", () => {
  assert.deepEqual(parts(""), []);
  assert.deepEqual(parts("/outcomes/0/in_my_words"), ["outcomes", "0", "in_my_words"]);
  assert.deepEqual(parts("/a~1b/c~0d/~01"), ["a/b", "c~d", "~1"]);
  assert.deepEqual(parts("/"), [""]);
});

test("getAt reads objects and lists, and is undefined past a missing or scalar step", () => {
  const doc = { outcomes: [{ in_my_words: "I walk" }], "a/b": { "c~d": 1 }, n: null, s: "text" };
  assert.equal(getAt(doc, "/outcomes/0/in_my_words"), "I walk");
  assert.equal(getAt(doc, "/a~1b/c~0d"), 1);
  assert.equal(getAt(doc, ""), doc);
  assert.equal(getAt(doc, "/outcomes/1/in_my_words"), undefined);
  assert.equal(getAt(doc, "/n/x"), undefined);
  assert.equal(getAt(doc, "/s/length"), undefined);
});

test("setAt writes at a pointer, making the lists and objects on the way", async () => {
  const { setAt } = await import("../../pcsp_guide/static/assets/pcsp/binder.js");
  const doc = { outcomes: [{ in_my_words: "old" }] };
  setAt(doc, "/outcomes/0/in_my_words", "new");
  setAt(doc, "/about_me/what_is_important_to_me/0/text", "Tea");
  assert.deepEqual(doc, { outcomes: [{ in_my_words: "new" }], about_me: { what_is_important_to_me: [{ text: "Tea" }] } });
  setAt(doc, "/outcomes/0/in_my_words", undefined);
  assert.deepEqual(doc.outcomes[0], {});
});

test("changedFromMarkup: typed words, a new choice, a tick, a picked option; not a choice let go", async () => {
  const { changedFromMarkup } = await import("../../pcsp_guide/static/assets/pcsp/binder.js");
  assert.equal(changedFromMarkup({ type: "text", value: "Ann", defaultValue: "" }), true);
  assert.equal(changedFromMarkup({ type: "text", value: "", defaultValue: "" }), false);
  assert.equal(changedFromMarkup({ tagName: "TEXTAREA", type: "textarea", value: "x", defaultValue: "x" }), false);
  assert.equal(changedFromMarkup({ type: "radio", checked: true, defaultChecked: false }), true);
  assert.equal(changedFromMarkup({ type: "radio", checked: false, defaultChecked: true }), false);
  assert.equal(changedFromMarkup({ type: "checkbox", checked: true, defaultChecked: false }), true);
  assert.equal(changedFromMarkup({ type: "checkbox", checked: false, defaultChecked: true }), true);
  const select = (selectedIndex, ...marked) => ({ tagName: "SELECT", selectedIndex,
    options: marked.map((defaultSelected) => ({ defaultSelected })) });
  assert.equal(changedFromMarkup(select(1, true, false)), true);
  assert.equal(changedFromMarkup(select(0, true, false)), false);
  assert.equal(changedFromMarkup(select(0, false, false)), false); // none marked: the first shows, unchosen
  assert.equal(changedFromMarkup(select(2, false, false, false)), true);
});
