// "Share my plan": what goes into the copies a person shares, kept in the plan as
// share_choice, and the files made from it. Which parts exist, which are private and
// every file's bytes come from pcsp_core (sharing.py, plan_exports.py); this module only
// shows the choice, writes it into the plan, and offers the file pcsp_core made.

import { download, today } from "./files.js";
import { askPassphrase } from "./passphrase.js";
import { makeFragment } from "./protect.js";
import { qrSvg } from "./qr-view.js";

/** The choice the controls show: {scope} or {scope: "sections", sections: [part ids]}. */
function chosen(section) {
  const scope = section.querySelector("input[name=pcsp-share-scope]:checked")?.value || "summary";
  if (scope !== "sections") return { scope };
  const sections = [...section.querySelectorAll("[data-pcsp-share-parts] input:checked")].map((box) => box.value);
  return { scope, sections };
}

export function mountShare(section, { python, binder, changed, say, saveProtectedCopy, iterations }) {
  const parts = section.querySelector("[data-pcsp-share-parts]");
  const boxes = section.querySelector("[data-pcsp-share-boxes]");
  const status = section.querySelector("[data-pcsp-share-status]");
  const privateNote = section.querySelector("[data-pcsp-share-private]");

  /** Show the parts' boxes only for "part by part", ticked as `picked` says (null: as the summary). */
  function drawParts(scope, picked) {
    parts.hidden = scope !== "sections";
    privateNote.hidden = scope !== "summary";
    parts.querySelector("ul")?.remove();
    if (scope !== "sections") return;
    const list = boxes.content.firstElementChild.cloneNode(true);
    // Until the person picks part by part, the boxes start as the summary: private parts off.
    for (const box of list.querySelectorAll("input")) {
      box.checked = picked ? picked.has(box.value) : box.dataset.summary === "true" && box.dataset.private !== "true";
    }
    parts.append(list);
  }

  /** Show the plan's remembered choice (a new plan, or one from before the choice was kept: the summary). */
  function show(doc) {
    const choice = doc?.share_choice?.scope ? doc.share_choice : { scope: "summary" };
    for (const radio of section.querySelectorAll("input[name=pcsp-share-scope]")) radio.checked = radio.value === choice.scope;
    drawParts(choice.scope, choice.scope === "sections" ? new Set(choice.sections || []) : null);
    status.textContent = "";
    forgetLink();
  }

  /** A link made before the choice (or the plan) changed would share the old choice: take it away. */
  function forgetLink() {
    const shown = section.querySelector("[data-pcsp-link]");
    shown.hidden = true;
    shown.querySelector("[data-pcsp-link-text]").value = "";
    section.querySelector("[data-pcsp-qr]").hidden = true;
  }

  section.addEventListener("change", (event) => {
    if (!event.target.closest("input[name=pcsp-share-scope], [data-pcsp-share-parts]")) return;
    if (event.target.name === "pcsp-share-scope") drawParts(event.target.value, null);
    const choice = chosen(section);
    binder.get().share_choice = choice;
    forgetLink();
    changed();
  });

  for (const button of section.querySelectorAll("[data-pcsp-share-format]")) {
    button.addEventListener("click", async () => {
      const format = button.dataset.pcspShareFormat;
      status.textContent = "Making your copy…";
      let made;
      try {
        made = await python.call("export_plan", binder.get(), format, today());
      } catch (error) {
        status.textContent = "";
        say("error", `Your copy could not be made: ${error.message} Your plan is unchanged.`);
        return;
      }
      download(made.name, made.text, made.type);
      status.textContent = `Saved “${made.name}” in your downloads.`;
    });
  }

  // What a protected copy or a link holds: only the parts the person chose (pcsp_core.sharing.shared).
  const sharedPlan = () => python.call("shared", binder.get());

  section.querySelector("[data-pcsp-share-protect]").addEventListener("click", () =>
    saveProtectedCopy(sharedPlan, "a protected copy of what you share"));

  const link = section.querySelector("[data-pcsp-link]");
  const linkText = link.querySelector("[data-pcsp-link-text]");
  const linkLength = link.querySelector("[data-pcsp-link-length]");
  const reliable = Number(link.dataset.reliableLength);
  section.querySelector("[data-pcsp-share-link]").addEventListener("click", async () => {
    let passphrase = null;
    if (section.querySelector("[data-pcsp-link-passphrase]").checked) {
      passphrase = await askPassphrase({
        title: "Lock the link", mode: "new", submit: "Make the link",
        intro: "Choose a passphrase for the link. Tell it to the person separately, in person or by phone: " +
          "never in the same message as the link.",
      });
      if (passphrase === null) {
        status.textContent = "No link was made.";
        return;
      }
    }
    status.textContent = "Making the link…";
    let url;
    try {
      url = await linkTo(await sharedPlan(), passphrase);
    } catch (error) {
      status.textContent = "";
      say("error", `The link could not be made: ${error.message} Your plan is unchanged.`);
      return;
    }
    linkText.value = url;
    link.hidden = false;
    const size = url.length.toLocaleString("en-GB");
    linkLength.textContent = url.length > reliable
      ? `This link is ${size} characters long. Email and messaging apps may cut links longer than about ` +
        `${reliable.toLocaleString("en-GB")} characters, so send a protected copy instead, or share fewer parts.`
      : `This link is ${size} characters long. Anyone with the whole link${passphrase ? " and its passphrase" : ""} ` +
        "can read what you chose to share.";
    status.textContent = "The link is ready below.";
    linkText.focus();
    linkText.select();
  });
  link.querySelector("[data-pcsp-link-copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(linkText.value);
      status.textContent = "The link is copied. Paste it into your message.";
    } catch (error) {
      linkText.focus();
      linkText.select();
      status.textContent = "This browser would not copy it: the link is selected, so copy it with your keyboard " +
        "or menu.";
    }
  });

  /** A link (random key) to `doc` on this page, as the share panel and the card's QR code make it. */
  async function linkTo(doc, passphrase = null) {
    const text = await python.call("dump_document", doc);
    return `${location.origin}${location.pathname}${await makeFragment(text, { passphrase, iterations })}`;
  }

  const cardDocument = () => python.call("card_document", binder.get());
  /** The card's QR code, for the printed card: {size, rows}. */
  const cardQr = async () => python.call("qr_code", await linkTo(await cardDocument()));

  const qr = section.querySelector("[data-pcsp-qr]");
  async function showQr(source, label) {
    qr.hidden = true;
    let code;
    try {
      code = await python.call("qr_code", await linkTo(await source()));
    } catch (error) {
      status.textContent = "";
      say("error", `${error.message} Your plan is unchanged.`);
      return;
    }
    qr.querySelector("[data-pcsp-qr-code]").replaceChildren(qrSvg(code, label));
    qr.querySelector("[data-pcsp-qr-caption]").textContent = `${label}. Scanned with a phone's camera, it opens ` +
      "here, in this guide, read-only; nothing is sent anywhere. Anyone who scans it can read it.";
    qr.hidden = false;
    status.textContent = "The QR code is ready below.";
  }
  section.querySelector("[data-pcsp-qr-card]").addEventListener("click", () =>
    showQr(cardDocument, "QR code of my “if things change” card"));
  section.querySelector("[data-pcsp-qr-shared]").addEventListener("click", () =>
    showQr(sharedPlan, "QR code of what I share from my plan"));

  show(binder.get());
  return { show, cardQr };
}
