// Asking for a passphrase: a native modal <dialog> (focus kept inside, Escape cancels), with
// a strength hint when a new one is chosen. Nothing typed here is kept anywhere.

import { WrongPassphrase, strength } from "./protect.js";
import { el } from "./ui.js";

const MIN_LENGTH = 8;
let made = 0;

function field(id, label, autocomplete, describedBy) {
  const wrap = el("p", "pcsp-passphrase__field");
  const text = el("label", "pcsp-label", label);
  text.htmlFor = id;
  const input = el("input");
  Object.assign(input, { id, type: "password", autocomplete, spellcheck: false, required: true });
  input.setAttribute("autocapitalize", "off");
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  wrap.append(text, input);
  return { wrap, input };
}

/**
 * Ask for a passphrase. Resolves with it, or null when the person cancels.
 *   mode "new":  two fields that must match, at least 8 characters, with a strength hint.
 *   mode "open": one field; `attempt(passphrase)` resolves null when it opened, or a message to
 *                show while the dialog stays open for another try. If it throws, the dialog
 *                closes and the promise rejects with that error.
 */
export function askPassphrase({ title, intro, mode, submit, attempt = async () => null }) {
  made += 1;
  const id = `pcsp-passphrase-${made}`;
  const dialog = el("dialog", "pcsp-passphrase md-typeset"); // md-typeset: the guide's own text and buttons
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  dialog.setAttribute("aria-describedby", `${id}-intro`);
  const form = el("form");
  form.method = "dialog";
  form.noValidate = true; // our own messages, in words, rather than the browser's bubbles
  const heading = el("h2", "", title);
  heading.id = `${id}-title`;
  const about = el("p", "", intro);
  about.id = `${id}-intro`;
  const hint = el("p", "pcsp-hint pcsp-passphrase__strength");
  hint.id = `${id}-strength`;
  hint.setAttribute("aria-live", "polite");
  const first = field(`${id}-first`, "Passphrase", mode === "new" ? "new-password" : "current-password",
    mode === "new" ? hint.id : null);
  const second = mode === "new" ? field(`${id}-second`, "Type the passphrase again", "new-password") : null;
  const showWrap = el("p");
  const show = el("input");
  show.type = "checkbox";
  show.id = `${id}-show`;
  const showLabel = el("label", "", " Show what I type");
  showLabel.htmlFor = show.id;
  showLabel.prepend(show);
  showWrap.append(showLabel);
  const problem = el("p", "pcsp-passphrase__problem");
  problem.setAttribute("role", "alert");
  const ok = el("button", "md-button md-button--primary", submit);
  ok.type = "submit";
  const cancel = el("button", "md-button", "Cancel");
  cancel.type = "button";
  const buttons = el("p", "pcsp-passphrase__buttons");
  buttons.append(ok, cancel);
  form.append(heading, about, first.wrap);
  if (second) form.append(hint, second.wrap);
  form.append(showWrap, problem, buttons);
  dialog.append(form);
  document.body.append(dialog);

  show.addEventListener("change", () => {
    for (const input of [first.input, second?.input].filter(Boolean)) input.type = show.checked ? "text" : "password";
  });
  if (second) {
    first.input.addEventListener("input", () => {
      hint.textContent = first.input.value ? strength(first.input.value).words : "";
    });
  }

  return new Promise((resolve, reject) => {
    let busy = false;
    const finish = (value, error) => {
      dialog.close();
      dialog.remove();
      if (error) reject(error);
      else resolve(value);
    };
    const say = (words) => {
      problem.textContent = words;
      first.input.focus();
      first.input.select();
    };
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      if (!busy) finish(null);
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy) return;
      const passphrase = first.input.value;
      if (mode === "new") {
        if ([...passphrase].length < MIN_LENGTH) return say(`Use at least ${MIN_LENGTH} characters: a few words you will remember are best.`);
        if (passphrase !== second.input.value) return say("The two passphrases are not the same. Type them again.");
        return finish(passphrase);
      }
      if (!passphrase) return say("Type the passphrase first.");
      busy = true;
      ok.disabled = true;
      ok.textContent = "Opening…";
      try {
        const wrong = await attempt(passphrase);
        if (wrong === null) return finish(passphrase);
        say(wrong);
      } catch (error) {
        return finish(null, error);
      } finally {
        busy = false;
        ok.disabled = false;
        ok.textContent = submit;
      }
    });
    dialog.showModal();
    first.input.focus();
  });
}

/** Ask for the passphrase that opens something: `open(passphrase)` resolves with what it opened, or
 * throws WrongPassphrase (said in the dialog, which stays open) or anything else (the dialog closes
 * and this rejects with it). Resolves with what opened, or null when the person cancels. */
export async function openWithPassphrase({ title, intro, open }) {
  let opened = null;
  const given = await askPassphrase({
    title, intro, mode: "open", submit: "Open it",
    async attempt(passphrase) {
      try {
        opened = await open(passphrase);
        return null;
      } catch (error) {
        if (error instanceof WrongPassphrase) return error.message;
        throw error;
      }
    },
  });
  return given === null ? null : opened;
}
