// The Python side of the page: a module Web Worker that starts Pyodide, loads
// pcsp_core from this site, and answers calls. Everything crossing to the page is
// a JSON string, so no Python object (or None turned into undefined) leaks out.
//
// Messages in:  {id, name, args}        args: a JSON string of the argument list
// Messages out: {type: "state", state: "loading" | "ready" | "failed", detail}
//               {type: "reply", id, json}   json: {"ok": true, "result"} or {"ok": false, "error"}
//               {type: "crashed", detail}   Pyodide itself failed: no later call can be answered
//               {type: "output", stream: "stdout" | "stderr", text}

import { siteUrl } from "./site-root.js";

const PYODIDE = siteUrl("pyodide/");

function state(value, detail) {
  // `at` (epoch ms) lets the page and bench/startup.py see where start-up time goes.
  postMessage({ type: "state", state: value, detail, at: performance.timeOrigin + performance.now() });
}

async function start() {
  state("loading", "Starting Python");
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(`${PYODIDE}pyodide.mjs`));
  } catch (error) {
    throw new Error(`The Python runtime could not be loaded from this site (${error.message}).`);
  }
  const pyodide = await loadPyodide({
    // Pyodide's own start-up, then the four wheels named in our lock file.
    indexURL: PYODIDE,
    packages: ["pcsp-core"],
    stdout: (text) => postMessage({ type: "output", stream: "stdout", text }),
    stderr: (text) => postMessage({ type: "output", stream: "stderr", text }),
  });
  state("loading", "Loading the checks");
  // loadPackage reports a missing wheel on stderr and carries on, so the import is the real test.
  try {
    return pyodide.pyimport("pcsp_core.bridge").call;
  } catch (error) {
    throw new Error("The checks (pcsp_core) could not be loaded: a file of this site may be missing. " +
      "Reload the page; if it keeps happening, the site needs rebuilding.");
  }
}

const ready = start().then(
  (call) => {
    state("ready", "Ready");
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
