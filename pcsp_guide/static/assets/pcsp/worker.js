// The Python side of the page: a module Web Worker that starts Pyodide, loads
// pcsp_core from this site, and answers calls. Everything crossing to the page is
// a JSON string, so no Python object (or None turned into undefined) leaks out.
//
// Messages in:  {id, name, args}        args: a JSON string of the argument list
// Messages out: {type: "state", state: "loading" | "ready" | "failed", detail}
//               {type: "reply", id, json}   json: {"ok": true, "result"} or {"ok": false, "error"}
//               {type: "crashed", detail}   Pyodide itself failed: no later call can be answered
//               {type: "output", stream: "stdout" | "stderr", text}
//               {type: "snapshot", stored}  whether the start-up snapshot made this visit was kept

import { keepSnapshot, savedSnapshot, sha256, SNAPSHOTS } from "./python-snapshot.js";
import { siteUrl } from "./site-root.js";

const PYODIDE = siteUrl("pyodide/");

function state(value, detail, extra = {}) {
  // `at` (epoch ms) lets the page and bench/startup.py see where start-up time goes.
  postMessage({ type: "state", state: value, detail, at: performance.timeOrigin + performance.now(), ...extra });
}

// A memory snapshot of Python with pcsp_core loaded, kept in Cache Storage, lets a return visit
// skip Pyodide's start-up and every import. It is made before the worker answers any call, so it
// holds the program and never a person's words. It is keyed by Pyodide's version and a hash of
// the lock (which names every wheel by its sha256), so another build's snapshot is never used.
// Pyodide's snapshot API is underscore-prefixed: pinned with Pyodide, and tests/browser checks it.

// Imported before the snapshot: what the pages call as they open, and the framework data, parsed.
// Pyodide 314 restores a snapshot only into its initial 30 MiB of memory, so what pages call
// later (exports, the reader view, the calendar) is imported on first use, from the wheels
// unpacked beside the snapshot; fresh() makes no snapshot once memory has grown past that.
const WARM = `
import importlib, jsonschema
from pcsp_core import bridge, resources
for name in ("criteria", "documents", "outcomes", "review", "maturity", "implementation"):
    importlib.import_module("pcsp_core." + name)
for name in ("criteria", "maturity", "year_of_care", "tlap", "outcome_examples"):
    resources.framework(name)
for kind in ("plan", "self-assessment", "implementation-checklist"):
    resources.schema(kind)
`;

const streams = {
  stdout: (text) => postMessage({ type: "output", stream: "stdout", text }),
  stderr: (text) => postMessage({ type: "output", stream: "stderr", text }),
};

async function lockBytes() {
  const response = await fetch(`${PYODIDE}pyodide-lock.json`);
  if (!response.ok) throw new Error(`the lock file could not be loaded (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The lock, and the snapshot's address in Cache Storage for this build and this Pyodide. */
async function readLock(version, bytes) {
  const lock = JSON.parse(new TextDecoder().decode(bytes));
  const key = `${PYODIDE}snapshot/${version}-${(await sha256(bytes)).slice(0, 16)}`;
  return { lock, key };
}

/** Each wheel the lock names, fetched and checked against its sha256, dependencies first. */
async function fetchWheels(lock) {
  const order = [];
  const visit = (name) => {
    const entry = lock.packages[name];
    if (!entry || order.includes(entry)) return;
    entry.depends.forEach(visit);
    order.push(entry);
  };
  Object.keys(lock.packages).forEach(visit);
  return Promise.all(order.map(async (entry) => {
    const response = await fetch(`${PYODIDE}${entry.file_name}`);
    if (!response.ok) throw new Error(`${entry.file_name} could not be loaded (${response.status})`);
    const bytes = await response.arrayBuffer();
    if ((await sha256(bytes)) !== entry.sha256) throw new Error(`${entry.file_name} is not the file its lock names`);
    return bytes;
  }));
}

function unpack(pyodide, wheels) {
  wheels.forEach((bytes) => pyodide.unpackArchive(bytes, "wheel"));
}

async function fromSnapshot(loadPyodide, lock, { bytes, whole }) {
  const wheels = fetchWheels(lock); // meanwhile
  const pyodide = await loadPyodide({ indexURL: PYODIDE, _loadSnapshot: bytes, ...streams });
  if (!(await whole)) throw new Error("the snapshot was cut short or damaged"); // not one call answered from it
  // The snapshot holds Python's memory, not its files: put the wheels back for anything read later.
  unpack(pyodide, await wheels);
  return pyodide.pyimport("pcsp_core.bridge").call;
}

async function fresh(loadPyodide, lock) {
  const wheels = fetchWheels(lock); // meanwhile
  const pyodide = await loadPyodide({ indexURL: PYODIDE, _makeSnapshot: true, ...streams });
  const memory = () => pyodide._module?.HEAP8?.length ?? Infinity; // unknown: no snapshot
  const initialMemory = memory();
  state("loading", "Loading the checks");
  unpack(pyodide, await wheels);
  pyodide.runPython(WARM);
  let snapshot = null;
  try {
    // Before any call is answered: the program only. Not once memory has grown: it would not restore.
    if (memory() <= initialMemory && initialMemory !== Infinity) snapshot = pyodide.makeMemorySnapshot();
  } catch (error) {
    snapshot = null; // the API refused (it changed, or a reference is held): no snapshot, no harm
  }
  const call = pyodide.pyimport("pcsp_core.bridge").call;
  return { call, snapshot };
}

async function start() {
  state("loading", "Starting Python");
  const lockRead = lockBytes(); // meanwhile
  lockRead.catch(() => {}); // its failure is reported below, after the runtime's own
  let loadPyodide;
  let version;
  try {
    ({ loadPyodide, version } = await import(`${PYODIDE}pyodide.mjs`));
  } catch (error) {
    throw new Error(`The Python runtime could not be loaded from this site (${error.message}).`);
  }
  let lock;
  let key;
  try {
    ({ lock, key } = await readLock(version, await lockRead));
  } catch (error) {
    throw new Error(`The checks could not be loaded: ${error.message}. Reload the page; if it keeps happening, ` +
      "the site needs rebuilding.");
  }
  const saved = await savedSnapshot(key);
  if (saved) {
    try {
      return { call: await fromSnapshot(loadPyodide, lock, saved), snapshot: "used" };
    } catch (error) {
      await caches.delete(SNAPSHOTS).catch(() => {}); // unusable: forget it, start as normal, make a new one
    }
  }
  let made;
  try {
    made = await fresh(loadPyodide, lock);
  } catch (error) {
    throw new Error("The checks (pcsp_core) could not be loaded: a file of this site may be missing " +
      `(${error.message}). Reload the page; if it keeps happening, the site needs rebuilding.`);
  }
  const kept = made.snapshot ? keepSnapshot(key, made.snapshot) : Promise.resolve(false);
  return { call: made.call, snapshot: made.snapshot ? "made" : "none", kept };
}

const ready = start().then(
  ({ call, snapshot, kept }) => {
    // snapshot: "used", "made" or "none" (for bench/startup.py and the tests; the page ignores it)
    state("ready", "Ready", { snapshot });
    kept?.then((stored) => postMessage({ type: "snapshot", stored }));
    return call;
  },
  (error) => {
    state("failed", error && error.message ? error.message : String(error));
    return null;
  },
);

let crashed = false;

onmessage = async ({ data }) => {
  const call = await ready;
  if (call === null || crashed) {
    postMessage({ type: "reply", id: data.id,
      json: JSON.stringify({ ok: false, error: "The checks are not available." }) });
    return;
  }
  let json;
  try {
    json = call(data.name, data.args);
  } catch (error) {
    // bridge.call turns every Python error into an answer, so a throw here is Pyodide
    // itself failing (a fatal error such as a stack overflow): the page starts a new worker.
    crashed = true;
    postMessage({ type: "crashed", detail: error && error.message ? error.message.split("\n")[0] : String(error) });
    return;
  }
  postMessage({ type: "reply", id: data.id, json });
};
