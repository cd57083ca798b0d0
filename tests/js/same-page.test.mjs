// Which links only move the view on the page already open (same-page.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { samePageHash } from "../../pcsp_guide/static/assets/pcsp/same-page.js";

const HERE = "http://127.0.0.1:8000/team/self-assessment/#top";

test("a fragment of this page is a jump within it", () => {
  assert.equal(samePageHash("#summary", HERE), "#summary");
  assert.equal(samePageHash("http://127.0.0.1:8000/team/self-assessment/#summary", HERE), "#summary");
  assert.equal(samePageHash("./#summary", HERE), "#summary");
  assert.equal(samePageHash("#", HERE), "#");
  assert.equal(samePageHash("#caf%C3%A9", HERE), "#caf%C3%A9");
});

test("another page, another origin, another query, or no fragment is not", () => {
  assert.equal(samePageHash("../together/#top", HERE), null);
  assert.equal(samePageHash("http://127.0.0.1:8001/team/self-assessment/#summary", HERE), null);
  assert.equal(samePageHash("?print=1#summary", HERE), null);
  assert.equal(samePageHash("http://127.0.0.1:8000/team/self-assessment/", HERE), null);
  assert.equal(samePageHash("http://[bad", HERE), null);
});
