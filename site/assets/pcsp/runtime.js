// The page's handle on Python: one Web Worker per tab, started on first need,
// kept across Material's instant navigation (the document, and so this module,
// survive it). Calls queue until Python is ready; each returns a promise.

const STALLED_MS = 45000;

function createRuntime() {
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let current = { state: "loading", detail: "Getting ready" };
  let worker = null;

  function setState(state, detail) {
    current = { state, detail };
    for (const listener of listeners) listener(current);
  }

  function fail(reason) {
    setState("failed", reason);
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
  }

  function start() {
    if (worker) return worker;
    if (location.protocol === "file:") {
      worker = {};
      queueMicrotask(() => fail("The checks need the site to be served over http(s), not opened as a file. " +
        "Run “python build.py serve” and open the address it prints."));
      return worker;
    }
    try {
      (window.__pcspStartup ??= []).push({ state: "worker", detail: "Worker created", at: performance.now() });
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      worker = {};
      queueMicrotask(() => fail(`This browser could not start the checks (${error.message}).`));
      return worker;
    }
    const stalled = setTimeout(() => {
      if (current.state === "loading") setState("loading", "Still getting ready: this can take a while the first time");
    }, STALLED_MS);
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "state") {
        (window.__pcspStartup ??= []).push({ state: data.state, detail: data.detail, at: data.at - performance.timeOrigin });
        if (data.state !== "loading") clearTimeout(stalled);
        if (data.state === "failed") fail(data.detail);
        else setState(data.state, data.detail);
      } else if (data.type === "reply") {
        const call = pending.get(data.id);
        if (!call) return;
        pending.delete(data.id);
        const answer = JSON.parse(data.json);
        if (answer.ok) call.resolve(answer.result);
        else call.reject(new Error(answer.error));
      } else if (data.type === "output") {
        console.debug(`[python ${data.stream}]`, data.text);
      }
    });
    // A worker script that cannot load (missing file, blocked module) fires "error", not a message.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      clearTimeout(stalled);
      fail("The checks could not start: a file of this site is missing or blocked. Reload the page.");
    });
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
    /** Call listener now and on every change; returns a function that stops it. */
    onState(listener) {
      start();
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
    /** Call a pcsp_core function (see pcsp_core/bridge.py) with JSON-able arguments. */
    call(name, ...args) {
      start();
      if (current.state === "failed") return Promise.reject(new Error(current.detail));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, name, args: JSON.stringify(args) });
      });
    },
  };
}

/** The tab's one runtime. */
export function runtime() {
  window.__pcspRuntime ??= createRuntime();
  return window.__pcspRuntime;
}
