// A baseline and a follow-up of the same scope, compared: each foundation's
// average level and every enabler, as charts with the same numbers in tables,
// and what went up or down. pcsp_core.maturity.compare does the sums.
//
// The two files can be chosen one at a time, each in its own picker, or together
// (chosen at once, or dropped on the page): then pcsp_core.maturity.pair_by_follows
// says which is which, from the baseline a follow-up names in `follows`, and the
// page fills both pickers as if the person had.

import { readMatrix } from "./assessment.js";
import { barChart, legend } from "./charts.js";
import { fileRules, readUploads, whenFilesDropped } from "./files.js";
import { runtime } from "./runtime.js";
import { el, fetchAsFile, messenger, number, table } from "./ui.js";

const SERIES = [{ name: "Baseline", className: "pcsp-chart__bar--before" }, { name: "Follow-up", className: "" }];
const ROLES = ["baseline", "follow-up"];

function change(value) {
  if (value === null || value === undefined) return "–";
  if (value === 0) return "No change";
  return value > 0 ? `Up ${value}` : `Down ${-value}`;
}

export function mount(root) {
  const python = runtime();
  const rules = fileRules(root);
  const { matrix, enablers, foundationOf, words } = readMatrix(root);
  const say = messenger(root.querySelector("[data-pcsp-messages]"));
  const results = root.querySelector("[data-pcsp-results]");
  const inputs = { baseline: root.querySelector("[data-pcsp-file=baseline]"),
    "follow-up": root.querySelector("[data-pcsp-file=follow-up]") };
  const opened = {}; // role → {name, document, file}, for the files that opened

  /** Open each file as a self-assessment: [{name, document, file}], or null once the problem is said.
   * `role` names the picker they came from; null for files chosen together. */
  async function openFiles(fileList, role) {
    const { uploads, problems } = await readUploads(fileList, rules);
    if (problems.length) {
      say("error", `${role ? `The ${role}` : `${problems.length} of the ${fileList.length} files`} cannot be ` +
        "used. Nothing on this page has changed.", problems);
      return null;
    }
    const found = [];
    for (const [k, read] of uploads.entries()) { // no problems: uploads[k] is fileList[k]
      let answer;
      try {
        answer = await python.call("open_upload", read, "self-assessment");
      } catch (error) {
        say("error", `“${read.name}” could not be checked (${error.message}). Nothing on this page has changed.`);
        return null;
      }
      if (!answer.valid) {
        say("error", `“${read.name}” cannot be used${role ? ` as the ${role}` : ""}. Nothing on this page has ` +
          "changed.", answer.errors);
        return null;
      }
      found.push({ name: read.name, document: answer.document, file: fileList[k] });
    }
    return found;
  }

  /** Show `file` in the picker for `role`, as if the person had chosen it there. */
  function fillPicker(role, file) {
    if (inputs[role].files[0] === file) return;
    try {
      const list = new DataTransfer();
      list.items.add(file);
      inputs[role].files = list.files;
    } catch (error) {
      // A browser that cannot fill a file input: the line above the charts names both files.
    }
  }

  /** Compare `pair` ({baseline, "follow-up"}); only once it is compared is it the pair on screen. */
  async function compareOpened(pair, intro = "", notes = []) {
    const listed = notes.map((message) => ({ message }));
    if (!pair.baseline || !pair["follow-up"]) {
      const [have, want] = pair.baseline ? ROLES : [...ROLES].reverse();
      say("ok", intro || `Opened the ${have}. Now choose the ${want}.`, listed);
      return;
    }
    let result;
    try {
      result = await python.call("compare", pair.baseline.document, pair["follow-up"].document);
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
      return;
    }
    for (const role of ROLES) {
      opened[role] = pair[role];
      fillPicker(role, pair[role].file);
    }
    draw(result);
    const backwards = result.baseline_date && result.follow_up_date && result.follow_up_date < result.baseline_date;
    say("ok", `${intro || `Compared “${opened.baseline.name}” with “${opened["follow-up"].name}”.`}` +
      `${backwards ? " Note: the follow-up is dated before the baseline; check they are the right way round." : ""}`,
    listed);
  }

  /** Files chosen or dropped together: pcsp_core says which is the baseline and which the follow-up. */
  async function openTogether(fileList) {
    if (!fileList.length) return;
    const found = await openFiles(fileList, null);
    if (!found) return;
    // One file while one half of the pair waits (opened alone before, or in its picker): the other half.
    const waiting = Boolean(opened.baseline) !== Boolean(opened["follow-up"]);
    const files = found.length === 1 && waiting ? [...found, opened.baseline ?? opened["follow-up"]] : found;
    let pair;
    try {
      pair = await python.call("pair_by_follows", files.map(({ name, document }) => ({ name, document })));
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
      return;
    }
    if (pair.ok) {
      await compareOpened({ baseline: files[pair.baseline], "follow-up": files[pair.follow_up] }, pair.message,
        pair.notes);
    } else if (files.length === 1) {
      // One file alone starts a new pair: it waits in the one role it can have, the message says
      // what to add, and no earlier file or comparison stays on screen to be taken for its pair.
      const role = pair.follow_up === 0 ? "follow-up" : "baseline";
      for (const other of ROLES) {
        delete opened[other];
        if (other !== role) inputs[other].value = "";
      }
      results.hidden = true;
      opened[role] = files[0];
      fillPicker(role, files[0].file);
      await compareOpened(opened, pair.message);
    } else {
      say("error", `${pair.message} Nothing on this page has changed.`);
    }
  }

  /** What the two assessments' plan figures say, side by side (pcsp_core.evidence.compare_evidence). */
  function drawPlanFigures(evidence) {
    const box = root.querySelector("[data-pcsp-plan-figures]");
    box.hidden = !evidence;
    if (!evidence) return;
    const body = box.querySelector("[data-pcsp-plan-figures-body]");
    const about = (side, role) => (!side ? `the ${role} carries none`
      : side.problem ? `the ${role}'s are left out. ${side.problem}`
        : `the ${role}'s from ${number(side.plans)} plans checked on ${side.date}`);
    body.replaceChildren(el("p", "", `Figures from the team's own plans: ${about(evidence.baseline, "baseline")}; ` +
      `${about(evidence.follow_up, "follow-up")}. Shares are compared, since the plans checked differ.`));
    const cell = (side) => (side ? `${number(side.n)} of ${number(side.of)}${side.percent === null ? "" : ` (${side.percent}%)`}` : "–");
    const points = (value) => (value === null ? "–" : value === 0 ? "No change"
      : `${value > 0 ? "Up" : "Down"} ${Math.abs(value)} point${Math.abs(value) === 1 ? "" : "s"}`);
    body.append(table("What our plans show, baseline and follow-up", ["Figure", "Baseline", "Follow-up", "Change"],
      evidence.rows.map((r) => [r.label, cell(r.baseline), cell(r.follow_up), points(r.change)])));
  }

  function draw(result) {
    results.hidden = false;
    root.querySelector("[data-pcsp-period]").textContent =
      `${result.scope.name || "This scope"}: from ${result.baseline_date || "an undated baseline"} ` +
      `(“${opened.baseline.name}”) to ${result.follow_up_date || "an undated follow-up"} ` +
      `(“${opened["follow-up"].name}”).`;

    const foundations = root.querySelector("[data-pcsp-foundations]");
    foundations.replaceChildren();
    const figure = el("div", "pcsp-figure");
    const chart = el("div");
    chart.append(barChart({
      title: "Average level of each foundation, baseline and follow-up",
      rows: result.foundations.map((f) => ({ label: f.title.split(" ")[0], values: [f.baseline_mean, f.follow_up_mean] })),
      series: SERIES,
    }), legend(SERIES));
    figure.append(chart, table("Average level of each foundation", ["Foundation", "Baseline", "Follow-up", "Change"],
      result.foundations.map((f) => [f.title, f.baseline_mean ?? "–", f.follow_up_mean ?? "–",
        f.change === null ? "–" : f.change > 0 ? `+${f.change}` : String(f.change)])));
    foundations.append(figure);

    drawPlanFigures(result.evidence);

    const moved = root.querySelector("[data-pcsp-moved]");
    moved.replaceChildren();
    const rows = Object.fromEntries(result.enablers.map((e) => [e.enabler, e]));
    for (const group of result.moved) { // pcsp_core.maturity.compare sorts what moved
      moved.append(el("h3", "", group.title));
      const ul = el("ul", "pcsp-moved");
      for (const e of group.enablers.map((id) => rows[id])) {
        const foundation = foundationOf[e.enabler].title;
        const item = el("li");
        item.dataset.enabler = e.enabler;
        item.append(el("strong", "", `${foundation}, ${e.letter}: `),
          document.createTextNode(`${words(e.baseline)} → ${words(e.follow_up)}. ${enablers[e.enabler].text}`));
        ul.append(item);
      }
      moved.append(ul);
    }
    if (!moved.children.length) moved.append(el("p", "", "No enabler changed level."));

    const all = root.querySelector("[data-pcsp-enablers]");
    all.replaceChildren();
    for (const foundation of matrix.foundations) {
      const rows = result.enablers.filter((e) => e.foundation === foundation.id);
      all.append(el("h3", "", foundation.title));
      const box = el("div", "pcsp-figure");
      const chart2 = el("div");
      chart2.append(barChart({
        title: `${foundation.title}: each enabler, baseline and follow-up`,
        rows: rows.map((e) => ({ label: `Enabler ${e.letter}`, values: [e.baseline, e.follow_up] })),
        series: SERIES,
      }), legend(SERIES));
      box.append(chart2, table(`${foundation.title}: each enabler`, ["Enabler", "Baseline", "Follow-up", "Change"],
        rows.map((e) => [`${e.letter}. ${enablers[e.enabler].text}`, words(e.baseline), words(e.follow_up), change(e.change)])));
      all.append(box);
    }
    root.dataset.compared = String(Number(root.dataset.compared || 0) + 1); // tests wait on this
  }

  for (const [role, input] of Object.entries(inputs)) {
    input.addEventListener("change", async () => {
      if (!input.files[0]) return;
      const [one] = await openFiles([input.files[0]], role) ?? [];
      if (!one) return;
      opened[role] = one;
      await compareOpened(opened);
    });
  }
  const together = root.querySelector("[data-pcsp-files]");
  together.addEventListener("change", () => openTogether([...together.files]));
  whenFilesDropped(root, (files) => openTogether([...files]));
  root.querySelector("[data-pcsp-example]").addEventListener("click", async () => {
    try {
      await openTogether(await Promise.all(root.dataset.examples.split(" ").map(fetchAsFile)));
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
    }
  });
}
