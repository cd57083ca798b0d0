// The team self-assessment: the maturity matrix form, its file, and the summary.
// The form's HTML comes from the build (guide/forms/assessment.py); document-page.js
// owns the document, its file and its draft, exactly as for a plan. Every number
// and sentence in the summary comes from pcsp_core (maturity.summarise, progress,
// about_assessment); the action plan's downloads are action-plan.js's.

import { offerActionPlan } from "./action-plan.js";
import { barChart } from "./charts.js";
import { mountDocumentPage } from "./document-page.js";
import { mountPlanFigures, sentenceList } from "./plan-figures.js";
import { el, table } from "./ui.js";

const SUMMARY_DELAY_MS = 200;

/** The maturity matrix the build put on a team tool (data-matrix), and ways to name its parts. */
export function readMatrix(root) {
  const matrix = JSON.parse(root.dataset.matrix);
  const names = Object.fromEntries(matrix.levels.map((l) => [l.level, `${l.level} ${l.name}`]));
  const foundationOf = {};
  const enablers = {};
  for (const foundation of matrix.foundations) {
    for (const enabler of foundation.enablers) {
      enablers[enabler.id] = enabler;
      foundationOf[enabler.id] = foundation;
    }
  }
  return {
    matrix, enablers, foundationOf,
    /** "2 Developing", "Not assessed" or "Not rated". */
    words: (level) => names[level] ?? (level === "not-assessed" ? "Not assessed" : "Not rated"),
  };
}

export function mount(root) {
  const { enablers, foundationOf, words } = readMatrix(root);
  const statusWords = JSON.parse(root.dataset.words).action_status;
  const form = root.querySelector("form");
  const summaryBox = root.querySelector("[data-pcsp-summary]");
  const actionsBox = root.querySelector("[data-pcsp-actions]");
  const summaryStatus = root.querySelector("[data-pcsp-summary-status]");
  const progressBar = root.querySelector("#assessment-progress");
  const progressWords = root.querySelector("[data-pcsp-progress-words]");
  const provenance = root.querySelector("[data-pcsp-provenance]");
  const about = root.querySelector("[data-pcsp-summary-about]");
  let lastDrawn = "";

  const page = mountDocumentPage(root, {
    kind: "self-assessment", form, words: { document: "assessment" },
    edited: () => update.schedule(),
    shown(doc) {
      showProvenance(doc);
      update.schedule(0);
    },
    ready: () => update.schedule(0),
    failed: (detail) => {
      summaryStatus.textContent = `The summary is not available: ${detail} You can still fill in and save the assessment.`;
    },
  });
  const { python, binder, say } = page;
  page.acceptDrops(root);
  const figures = mountPlanFigures(root, page, () => update.schedule(0));

  function showProvenance(doc) {
    const parts = [];
    if (doc.agreed_from?.length) {
      parts.push(`This is a team's agreed assessment, brought together from ${doc.agreed_from.length} ` +
        `member file${doc.agreed_from.length === 1 ? "" : "s"}: ${doc.agreed_from.map((m) =>
          [m.file, m.assessed_by, m.date].filter(Boolean).join(", ")).join("; ")}.`);
    }
    if (doc.follows) {
      parts.push(`It follows the baseline ${[doc.follows.file, doc.follows.assessed_by, doc.follows.date]
        .filter(Boolean).join(", ")}.`);
    }
    provenance.textContent = parts.join(" ");
    provenance.hidden = !parts.length;
  }

  const update = page.latest(async (isLatest) => {
    const doc = binder.get();
    const [summary, progress, aboutWords, shownFigures] = await Promise.all([python.call("summarise", doc),
      python.call("progress", doc), python.call("about_assessment", doc), python.call("for_assessment", doc)]);
    if (!isLatest()) return;
    figures.draw(shownFigures);
    about.textContent = aboutWords;
    progressBar.max = progress.questions;
    progressBar.value = progress.answered;
    progressWords.textContent = `${progress.answered} of ${progress.questions} questions answered: ` +
      `${progress.enablers_chosen} of ${progress.enablers} enablers have a level` +
      `${progress.not_assessed ? ` (${progress.not_assessed} not assessed)` : ""}, ` +
      `${progress.with_evidence} with evidence; ${progress.statements_holding} of ${progress.statements} ` +
      `statements hold today; ${progress.actions} improvement action${progress.actions === 1 ? "" : "s"}.`;
    const drawn = JSON.stringify([summary, shownFigures]);
    if (drawn !== lastDrawn) {
      lastDrawn = drawn;
      drawSummary(summary, shownFigures);
      drawActions(summary.actions);
    }
    const status = summary.overall.rated
      ? `${summary.overall.rated} of ${summary.overall.of} enablers rated; average level ${summary.overall.mean}.`
      : "No enabler has a level yet: choose levels above to see the summary.";
    if (summaryStatus.textContent !== status) summaryStatus.textContent = status; // a live region: say it once
    root.dataset.summarised = String(Number(root.dataset.summarised || 0) + 1); // up to date (tests wait on this)
  }, SUMMARY_DELAY_MS);

  function drawSummary(summary, shownFigures) {
    summaryBox.replaceChildren();
    for (const foundation of summary.foundations) {
      const section = el("section", "pcsp-summary__foundation");
      section.append(el("h3", "", foundation.title));
      section.append(el("p", "", `${foundation.rated} of ${foundation.of} enablers rated` +
        `${foundation.mean === null ? "" : `; average level ${foundation.mean}`}. ` +
        `${foundation.statements_holding} of ${foundation.statements} “I” and “We” statements hold today.`));
      const figure = el("div", "pcsp-figure");
      figure.append(barChart({
        title: `${foundation.title}: the level of each enabler`,
        rows: foundation.enablers.map((e) => ({ label: `Enabler ${e.letter}`, values: [e.level] })),
        series: [{ name: "Level" }],
      }));
      figure.append(table(`${foundation.title}: levels`, ["Enabler", "Level"],
        foundation.enablers.map((e) => [`${e.letter}. ${enablers[e.enabler].text}`, words(e.level)])));
      // In the summary, so they print with it.
      section.append(figure, ...sentenceList("What our plans show",
        foundation.enablers.map((e) => ({ id: e.enabler, letter: e.letter })), shownFigures?.enablers));
      section.append(el("h4", "", "Priorities"));
      if (!foundation.rated) {
        section.append(el("p", "", "Rate its enablers to see where to start."));
      } else if (!foundation.priorities.length) {
        section.append(el("p", "", "Every rated enabler is embedded: keep it that way."));
      } else {
        const list = el("ul", "pcsp-priorities");
        for (const priority of foundation.priorities) {
          const item = el("li");
          item.append(el("strong", "", `${priority.letter}. `), document.createTextNode(enablers[priority.enabler].text));
          const next = priority.next_level;
          item.append(el("p", "", `Now ${words(priority.level)}. The next level, ${next.level} ${next.name}: ` +
            `${next.description}`));
          list.append(item);
        }
        section.append(list);
      }
      summaryBox.append(section);
    }
  }

  function drawActions(actions) {
    actionsBox.replaceChildren();
    if (!actions.length) {
      actionsBox.append(el("p", "", "No improvement actions yet. Add them under each enabler."));
      return;
    }
    actionsBox.append(table(null, ["What we will do", "Enabler", "Who owns it", "Due by", "Status"], actions.map((a) => [
      a.what || "(not written yet)", `${foundationOf[a.enabler].title}, ${enablers[a.enabler].letter}`, a.owner || "",
      a.due || "", statusWords[a.status] || ""]), { label: "Action plan" }));
  }

  // A follow-up: a new assessment of the same scope whose `follows` names this one, so that
  // "See what changed" pairs the two files by itself.
  async function startFollowUp() {
    if (python.state.state !== "ready") {
      say("error", "The checks are still getting ready; try again in a moment.");
      return;
    }
    let next;
    try {
      next = await python.call("follow_up", binder.get(), page.fileName || "", page.today());
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
      return;
    }
    const baseline = page.fileName ? `“${page.fileName}”` : "this assessment";
    if (page.replace(next, { action: "Start a follow-up" })) {
      say("ok", `Started a follow-up of ${baseline}, for the same ${next.scope?.name ? `scope, ${next.scope.name}` :
        "scope"}. Choose today's level for each enabler, then save it as a new file.`);
    }
  }

  root.querySelector("[data-pcsp-follow-up]").addEventListener("click", startFollowUp);
  root.querySelector("[data-pcsp-print]").addEventListener("click", () => print());
  offerActionPlan(root, page, () => binder.get(), {
    none: "There are no improvement actions yet, so there is no action plan to download. Add them under each " +
      "enabler first.",
  });
  return page;
}
