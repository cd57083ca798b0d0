// "My plan": the plan form, the file it is kept in, and "Does my plan count?".
// The form's HTML comes from the build (guide/forms/); binder.js ties it to the
// document, files.js keeps the file and the draft, and every judgement (criteria,
// outcome wording, review dates) comes from pcsp_core through the runtime.

import { bind } from "./binder.js";
import { createFileController, today } from "./files.js";
import { card, readable } from "./print-view.js";
import { runtime } from "./runtime.js";
import { el, messenger, offerDraft, openExample } from "./ui.js";

const CHECK_DELAY_MS = 200;
const VERDICT_WORDS = { met: "Met", partly: "Partly met", "not-met": "Not met" };

export function mount(root) {
  if (root.dataset.pcspMounted) return;
  root.dataset.pcspMounted = "true";
  const python = runtime();
  const form = root.querySelector("form");
  const messages = root.querySelector("[data-pcsp-messages]");
  const panel = root.querySelector("[data-pcsp-criteria]");
  const panelStatus = panel.querySelector("[data-pcsp-criteria-status]");
  let checkTimer = 0;
  let asked = 0;
  let lastDrawn = "";

  const say = messenger(messages);

  const binder = bind(form, {
    onChange(doc, control) {
      files.changed();
      scheduleCheck();
      const path = control.dataset?.path || "";
      if (/^\/outcomes\/\d+\/in_my_words$/.test(path)) coach(control);
    },
  });
  const files = createFileController({
    kind: "plan", python, storageKey: "pcsp-draft-plan", say,
    get: () => binder.get(),
    set: (doc) => {
      binder.set(doc);
      scheduleCheck(0);
      for (const box of form.querySelectorAll("[data-path$='/in_my_words']")) coach(box);
    },
  });
  files.acceptDrops(root);
  const review = reviews(root.querySelector("[data-pcsp-review]"), {
    python, binder, changed: () => { files.changed(); scheduleCheck(); } });

  async function coach(field) {
    const box = field.parentElement.querySelector("[data-pcsp-outcome-coach]")
      || field.closest("li")?.querySelector("[data-pcsp-outcome-coach]");
    if (!box || python.state.state !== "ready") return;
    const text = field.value;
    const result = await python.call("check_outcome", text);
    if (field.value !== text) return;
    box.replaceChildren();
    for (const finding of result.findings) {
      const item = el("p", `pcsp-finding pcsp-finding--${finding.code}`, finding.message);
      item.append(el("span", "pcsp-finding__suggestion", ` ${finding.suggestion}`));
      box.append(item);
    }
    if (result.findings.length) box.append(root.querySelector("template[data-pcsp-examples]").content.cloneNode(true));
  }

  function scheduleCheck(delay = CHECK_DELAY_MS) {
    clearTimeout(checkTimer);
    if (python.state.state === "ready") checkTimer = setTimeout(check, delay);
  }

  async function check() {
    const seq = ++asked;
    const result = await python.call("evaluate_plan", binder.get(), today());
    if (seq !== asked) return;
    panel.dataset.counts = String(result.counts_as_pcsp);
    panelStatus.textContent = result.counts_as_pcsp
      ? "Your plan counts as a personalised care and support plan."
      : "Your plan does not count yet. Each criterion below says what is missing.";
    // Redraw only what changed: a list rebuilt under someone's pointer loses their click.
    const drawn = JSON.stringify(result.criteria);
    if (drawn !== lastDrawn) {
      lastDrawn = drawn;
      for (const criterion of result.criteria) {
        const row = panel.querySelector(`[data-criterion="${criterion.id}"]`);
        row.dataset.verdict = criterion.verdict;
        row.querySelector("[data-verdict]").textContent = VERDICT_WORDS[criterion.verdict];
        const list = row.querySelector("[data-findings]");
        list.replaceChildren();
        for (const finding of criterion.findings) {
          const item = el("li");
          const link = el("a", "", finding.message);
          link.href = `#${finding.path}`;
          link.dataset.pointer = finding.path;
          item.append(link);
          list.append(item);
        }
      }
    }
    root.dataset.checked = String(seq); // the criteria panel is up to date (tests and the bench wait on this)
    await review.update();
  }

  // A reason in the panel takes the cursor to the field to fill (one listener, however often the list is redrawn).
  panel.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-pointer]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation(); // or Material's instant navigation treats it as a jump to an anchor
    const pointer = link.dataset.pointer;
    const target = binder.control(pointer) || binder.control(pointer.replace(/\/[^/]*$/, ""));
    target?.focus();
    target?.scrollIntoView({ block: "center" });
  });

  python.onState(({ state, detail }) => {
    if (state === "ready") {
      panelStatus.textContent = "Checking your plan…";
      scheduleCheck(0);
    } else if (state === "failed") {
      panelStatus.textContent = `Checks are not available: ${detail} You can still write and save your plan.`;
    } else {
      panelStatus.textContent = "Checks are getting ready. You can start writing now.";
    }
  });

  // Printing shows a clean copy of the answers (or the card) instead of the form.
  const printed = root.querySelector("[data-pcsp-print-area]");
  addEventListener("beforeprint", () => {
    if (!root.isConnected) return;
    printed.replaceChildren(document.body.classList.contains("pcsp-printing-card") ? card(binder.get()) : readable(form));
  });
  addEventListener("afterprint", () => document.body.classList.remove("pcsp-printing-card"));
  root.querySelector("[data-pcsp-print]").addEventListener("click", () => print());
  root.querySelector("[data-pcsp-print-card]").addEventListener("click", () => {
    document.body.classList.add("pcsp-printing-card");
    print();
  });

  root.querySelector("[data-pcsp-new]").addEventListener("click", () => files.newDocument());
  root.querySelector("[data-pcsp-open]").addEventListener("click", () => files.pickAndOpen());
  root.querySelector("[data-pcsp-save]").addEventListener("click", () => files.save());
  root.querySelector("[data-pcsp-example]").addEventListener("click", () => openExample(root.dataset.example, files));

  // Start from an empty plan, and offer the draft if there is unsaved work in this browser.
  binder.set(JSON.parse(root.dataset.empty)); // pcsp_core.new_document("plan"), from the build
  offerDraft(root, files, say);
}

// --- reviews ---------------------------------------------------------------

function words(list) {
  const ul = el("ul");
  for (const text of list) ul.append(el("li", "", text));
  return ul;
}

/** The review section: when the next formal review is due, recording a review, what changed. */
export function reviews(section, { python, binder, changed }) {
  const statusWords = JSON.parse(section.dataset.statusWords);
  const due = section.querySelector("[data-pcsp-review-due]");
  const form = section.querySelector("[data-pcsp-review-form]");
  const date = section.querySelector("[data-pcsp-review-date]");
  const text = section.querySelector("[data-pcsp-review-changed]");
  const changes = section.querySelector("[data-pcsp-changes]");
  const history = section.querySelector("[data-pcsp-review-history]");

  async function showChanges() {
    const body = section.querySelector("[data-pcsp-changes-body]");
    const found = await python.call("changes_since_last_review", binder.get());
    body.replaceChildren();
    body.append(el("p", "", found.last_review
      ? `Since your ${found.last_review.type} review on ${found.last_review.date}:`
      : "You have not recorded a review yet, so everything in your plan is new."));
    const parts = [
      ["Now working", found.working.added], ["No longer on the working list", found.working.gone],
      ["Newly not working", found.not_working.added], ["No longer a problem", found.not_working.gone],
    ];
    for (const [title, list] of parts) {
      if (list.length) body.append(el("h4", "", title), words(list));
    }
    if (found.outcomes.length) {
      body.append(el("h4", "", "Outcomes"), words(found.outcomes.map((o) =>
        `${o.words || o.outcome}: ${o.then ? statusWords[o.then] ?? o.then : "new"} → ${statusWords[o.now] ?? o.now ?? "not said"}`)));
    }
    if (body.children.length === 1 && found.last_review) body.append(el("p", "", "Nothing has changed."));
  }

  async function update() {
    const status = await python.call("review_status", binder.get(), today());
    section.dataset.overdue = String(Boolean(status.overdue));
    if (!status.due) {
      due.textContent = "No formal review date yet: add when your plan was agreed, or the date of your next review.";
    } else if (status.overdue) {
      const ask = binder.get().review?.how_to_ask_for_review;
      due.textContent = `Your formal review was due on ${status.due}. Ask for one${ask ? `: ${ask}` : "."}`;
    } else {
      due.textContent = `Your next formal review is due by ${status.due} (in ${status.days_left} days).`;
    }
    history.replaceChildren();
    for (const entry of [...(binder.get().review?.history || [])].reverse()) {
      history.append(el("li", "", `${entry.date}, ${entry.type}${entry.what_changed ? `: ${entry.what_changed}` : ""}`));
    }
    if (changes.open) await showChanges();
  }

  changes.addEventListener("toggle", () => changes.open && showChanges());
  section.querySelector("[data-pcsp-record-review]").addEventListener("click", () => {
    form.hidden = false;
    date.value = today();
    date.focus();
  });
  section.querySelector("[data-pcsp-review-cancel]").addEventListener("click", () => {
    form.hidden = true;
    section.querySelector("[data-pcsp-record-review]").focus();
  });
  section.querySelector("[data-pcsp-review-save]").addEventListener("click", async () => {
    const doc = binder.get();
    const kind = section.querySelector("input[name=pcsp-review-type]:checked").value;
    const entry = await python.call("snapshot", doc, date.value || today(), kind);
    if (text.value.trim()) entry.what_changed = text.value.trim();
    doc.review ??= {};
    doc.review.history ??= [];
    doc.review.history.push(entry);
    binder.set(doc);
    form.hidden = true;
    text.value = "";
    changed();
    await update();
    section.querySelector("[data-pcsp-record-review]").focus();
  });
  return { update };
}
