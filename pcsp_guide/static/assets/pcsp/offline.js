// Registers the service worker (site root, so it covers every page) and, when a
// new build has been installed, offers a reload. The new version takes over only
// when the person chooses, so nothing is lost mid-edit. Only where the site asked
// for offline use (the pcsp plugin's `offline` option puts a meta in every page):
// a host site may have its own service worker, and a scope holds only one.

import { siteUrl } from "./site-root.js";

function offerReload(waiting) {
  if (document.querySelector(".pcsp-update")) return;
  const bar = document.createElement("div");
  bar.className = "pcsp-update";
  bar.setAttribute("role", "status");
  const text = document.createElement("p");
  text.textContent = "A new version of this guide is ready.";
  const reload = document.createElement("button");
  reload.type = "button";
  reload.className = "md-button md-button--primary";
  reload.textContent = "Reload to update";
  const later = document.createElement("button");
  later.type = "button";
  later.className = "md-button";
  later.textContent = "Not now";
  reload.addEventListener("click", () => {
    if (window.pcspUnsavedWork?.() && !confirm("You have unsaved changes. Reload anyway?")) return;
    sessionStorage.setItem("pcsp-reload", "1");
    waiting.postMessage("skip-waiting");
  });
  later.addEventListener("click", () => bar.remove());
  bar.append(text, reload, later);
  document.body.append(bar);
  reload.focus();
}

export function registerServiceWorker() {
  if (!document.querySelector('meta[name="pcsp-offline"]')) return;
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (sessionStorage.getItem("pcsp-reload")) {
      sessionStorage.removeItem("pcsp-reload");
      location.reload();
    }
  });
  // Installing the worker downloads the whole site (Pyodide included), so it waits
  // until the page has loaded and Python, if this page starts it, is ready.
  const afterLoad = document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  afterLoad.then(() => pythonSettled()).then(() => register());
}

function pythonSettled() {
  const python = window.__pcspRuntime;
  if (!python || python.state.state !== "loading") return Promise.resolve();
  return new Promise((resolve) => {
    const stop = python.onState(({ state }) => {
      if (state !== "loading") {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
}

function register() {
  navigator.serviceWorker.register(siteUrl("sw.js")).then((registration) => {
    if (!registration) return; // service workers switched off (some private modes, test browsers)
    if (registration.waiting && navigator.serviceWorker.controller) offerReload(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      installing?.addEventListener("statechange", () => {
        if (installing.state === "installed" && navigator.serviceWorker.controller) offerReload(installing);
      });
    });
  }, (error) => console.warn("Offline use is not available:", error.message));
}
