// A baseline and a follow-up of the same scope, compared: each foundation's
// average level and every enabler, as charts with the same numbers in tables,
// and what went up or down. pcsp_core.maturity.compare does the sums.

import { readMatrix } from "./assessment.js";
import { barChart, legend } from "./charts.js";
import { fileRules, readUploads } from "./files.js";
import { runtime } from "./runtime.js";
import { el, fetchAsFile, messenger, table } from "./ui.js";

const SERIES = [{ name: "Baseline", className: "pcsp-chart__bar--before" }, { name: "Follow-up", className: "" }];

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
  const opened = {}; // role → {name, document}, for the files that opened

  async function openOne(role, file) {
    const { uploads, problems } = await readUploads([file], rules);
    if (problems.length) {
      say("error", `The ${role} cannot be used. Nothing on this page has changed.`, problems);
      return false;
    }
    let answer;
    try {
      answer = await python.call("open_upload", uploads[0], "self-assessment");
    } catch (error) {
      say("error", `“${file.name}” could not be checked (${error.message}). Nothing on this page has changed.`);
      return false;
    }
    if (!answer.valid) {
      say("error", `“${file.name}” cannot be used as the ${role}. Nothing on this page has changed.`, answer.errors);
      return false;
    }
    opened[role] = { name: file.name, document: answer.document };
    return true;
  }

  async function compareOpened() {
    if (!opened.baseline || !opened["follow-up"]) {
      say("ok", `Opened the ${opened.baseline ? "baseline" : "follow-up"}. Now choose the ${opened.baseline ? "follow-up" : "baseline"}.`);
      return;
    }
    let result;
    try {
      result = await python.call("compare", opened.baseline.document, opened["follow-up"].document);
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
      return;
    }
    draw(result);
    const backwards = result.baseline_date && result.follow_up_date && result.follow_up_date < result.baseline_date;
    say("ok", backwards
      ? "Compared. Note: the follow-up is dated before the baseline; check you chose them the right way round."
      : `Compared “${opened.baseline.name}” with “${opened["follow-up"].name}”.`);
  }

  function draw(result) {
    results.hidden = false;
    root.querySelector("[data-pcsp-period]").textContent =
      `${result.scope.name || "This scope"}: from ${result.baseline_date || "an undated baseline"} ` +
      `to ${result.follow_up_date || "an undated follow-up"}.`;

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
      if (input.files[0] && await openOne(role, input.files[0])) await compareOpened();
    });
  }
  root.querySelector("[data-pcsp-example]").addEventListener("click", async () => {
    const [baseline, followUp] = await Promise.all(root.dataset.examples.split(" ").map(fetchAsFile));
    if (await openOne("baseline", baseline) && await openOne("follow-up", followUp)) await compareOpened();
  });
}
