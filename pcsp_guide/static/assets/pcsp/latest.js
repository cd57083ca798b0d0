// "Check after typing stops, and draw only the newest answer": the one helper every
// tool uses for it (document-page.js re-exports it). No DOM, so Node can test it.

/**
 * Run `task` `delay` ms after the last schedule() call, and tell it whether it is
 * still the newest run, so an answer that arrives late is never drawn over a newer one.
 *   const check = latest(async (isLatest) => { const r = await ask(); if (isLatest()) draw(r); }, 200);
 *   check.schedule(); check.schedule(0); check.cancel();
 * `when()` (optional) gates runs: while it is false, schedule() does nothing.
 * A task that throws calls onError(error), for the newest run only.
 */
export function latest(task, delay, { when = () => true, onError = () => {} } = {}) {
  let timer = null;
  let runs = 0;
  function run() {
    timer = null;
    const mine = ++runs;
    const isLatest = () => mine === runs;
    Promise.resolve()
      .then(() => task(isLatest))
      .catch((error) => {
        if (isLatest()) onError(error);
      });
  }
  return {
    schedule(wait = delay) {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (when()) timer = setTimeout(run, wait);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      runs += 1; // a run already under way is no longer the newest
    },
    get pending() {
      return timer !== null;
    },
  };
}
