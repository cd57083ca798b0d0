// Bring a team's assessments together: the lead chooses every member's file at
// once (or drops them), pcsp_core.team.bring_together opens and merges them, and
// the page shows the enablers to talk about first, then every enabler side by
// side with a place to record the agreed level. The agreed assessment is the
// page's document (document-page.js), so it gets the same draft, leave guard and
// save behaviour as any other. The same file chosen twice counts once; two
// different files from one person wait for the lead to say which one counts. The agreed
// action plan downloads from here too (action-plan.js), the same files the
// self-assessment page gives, so the lead need not open the agreed file there first.

import { offerActionPlan } from "./action-plan.js";
import { readMatrix } from "./assessment.js";
import { barChart } from "./charts.js";
import { mountDocumentPage } from "./document-page.js";
import { sentenceList } from "./plan-figures.js";
import { el, fetchAsFile, number, table } from "./ui.js";

const UNDECIDED = "";

export function mount(root) {
  const { matrix, enablers, foundationOf, words } = readMatrix(root);
  const results = root.querySelector("[data-pcsp-results]");
  const input = root.querySelector("[data-pcsp-files]");
  const questionsBox = root.querySelector("[data-pcsp-questions]");
  let together = null; // bring_together's answer for the files on screen
  let agreed = null; // the agreed assessment being made

  const page = mountDocumentPage(root, {
    kind: "self-assessment", slot: "agreed-assessment", words: { document: "agreed assessment" },
    holder: {
      get: () => agreed,
      set: (doc) => {
        agreed = doc;
      },
    },
    shown: () => draw(),
    restored() {
      together = null; // a restored draft: the members' files are not open any more
      draw();
      say("ok", "Your agreed levels are back. Choose the members' files again to see their levels beside them.");
    },
  });
  const { python, say } = page;

  function label(id) {
    const e = enablers[id];
    return `${e.letter}. ${e.text}`;
  }

  function range(row) {
    if (!row.n) return "Not rated";
    return row.min === row.max ? `All ${row.min}` : `${row.min} to ${row.max}`;
  }

  function agreedSelect(id) {
    const select = el("select", "pcsp-select");
    select.id = `agreed-${id.replace(/\./g, "-")}`;
    select.dataset.enabler = id;
    select.setAttribute("aria-label", `Agreed level for ${foundationOf[id].title}, enabler ${enablers[id].letter}`);
    select.append(new Option("Not agreed yet", UNDECIDED));
    for (const level of matrix.levels) select.append(new Option(`${level.level} ${level.name}`, String(level.level)));
    select.append(new Option("Not assessed", "not-assessed"));
    const current = agreed.enablers?.[id]?.level;
    select.value = current === undefined ? UNDECIDED : String(current);
    return select;
  }

  function drawTalkAbout() {
    const box = root.querySelector("[data-pcsp-talk-about]");
    box.replaceChildren();
    if (!together) {
      box.append(el("p", "", "Open the members' files again to see where they differ."));
      return;
    }
    const rows = Object.fromEntries(together.merged.enablers.map((r) => [r.enabler, r]));
    const talk = together.merged.talk_about;
    if (!talk.length) {
      box.append(el("p", "", "No enabler has members two or more levels apart."));
      return;
    }
    const list = el("ol", "pcsp-talk-about");
    for (const id of talk) {
      const row = rows[id];
      const item = el("li");
      item.dataset.enabler = id;
      item.append(el("strong", "", `${foundationOf[id].title}, ${label(id)}`));
      const levels = together.members.map((m, k) => `${m.name}: ${words(row.levels[k])}`).join("; ");
      item.append(el("p", "", `From ${row.min} to ${row.max} (median ${row.median}). ${levels}.`));
      list.append(item);
    }
    box.append(list);
  }

  function drawSideBySide() {
    const box = root.querySelector("[data-pcsp-side-by-side]");
    box.replaceChildren();
    const rows = together ? Object.fromEntries(together.merged.enablers.map((r) => [r.enabler, r])) : {};
    const memberNames = together ? together.members.map((m) => m.name) : [];
    const evidence = together?.evidence;
    if (evidence) { // the newest figures that add up (pcsp_core.evidence.newest)
      box.append(el("p", "pcsp-provenance", `Beside the levels: what your team's own plans show, from the newest ` +
        `figures in the members' files (${number(evidence.plans)} plans checked on ${evidence.date}). The agreed assessment ` +
        "keeps them."));
    }
    for (const foundation of matrix.foundations) {
      box.append(el("h3", "", foundation.title));
      if (together) {
        box.append(barChart({
          title: `${foundation.title}: the team's median level for each enabler, and how far members spread`,
          rows: foundation.enablers.map((e) => ({ label: `Enabler ${e.letter}`, values: [rows[e.id].median],
            range: rows[e.id].n ? [rows[e.id].min, rows[e.id].max] : null })),
          series: [{ name: "Median" }],
        }));
      }
      const headers = ["Enabler", ...memberNames, ...(together ? ["Median", "Range"] : []), "Agreed level"];
      const body = foundation.enablers.map((e) => {
        const row = rows[e.id];
        const cells = row ? [...row.levels.map((lv) => (lv === null ? "–" : String(lv))),
          row.median === null ? "–" : String(row.median), range(row)] : [];
        return [label(e.id), ...cells, agreedSelect(e.id)];
      });
      const grid = table(null, headers, body, { className: "pcsp-table pcsp-side-by-side",
        label: `${foundation.title}: levels side by side` });
      for (const tr of grid.querySelector("tbody").rows) {
        const id = tr.querySelector("select").dataset.enabler;
        if (rows[id]?.disagreement) tr.classList.add("pcsp-disagreement");
      }
      box.append(grid);
      box.append(...sentenceList(`What our plans show (${foundation.title})`, foundation.enablers, evidence?.enablers));
    }
  }

  function drawMembers() {
    const list = root.querySelector("[data-pcsp-members]");
    list.replaceChildren();
    const members = together ? together.members : (agreed.agreed_from || []).map((m) => ({
      file: m.file, name: m.assessed_by || m.file, date: m.date }));
    for (const member of members) {
      list.append(el("li", "", [member.name, member.file !== member.name ? `(${member.file})` : "",
        member.date ? `assessed ${member.date}` : ""].filter(Boolean).join(" ")));
    }
  }

  function drawAgreedStatus() {
    const open = matrix.foundations.flatMap((f) => f.enablers).filter((e) => agreed.enablers?.[e.id]?.level === undefined);
    root.querySelector("[data-pcsp-agreed-status]").textContent = open.length
      ? `${open.length} enabler${open.length === 1 ? " has" : "s have"} no agreed level yet. You can save now and finish later.`
      : "Every enabler has an agreed level.";
  }

  function draw() {
    results.hidden = false;
    drawMembers();
    drawTalkAbout();
    drawSideBySide();
    drawAgreedStatus();
    root.dataset.merged = String(Number(root.dataset.merged || 0) + 1); // tests and the bench wait on this
  }

  root.querySelector("[data-pcsp-side-by-side]").addEventListener("change", (event) => {
    const select = event.target.closest("select[data-enabler]");
    if (!select) return;
    const id = select.dataset.enabler;
    agreed.enablers ??= {};
    agreed.enablers[id] ??= {};
    if (select.value === UNDECIDED) delete agreed.enablers[id].level;
    else agreed.enablers[id].level = select.value === "not-assessed" ? "not-assessed" : Number(select.value);
    page.changed();
    drawAgreedStatus();
  });

  /** Bring these files together; on any problem, or a question for the lead, the screen stays as it was. */
  async function open(fileList) {
    if (!fileList.length) return;
    const { uploads, problems } = await page.readUploads(fileList);
    if (problems.length) {
      say("error", `${problems.length} of the ${fileList.length} files cannot be used, so nothing was brought ` +
        "together. Nothing on this page has changed.", problems);
      return;
    }
    await bring(uploads, []);
  }

  async function bring(uploads, leaveOut) {
    questionsBox.hidden = true;
    questionsBox.replaceChildren();
    let answer;
    try {
      answer = await python.call("bring_together", uploads, page.today(), agreed, leaveOut);
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
      return;
    }
    if (answer.questions?.length) {
      ask(uploads, leaveOut, answer);
      return;
    }
    if (!answer.ok) {
      say("error", `${answer.message} Nothing on this page has changed.`, answer.problems);
      return;
    }
    // Levels recorded for the same scope are kept (answer.kept), so only another scope's
    // agreed levels would be lost: ask then, and about any draft not yet restored.
    const levelsAtRisk = Boolean(agreed && !answer.kept && agreed.enablers &&
      Object.values(agreed.enablers).some((r) => r.level !== undefined));
    const before = together;
    together = answer; // drawn as the agreed draft goes on screen
    if (!page.replace(answer.agreed, { action: "Bring these files together instead", askIfDirty: levelsAtRisk })) {
      together = before; // the lead said no: nothing on screen has changed
      return;
    }
    const counted = answer.members.length;
    say("ok", `Brought together ${counted} assessment${counted === 1 ? "" : "s"} of ` +
      `“${answer.merged.scope.name || "an unnamed scope"}”.${answer.notes.length ? " Some files were not counted:" : ""}`,
    answer.notes.map((note) => ({ message: note.message })));
  }

  /** One person sent different files: the lead chooses which counts, then they are brought together. */
  function ask(uploads, leaveOut, answer) {
    questionsBox.replaceChildren(el("p", "", answer.message));
    answer.questions.forEach((question, q) => {
      const set = el("fieldset", "pcsp-question");
      set.append(el("legend", "", `Which file counts for ${question.assessor}?`));
      question.files.forEach((file, k) => {
        const label = el("label", "pcsp-choice");
        const radio = el("input");
        radio.type = "radio";
        radio.name = `pcsp-which-${q}`;
        radio.value = String(file.index);
        radio.required = true;
        if (k === question.files.length - 1) radio.checked = true; // the last chosen is often the newest
        label.append(radio, document.createTextNode(` ${file.file}${file.date ? `, assessed ${file.date}` : ""}`));
        set.append(label);
      });
      questionsBox.append(set);
    });
    const go = el("button", "md-button md-button--primary", "Bring them together");
    go.type = "button";
    const cancel = el("button", "md-button", "Cancel");
    cancel.type = "button";
    go.addEventListener("click", () => {
      const chosen = answer.questions.map((question, q) =>
        Number(questionsBox.querySelector(`input[name="pcsp-which-${q}"]:checked`).value));
      const others = answer.questions.flatMap((question, q) =>
        question.files.map((f) => f.index).filter((index) => index !== chosen[q]));
      bring(uploads, [...leaveOut, ...others]);
    });
    cancel.addEventListener("click", () => {
      questionsBox.hidden = true;
      questionsBox.replaceChildren();
      say("ok", "Nothing was brought together. Nothing on this page has changed.");
      input.focus();
    });
    questionsBox.append(go, cancel);
    questionsBox.hidden = false;
    questionsBox.querySelector("input:checked").focus();
  }

  offerActionPlan(root, page, () => agreed, {
    none: "The agreed assessment has no improvement actions yet (none of the members' files has one), so there " +
      "is no action plan to download. Save it, then add actions on the self-assessment page.",
  });
  input.addEventListener("change", () => open([...input.files]));
  page.acceptDrops(root, (files) => open([...files]));
  root.querySelector("[data-pcsp-example]").addEventListener("click", async () => {
    try {
      open(await Promise.all(root.dataset.examples.split(" ").map(fetchAsFile)));
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
    }
  });
  return page;
}
