// Entry point on every page: mounts the live widgets in the page content and
// keeps the site available offline through the service worker.
//
// Material's instant navigation swaps page content without reloading, and
// announces each new page through document$; widgets are mounted from there.

import { mount as mountOutcome } from "./outcome-checker.js";
import { registerServiceWorker } from "./offline.js";

const WIDGETS = {
  outcome: mountOutcome,
  // Each tool's modules load only on its own page.
  plan: (root) => import("./plan-editor.js").then((editor) => editor.mount(root)),
  assessment: (root) => import("./assessment.js").then((tool) => tool.mount(root)),
  together: (root) => import("./together.js").then((tool) => tool.mount(root)),
  "over-time": (root) => import("./over-time.js").then((tool) => tool.mount(root)),
  checklist: (root) => import("./checklist.js").then((tool) => tool.mount(root)),
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
