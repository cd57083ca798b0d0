// The file behaviour every document page shares (the plan editor, the team
// self-assessment): New, Open (picker or drop), Save (back to the same file where
// the browser allows it, otherwise a download), a draft kept in this browser at
// every change, an offer to restore it, and a warning before leaving unsaved work.
//
// The page owns its form; it gives this module two functions, get() and set(doc),
// and calls changed() after every edit. Everything about what a file may contain
// (size, JSON, kind, version, schema, migration, the bytes written) is decided by
// pcsp_core through the runtime, so a file gets the same answer here as in the CLI.

const MAX_BYTES = 5 * 1024 * 1024; // pcsp_core.MAX_BYTES; checked here too so a huge file is never read
const DRAFT_DELAY_MS = 300;

/** Today's date where the person is (not UTC), as YYYY-MM-DD. */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// One document page is live at a time (instant navigation swaps pages without
// unloading), so the window-level listeners are added once and ask the current one.
let current = null;
addEventListener("beforeunload", (event) => {
  current?.flush();
  if (current?.dirty) {
    event.preventDefault();
    event.returnValue = "";
  }
});
addEventListener("pagehide", () => current?.flush());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") current?.flush();
});
// offline.js asks before a "reload to update" throws work away.
window.pcspUnsavedWork = () => Boolean(current?.dirty);

export function createFileController({ kind, python, get, set, storageKey, say }) {
  let handle = null; // a FileSystemFileHandle when the browser gave us one
  let fileName = null;
  let dirty = false;
  let draftTimer = 0;

  function writeDraft() {
    clearTimeout(draftTimer);
    draftTimer = 0;
    try {
      localStorage.setItem(storageKey, JSON.stringify({ savedAt: new Date().toISOString(), fileName, dirty, doc: get() }));
    } catch (error) {
      say("error", "Your browser could not keep a draft of this page (its storage may be full). " +
        "Save your work to a file now so nothing is lost.");
    }
  }

  function changed() {
    dirty = true;
    clearTimeout(draftTimer);
    draftTimer = setTimeout(writeDraft, DRAFT_DELAY_MS);
  }

  function flush() {
    if (draftTimer) writeDraft();
  }

  function settle(doc, name, newHandle) {
    set(doc);
    fileName = name;
    handle = newHandle ?? null;
    dirty = false;
    writeDraft();
  }

  async function newDocument() {
    if (dirty && !confirm("Start a new one? Your unsaved changes will be lost.")) return false;
    settle(await python.call("new_document", kind), null, null);
    say("ok", "Started a new, empty one.");
    return true;
  }

  /** Open a File (from the picker or a drop). The screen changes only if the file is usable. */
  async function openFile(file, newHandle) {
    if (!file) return false;
    if (file.size > MAX_BYTES) {
      say("error", `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; plans and assessments are never ` +
        "larger than 5 MB. Check you chose the right file. Nothing on this page has changed.");
      return false;
    }
    let text;
    try {
      text = await file.text();
    } catch (error) {
      say("error", `“${file.name}” could not be read. Nothing on this page has changed.`);
      return false;
    }
    const opened = await python.call("open_document", text, kind);
    if (!opened.valid) {
      say("error", `“${file.name}” cannot be opened. Nothing on this page has changed.`, opened.errors);
      return false;
    }
    // Asked only now: a file that cannot be opened never puts the work on screen at risk.
    if (dirty && !confirm(`Open “${file.name}”? Your unsaved changes will be lost.`)) return false;
    settle(opened.document, file.name, newHandle);
    if (opened.migrated_from !== null) {
      say("ok", `Opened “${file.name}”. It was made by an older version of this tool, so it has been brought ` +
        "up to date; save it to keep it that way.");
      dirty = true;
      writeDraft();
    } else {
      say("ok", `Opened “${file.name}”.`);
    }
    return true;
  }

  async function pickAndOpen() {
    if (window.showOpenFilePicker) {
      try {
        const [picked] = await window.showOpenFilePicker({
          types: [{ description: "Plan or assessment (JSON)", accept: { "application/json": [".json"] } }] });
        return openFile(await picked.getFile(), picked);
      } catch (error) {
        if (error.name === "AbortError") return false;
      }
    }
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".json,application/json";
    return new Promise((resolve) => {
      input.addEventListener("change", () => resolve(openFile(input.files[0], null)), { once: true });
      input.click();
    });
  }

  async function save() {
    const text = await python.call("dump_document", get());
    if (handle && handle.createWritable) {
      try {
        const writable = await handle.createWritable();
        await writable.write(text);
        await writable.close();
        dirty = false;
        writeDraft();
        say("ok", `Saved to “${fileName}”.`);
        return text;
      } catch (error) {
        handle = null; // permission refused or file gone: fall back to a download
      }
    }
    const name = fileName || await python.call("suggested_file_name", get(), today());
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    fileName = name;
    dirty = false;
    writeDraft();
    say("ok", `Saved as “${name}” in your downloads.`);
    return text;
  }

  /** The draft kept in this browser, if it holds unsaved work: {savedAt, fileName, doc}. */
  function draft() {
    try {
      const kept = JSON.parse(localStorage.getItem(storageKey) || "null");
      return kept && kept.dirty && kept.doc ? kept : null;
    } catch (error) {
      return null;
    }
  }

  async function restoreDraft(kept) {
    const opened = await python.call("open_document", JSON.stringify(kept.doc), kind);
    if (!opened.valid) {
      say("error", "The draft in this browser could not be used.", opened.errors);
      return false;
    }
    set(opened.document);
    fileName = kept.fileName;
    dirty = true;
    writeDraft();
    say("ok", "Your unsaved work is back.");
    return true;
  }

  function discardDraft() {
    localStorage.removeItem(storageKey);
  }

  /** Let files be dropped anywhere on `element`. */
  function acceptDrops(element) {
    element.addEventListener("dragover", (event) => {
      if ([...event.dataTransfer.types].includes("Files")) event.preventDefault();
    });
    element.addEventListener("drop", (event) => {
      if (!event.dataTransfer.files.length) return;
      event.preventDefault();
      openFile(event.dataTransfer.files[0], null);
    });
  }

  current = {
    changed, flush, newDocument, openFile, pickAndOpen, save, draft, restoreDraft, discardDraft, acceptDrops,
    get dirty() {
      return dirty;
    },
    get fileName() {
      return fileName;
    },
  };
  return current;
}
