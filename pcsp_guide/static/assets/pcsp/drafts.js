// Drafts of unsaved work, kept in this browser so that a closed tab, a reload or
// a crash loses nothing, and nothing else.
//
// Each draft has its own key, "pcsp-draft:<slot>:<id>" → {"savedAt", "fileName", "doc"[, "locked"]},
// and a page only ever writes the id it made for itself, so two tabs never
// overwrite each other and an offered draft is never overwritten by new typing.
// While a page lives it holds a Web Lock of the same name; a draft whose lock
// nobody holds was left by a page that has gone (closed, reloaded, navigated
// away), and that is the draft to offer back.
//
// Nothing here touches the DOM, so Node's test runner can load it with a stand-in
// storage and lock manager.

export const PREFIX = "pcsp-draft:";

// Locks this tab has let go of: the browser frees them a moment later, and a page
// coming straight back (instant navigation) must already see its draft as left.
const releasedHere = new Set();

export function draftKey(slot, id) {
  return `${PREFIX}${slot}:${id}`;
}

/** {slot, id} for a draft key of this format, else null. */
export function parseKey(key) {
  if (typeof key !== "string" || !key.startsWith(PREFIX)) return null;
  const rest = key.slice(PREFIX.length);
  const colon = rest.lastIndexOf(":");
  if (colon <= 0 || colon === rest.length - 1) return null;
  return { slot: rest.slice(0, colon), id: rest.slice(colon + 1) };
}

/** Where drafts lived before they had ids (one per tool); still read, so an update loses nothing. */
export function legacyKey(slot) {
  return `pcsp-draft-${slot}`;
}

export function randomId() {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** This browser's localStorage, or null where reaching it throws (storage switched off). */
export function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch (error) {
    return null;
  }
}

function read(storage, key) {
  try {
    const kept = JSON.parse(storage.getItem(key) || "null");
    return kept && typeof kept === "object" && kept.doc && typeof kept.doc === "object" ? kept : null;
  } catch (error) {
    return null; // damaged: not offered (Clear this device removes it)
  }
}

function keys(storage) {
  const found = [];
  for (let k = 0; k < storage.length; k++) found.push(storage.key(k));
  return found;
}

/**
 * The drafts of one tool (slot) in this browser, as seen from one page.
 * storage: a Storage (or null when there is none); locks: a LockManager (or null).
 */
export function createDraftStore(slot, { storage = browserStorage(), locks = globalThis.navigator?.locks ?? null,
  newId = randomId } = {}) {
  const id = newId();
  const key = draftKey(slot, id);
  let release = null;

  return {
    id,

    /** Hold this page's lock, so other pages know its draft is in use. */
    async hold() {
      if (!locks || release) return;
      await new Promise((held) => {
        locks.request(key, () => new Promise((resolve) => {
          release = resolve;
          held();
        })).catch(() => held());
      });
    },

    /** Let go of the lock: the draft, if any, is now left for the next page to offer. */
    release() {
      if (release) releasedHere.add(key);
      release?.();
      release = null;
    },

    /** Keep `doc` as this page's draft. Throws when the browser will not keep it. `locked`: it was
     * opened from a protected file, so it must be saved protected again (the key is never kept). */
    write(fileName, doc, { locked = false } = {}) {
      if (!storage) throw new Error("This browser does not let this site keep anything.");
      storage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), fileName: fileName ?? null, doc,
        ...(locked ? { locked: true } : {}) }));
    },

    /** Remove this page's draft (it was saved, or there is no unsaved work). */
    remove() {
      try {
        storage?.removeItem(key);
      } catch (error) {
        // nothing was kept, so nothing is left behind
      }
    },

    /** Drafts of this tool left by pages that have gone, newest first: [{id, savedAt, fileName, doc, locked}]. */
    async orphans() {
      if (!storage) return [];
      try {
        adoptLegacy(storage, slot, newId);
        const held = new Set();
        if (locks) {
          try {
            for (const lock of (await locks.query()).held || []) if (!releasedHere.has(lock.name)) held.add(lock.name);
          } catch (error) {
            // without the list, every other draft is offered; restoring copies, so none is overwritten
          }
        }
        const found = [];
        for (const name of keys(storage)) {
          const parsed = parseKey(name);
          if (!parsed || parsed.slot !== slot || parsed.id === id || held.has(name)) continue;
          const kept = read(storage, name);
          if (kept) {
            found.push({ id: parsed.id, savedAt: kept.savedAt, fileName: kept.fileName ?? null, doc: kept.doc,
              locked: kept.locked === true });
          }
        }
        return found.sort((a, b) => String(b.savedAt).localeCompare(String(a.savedAt)));
      } catch (error) {
        return [];
      }
    },

    /** Remove another page's draft (the person discarded or restored it). */
    discard(otherId) {
      try {
        storage?.removeItem(draftKey(slot, otherId));
      } catch (error) {
        // already unreachable
      }
    },
  };
}

/** Move a draft from the one-per-tool key into a key of its own, if it held unsaved work. */
function adoptLegacy(storage, slot, newId) {
  const old = legacyKey(slot);
  const text = storage.getItem(old);
  if (text === null) return;
  try {
    const kept = JSON.parse(text);
    if (kept && kept.dirty && kept.doc) {
      storage.setItem(draftKey(slot, newId()), JSON.stringify({ savedAt: kept.savedAt, fileName: kept.fileName ?? null,
        doc: kept.doc }));
    }
  } catch (error) {
    return; // damaged: left where it is rather than lost
  }
  storage.removeItem(old);
}

/** Every key this site keeps in `storage` (drafts of every tool, old and new). */
export function siteKeys(storage) {
  if (!storage) return [];
  return keys(storage).filter((name) => typeof name === "string" && name.startsWith("pcsp-"));
}

/** How many drafts `storage` holds, of any tool. */
export function countDrafts(storage) {
  return siteKeys(storage).filter((name) => parseKey(name) || name.startsWith("pcsp-draft-")).length;
}
