// The latest figures from "Check our plans", kept in this browser so the self-assessment
// page can offer them: counts only (pcsp_core.evidence.stored), never a plan's words, so
// they may sit in storage like a draft. "Clear this device" removes them with the rest
// (the key starts "pcsp-"). Nothing here touches the DOM, so Node's test runner loads it.

import { browserStorage } from "./drafts.js";

export const KEY = "pcsp-plan-figures";

/** Keep `figures` ({"date", "files", "plans", ...}); answers false when this browser keeps nothing. */
export function keepFigures(figures, storage = browserStorage()) {
  try {
    storage.setItem(KEY, JSON.stringify(figures));
    return true;
  } catch (error) {
    return false;
  }
}

/** The figures kept here, or null (none, damaged, or storage switched off). */
export function keptFigures(storage = browserStorage()) {
  try {
    const kept = JSON.parse(storage.getItem(KEY) || "null");
    return kept && typeof kept === "object" && !Array.isArray(kept) && typeof kept.date === "string" ? kept : null;
  } catch (error) {
    return null;
  }
}
