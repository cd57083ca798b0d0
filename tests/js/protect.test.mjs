// Locking and unlocking (protect.js) with Node's own WebCrypto: the same API as the browser's.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  Damaged, NewerLink, WrongPassphrase, deflate, fromBase64, makeFragment, openFragment, protect, readFragment, strength,
  toBase64, unprotect,
} from "../../pcsp_guide/static/assets/pcsp/protect.js";

const RULES = { iterations: 600000, schema_version: 1, $schema: "https://pcsp.invalid/schemas/protected.schema.json" };
const TEXT = '{\n  "kind": "plan",\n  "person": {"name": "Zoë <b>&amp;</b> “Ann”"}\n}\n';

test("a protected file opens with its passphrase to the very text locked in it", async () => {
  const envelope = await protect(TEXT, "correct horse battery staple", "plan", RULES);
  assert.equal(envelope.kind, "protected");
  assert.equal(envelope.contains, "plan");
  assert.equal(envelope.kdf.iterations, 600000);
  assert.equal(fromBase64(envelope.cipher.iv).length, 12);
  assert.ok(!JSON.stringify(envelope).includes("Zoë"));
  const opened = await unprotect(envelope, "correct horse battery staple");
  assert.equal(opened.text, TEXT);
  // Saved again with what opening it gave: the same passphrase opens the new copy, with a new IV.
  const again = await protect(TEXT + " ", null, "plan", RULES, opened.derived);
  assert.notEqual(again.cipher.iv, envelope.cipher.iv);
  assert.equal((await unprotect(again, "correct horse battery staple")).text, TEXT + " ");
});

test("a wrong passphrase and a damaged file are told apart", async () => {
  const envelope = await protect(TEXT, "correct horse battery staple", "plan", RULES);
  await assert.rejects(unprotect(envelope, "correct horse battery stapler"), WrongPassphrase);
  const bytes = fromBase64(envelope.ciphertext);
  bytes[3] ^= 1;
  await assert.rejects(unprotect({ ...envelope, ciphertext: toBase64(bytes) }, "correct horse battery staple"), Damaged);
});

test("a link opens to its text, with the key in it or with a passphrase", async () => {
  const keyed = await makeFragment(TEXT);
  assert.match(keyed, /^#pcsp=1\.k\.[A-Za-z0-9_.-]+$/);
  // Encrypted, not merely compressed and encoded. (This once looked for two letters of the name,
  // which random ciphertext holds now and then.)
  const unlocked = Buffer.from(await deflate(new TextEncoder().encode(TEXT))).toString("base64url");
  assert.ok(!keyed.includes(unlocked.slice(0, 16)));
  assert.equal(await openFragment(keyed), TEXT);
  const locked = await makeFragment(TEXT, { passphrase: "purple elephants dance" });
  assert.equal(readFragment(locked).mode, "passphrase");
  assert.equal(await openFragment(locked, "purple elephants dance"), TEXT);
  await assert.rejects(openFragment(locked, "purple elephant dance"), WrongPassphrase);
});

test("a link cut short, altered or from a newer format is refused in words", async () => {
  const keyed = await makeFragment(TEXT);
  await assert.rejects(openFragment(keyed.slice(0, -5)), Damaged);
  await assert.rejects(openFragment(keyed.slice(0, 40)), Damaged);
  const last = keyed.at(-3) === "A" ? "B" : "A";
  await assert.rejects(openFragment(keyed.slice(0, -3) + last + keyed.slice(-2)), Damaged);
  await assert.rejects(openFragment(keyed.replace("#pcsp=1.", "#pcsp=2.")), NewerLink);
  await assert.rejects(openFragment("#pcsp=1.p.1000.AAAA.AAAA.AAAA.AAAA"), Damaged); // a weak key is not taken
  await assert.rejects(openFragment("#pcsp=1.k.!!!.AAAA.AAAA"), Damaged);
});

test("the strength hint goes by length and variety", () => {
  assert.equal(strength("aaaaaaaaaaaa").level, "weak");
  assert.equal(strength("cat").level, "weak");
  assert.equal(strength("Tulips2024!").level, "fair");
  assert.equal(strength("purple elephants dance slowly").level, "strong");
});
