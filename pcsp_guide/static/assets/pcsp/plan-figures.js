// The figures from "Check our plans" in a self-assessment: the panel that adds or removes
// them (the document's plan_evidence, counts only), and beside each enabler they speak to,
// their sentence with a button that adds it to that enabler's evidence. Which enablers, and
// every word of the sentences, come from pcsp_core.evidence.for_assessment; the figures
// travel from the other page through kept-figures.js.

import { keptFigures, KEY } from "./kept-figures.js";
import { el, number } from "./ui.js";

const PLAN_EVIDENCE = "/plan_evidence";

/** JSON with keys in order, so the same figures read from a file and from storage compare equal. */
function canonical(value) {
  return JSON.stringify(value, (key, v) => (v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

function plural(n, one, many) {
  return `${number(n)} ${n === 1 ? one : many}`;
}

/**
 * What the plans show of some enablers, as a heading and a list: one item per enabler that has a
 * sentence. enablers: [{id, letter}] in the matrix's order; sentences: {id: sentence}. [] when none has.
 */
export function sentenceList(heading, enablers, sentences) {
  const said = enablers.filter((e) => sentences?.[e.id]);
  if (!said.length) return [];
  const list = el("ul", "pcsp-enabler-figures");
  for (const e of said) {
    const item = el("li");
    item.dataset.enabler = e.id;
    item.append(el("strong", "", `${e.letter}. `), document.createTextNode(sentences[e.id]));
    list.append(item);
  }
  return [el("h4", "", heading), list];
}

/**
 * page: the document page (mountDocumentPage); refresh(): redraw from the document now.
 * Answers {draw(shown)}, where shown is for_assessment of the document on screen.
 */
export function mountPlanFigures(root, page, refresh) {
  const { python, binder, say } = page;
  const panel = root.querySelector("[data-pcsp-plan-figures]");
  const words = panel.querySelector("[data-pcsp-plan-figures-words]");
  const intro = words.cloneNode(true); // what to say while the assessment carries no figures
  const status = panel.querySelector("[data-pcsp-plan-figures-status]");
  const add = panel.querySelector("[data-pcsp-add-figures]");
  const remove = panel.querySelector("[data-pcsp-remove-figures]");
  const boxes = new Map(); // enabler → its box beside the evidence field
  let shown = null;
  let lastDrawn = "";

  function offer() {
    const kept = keptFigures();
    const carried = binder.get()?.plan_evidence;
    const same = kept && canonical(kept) === canonical(carried);
    add.hidden = !kept || same;
    // Kept figures may be older than those the assessment carries (opened from a file): say which is which.
    add.textContent = carried && kept ? `Use the figures from Check our plans instead (${kept.date}, ` +
      `${plural(kept.plans, "plan", "plans")}; this assessment's are of ${carried.date})`
      : "Add the figures from Check our plans";
    remove.hidden = !carried;
  }

  function drawPanel() {
    if (!shown) {
      words.replaceChildren(...intro.cloneNode(true).childNodes);
    } else if (shown.problem) {
      words.replaceChildren(shown.problem);
    } else {
      words.replaceChildren(`This assessment carries the figures from ${plural(shown.plans, "plan", "plans")} ` +
        `(${plural(shown.files, "file", "files")}) checked on ${shown.date}: ${number(shown.counting)} of ${number(shown.plans)} count ` +
        "as personalised care and support plans. They are counts only, never a plan's words. What they say of an " +
        "enabler is shown beside it, with a button to add it to the evidence.");
    }
  }

  function drawBoxes() {
    for (const box of boxes.values()) box.remove();
    boxes.clear();
    for (const [enabler, sentence] of Object.entries(shown?.enablers ?? {})) {
      const field = binder.control(`/enablers/${enabler}/evidence`)?.closest(".pcsp-field");
      if (!field || !sentence) continue;
      const box = el("div", "pcsp-enabler-figures");
      box.dataset.pcspEnablerFigures = enabler;
      const said = el("p", "", sentence);
      said.id = `plan-figures-${enabler.replace(/\./g, "-")}`;
      const button = el("button", "md-button", "Add this to the evidence");
      button.type = "button";
      button.setAttribute("aria-describedby", said.id);
      button.addEventListener("click", () => addToEvidence(enabler, sentence));
      const title = el("p");
      title.append(el("strong", "", "What our plans show"));
      box.append(title, said, button);
      field.after(box);
      boxes.set(enabler, box);
    }
  }

  /** The sentence joins what is typed in the enabler's evidence, as if typed: drafted, and undone by editing. */
  function addToEvidence(enabler, sentence) {
    const field = binder.control(`/enablers/${enabler}/evidence`);
    const typed = field.value.trimEnd();
    if (typed.includes(sentence)) {
      say("ok", "That sentence is already in the evidence.");
    } else {
      field.value = typed ? `${typed}\n\n${sentence}` : sentence;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      say("ok", "Added to the evidence. You can change it as you would anything you typed.");
    }
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }

  async function addFigures() {
    const kept = keptFigures();
    if (!kept) {
      status.textContent = "No figures are kept on this device. Check your plans on Check our plans first.";
      offer();
      return;
    }
    const doc = binder.get();
    let problems;
    try {
      problems = await python.call("validate", { ...doc, plan_evidence: kept }, "self-assessment");
    } catch (error) {
      status.textContent = `The figures could not be added (${error.message}). Nothing has changed.`;
      return;
    }
    if (problems.some((p) => p.path === PLAN_EVIDENCE || p.path.startsWith(`${PLAN_EVIDENCE}/`))) {
      status.textContent = "The figures kept on this device cannot be used: they are damaged, or from another " +
        "version of this guide. Check your plans again on Check our plans. Nothing has changed.";
      return;
    }
    binder.get().plan_evidence = kept;
    page.changed();
    status.textContent = `Added the figures of ${kept.date} (${plural(kept.plans, "plan", "plans")}). ` +
      "Save the assessment to keep them in its file.";
    words.focus(); // the button is gone once they are added: the cursor goes to what they say
    refresh();
  }

  add.addEventListener("click", addFigures);
  remove.addEventListener("click", () => {
    delete binder.get().plan_evidence;
    page.changed();
    status.textContent = "Removed the figures from this assessment. Your evidence fields are as they were.";
    offer();
    (add.hidden ? words : add).focus();
    refresh();
  });
  // Figures kept in another tab (Check our plans) are offered here at once.
  addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) offer();
  });

  return {
    draw(next) {
      shown = next;
      offer();
      const drawn = JSON.stringify(next);
      if (drawn === lastDrawn) return;
      lastDrawn = drawn;
      drawPanel();
      drawBoxes();
    },
  };
}
