// Locking a document with a passphrase or a random key, in this browser only (WebCrypto).
//
// A protected file (schemas/protected.schema.json) and a link's fragment carry the same
// parts: AES-256-GCM with a random 96-bit IV; for a passphrase, a key from PBKDF2-HMAC-SHA256
// (built into every browser, so nothing is downloaded; OWASP's figure is 600,000 iterations).
// PBKDF2 makes 512 bits: the first 256 are the AES key; the SHA-256 of the second 256 is kept
// as "check". GCM alone cannot tell a wrong passphrase from a damaged file, and a person must
// be told which: a wrong passphrase fails the check, a damaged file passes it and fails GCM.
// The check tells an attacker nothing the ciphertext does not (each guess costs the same PBKDF2).
//
// Pure functions over bytes and strings; the page (protected.js) asks for passphrases.

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const SALT_BYTES = 16;
const IV_BYTES = 12;

export class WrongPassphrase extends Error {
  constructor(what = "file") {
    super(`That passphrase does not open this ${what}.`);
    this.name = "WrongPassphrase";
  }
}

export class Damaged extends Error {
  constructor(what = "file") {
    super(`This ${what} is damaged: it has been changed or cut short since it was made, so it cannot be opened.`);
    this.name = "Damaged";
  }
}

export function toBase64(bytes) {
  let binary = "";
  for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k += 1) bytes[k] = binary.charCodeAt(k);
  return bytes;
}

/** base64url without padding (RFC 4648 §5), which a URL carries as it is. */
export function toBase64Url(bytes) {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Damaged("link");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  try {
    return fromBase64(padded);
  } catch (error) {
    throw new Damaged("link"); // a length base64 cannot have: the link was cut short
  }
}

export function randomBytes(count) {
  return crypto.getRandomValues(new Uint8Array(count));
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** The AES key and the check value from a passphrase: {key, check (bytes)}. */
export async function passphraseKey(passphrase, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false,
    ["deriveBits"]);
  const bits = new Uint8Array(await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 512));
  const key = await crypto.subtle.importKey("raw", bits.slice(0, 32), "AES-GCM", false, ["encrypt", "decrypt"]);
  return { key, check: await sha256(bits.slice(32)) };
}

/** A key from a passphrase under a new salt, as protect() takes it again: {key, check, salt, iterations}. */
export async function newPassphraseKey(passphrase, iterations) {
  const salt = randomBytes(SALT_BYTES);
  return { ...await passphraseKey(passphrase, salt, iterations), salt, iterations };
}

export async function randomKey() {
  const raw = randomBytes(32);
  return { raw, key: await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]) };
}

export async function importRawKey(raw) {
  if (raw.length !== 32) throw new Damaged("link");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function encrypt(key, bytes) {
  const iv = randomBytes(IV_BYTES);
  return { iv, ciphertext: new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, tagLength: 128 }, key, bytes)) };
}

/** The plaintext, or Damaged when GCM's tag does not match. */
export async function decrypt(key, iv, ciphertext, what = "file") {
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv, tagLength: 128 }, key, ciphertext));
  } catch (error) {
    throw new Damaged(what);
  }
}

function sameBytes(a, b) {
  return a.length === b.length && a.every((byte, k) => byte === b[k]);
}

/**
 * A protected file's object for `text` (a document file as the tool saves it).
 * rules: {iterations, schema_version, $schema} from pcsp_core.documents.protection().
 * A passphrase already derived (reopened and saved again) can be passed as `derived`.
 */
export async function protect(text, passphrase, contains, rules, derived = null) {
  const { key, check, salt, iterations } = derived ?? await newPassphraseKey(passphrase, rules.iterations);
  const { iv, ciphertext } = await encrypt(key, encoder.encode(text));
  return {
    $schema: rules.$schema, kind: "protected", schema_version: rules.schema_version, contains,
    cipher: { name: "AES-GCM", key_bits: 256, iv: toBase64(iv), tag_bits: 128 },
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt: toBase64(salt), check: toBase64(check) },
    ciphertext: toBase64(ciphertext),
  };
}

/**
 * The text inside a protected file's object (checked by pcsp_core first), and what it takes to lock
 * it again with the same passphrase: {text, derived}. Throws WrongPassphrase or Damaged.
 */
export async function unprotect(envelope, passphrase) {
  const salt = fromBase64(envelope.kdf.salt);
  const iterations = envelope.kdf.iterations;
  const { key, check } = await passphraseKey(passphrase, salt, iterations);
  if (!sameBytes(check, fromBase64(envelope.kdf.check))) throw new WrongPassphrase();
  const plain = await decrypt(key, fromBase64(envelope.cipher.iv), fromBase64(envelope.ciphertext));
  let text;
  try {
    text = decoder.decode(plain);
  } catch (error) {
    throw new Damaged();
  }
  return { text, derived: { key, check, salt, iterations } };
}

/** How strong a passphrase looks, from its length and variety only (no list, nothing fetched). */
export function strength(passphrase) {
  const length = [...passphrase].length;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/, /\s/].filter((re) => re.test(passphrase)).length;
  const distinct = new Set(passphrase.toLowerCase()).size;
  if (length < 8 || distinct < 5) return { level: "weak", words: "Too short or too repetitive: anyone could guess it." };
  if (length >= 20 || (length >= 14 && kinds >= 2)) {
    return { level: "strong", words: "Strong: hard to guess. Keep it somewhere safe: without it nobody can open the file." };
  }
  if (length >= 12 || kinds >= 3) return { level: "fair", words: "Fair. A few more words would make it stronger." };
  return { level: "weak", words: "Weak: use a longer passphrase, such as four or more words you will remember." };
}

// --- links -------------------------------------------------------------------
// A link carries a document in its fragment, which browsers never send to a server:
//   #pcsp=1.k.<key>.<iv>.<ciphertext>                              (a random key, in the link)
//   #pcsp=1.p.<iterations>.<salt>.<check>.<iv>.<ciphertext>        (a passphrase, told separately)
// each part base64url; the plaintext is the document's file compressed with deflate-raw.

export const LINK_PREFIX = "#pcsp=";
export const LINK_VERSION = 1;

export class NewerLink extends Error {
  constructor(version) {
    super(`This link was made by a newer version of this guide (link format ${version}; this one reads up to ` +
      `${LINK_VERSION}). Open it once this guide has updated: reload the page while online.`);
    this.name = "NewerLink";
  }
}

async function through(stream, bytes) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export const deflate = (bytes) => through(new CompressionStream("deflate-raw"), bytes);

export async function inflate(bytes, what = "link") {
  try {
    return await through(new DecompressionStream("deflate-raw"), bytes);
  } catch (error) {
    throw new Damaged(what);
  }
}

/** The fragment for `text`: with a random key unless a passphrase is given. */
export async function makeFragment(text, { passphrase = null, iterations = 600000 } = {}) {
  const packed = await deflate(encoder.encode(text));
  if (passphrase === null) {
    const { raw, key } = await randomKey();
    const { iv, ciphertext } = await encrypt(key, packed);
    return `${LINK_PREFIX}${LINK_VERSION}.k.${[raw, iv, ciphertext].map(toBase64Url).join(".")}`;
  }
  const salt = randomBytes(SALT_BYTES);
  const { key, check } = await passphraseKey(passphrase, salt, iterations);
  const { iv, ciphertext } = await encrypt(key, packed);
  return `${LINK_PREFIX}${LINK_VERSION}.p.${iterations}.${[salt, check, iv, ciphertext].map(toBase64Url).join(".")}`;
}

/** What a fragment holds before it is opened: {mode: "key" | "passphrase"}, or throws Damaged / NewerLink. */
export function readFragment(fragment) {
  if (!fragment.startsWith(LINK_PREFIX)) throw new Damaged("link");
  const parts = fragment.slice(LINK_PREFIX.length).split(".");
  const version = Number(parts[0]);
  if (!Number.isInteger(version) || version < 1) throw new Damaged("link");
  if (version > LINK_VERSION) throw new NewerLink(version);
  if (parts[1] === "k" && parts.length === 5) return { mode: "key", parts: parts.slice(2) };
  if (parts[1] === "p" && parts.length === 7) {
    const iterations = Number(parts[2]);
    // The same bounds as a protected file's schema: never weaker than OWASP's figure, never minutes of work.
    if (!Number.isInteger(iterations) || iterations < 600000 || iterations > 10000000) throw new Damaged("link");
    return { mode: "passphrase", iterations, parts: parts.slice(3) };
  }
  throw new Damaged("link");
}

/** The text a fragment carries. Throws WrongPassphrase, Damaged("link") or NewerLink. */
export async function openFragment(fragment, passphrase = null) {
  const read = readFragment(fragment);
  let key;
  let rest;
  if (read.mode === "key") {
    const [raw, ...others] = read.parts.map(fromBase64Url);
    key = await importRawKey(raw);
    rest = others;
  } else {
    const [salt, check, ...others] = read.parts.map(fromBase64Url);
    const derived = await passphraseKey(passphrase ?? "", salt, read.iterations);
    if (!sameBytes(derived.check, check)) throw new WrongPassphrase("link");
    key = derived.key;
    rest = others;
  }
  const [iv, ciphertext] = rest;
  if (iv.length !== IV_BYTES) throw new Damaged("link");
  const packed = await decrypt(key, iv, ciphertext, "link");
  try {
    return decoder.decode(await inflate(packed));
  } catch (error) {
    throw new Damaged("link");
  }
}
