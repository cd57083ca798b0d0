// Entry point on every page: mounts the live widgets in the page content and
// keeps the site available offline through the service worker.
//
// Material's instant navigation swaps page content without reloading, and
// announces each new page through document$; widgets are mounted from there.
// A tool mounts once per visit to its page: if document$ announces the same page
// again (Material reloads it for Back, or for a link to a place on it), the tool
// already holding the person's work is put back in place of the fresh, empty copy.
// Leaving for another page disposes of it; its draft is then offered on return.

import { registerServiceWorker } from "./offline.js";
import { mount as mountOutcome } from "./outcome-checker.js";
import { jumpTo, keepSamePageLinksLocal } from "./same-page.js";

const WIDGETS = {
  outcome: mountOutcome,
  // Each tool's modules load only on its own page.
  plan: (root) => import("./plan-editor.js").then((tool) => tool.mount(root)),
  assessment: (root) => import("./assessment.js").then((tool) => tool.mount(root)),
  together: (root) => import("./together.js").then((tool) => tool.mount(root)),
  "over-time": (root) => import("./over-time.js").then((tool) => tool.mount(root)),
  "check-plans": (root) => import("./check-plans.js").then((tool) => tool.mount(root)),
  checklist: (root) => import("./checklist.js").then((tool) => tool.mount(root)),
  "clear-device": (root) => import("./clear-device.js").then((tool) => tool.mount(root)),
  "plan-example": (root) => import("./plan-example.js").then((tool) => tool.mount(root)),
};

const mounted = new Map(); // "path|n|widget" → {root, path, tool: Promise of what mount returned}

function mountWidgets() {
  const path = location.pathname;
  for (const [key, entry] of mounted) {
    if (entry.path === path) continue;
    mounted.delete(key);
    Promise.resolve(entry.tool).then((tool) => tool?.dispose?.());
  }
  let putBack = false;
  [...document.querySelectorAll("[data-pcsp-widget]")].forEach((root, n) => {
    const name = root.dataset.pcspWidget;
    const key = `${path}|${n}|${name}`;
    const entry = mounted.get(key);
    if (entry) {
      if (entry.root !== root) {
        root.replaceWith(entry.root);
        putBack = true;
      }
      return;
    }
    if (!WIDGETS[name]) return;
    mounted.set(key, { root, path, tool: Promise.resolve(WIDGETS[name](root)).then((tool) => {
      root.dataset.pcspMounted = "true"; // the tool is live (tests wait on this)
      return tool;
    }, (error) => {
      console.error(`The ${name} tool could not start:`, error);
      return null;
    }) });
  });
  // Material scrolled to the place in the empty copy; the person's tool is taller.
  if (putBack && location.hash) jumpTo(location.hash);
}

keepSamePageLinksLocal();
if (window.document$) window.document$.subscribe(mountWidgets);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountWidgets);
else mountWidgets();

registerServiceWorker();
