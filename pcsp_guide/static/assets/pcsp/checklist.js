// The implementation checklist: a team's progress with the Year of Care
// implementation guidance. The form's HTML comes from the build (pcsp_guide/checklist.py);
// document-page.js owns the document, its file and its draft, and the counting
// ("Where you are") is pcsp_core's checklist_progress, through the runtime.

import { mountDocumentPage } from "./document-page.js";
import { el } from "./ui.js";

const PROGRESS_DELAY_MS = 200;
const NEXT_STEPS = 3;
const KIND = "implementation-checklist";

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 of 6 done · 1 in progress", the words for one tally from checklist_progress. */
function tallyWords(tally) {
  const parts = [`${tally.done} of ${tally.applicable} done`];
  if (tally.counts["in-progress"]) parts.push(`${tally.counts["in-progress"]} in progress`);
  if (tally.counts["not-applicable"]) {
    parts.push(`${plural(tally.counts["not-applicable"], "does not apply", "do not apply")}`);
  }
  return parts.join(" · ");
}

/** The plain words the form gives each status (the build's labels), by value. */
function statusWords(form) {
  const words = {};
  for (const radio of form.querySelectorAll("input[type=radio][data-path$='/status']")) {
    if (words[radio.value] === undefined) {
      words[radio.value] = form.querySelector(`label[for="${CSS.escape(radio.id)}"]`).textContent.trim();
    }
  }
  return words;
}

/** What the checklist looks like on paper: who it is for, the progress, then every
 * item under its stage or part of the House with its status, owner, date and notes. */
function printable(form, doc, progressWords, words) {
  const view = el("div", "pcsp-print-view pcsp-print-checklist");
  const about = el("dl");
  for (const control of form.querySelectorAll("#section-about [data-path]")) {
    const value = (control.value || "").trim();
    if (!value) continue;
    about.append(el("dt", "", form.querySelector(`label[for="${CSS.escape(control.id)}"]`).textContent.trim()),
      el("dd", "", value));
  }
  if (about.children.length) view.append(about);
  view.append(el("p", "pcsp-print-checklist__progress", progressWords));
  for (const section of form.querySelectorAll(".pcsp-form-section:not(#section-about)")) {
    const block = el("section");
    block.append(el("h2", "", section.querySelector(".pcsp-section-title").textContent.trim()));
    // A stage is one list; the House is printed part by part (its sub-groups).
    const parts = section.querySelectorAll("fieldset.pcsp-subgroup");
    for (const part of parts.length ? parts : [section.querySelector("fieldset")]) {
      if (parts.length) block.append(el("h3", "", part.querySelector(":scope > legend").textContent.trim()));
      const list = el("ul", "pcsp-print-checklist__items");
      for (const group of part.querySelectorAll("fieldset.pcsp-group:not(.pcsp-subgroup)")) {
        const [, key, id] = group.querySelector("input[data-path$='/status']").dataset.path.split("/");
        const entry = doc[key]?.[id] || {};
        const item = el("li");
        item.append(el("p", "pcsp-print-checklist__text", group.querySelector(":scope > legend").textContent.trim()));
        const facts = [words[entry.status || "not-started"]];
        if (entry.owner) facts.push(`Owner: ${entry.owner}`);
        if (entry.due) facts.push(`Due by ${entry.due}`);
        item.append(el("p", "pcsp-print-checklist__facts", facts.join(" · ")));
        if (entry.notes) item.append(el("p", "pcsp-print-checklist__notes", entry.notes));
        list.append(item);
      }
      block.append(list);
    }
    view.append(block);
  }
  return view;
}

export function mount(root) {
  const form = root.querySelector("form");
  const panel = root.querySelector("[data-pcsp-progress]");
  const bar = panel.querySelector("[data-pcsp-progress-bar]");
  const progressWords = panel.querySelector("[data-pcsp-progress-words]");
  const nextSteps = panel.querySelector("[data-pcsp-next-steps]");
  const words = statusWords(form);
  // Each item's box in the form, by its framework id (the next steps link to them).
  const items = new Map([...form.querySelectorAll("input[type=radio][data-path$='/status']")]
    .map((radio) => [radio.dataset.path.split("/")[2], radio.closest("fieldset.pcsp-group")]));
  let lastSteps = "";

  const page = mountDocumentPage(root, {
    kind: KIND, form, words: { document: "checklist" },
    edited: () => update.schedule(),
    shown: () => update.schedule(0),
    ready: () => update.schedule(0),
    failed(detail) {
      progressWords.textContent = `Progress cannot be counted: ${detail} You can still fill in and save the checklist.`;
    },
  });
  const { python, binder } = page;
  page.acceptDrops(root);

  const update = page.latest(async (isLatest) => {
    const result = await python.call("checklist_progress", binder.get(), NEXT_STEPS);
    if (!isLatest()) return;
    const { overall } = result;
    bar.max = Math.max(overall.applicable, 1);
    bar.value = overall.done;
    // Only what changed is rewritten: the words are a live region, and a list rebuilt
    // under someone's pointer loses their click.
    show(progressWords, overall.applicable ? tallyWords(overall) : "You have marked every item as not applying to you.");
    for (const [prefix, tallies] of [["stage", result.stages], ["house", result.house]]) {
      for (const tally of tallies) show(panel.querySelector(`[data-pcsp-count="${prefix}:${tally.id}"]`), tallyWords(tally));
    }
    const drawn = JSON.stringify(result.next_steps);
    if (drawn !== lastSteps) drawSteps(result.next_steps);
    lastSteps = drawn;
    root.dataset.progress = String(Number(root.dataset.progress || 0) + 1); // up to date (tests wait on this)
  }, PROGRESS_DELAY_MS);

  function show(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function drawSteps(steps) {
    nextSteps.replaceChildren();
    for (const step of steps) {
      const item = el("li");
      const link = el("a", "", step.text);
      link.href = `#${items.get(step.id).id}`;
      link.dataset.item = step.id;
      link.dataset.pcspLocal = ""; // handled below, not as a jump to an anchor
      const facts = [step.where, words[step.status]];
      if (step.owner) facts.push(`Owner: ${step.owner}`);
      if (step.due) facts.push(`Due by ${step.due}`);
      item.append(link, el("span", "pcsp-progress__facts", facts.join(" · ")));
      nextSteps.append(item);
    }
    if (!steps.length) nextSteps.append(el("li", "", "Nothing left to do: every item that applies is done."));
  }

  // A next step takes the cursor to that item's status (one listener, however often the list is redrawn).
  nextSteps.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-item]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation(); // or Material's instant navigation treats it as a jump to an anchor
    const group = items.get(link.dataset.item);
    const target = group.querySelector("input[type=radio]:checked") || group.querySelector("input[type=radio]");
    group.scrollIntoView({ block: "start" });
    target.focus();
  });

  // Printing shows a clean copy of the checklist instead of the form.
  const printed = root.querySelector("[data-pcsp-print-area]");
  const beforePrint = () => {
    if (!root.isConnected) return;
    printed.replaceChildren(printable(form, binder.get(), progressWords.textContent, words));
  };
  addEventListener("beforeprint", beforePrint);
  root.querySelector("[data-pcsp-print]").addEventListener("click", () => print());

  return {
    dispose() {
      removeEventListener("beforeprint", beforePrint);
      page.dispose();
    },
  };
}
