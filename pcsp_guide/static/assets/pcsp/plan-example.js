// A worked example of a plan (the pcsp-plan-example fence). The card and its verdict
// come from the build, so they read without Python. "Try changing it" turns the card's
// texts into text boxes, and the verdict follows each change (pcsp_core.evaluate_plan);
// "Download this example" saves the plan as a file My plan opens.

import { getAt, setAt } from "./binder.js";
import { download, today } from "./files.js";
import { latest } from "./latest.js";
import { runtime } from "./runtime.js";
import { el } from "./ui.js";

const CHECK_DELAY_MS = 250;

export function mount(root) {
  const python = runtime();
  const doc = JSON.parse(root.dataset.plan);
  const words = JSON.parse(root.dataset.words).verdict;
  const verdict = root.querySelector("[data-pcsp-example-verdict]");
  const overall = root.querySelector("[data-pcsp-example-overall]");
  const status = root.querySelector("[data-pcsp-example-status]");
  const edit = root.querySelector("[data-pcsp-example-edit]");
  let counts = overall.textContent;

  const check = latest(async (isLatest) => {
    const result = await python.call("evaluate_plan", doc);
    if (!isLatest()) return;
    for (const criterion of result.criteria) {
      const row = verdict.querySelector(`[data-criterion="${criterion.id}"]`);
      row.dataset.verdictOf = criterion.verdict;
      row.querySelector("[data-verdict]").textContent = words[criterion.verdict];
      row.querySelector("[data-findings]").replaceChildren(...criterion.findings.map((f) => el("li", "", f.message)));
    }
    const now = result.counts_as_pcsp ? "This plan counts as a personalised care and support plan."
      : "This plan does not count yet.";
    overall.textContent = now;
    if (now !== counts) status.textContent = now; // said once, when it changes
    counts = now;
    root.dataset.checked = String(Number(root.dataset.checked || 0) + 1); // tests wait on this
  }, CHECK_DELAY_MS, {
    when: () => python.state.state === "ready",
    onError: (error) => {
      status.textContent = `The example could not be checked just now (${error.message}).`;
    },
  });

  function startEditing() {
    edit.setAttribute("aria-pressed", "true");
    edit.textContent = "Stop changing it";
    let first = null;
    for (const field of root.querySelectorAll("[data-path]")) {
      const id = `${root.id}-${field.dataset.path.replace(/\W+/g, "-")}`;
      const label = el("label", "pcsp-visually-hidden", field.dataset.label);
      label.htmlFor = id;
      const box = el("textarea", "pcsp-input pcsp-example-input");
      box.id = id;
      box.rows = 2;
      box.value = getAt(doc, field.dataset.path) ?? "";
      box.addEventListener("input", () => {
        setAt(doc, field.dataset.path, box.value);
        field.querySelector(".pcsp-example-text").textContent = box.value;
        check.schedule();
      });
      field.querySelector(".pcsp-example-text").hidden = true;
      field.append(label, box);
      first ??= box;
    }
    first?.focus();
    python.start();
  }

  function stopEditing() {
    edit.setAttribute("aria-pressed", "false");
    edit.textContent = "Try changing it";
    for (const field of root.querySelectorAll("[data-path]")) {
      field.querySelector("label")?.remove();
      field.querySelector("textarea")?.remove();
      field.querySelector(".pcsp-example-text").hidden = false;
    }
  }

  edit.addEventListener("click", () => (edit.getAttribute("aria-pressed") === "true" ? stopEditing() : startEditing()));
  root.querySelector("[data-pcsp-example-download]").addEventListener("click", async () => {
    const name = await python.call("suggested_file_name", doc, today()).catch(() => `example-plan-${today()}.json`);
    const text = await python.call("dump_document", doc).catch(() => `${JSON.stringify(doc, null, 2)}\n`);
    download(name, text);
    status.textContent = `Saved as “${name}” in your downloads. Open it on My plan.`;
  });
  const stop = python.onState(({ state }) => {
    if (state === "ready" && edit.getAttribute("aria-pressed") === "true") check.schedule(0);
  });
  return {
    dispose() {
      check.cancel();
      stop();
    },
  };
}
