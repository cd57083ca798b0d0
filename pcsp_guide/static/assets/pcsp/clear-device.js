// "Clear this device", for shared computers: removes what this site keeps in this
// browser (drafts of unsaved work, the offline copy of the site and its service
// worker, and the saved copy of the checks' program that makes them start fast). Files people saved are theirs and are never touched. Asking first, and
// saying what went, is for the callers (the About your data page, each tool's toolbar).

import { browserStorage, countDrafts, siteKeys } from "./drafts.js";
import { keptFigures } from "./kept-figures.js";
import { SNAPSHOTS } from "./python-snapshot.js";

const OFFLINE_COPY = "the copy of this site kept for offline use";
const PROGRAM_COPY = "the saved copy of the checks’ program (never your words)";
const FIGURES = "the figures from Check our plans (counts only)";

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function listed(parts) {
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
}

/** What the site's caches hold, in words. */
function cacheWords(names) {
  const words = [];
  if (names.some((name) => name !== SNAPSHOTS)) words.push(OFFLINE_COPY);
  if (names.includes(SNAPSHOTS)) words.push(PROGRAM_COPY);
  return words;
}

async function siteCaches() {
  try {
    return (await caches.keys()).filter((name) => name.startsWith("pcsp-"));
  } catch (error) {
    return [];
  }
}

/** What would go, in words: "1 draft of unsaved work and the copy of this site kept for offline use". */
export async function describeKept() {
  const drafts = countDrafts(browserStorage());
  const parts = [drafts ? plural(drafts, "draft of unsaved work", "drafts of unsaved work") : "any drafts of unsaved work"];
  if (keptFigures()) parts.push(FIGURES);
  parts.push(...cacheWords(await siteCaches()));
  return listed(parts);
}

/** Remove it all; answers a sentence saying what was removed. */
export async function clearThisDevice() {
  const storage = browserStorage();
  const drafts = countDrafts(storage);
  const figures = keptFigures(storage) !== null;
  for (const key of siteKeys(storage)) {
    try {
      storage.removeItem(key);
    } catch (error) {
      // unreachable storage holds nothing of ours
    }
  }
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith("pcsp-")) sessionStorage.removeItem(key);
  } catch (error) {
    // as above
  }
  const cacheNames = await siteCaches();
  for (const name of cacheNames) await caches.delete(name);
  let workers = 0;
  try {
    for (const registration of await navigator.serviceWorker?.getRegistrations?.() ?? []) {
      if (await registration.unregister()) workers += 1;
    }
  } catch (error) {
    // no service workers in this browser
  }
  dispatchEvent(new Event("pcsp:cleared"));
  const removed = [drafts ? plural(drafts, "draft of unsaved work", "drafts of unsaved work") : "no drafts (there were none)"];
  if (figures) removed.push(FIGURES);
  const words = cacheWords(cacheNames);
  if (workers && !words.includes(OFFLINE_COPY)) words.unshift(OFFLINE_COPY);
  removed.push(...words);
  const offline = words.includes(OFFLINE_COPY);
  return `Removed ${listed(removed)} from this browser. Files you saved are not touched.` +
    (offline ? " Until you next visit online, this site will not work offline." : "");
}

/** The control on "About your data": a button and a line that says what happened. */
export function mount(root) {
  const button = root.querySelector("[data-pcsp-clear-device]");
  const status = root.querySelector("[data-pcsp-clear-status]");
  button.addEventListener("click", async () => {
    const kept = await describeKept();
    if (!confirm(`Clear this device? This removes ${kept} from this browser. Work that is not saved to a file ` +
      "will be lost; files you saved are not touched.")) {
      status.textContent = "Nothing was removed.";
      return;
    }
    status.textContent = await clearThisDevice();
  });
}
