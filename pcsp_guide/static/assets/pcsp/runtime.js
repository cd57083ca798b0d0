// The page's handle on Python: one Web Worker per tab, started on first need,
// kept across Material's instant navigation (the document, and so this module,
// survive it). Calls queue until Python is ready; each returns a promise that
// always settles: with the answer, or with an Error whose message a person can read.
//
// Python can fail in ways no answer reports: the worker's script does not load,
// Pyodide suffers a fatal error (after which every call would hang), or a call
// never comes back. Each becomes the state "failed" with a reason, every waiting
// call is rejected, and a fresh worker is started, so the next check works.

const STALLED_MS = 45000;
// No check takes more than a second or two; one that has not answered in this
// long is stuck, and only a new worker frees it. Counted from when Python is
// ready, so a slow first download is never mistaken for a stuck call.
const CALL_TIMEOUT_MS = 30000;
// After a failure, start again after these pauses; past the last, wait for the next call.
const RESTART_AFTER_MS = [500, 3000, 15000];

// The worker holds every plan, so it must run under the page's Content-Security-Policy.
// A worker loaded from its own URL gets only what the server's headers say (a static
// host sends none, and a <meta> policy does not reach it); a worker made from a blob:
// URL inherits the page's policy. So the worker is a one-line blob module that imports
// worker.js (CSP: worker-src 'self' blob:). worker.js itself is served, cached and
// checked like any other file of the site.
let shim = null;
function workerShim() {
  const real = new URL("./worker.js", import.meta.url).href;
  shim ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(real)};\n`], { type: "text/javascript" }));
  return shim;
}

function createRuntime() {
  const listeners = new Set();
  const pending = new Map(); // id → {resolve, reject, timer}
  let nextId = 1;
  let current = { state: "loading", detail: "Getting ready" };
  let worker = null;
  let stalled = 0;
  let failures = 0; // in a row, since Python was last ready
  let restartTimer = 0;
  let callTimeoutMs = CALL_TIMEOUT_MS;

  function setState(state, detail) {
    current = { state, detail };
    for (const listener of listeners) listener(current);
  }

  function armTimer(id, call) {
    call.timer = setTimeout(() => fail(`A check did not answer within ${Math.round(callTimeoutMs / 1000)} ` +
      "seconds, so the checks were stopped."), callTimeoutMs);
    pending.set(id, call);
  }

  /** Python is gone: say why, settle every waiting call, and start a new worker soon. */
  function fail(reason) {
    clearTimeout(stalled);
    if (worker?.terminate) worker.terminate();
    worker = null;
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) {
      clearTimeout(call.timer);
      call.reject(new Error(reason));
    }
    const pause = RESTART_AFTER_MS[failures];
    failures += 1;
    setState("failed", pause === undefined ? reason
      : `${reason} They are starting again; nothing you have written is lost.`);
    clearTimeout(restartTimer);
    if (pause !== undefined && location.protocol !== "file:") restartTimer = setTimeout(start, pause);
  }

  function onMessage({ data }) {
    if (data.type === "state") {
      // Where start-up time went, and whether Python started from a snapshot (tests and bench/startup.py).
      (window.__pcspStartup ??= []).push({ state: data.state, detail: data.detail, at: data.at - performance.timeOrigin,
        snapshot: data.snapshot });
      if (data.state !== "loading") clearTimeout(stalled);
      if (data.state === "failed") {
        fail(data.detail);
      } else {
        if (data.state === "ready") {
          failures = 0;
          for (const [id, call] of pending) if (!call.timer) armTimer(id, call);
        }
        setState(data.state, data.detail);
      }
    } else if (data.type === "crashed") {
      fail(`The checks stopped working (${data.detail}).`);
    } else if (data.type === "reply") {
      const call = pending.get(data.id);
      if (!call) return;
      pending.delete(data.id);
      clearTimeout(call.timer);
      let answer;
      try {
        answer = JSON.parse(data.json);
      } catch (error) {
        call.reject(new Error("The checks gave an answer this page could not read."));
        return;
      }
      if (answer.ok) call.resolve(answer.result);
      else call.reject(new Error(answer.error));
    } else if (data.type === "snapshot") {
      (window.__pcspStartup ??= []).push({ stored: data.stored });
    } else if (data.type === "output") {
      console.debug(`[python ${data.stream}]`, data.text);
    }
  }

  function start() {
    clearTimeout(restartTimer);
    if (worker) return worker;
    if (location.protocol === "file:") {
      queueMicrotask(() => fail("The checks need the site to be served over http(s), not opened as a file. " +
        "Serve it (for example with “mkdocs serve”) and open the address that prints."));
      return null;
    }
    if (current.state !== "loading") setState("loading", "Starting the checks");
    try {
      (window.__pcspStartup ??= []).push({ state: "worker", detail: "Worker created", at: performance.now() });
      worker = new Worker(workerShim(), { type: "module" });
    } catch (error) {
      queueMicrotask(() => fail(`This browser could not start the checks (${error.message}).`));
      return null;
    }
    stalled = setTimeout(() => {
      if (current.state === "loading") setState("loading", "Still getting ready: this can take a while the first time");
    }, STALLED_MS);
    worker.addEventListener("message", onMessage);
    // A script that cannot load (missing file, blocked module) or dies fires "error", not a message.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail("The checks could not run: a file of this site is missing or blocked, or the browser stopped them.");
    });
    worker.addEventListener("messageerror", () => fail("The checks sent a message this page could not read."));
    return worker;
  }

  return {
    /** Start Python now rather than on the first call (pages with a live tool do). */
    start() {
      start();
    },
    /** The current {state, detail}; state is "loading", "ready" or "failed". */
    get state() {
      return current;
    },
    /** How long a call may take once Python is ready (tests shorten it). */
    set callTimeoutMs(ms) {
      callTimeoutMs = ms;
    },
    /** Call listener now and on every change; returns a function that stops it. */
    onState(listener) {
      start();
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
    /** Call a pcsp_core function (see pcsp_core/bridge.py) with JSON-able arguments. */
    call(name, ...args) {
      const running = start();
      if (!running) return Promise.reject(new Error(current.detail));
      const id = nextId++;
      let json;
      try {
        json = JSON.stringify(args);
      } catch (error) {
        return Promise.reject(new Error(`This could not be sent to the checks (${error.message}).`));
      }
      return new Promise((resolve, reject) => {
        const call = { resolve, reject, timer: 0 };
        if (current.state === "ready") armTimer(id, call);
        else pending.set(id, call);
        running.postMessage({ id, name, args: json });
      });
    },
  };
}

/** The tab's one runtime. */
export function runtime() {
  window.__pcspRuntime ??= createRuntime();
  return window.__pcspRuntime;
}
