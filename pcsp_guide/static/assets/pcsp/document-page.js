// One document on screen, and every way of losing it, owned in one place.
//
// A document page (the plan editor, the self-assessment, the implementation
// checklist, the agreed team assessment) mounts through mountDocumentPage and keeps
// only its own panels. This module owns the rest:
//
// - the toolbar: New, Open (picker or drop), Save, See an example, Clear this device, and for
//   My plan on a narrow screen its "More" menu (toolbar-menu.js);
// - the draft: written a moment after every change while there is unsaved work,
//   removed once the work is saved; each page writes only its own draft (drafts.js),
//   so another tab, or an offered draft, is never overwritten;
// - the offer of drafts left by pages that have gone, which stays until the person
//   restores or discards it, and which Open or New settle by asking first;
// - the leave guard, and the state of the checks (a failure is said, not hidden);
// - latest(), the one way to "check after typing stops" and draw only the newest answer.
//
// Nothing here knows what a plan is: every judgement is a pcsp_core call.

import { bind } from "./binder.js";
import { clearThisDevice, describeKept } from "./clear-device.js";
import { createDraftStore } from "./drafts.js";
import {
  chooseFile, chooseSaveHandle, download, fileRules, readUpload, readUploads, saveProblem, today, whenFilesDropped,
  writeToHandle,
} from "./files.js";
import { latest } from "./latest.js";
import { askPassphrase, openWithPassphrase } from "./passphrase.js";
import { newPassphraseKey, protect, unprotect } from "./protect.js";
import { runtime } from "./runtime.js";
import { mountToolbarMenu } from "./toolbar-menu.js";
import { el, fetchAsFile, messenger } from "./ui.js";

export { latest };

const DRAFT_DELAY_MS = 300;

// --- the page that is live, for the window-level guards -------------------------

// Instant navigation swaps pages without unloading, so the listeners are added once
// and ask whichever pages are live now.
const live = new Set();
let guarding = false;

function guardTheWindow() {
  if (guarding) return;
  guarding = true;
  addEventListener("beforeunload", (event) => {
    for (const page of live) page.flush();
    if ([...live].some((page) => page.dirty)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  addEventListener("pagehide", () => {
    for (const page of live) page.flush();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") for (const page of live) page.flush();
  });
  // offline.js asks before a "reload to update" throws work away.
  window.pcspUnsavedWork = () => [...live].some((page) => page.dirty);
}

function when(savedAt) {
  const date = new Date(savedAt);
  return Number.isNaN(date.getTime()) ? "an earlier visit" : date.toLocaleString();
}

/**
 * Mount one document page.
 *   kind      "plan" | "self-assessment" | "implementation-checklist": what Open accepts
 *   slot      the name its drafts are kept under (default: kind)
 *   form      the <form> the build rendered, bound to the document by binder.js; or
 *   holder    {get(), set(doc)} for a page that draws its document itself
 *   shown(doc)           after a whole document is put on screen
 *   edited(doc, control) after each edit in the form
 *   ready()              whenever the checks become ready (again): run them
 *   failed(detail)       when the checks have stopped (the page's own status line)
 *   restored(kept)       after a draft is restored
 *   words     {document: "plan"} for messages ("Your plan was not saved")
 * Returns the page: {python, binder, say, latest, changed, replace, openUpload, readUploads, dispose, ...}.
 */
export function mountDocumentPage(root, options) {
  const { kind, form = null, shown = () => {}, edited = () => {}, ready = () => {}, failed = () => {},
    restored = () => {} } = options;
  const slot = options.slot ?? kind;
  const noun = options.words?.document ?? "work";
  const python = runtime();
  const rules = fileRules(root);
  const protection = JSON.parse(root.dataset.protection);
  const say = messenger(root.querySelector("[data-pcsp-messages]"));
  const store = createDraftStore(slot);
  const offer = root.querySelector("[data-pcsp-draft]");
  let dirty = false;
  let fileName = null;
  let handle = null; // a FileSystemFileHandle when the browser gave us one
  let locked = null; // opened from a protected file: Save locks it again with the same passphrase
  let relock = false; // restored from the draft of a protected file: Save asks for a passphrase first
  let draftTimer = null;
  let edits = 0; // every change counts, so a save knows whether typing went on while it wrote
  let storageWarned = false;
  let offered = []; // drafts left by pages that have gone, shown for restoring
  let answering = false;
  let checksFailed = false;
  const timers = new Set();

  const binder = form ? bind(form, {
    onChange(doc, control) {
      changed();
      edited(doc, control);
    },
  }) : null;
  const holder = binder ?? options.holder;

  function writeDraft() {
    if (draftTimer !== null) clearTimeout(draftTimer);
    draftTimer = null;
    const doc = holder.get();
    if (!doc) return;
    try {
      store.write(fileName, doc, { locked: locked !== null || relock });
      storageWarned = false;
    } catch (error) {
      if (storageWarned) return;
      storageWarned = true; // said once; the work on screen carries on either way
      say("notice", "This browser is not keeping a draft of your work (its storage is full, switched off or " +
        "private). Nothing is lost while this page stays open, but save your work to a file before you close it.");
    }
  }

  /** Call after every change to the document that the form did not make itself. */
  function changed() {
    dirty = true;
    edits += 1;
    if (draftTimer !== null) clearTimeout(draftTimer);
    draftTimer = setTimeout(writeDraft, DRAFT_DELAY_MS);
  }

  function flush() {
    if (draftTimer !== null) writeDraft();
  }

  /** Put `doc` on screen as the document, and keep a draft only if it holds unsaved work. */
  function settle(doc, { name = null, newHandle = null, unsaved = false, key = null, wasLocked = false } = {}) {
    holder.set(doc);
    fileName = name;
    handle = newHandle;
    locked = key;
    relock = wasLocked && key === null;
    dirty = unsaved;
    if (unsaved) {
      writeDraft();
    } else {
      if (draftTimer !== null) clearTimeout(draftTimer);
      draftTimer = null;
      store.remove();
    }
    shown(doc);
  }

  // --- the offer of drafts left behind -------------------------------------------

  function drawOffer() {
    if (!offer) return;
    const list = offer.querySelector("[data-pcsp-draft-list]");
    list.replaceChildren();
    for (const kept of offered) {
      const item = el("li", "pcsp-draft__item");
      item.append(el("p", "", `From ${when(kept.savedAt)}${kept.fileName ? `, opened from “${kept.fileName}”` : ""}.`));
      const restore = el("button", "md-button md-button--primary", "Restore it");
      restore.type = "button";
      restore.dataset.pcspRestore = kept.id;
      const discard = el("button", "md-button", "Discard it");
      discard.type = "button";
      discard.dataset.pcspDiscard = kept.id;
      item.append(restore, discard);
      list.append(item);
    }
    offer.hidden = !offered.length;
  }

  offer?.addEventListener("click", (event) => {
    const restore = event.target.closest("[data-pcsp-restore]");
    const discard = event.target.closest("[data-pcsp-discard]");
    const kept = offered.find((d) => d.id === (restore ?? discard)?.dataset[restore ? "pcspRestore" : "pcspDiscard"]);
    if (!kept || answering) return;
    answering = true; // one answer at a time: a double click restores once
    Promise.resolve(restore ? restoreDraft(kept) : discardDraft(kept)).finally(() => {
      answering = false;
    });
  });

  function offerWords() {
    return offered.length === 1 ? `the unsaved work from ${when(offered[0].savedAt)}`
      : `the ${offered.length} pieces of unsaved work kept in this browser`;
  }

  /** May `action` replace what is on screen? Asks about unsaved work and unanswered drafts; true = go ahead.
   * An answered "yes" discards the drafts on offer: opening over them settles the offer. */
  function mayReplace(action, { askIfDirty = true } = {}) {
    const unsaved = dirty && askIfDirty;
    if (!unsaved && !offered.length) return true;
    let question;
    if (unsaved && offered.length) {
      question = `${action}? Your unsaved changes will be lost, and so will ${offerWords()} that you have not restored.`;
    } else if (unsaved) {
      question = `${action}? Your unsaved changes will be lost.`;
    } else {
      question = `${action}? ${offerWords().replace(/^t/, "T")} that you have not restored will be discarded.`;
    }
    if (!confirm(question)) return false;
    for (const kept of offered) store.discard(kept.id);
    offered = [];
    drawOffer();
    return true;
  }

  async function restoreDraft(kept) {
    let opened;
    try {
      opened = await python.call("open_document", JSON.stringify(kept.doc), kind);
    } catch (error) {
      say("error", `The draft could not be checked just now (${error.message}). It is still kept: try Restore again ` +
        "in a moment.");
      return;
    }
    if (!opened.valid) {
      say("error", "This draft cannot be used, so it was not restored. You can discard it.", opened.errors);
      return;
    }
    // Asked only now, so typing while the draft was being checked is asked about too.
    if (dirty && !confirm(`Restore the unsaved work from ${when(kept.savedAt)}? What is on screen now will be replaced.`)) {
      return;
    }
    // Kept under this page's own draft first, then the old one goes: at no moment is it nowhere.
    // Never the open file's handle; and a protected file's draft is saved protected again.
    settle(opened.document, { name: kept.fileName, newHandle: null, unsaved: true, wasLocked: kept.locked });
    store.discard(kept.id);
    offered = offered.filter((d) => d !== kept);
    drawOffer();
    say("ok", "Your unsaved work is back. Save it to keep it as a file.");
    restored(kept);
  }

  function discardDraft(kept) {
    store.discard(kept.id);
    offered = offered.filter((d) => d !== kept);
    drawOffer();
    say("ok", "The unsaved draft was discarded.");
    (offered.length ? offer.querySelector("[data-pcsp-restore]") : root.querySelector("[data-pcsp-open], input[type=file]"))
      ?.focus();
  }

  // --- New, Open, Save ------------------------------------------------------------

  function newDocument() {
    if (!mayReplace("Start a new one")) return false;
    settle(JSON.parse(root.dataset.empty)); // pcsp_core.new_document(kind), from the build: no Python needed
    say("ok", "Started a new, empty one.");
    return true;
  }

  /** Open one upload (see files.js) as the document; the screen changes only if it is usable. */
  async function openUpload(read, newHandle = null) {
    if (read.problem) {
      say("error", `“${read.name}” cannot be opened. Nothing on this page has changed.`, [{ message: read.problem }]);
      return false;
    }
    let opened;
    try {
      opened = await python.call("open_upload", read, kind);
    } catch (error) {
      say("error", `“${read.name}” could not be checked (${error.message}). Nothing on this page has changed; ` +
        "try again in a moment.");
      return false;
    }
    let key = null;
    if (opened.protected) {
      let inside;
      try {
        inside = await unlock(read.name, opened.protected);
      } catch (error) {
        say("error", `“${read.name}” cannot be opened: ${error.message} Nothing on this page has changed.`);
        return false;
      }
      if (!inside) {
        say("ok", `“${read.name}” was not opened. Nothing on this page has changed.`);
        return false;
      }
      key = inside.derived;
      try {
        opened = await python.call("open_upload", { name: read.name, text: inside.text }, kind);
      } catch (error) {
        say("error", `“${read.name}” could not be checked (${error.message}). Nothing on this page has changed; ` +
          "try again in a moment.");
        return false;
      }
    }
    if (!opened.valid) {
      say("error", `“${read.name}” cannot be opened. Nothing on this page has changed.`, opened.errors);
      return false;
    }
    // Asked only now: a file that cannot be opened never puts the work on screen at risk.
    if (!mayReplace(`Open “${read.name}”`)) return false;
    const migrated = opened.migrated_from !== null;
    settle(opened.document, { name: read.name, newHandle, unsaved: migrated, key });
    say("ok", migrated ? `Opened “${read.name}”. It was made by an older version of this tool, so it has been ` +
      "brought up to date; save it to keep it that way." : `Opened “${read.name}”.`);
    return true;
  }

  /** The text inside a protected file, once the person gives its passphrase: {text, derived}, or null if
   * they cancel. A wrong passphrase is said in the dialog, which stays open; a damaged file throws. */
  function unlock(name, envelope) {
    return openWithPassphrase({
      title: `“${name}” is protected`, open: (passphrase) => unprotect(envelope, passphrase),
      intro: "Type the passphrase it was saved with. Nothing on this page changes until it opens.",
    });
  }

  async function openFile(file, newHandle = null) {
    return openUpload(await readUpload(file, rules), newHandle);
  }

  async function pickAndOpen() {
    const chosen = await chooseFile();
    if (chosen) await openFile(...chosen);
  }

  async function openExample() {
    try {
      await openFile(await fetchAsFile(root.dataset.example));
    } catch (error) {
      say("error", `${error.message} Nothing on this page has changed.`);
    }
  }

  // Saving never waits for Python: while the checks are not ready (starting, or stopped),
  // the text is made here. It is the same text pcsp_core's dump_document makes (2-space
  // indent, no ASCII escaping, a final newline) for any document this page holds, whose
  // numbers and strings have already been through JSON in this browser.
  async function dumped(doc) {
    const here = `${JSON.stringify(doc, null, 2)}\n`;
    if (python.state.state !== "ready") return here;
    return python.call("dump_document", doc).catch(() => here);
  }

  async function nameFor(doc) {
    const plain = `${slot}-${today()}.json`;
    if (fileName) return fileName;
    if (python.state.state !== "ready") return plain;
    return python.call("suggested_file_name", doc, today()).catch(() => plain);
  }

  /** The text made after `at` changes is in a file now. */
  function saved(name, where, at) {
    fileName = name;
    if (edits === at) {
      dirty = false;
      if (draftTimer !== null) clearTimeout(draftTimer);
      draftTimer = null;
      store.remove(); // saved: no copy stays in this browser
      say("ok", `Saved ${where}.`);
    } else {
      flush(); // typed while saving: that part is only on screen and in the draft
      say("ok", `Saved ${where}. You have changed it since: save again to keep those changes.`);
    }
  }

  function saveFailed(name, text, error, at) {
    handle = null; // the next Save asks again rather than failing the same way
    writeDraft(); // the draft stays until the work is safely in a file
    say("error", `Your ${noun} was not saved to “${name}”: ${saveProblem(error)}. It is still here, and this browser ` +
      "keeps a draft of it. Download a copy instead, or choose Save again.", [], {
      label: "Download a copy",
      run: () => {
        download(name, text);
        saved(name, `as “${name}” in your downloads`, at);
      },
    });
  }

  /** A protected file's text for `text`: with the key it was opened with, or a new passphrase's. */
  async function lockedText(text, { key = null, passphrase = null }) {
    const envelope = await protect(text, passphrase, kind, protection, key);
    return `${JSON.stringify(envelope, null, 2)}\n`;
  }

  /** The key to save a restored protected draft with: the browser never kept it, so ask. False: not now. */
  async function lockAgain() {
    const passphrase = await askPassphrase({
      title: "Save it protected again", mode: "new", submit: "Save it protected",
      intro: "This work came from a protected file, and it will be saved protected again. Type its passphrase " +
        "(or a new one) twice.",
    });
    if (passphrase === null) {
      say("ok", "Not saved: no passphrase was given. Your work is still here.");
      return false;
    }
    locked = await newPassphraseKey(passphrase, protection.iterations);
    relock = false;
    return true;
  }

  async function save() {
    const doc = holder.get();
    if (!doc) return;
    const at = edits;
    if (relock && !await lockAgain()) return;
    let [text, name] = await Promise.all([dumped(doc), nameFor(doc)]);
    if (locked) text = await lockedText(text, { key: locked }); // opened protected, so it stays protected
    if (handle?.createWritable) {
      try {
        await writeToHandle(handle, text);
        saved(name, `to “${name}”`, at);
      } catch (error) {
        saveFailed(name, text, error, at);
      }
      return;
    }
    let chosen = null;
    try {
      chosen = await chooseSaveHandle(name);
    } catch (error) {
      if (error.name === "AbortError") {
        say("ok", "Not saved: the save window was closed. Your work is still here.");
        return;
      }
      // the picker itself failed: fall through to a download
    }
    if (chosen) {
      try {
        await writeToHandle(chosen, text);
        handle = chosen;
        saved(chosen.name, `to “${chosen.name}”`, at);
      } catch (error) {
        saveFailed(chosen.name, text, error, at);
      }
      return;
    }
    download(name, text);
    saved(name, `as “${name}” in your downloads`, at);
  }

  /** "Make a protected copy": the document (or what `part(doc)` gives, such as the parts a person
   * shares) locked with a new passphrase, downloaded as a file of its own. The page is unchanged. */
  async function saveProtectedCopy(part = (doc) => doc, what = "a protected copy") {
    const doc = holder.get();
    if (!doc) return;
    const passphrase = await askPassphrase({
      title: "Make a protected copy", mode: "new", submit: "Make the protected copy",
      intro: "Choose a passphrase. Only someone who knows it can open the copy, so tell it to them separately " +
        "(in person or by phone, not in the same email). If it is forgotten, nobody can open the copy.",
    });
    if (passphrase === null) {
      say("ok", "No protected copy was made. Your work is still here.");
      return;
    }
    try {
      const chosen = await part(doc);
      const text = await lockedText(await dumped(chosen), { passphrase });
      const name = (await nameFor(doc)).replace(/\.json$/, "-protected.json");
      download(name, text);
      say("ok", `Saved ${what} as “${name}” in your downloads. It opens only with its passphrase.`);
    } catch (error) {
      say("error", `The protected copy could not be made (${error.message}). Your work is still here.`);
    }
  }

  // --- files dropped or chosen ------------------------------------------------------

  /** Let files be dropped anywhere on `element`; `onFiles(FileList)` gets them (default: open the first). */
  function acceptDrops(element, onFiles = (files) => openFile(files[0])) {
    whenFilesDropped(element, onFiles);
  }

  // --- the checks -----------------------------------------------------------------

  function pageLatest(task, delay) {
    const scheduled = latest(task, delay, {
      when: () => python.state.state === "ready",
      onError(error) {
        if (python.state.state !== "failed") say("notice", `A check could not finish (${error.message}). Keep going: ` +
          "it runs again as you type.");
      },
    });
    timers.add(scheduled);
    return scheduled;
  }

  function watchChecks({ state, detail }) {
    if (state === "ready") {
      if (checksFailed) say("ok", "The checks are working again.");
      checksFailed = false;
      ready();
    } else if (state === "failed") {
      checksFailed = true;
      say("notice", `${detail} You can carry on writing and save your ${noun}.`);
      failed(detail);
    }
  }
  let stopWatching = () => {};

  // --- Clear this device --------------------------------------------------------------

  async function clearDevice() {
    const kept = await describeKept();
    const onScreen = dirty ? " The unsaved work on this page stays on screen until you leave it." : "";
    if (!confirm(`Clear this device? This removes ${kept} from this browser. Work that is not saved to a file ` +
      `will be lost; files you saved are not touched.${onScreen}`)) return;
    const removed = await clearThisDevice();
    say("ok", removed);
  }

  function cleared() {
    if (draftTimer !== null) clearTimeout(draftTimer);
    draftTimer = null; // until the next change: the person asked for nothing to be kept
    offered = [];
    drawOffer();
  }
  addEventListener("pcsp:cleared", cleared);

  // --- the toolbar --------------------------------------------------------------------

  const actions = {
    "[data-pcsp-new]": newDocument,
    "[data-pcsp-open]": pickAndOpen,
    "[data-pcsp-save]": save,
    "[data-pcsp-protect]": () => saveProtectedCopy(),
    "[data-pcsp-clear-device]": clearDevice,
  };
  if (root.dataset.example) actions["[data-pcsp-example]"] = openExample; // one example document to open
  for (const [selector, action] of Object.entries(actions)) {
    for (const button of root.querySelectorAll(selector)) button.addEventListener("click", () => action());
  }
  const removeMenu = mountToolbarMenu(root.querySelector("[data-pcsp-toolbar].pcsp-toolbar--menu"));

  const page = {
    python, binder, say, rules, today,
    latest: pageLatest,
    changed, flush, save, saveProtectedCopy, openFile, openUpload, acceptDrops, mayReplace,
    readUploads: (fileList) => readUploads(fileList, rules),
    /** Put a document made on this page (not opened from a file) on screen, as unsaved work. */
    replace(doc, { action, askIfDirty = true } = {}) {
      if (action && !mayReplace(action, { askIfDirty })) return false;
      settle(doc, { name: null, newHandle: null, unsaved: true });
      return true;
    },
    get dirty() {
      return dirty;
    },
    get fileName() {
      return fileName;
    },
    /** The page is leaving (instant navigation): keep its draft for the offer, let go of everything. */
    dispose() {
      flush();
      for (const scheduled of timers) scheduled.cancel();
      stopWatching();
      removeEventListener("pcsp:cleared", cleared);
      removeMenu();
      store.release();
      live.delete(page);
    },
  };

  guardTheWindow();
  live.add(page);
  if (root.dataset.empty) holder.set(JSON.parse(root.dataset.empty));
  // After the page module has finished mounting: ready() may run its checks at once, and what was
  // typed before the scripts ran goes back in as edits (so it is checked, and kept as a draft).
  queueMicrotask(() => {
    if (!live.has(page)) return;
    binder?.keepEarlyTyping();
    stopWatching = python.onState(watchChecks);
  });
  // The offer: drafts left by pages that have gone (this tab's earlier visit, a closed tab).
  store.hold().then(() => store.orphans()).then((found) => {
    offered = found;
    drawOffer();
    // Only onto an untouched page: a person already typing must not have their keys land on a button.
    if (offered.length && (document.activeElement === document.body || !document.activeElement)) {
      offer.querySelector("[data-pcsp-restore]")?.focus({ preventScroll: true });
    }
  });
  return page;
}
