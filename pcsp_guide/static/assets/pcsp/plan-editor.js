// "My plan": the plan form, the file it is kept in, and "Does my plan count?".
// The form's HTML comes from the build (guide/forms/); document-page.js owns the
// document, its file and its draft; this module keeps only the plan's own panels,
// and every judgement (criteria, outcome wording, review dates) comes from pcsp_core.

import { mountDocumentPage } from "./document-page.js";
import { mountEasyRead } from "./easy-read.js";
import { today } from "./files.js";
import { card, readable } from "./print-view.js";
import { openLinkIfAny } from "./link-view.js";
import { mountReadAloud } from "./read-aloud.js";
import { mountShare } from "./share.js";
import { el } from "./ui.js";

const CHECK_DELAY_MS = 200;
const NHS_NUMBER = "/person/nhs_number";

export function mount(root) {
  const form = root.querySelector("form");
  const panel = root.querySelector("[data-pcsp-criteria]");
  const panelStatus = panel.querySelector("[data-pcsp-criteria-status]");
  const verdictWords = JSON.parse(root.dataset.words).verdict;
  let lastDrawn = "";
  let review = null;
  let share = null;
  let easyRefresh = null; // easy read, drawn again as the person types while it is open

  const page = mountDocumentPage(root, {
    kind: "plan", form, words: { document: "plan" },
    edited(doc, control) {
      check.schedule();
      easyRefresh?.schedule();
      const path = control.dataset?.path || "";
      if (/^\/outcomes\/\d+\/in_my_words$/.test(path)) coach(control);
      if (path === NHS_NUMBER) nhsCheck.schedule();
    },
    shown(doc) {
      share?.show(doc);
      easyRefresh?.schedule(0);
      check.schedule(0);
      nhsCheck.schedule(0);
      for (const box of form.querySelectorAll("[data-path$='/in_my_words']")) coach(box);
    },
    ready() {
      panelStatus.textContent = "Checking your plan…";
      check.schedule(0);
    },
    failed(detail) {
      panelStatus.textContent = `Checks are not available: ${detail} You can still write and save your plan.`;
      root.querySelector("[data-pcsp-count]").textContent = "checks not available";
    },
  });
  const { python, binder } = page;

  // The NHS number is optional; a mistyped one is pointed out beside it, never refused.
  const nhsField = form.querySelector(`[data-path="${NHS_NUMBER}"]`);
  const nhsNote = el("p", "pcsp-hint pcsp-field-note");
  nhsNote.id = `${nhsField.id}-check`;
  nhsNote.setAttribute("role", "status");
  nhsField.after(nhsNote);
  nhsField.setAttribute("aria-describedby", `${nhsField.getAttribute("aria-describedby") || ""} ${nhsNote.id}`.trim());
  const nhsCheck = page.latest(async (isLatest) => {
    const problem = await python.call("nhs_number_problem", nhsField.value);
    if (isLatest()) nhsNote.textContent = problem ?? "";
  }, CHECK_DELAY_MS);
  review = reviews(root.querySelector("[data-pcsp-review]"), {
    python, binder, say: page.say, changed: () => { page.changed(); check.schedule(); } });
  share = mountShare(root.querySelector("[data-pcsp-share]"), {
    python, binder, say: page.say, changed: () => page.changed(), saveProtectedCopy: page.saveProtectedCopy,
    iterations: JSON.parse(root.dataset.protection).iterations });
  const aloud = mountReadAloud(root.querySelector("[data-pcsp-read-aloud]"), form);
  // Easy read shows what the form holds now, saved or not, and follows the typing while it is open.
  const easy = mountEasyRead(root.querySelector("[data-pcsp-easy-read]"), { python });
  easyRefresh = page.latest(async (isLatest) => {
    if (isLatest()) await easy.refresh(binder.get(), "mine");
  }, CHECK_DELAY_MS);
  root.querySelector("[data-pcsp-easy-read-open]").addEventListener("click", (event) => {
    easy.show(binder.get(), event.currentTarget, "mine");
  });
  // A link opened in a tab already on this page only changes the address's fragment: no reload.
  const linkOpened = () => openLinkIfAny(root, page, easy);
  linkOpened();
  addEventListener("hashchange", linkOpened);
  page.acceptDrops(root);

  async function coach(field) {
    const box = field.parentElement.querySelector("[data-pcsp-outcome-coach]")
      || field.closest("li")?.querySelector("[data-pcsp-outcome-coach]");
    if (!box || python.state.state !== "ready") return;
    const text = field.value;
    let result;
    try {
      result = await python.call("check_outcome", text);
    } catch (error) {
      return; // the page already says the checks are down; coaching comes back with them
    }
    if (field.value !== text) return;
    box.replaceChildren();
    for (const finding of result.findings) {
      const item = el("p", `pcsp-finding pcsp-finding--${finding.code}`, finding.message);
      item.append(el("span", "pcsp-finding__suggestion", ` ${finding.suggestion}`));
      box.append(item);
    }
    if (result.findings.length) box.append(root.querySelector("template[data-pcsp-examples]").content.cloneNode(true));
  }

  const check = page.latest(async (isLatest) => {
    const result = await python.call("evaluate_plan", binder.get(), today());
    if (!isLatest()) return;
    panel.dataset.counts = String(result.counts_as_pcsp);
    const met = result.criteria.filter((c) => c.verdict === "met").length;
    countBar.textContent = result.counts_as_pcsp ? `Yes: ${met} of ${result.criteria.length} met`
      : `Not yet: ${met} of ${result.criteria.length} met`;
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
        row.querySelector("[data-verdict]").textContent = verdictWords[criterion.verdict];
        const list = row.querySelector("[data-findings]");
        list.replaceChildren();
        for (const finding of criterion.findings) {
          const item = el("li");
          const link = el("a", "", finding.message);
          link.href = `#${finding.path}`;
          link.dataset.pointer = finding.path;
          link.dataset.pcspLocal = ""; // handled below, not as a jump to an anchor
          item.append(link);
          list.append(item);
        }
      }
    }
    root.dataset.checked = String(Number(root.dataset.checked || 0) + 1); // up to date (tests and the bench wait on this)
    await review.update();
  }, CHECK_DELAY_MS);

  // The phone's bar: to the panel and back to where the person was, with the cursor.
  const countBar = root.querySelector("[data-pcsp-count]");
  const back = panel.querySelector("[data-pcsp-count-back]");
  let cameFrom = null;
  let lastInForm = null; // a tap on the bar takes focus to the bar first, so remember where writing was
  form.addEventListener("focusin", (event) => {
    lastInForm = event.target;
  });
  root.querySelector("[data-pcsp-count-jump]").addEventListener("click", (event) => {
    cameFrom = lastInForm?.isConnected ? lastInForm : event.currentTarget;
    back.hidden = false;
    panel.scrollIntoView({ block: "start" });
    panel.focus();
  });
  back.addEventListener("click", () => {
    back.hidden = true;
    cameFrom?.focus();
    cameFrom?.scrollIntoView({ block: "center" });
    cameFrom = null;
  });

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

  // Printing shows a clean copy of the answers (or the card, which pcsp_core makes) instead of the form;
  // while easy read is open, it prints itself instead (pcsp.css), unless "Print my plan" or the card asked.
  const printed = root.querySelector("[data-pcsp-print-area]");
  let printingCard = null; // the card to print, made before print() was called
  const beforePrint = () => {
    if (!root.isConnected) return;
    const easyReadPrints = easy.open && !printingCard && !root.classList.contains("pcsp-printing-plan");
    printed.replaceChildren(...(easyReadPrints ? [] : [printingCard ? card(printingCard) : readable(form)]));
  };
  const afterPrint = () => {
    printingCard = null;
    document.body.classList.remove("pcsp-printing-card");
    root.classList.remove("pcsp-printing-plan");
  };
  addEventListener("beforeprint", beforePrint);
  addEventListener("afterprint", afterPrint);
  root.querySelector("[data-pcsp-print]").addEventListener("click", () => {
    root.classList.add("pcsp-printing-plan"); // the whole plan, even with easy read open
    print();
  });
  root.querySelector("[data-pcsp-share-jump]").addEventListener("click", () => {
    const title = root.querySelector("#pcsp-share-title");
    title.scrollIntoView({ block: "start" });
    title.focus(); // the cursor goes with the eye, so a keyboard carries on from "Share my plan"
  });
  root.querySelector("[data-pcsp-print-card]").addEventListener("click", async () => {
    try {
      printingCard = await python.call("card", binder.get());
      // Its QR code opens the card on a phone; a card that prints without one is still a card.
      printingCard.qr = await share.cardQr().catch(() => null);
    } catch (error) {
      page.say("error", `The card could not be made just now (${error.message}). ` +
        "“Print my plan” prints everything, your “If things change” section included.");
      return;
    }
    document.body.classList.add("pcsp-printing-card");
    print();
  });

  return {
    dispose() {
      removeEventListener("hashchange", linkOpened);
      aloud.dispose();
      removeEventListener("beforeprint", beforePrint);
      removeEventListener("afterprint", afterPrint);
      page.dispose();
    },
  };
}

// --- reviews ---------------------------------------------------------------

function words(list) {
  const ul = el("ul");
  for (const text of list) ul.append(el("li", "", text));
  return ul;
}

/** The review section: when the next formal review is due, recording a review, what changed. */
export function reviews(section, { python, binder, changed, say }) {
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

  changes.addEventListener("toggle", () => changes.open && showChanges().catch(() => {}));
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
    let entry;
    try {
      entry = await python.call("snapshot", doc, date.value || today(), kind);
    } catch (error) {
      say("error", `The review could not be kept just now (${error.message}). What you wrote is still here: ` +
        "try again in a moment.");
      return;
    }
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
