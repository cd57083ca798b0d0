// What the plan looks like on paper: built from the form itself when the person
// prints, so it shows every filled-in answer under its own label and nothing
// empty, without knowing what a plan holds. Also draws the one-page "if things change"
// card pcsp_core makes. Text goes in with textContent only.

import { qrSvg } from "./qr-view.js";
import { el } from "./ui.js";

function labelOf(control) {
  const label = control.id && control.ownerDocument.querySelector(`label[for="${CSS.escape(control.id)}"]`);
  const text = label ? label.textContent : control.closest("fieldset")?.querySelector("legend")?.textContent;
  return (text || "").replace(/\s+/g, " ").trim();
}

function answer(control) {
  if (control.type === "radio") return control.checked && control.value !== "" ? labelOf(control) : "";
  if (control.type === "hidden" || control.type === "checkbox") return "";
  if (control.tagName === "SELECT") return control.value ? control.selectedOptions[0].textContent : "";
  return (control.value || "").trim();
}

/** A read-only copy of everything filled in, section by section. */
export function readable(form) {
  const view = el("div", "pcsp-print-view");
  for (const section of form.querySelectorAll(".pcsp-form-section")) {
    const block = el("section");
    block.append(el("h2", "", section.querySelector("legend").textContent.trim()));
    const list = el("dl");
    for (const control of section.querySelectorAll("[data-path]")) {
      if (control.closest("template")) continue;
      let value;
      let name;
      if (control.dataset.type === "id-list") { // a group of ticks, not a single control
        name = control.querySelector("legend")?.textContent.trim() || "";
        value = [...control.querySelectorAll("input:checked")].map((c) => c.parentElement.textContent.trim()).join("; ");
      } else if (control.type === "radio") {
        name = control.closest("fieldset").querySelector("legend").textContent.trim();
        value = answer(control);
      } else {
        name = labelOf(control);
        value = answer(control);
      }
      if (!value) continue;
      const item = control.closest("[data-list-item]");
      const where = item ? item.querySelector("legend")?.textContent.trim() : "";
      list.append(el("dt", "", where && where !== name ? `${where}: ${name}` : name), el("dd", "", value));
    }
    if (list.children.length) {
      block.append(list);
      view.append(block);
    }
  }
  return view;
}

/** The one-page card pcsp_core.emergency_card made: {title, blocks: [{heading, lines: [{text, call}]}], empty},
 * with its QR code ({size, rows} from pcsp_core.qr) as `qr` when one was made. */
export function card(made) {
  const view = el("div", "pcsp-print-card");
  view.append(el("h1", "", made.title));
  for (const block of made.blocks) {
    const part = el("section");
    if (block.heading) part.append(el("h2", "", block.heading));
    for (const line of block.lines) part.append(el("p", line.call ? "pcsp-print-card__call" : "", line.text));
    view.append(part);
  }
  if (made.empty) view.append(el("p", "pcsp-print-card__empty", made.empty));
  if (made.qr && !made.empty) {
    const figure = el("figure", "pcsp-print-card__qr");
    figure.append(qrSvg(made.qr, "QR code of this card"),
      el("figcaption", "", "Scan with a phone's camera to open this card."));
    view.append(figure);
  }
  return view;
}
