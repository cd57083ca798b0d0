// Check our plans: a lead chooses many plan files (or a folder, or drops them), and each is read
// and checked in the worker one at a time (pcsp_core.evidence.check_for_evidence), so memory stays
// bounded whatever the count: only verdicts and finding codes are kept. The figures are
// pcsp_core.evidence.plan_evidence of those, the same as `pcsp check` on the same files. Cancel
// stops after the file being checked, and the figures say how many files they cover.
// A report `pcsp check --format json` wrote can be opened instead (pcsp_core.evidence.
// evidence_from_report): the same figures, for the day it checked. Either way the figures
// can be kept on this device for the self-assessment (pcsp_core.evidence.stored, counts only).

import { legend, shareChart } from "./charts.js";
import { download, fileRules, readUpload, today, whenFilesDropped } from "./files.js";
import { keepFigures } from "./kept-figures.js";
import { runtime } from "./runtime.js";
import { el, messenger, number, table } from "./ui.js";

const VERDICTS = [
  { key: "met", name: "Met", className: "pcsp-chart__bar--met" },
  { key: "partly", name: "Partly met", className: "pcsp-chart__bar--partly" },
  { key: "not-met", name: "Not met", className: "pcsp-chart__bar--not-met" },
];
const MOST_COMMON = 10;
// How a report from pcsp check begins (it prints its kind first): enough to tell one dropped file
// from a plan without reading what is in it. What the file holds is for pcsp_core to say.
const REPORT_START = /^\s*\{\s*"kind"\s*:\s*"check-report"/;

/** Whether `files` is one .json file that is a report from pcsp check. */
async function isReport(files) {
  if (files.length !== 1 || !files[0].name.toLowerCase().endsWith(".json")) return false;
  try {
    return REPORT_START.test(await files[0].slice(0, 64).text());
  } catch (error) {
    return false; // unreadable: checking it as a plan says why
  }
}

export function mount(root) {
  const python = runtime();
  const rules = fileRules(root);
  const messages = root.querySelector("[data-pcsp-messages]");
  const say = messenger(messages);
  const progress = root.querySelector("[data-pcsp-progress]");
  const bar = root.querySelector("[data-pcsp-progress-bar]");
  const progressWords = root.querySelector("[data-pcsp-progress-words]");
  const cancel = root.querySelector("[data-pcsp-cancel]");
  const figures = root.querySelector("[data-pcsp-figures]");
  const figuresStatus = root.querySelector("[data-pcsp-figures-status]");
  const body = root.querySelector("[data-pcsp-figures-body]");
  const criteriaTitles = JSON.parse(root.dataset.criteria);
  const keep = root.querySelector("[data-pcsp-keep]");
  const kept = root.querySelector("[data-pcsp-kept]");
  let running = null; // {cancelled} while a check runs
  let shown = null; // the figures on screen, for "Use these figures"

  async function checkAll(files) {
    if (running) running.cancelled = true; // a new choice replaces the one being checked
    const run = { cancelled: false };
    running = run;
    messages.replaceChildren(); // what was said of an earlier choice is no longer true of this one
    const date = today();
    const reports = [];
    progress.hidden = false;
    bar.max = files.length;
    cancel.hidden = false;
    // The next file is read while the worker checks this one (bench/evidence.py: about 15% sooner);
    // still only two files' text is held at once.
    let next = files.length ? readUpload(files[0], rules) : null;
    for (const [n, file] of files.entries()) {
      if (run.cancelled) break;
      bar.value = n;
      progressWords.textContent = `${number(n)} of ${number(files.length)}`;
      const read = await next;
      next = n + 1 < files.length ? readUpload(files[n + 1], rules) : null;
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
    progressWords.textContent = `${number(reports.length)} of ${number(files.length)}`;
    cancel.hidden = true; // nothing left to stop
    const evidence = await python.call("plan_evidence", reports, date);
    draw(evidence, reports.filter((r) => "reason" in r), reports.length < files.length
      ? `Stopped: these figures are for the first ${number(reports.length)} of the ${number(files.length)} files chosen.`
      : `All ${number(files.length)} files chosen were checked on ${evidence.date}.`);
  }

  async function openReport(file) {
    if (running) running.cancelled = true; // the report replaces the files being checked
    // A report of thousands of plans takes some seconds: say what is happening, with nothing to cancel.
    progress.hidden = false;
    cancel.hidden = true;
    bar.removeAttribute("value");
    progressWords.textContent = "Reading the report";
    const read = await readUpload(file, rules.report);
    let opened = { ok: false, message: read.problem };
    if (!read.problem) {
      try {
        opened = await python.call("evidence_from_report", read);
      } catch (error) {
        opened = { ok: false, message: `The report could not be read (${error.message}).` };
      }
    }
    progress.hidden = true;
    if (!opened.ok) {
      const still = shown ? " The figures on screen have not changed." : "";
      say("error", `${file.name} could not be opened. ${opened.message}${still}`);
      return;
    }
    say("ok", `Opened the report ${file.name}.`);
    const files = opened.evidence.files;
    draw(opened.evidence, opened.unused, `These figures come from a report of pcsp check (${file.name}): the plans ` +
      `were checked on ${opened.evidence.date}, and it covers ${number(files)} ${files === 1 ? "file" : "files"}.`);
  }

  function draw(evidence, unused, status) {
    shown = evidence;
    kept.replaceChildren();
    body.replaceChildren();
    figuresStatus.textContent = status;
    body.append(el("p", "pcsp-evidence__headline",
      `${number(evidence.counting)} of ${number(evidence.plans)} plans count as personalised care and support plans.`));
    const rows = Object.entries(evidence.criteria).map(([n, counts]) => ({
      label: `Criterion ${n}`, values: VERDICTS.map((v) => counts[v.key]) }));
    body.append(el("h3", "", "Each criterion"), shareChart({
      title: "Plans that meet each criterion", rows, series: VERDICTS }), legend(VERDICTS),
    table("Plans that meet each criterion", ["Criterion", ...VERDICTS.map((v) => v.name)],
      Object.entries(evidence.criteria).map(([n, counts]) => [`${n}. ${criteriaTitles[n]}`,
        ...VERDICTS.map((v) => number(counts[v.key]))])));
    body.append(el("h3", "", "The most common gaps"));
    if (evidence.gaps.length) {
      body.append(table("The most common gaps, in the framework’s words", ["What the framework asks", "Plans"],
        evidence.gaps.slice(0, MOST_COMMON).map((gap) => [`${gap.element}: ${gap.words}`, number(gap.plans)])));
    } else {
      body.append(el("p", "", "No plan has a gap."));
    }
    body.append(el("h3", "", "Reviews"),
      el("p", "", `${number(evidence.overdue)} of ${number(evidence.plans)} plans are past their next formal review.`));
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

  async function keepShown() {
    const evidence = shown;
    kept.replaceChildren();
    let block;
    try {
      block = await python.call("stored", evidence);
    } catch (error) {
      kept.textContent = `The figures could not be kept (${error.message}).`;
      return;
    }
    if (!keepFigures(block)) {
      kept.textContent = "The figures could not be kept: this browser is not keeping anything for this site " +
        "(its storage may be full, or switched off for this site). The figures are still on screen.";
      return;
    }
    const link = el("a", "", "Open the self-assessment");
    link.href = "../self-assessment/";
    kept.append(`Kept on this device: the figures of ${block.date} (${block.plans} ` +
      `${block.plans === 1 ? "plan" : "plans"}). `, link, " to add them beside its enablers.");
  }

  /** Plans are checked; one .json file that is a report of pcsp check is opened as one. */
  async function chosen(files) {
    if (await isReport(files)) openReport(files[0]);
    else checkAll(files);
  }

  for (const input of root.querySelectorAll("[data-pcsp-files], [data-pcsp-folder]")) {
    input.addEventListener("change", () => {
      if (input.files.length) chosen([...input.files].filter((f) => input.dataset.pcspFolder === undefined ||
        f.name.toLowerCase().endsWith(".json")));
    });
  }
  const reportInput = root.querySelector("[data-pcsp-report]");
  reportInput.addEventListener("change", () => {
    if (reportInput.files.length) openReport(reportInput.files[0]);
    reportInput.value = ""; // choosing the same report again, after fixing it, opens it again
  });
  keep.addEventListener("click", keepShown);
  // The figures for a spreadsheet: the text and its name are pcsp_core.exports'; this only saves them.
  root.querySelector("[data-pcsp-figures-csv]").addEventListener("click", async () => {
    try {
      const [text, name] = await Promise.all([python.call("figures_csv", shown), python.call("figures_file_name", shown)]);
      download(name, text, "text/csv;charset=utf-8");
      say("ok", `The figures are saved as “${name}” in your downloads.`);
    } catch (error) {
      say("error", `The figures could not be made into a file just now (${error.message}). Try again in a moment.`);
    }
  });
  whenFilesDropped(root, chosen, { folders: true });
  cancel.addEventListener("click", () => {
    if (running) running.cancelled = true;
  });
  return { dispose() { if (running) running.cancelled = true; } };
}
