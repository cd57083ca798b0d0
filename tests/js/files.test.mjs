// What the browser does before Python sees a file (files.js): UTF-8 or base64, and the size message.
import assert from "node:assert/strict";
import { test } from "node:test";

import { tooLargeMessage, upload } from "../../pcsp_guide/static/assets/pcsp/files.js";

test("UTF-8 goes as text, without its byte-order mark", () => {
  const bytes = new TextEncoder().encode('{"name": "Zoë"}');
  assert.deepEqual(upload("a.json", bytes), { name: "a.json", text: '{"name": "Zoë"}' });
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
  assert.deepEqual(upload("b.json", withBom), { name: "b.json", text: '{"name": "Zoë"}' });
});

test("bytes that are not UTF-8 go as base64 of exactly those bytes, never as text with �", () => {
  const latin1 = new Uint8Array([0x7b, 0x22, 0x5a, 0x6f, 0xeb, 0x22, 0x7d]); // {"Zoë"} in Latin-1
  const sent = upload("c.json", latin1);
  assert.equal(sent.text, undefined);
  assert.deepEqual([...Buffer.from(sent.base64, "base64")], [...latin1]);
  const big = new Uint8Array(200_000).fill(0xff); // longer than one chunk of the encoder
  assert.equal(Buffer.from(upload("d.json", big).base64, "base64").length, 200_000);
});

test("the size message fills in the file's size from pcsp_core's words", () => {
  const rules = { max_bytes: 5 * 1024 * 1024, too_large: "The file is {size} MB; never larger than 5 MB." };
  assert.equal(tooLargeMessage(rules, 6 * 1024 * 1024), "The file is 6.0 MB; never larger than 5 MB.");
});
