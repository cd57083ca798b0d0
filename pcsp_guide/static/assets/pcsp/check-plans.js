// Check our plans: a lead chooses many plan files (or a folder, or drops them), and each is read
// and checked in the worker one at a time (pcsp_core.evidence.check_for_evidence), so memory stays
// bounded whatever the count: only verdicts and finding codes are kept. The figures are
// pcsp_core.evidence.plan_evidence of those, the same as `pcsp check` on the same files. Cancel
// stops after the file being checked, and the figures say how many files they cover.

import { legend, shareChart } from "./charts.js";
import { fileRules, readUpload, today } from "./files.js";
import { runtime } from "./runtime.js";
import { el, messenger, table } from "./ui.js";

const VERDICTS = [
  { key: "met", name: "Met", className: "pcsp-chart__bar--met" },
  { key: "partly", name: "Partly met", className: "pcsp-chart__bar--partly" },
  { key: "not-met", name: "Not met", className: "pcsp-chart__bar--not-met" },
];
const MOST_COMMON = 10;

/** Every file under the dropped items, folders opened (only .json inside them), in name order. */
async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return [...dataTransfer.files];
  const files = [];
  async function walk(entry, top) {
    if (entry.isFile) {
      if (top || entry.name.toLowerCase().endsWith(".json")) files.push(await new Promise((ok, no) => entry.file(ok, no)));
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, no) => reader.readEntries(ok, no));
      if (!batch.length) break;
      for (const child of batch) await walk(child, false);
    }
  }
  for (const entry of entries) await walk(entry, true);
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

export function mount(root) {
  const python = runtime();
  const rules = fileRules(root);
  const say = messenger(root.querySelector("[data-pcsp-messages]"));
  const progress = root.querySelector("[data-pcsp-progress]");
  const bar = root.querySelector("[data-pcsp-progress-bar]");
  const progressWords = root.querySelector("[data-pcsp-progress-words]");
  const cancel = root.querySelector("[data-pcsp-cancel]");
  const figures = root.querySelector("[data-pcsp-figures]");
  const figuresStatus = root.querySelector("[data-pcsp-figures-status]");
  const body = root.querySelector("[data-pcsp-figures-body]");
  const criteriaTitles = JSON.parse(root.dataset.criteria);
  let running = null; // {cancelled} while a check runs

  async function checkAll(files) {
    if (running) running.cancelled = true; // a new choice replaces the one being checked
    const run = { cancelled: false };
    running = run;
    const date = today();
    const reports = [];
    progress.hidden = false;
    bar.max = files.length;
    cancel.hidden = false;
    for (const [n, file] of files.entries()) {
      if (run.cancelled) break;
      bar.value = n;
      progressWords.textContent = `${n} of ${files.length}`;
      const read = await readUpload(file, rules);
      if (read.problem) {
        reports.push({ path: file.webkitRelativePath || file.name, kind: null, valid: false, reason: read.problem });
        continue;
      }
      read.name = file.webkitRelativePath || file.name;
      try {
        reports.push(await python.call("check_for_evidence", read, date));
      } catch (error) {
        say("error", `The checks stopped (${error.message}). Nothing was changed; choose the files again to try again.`);
        run.cancelled = true;
        break;
      }
    }
    if (running !== run && run.cancelled) return; // replaced by a newer choice
    running = null;
    bar.value = reports.length;
    progressWords.textContent = `${reports.length} of ${files.length}`;
    cancel.hidden = true; // nothing left to stop
    const evidence = await python.call("plan_evidence", reports, date);
    draw(evidence, reports, files.length);
  }

  function draw(evidence, reports, chosen) {
    body.replaceChildren();
    const partial = reports.length < chosen;
    figuresStatus.textContent = partial
      ? `Stopped: these figures are for the first ${reports.length} of the ${chosen} files chosen.`
      : `All ${chosen} files chosen were checked on ${evidence.date}.`;
    body.append(el("p", "pcsp-evidence__headline",
      `${evidence.counting} of ${evidence.plans} plans count as personalised care and support plans.`));
    const rows = Object.entries(evidence.criteria).map(([n, counts]) => ({
      label: `Criterion ${n}`, values: VERDICTS.map((v) => counts[v.key]) }));
    body.append(el("h3", "", "Each criterion"), shareChart({
      title: "Plans that meet each criterion", rows, series: VERDICTS }), legend(VERDICTS),
    table("Plans that meet each criterion", ["Criterion", ...VERDICTS.map((v) => v.name)],
      Object.entries(evidence.criteria).map(([n, counts]) => [`${n}. ${criteriaTitles[n]}`,
        ...VERDICTS.map((v) => String(counts[v.key]))])));
    body.append(el("h3", "", "The most common gaps"));
    if (evidence.gaps.length) {
      body.append(table("The most common gaps, in the framework’s words", ["What the framework asks", "Plans"],
        evidence.gaps.slice(0, MOST_COMMON).map((gap) => [`${gap.element}: ${gap.words}`, String(gap.plans)])));
    } else {
      body.append(el("p", "", "No plan has a gap."));
    }
    body.append(el("h3", "", "Reviews"),
      el("p", "", `${evidence.overdue} of ${evidence.plans} plans are past their next formal review.`));
    const unused = reports.filter((r) => !r.valid || r.kind !== "plan");
    body.append(el("h3", "", "Files that could not be used"));
    if (unused.length) {
      const list = el("ul");
      for (const report of unused) {
        const item = el("li");
        item.append(el("strong", "", report.path), document.createTextNode(`: ${report.reason}`));
        list.append(item);
      }
      body.append(list);
    } else {
      body.append(el("p", "", "Every file was a plan that could be checked."));
    }
    figures.hidden = false;
    figures.querySelector("h2").focus();
  }

  for (const input of root.querySelectorAll("[data-pcsp-files], [data-pcsp-folder]")) {
    input.addEventListener("change", () => {
      if (input.files.length) checkAll([...input.files].filter((f) => input.dataset.pcspFolder === undefined ||
        f.name.toLowerCase().endsWith(".json")));
    });
  }
  root.addEventListener("dragover", (event) => {
    if ([...event.dataTransfer.types].includes("Files")) event.preventDefault();
  });
  root.addEventListener("drop", async (event) => {
    if (event.target.closest?.('input[type="file"]')) return;
    event.preventDefault();
    checkAll(await droppedFiles(event.dataTransfer));
  });
  cancel.addEventListener("click", () => {
    if (running) running.cancelled = true;
  });
  return { dispose() { if (running) running.cancelled = true; } };
}
