// latest(): check after typing stops, and draw only the newest answer.
import assert from "node:assert/strict";
import { test } from "node:test";

import { latest } from "../../pcsp_guide/static/assets/pcsp/latest.js";

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("many schedules close together run the task once", async () => {
  let runs = 0;
  const check = latest(() => { runs += 1; }, 5);
  check.schedule();
  check.schedule();
  check.schedule();
  assert.equal(check.pending, true);
  await pause(30);
  assert.equal(runs, 1);
  assert.equal(check.pending, false);
});

test("an answer that arrives after a newer run started is not the latest", async () => {
  const seen = [];
  let release;
  const first = new Promise((resolve) => { release = resolve; });
  let call = 0;
  const check = latest(async (isLatest) => {
    const mine = ++call;
    if (mine === 1) await first; // the first answer is slow
    seen.push([mine, isLatest()]);
  }, 0);
  check.schedule();
  await pause(10);
  check.schedule();
  await pause(10);
  release();
  await pause(10);
  assert.deepEqual(seen, [[2, true], [1, false]]);
});

test("an error reaches onError only from the newest run", async () => {
  const errors = [];
  let call = 0;
  let release;
  const slow = new Promise((resolve) => { release = resolve; });
  const check = latest(async () => {
    const mine = ++call;
    if (mine === 1) {
      await slow;
      throw new Error("old");
    }
    throw new Error("new");
  }, 0, { onError: (error) => errors.push(error.message) });
  check.schedule();
  await pause(10);
  check.schedule();
  await pause(10);
  release();
  await pause(10);
  assert.deepEqual(errors, ["new"]);
});

test("while when() is false nothing is scheduled, and cancel stops a pending run", async () => {
  let open = false;
  let runs = 0;
  const check = latest(() => { runs += 1; }, 0, { when: () => open });
  check.schedule();
  await pause(10);
  assert.equal(runs, 0);
  open = true;
  check.schedule(5);
  check.cancel();
  await pause(20);
  assert.equal(runs, 0);
  check.schedule(0);
  await pause(10);
  assert.equal(runs, 1);
});

test("cancel makes a run already under way stale", async () => {
  let release;
  const slow = new Promise((resolve) => { release = resolve; });
  let fresh;
  const check = latest(async (isLatest) => {
    await slow;
    fresh = isLatest();
  }, 0);
  check.schedule();
  await pause(10);
  check.cancel();
  release();
  await pause(10);
  assert.equal(fresh, false);
});
