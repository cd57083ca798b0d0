// Entry point on every page: mounts the live widgets in the page content and
// keeps the site available offline through the service worker.
//
// Material's instant navigation swaps page content without reloading, and
// announces each new page through document$; widgets are mounted from there.

import { mount as mountOutcome } from "./outcome-checker.js";
import { registerServiceWorker } from "./offline.js";

const WIDGETS = {
  outcome: mountOutcome,
  // Only the plan page needs the editor's modules.
  plan: (root) => import("./plan-editor.js").then((editor) => editor.mount(root)),
  checklist: (root) => import("./checklist.js").then((checklist) => checklist.mount(root)),
};

function mountWidgets() {
  for (const root of document.querySelectorAll("[data-pcsp-widget]")) {
    const mount = WIDGETS[root.dataset.pcspWidget];
    if (mount) mount(root);
  }
}

if (window.document$) window.document$.subscribe(mountWidgets);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountWidgets);
else mountWidgets();

registerServiceWorker();
