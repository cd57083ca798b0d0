// The "check an outcome" widget: findings and guided questions under the text
// box, updated as the person types. The form is complete HTML from the build
// (pcsp_guide/fences.py); this only wires it to pcsp_core's check_outcome.

import { latest } from "./latest.js";
import { runtime } from "./runtime.js";
import { el } from "./ui.js";

const DEBOUNCE_MS = 250;

function render(box, text, result) {
  box.replaceChildren();
  box.dataset.for = text; // which text these findings are for (tests wait on it)
  if (!text.trim()) return;
  if (result.findings.length === 0) {
    box.append(el("p", "pcsp-ok", "No problems found: this reads as your own outcome."));
    return;
  }
  const list = el("ul", "pcsp-finding-list");
  for (const finding of result.findings) {
    const item = el("li", `pcsp-finding pcsp-finding--${finding.code}`);
    item.append(el("p", "pcsp-finding__message", finding.message));
    const ask = el("p", "pcsp-finding__suggestion");
    ask.append(el("strong", "", "Ask yourself: "), document.createTextNode(finding.suggestion));
    item.append(ask);
    list.append(item);
  }
  box.append(el("p", "pcsp-findings__title", `${result.findings.length} thing${result.findings.length === 1 ? "" : "s"} to look at:`), list);
}

export function mount(root) {
  const field = root.querySelector("textarea");
  const status = root.querySelector("[data-pcsp-status]");
  const box = root.querySelector("[data-pcsp-findings]");
  const python = runtime();

  const check = latest(async (isLatest) => {
    const text = field.value;
    const result = await python.call("check_outcome", text);
    if (isLatest()) render(box, text, result); // a slower, older answer must not overwrite a newer one
  }, DEBOUNCE_MS, {
    when: () => python.state.state === "ready",
    onError: (error) => {
      if (python.state.state !== "failed") status.textContent = `The check did not work: ${error.message}`;
    },
  });

  const stop = python.onState(({ state, detail }) => {
    root.dataset.state = state;
    if (state === "ready") {
      status.textContent = "Checks are ready. They update as you type.";
      check.schedule(0);
    } else if (state === "failed") {
      status.textContent = `Checks are not available: ${detail} You can still write here.`;
    } else {
      status.textContent = `Checks are getting ready (${detail.toLowerCase()}). You can type now.`;
    }
  });

  field.addEventListener("input", () => check.schedule());
  // app.js calls this when the page is left by instant navigation.
  return {
    dispose() {
      check.cancel();
      stop();
    },
  };
}
