// What the plan looks like on paper: built from the form itself when the person
// prints, so it shows every filled-in answer under its own label and nothing
// empty, without knowing what a plan holds. Also the one-page "if things change"
// card. Text goes in with textContent only.

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

/** The one-page card: what might happen, what to do, who to call. */
export function card(doc) {
  const view = el("div", "pcsp-print-card");
  const name = doc.person?.preferred_name || doc.person?.name;
  view.append(el("h1", "", name ? `If things change: ${name}` : "If things change"));
  for (const c of doc.contingency || []) {
    const block = el("section");
    block.append(el("h2", "", c.trigger || "If things change"));
    if (c.what_should_happen) block.append(el("p", "", c.what_should_happen));
    if (c.who_to_contact) block.append(el("p", "pcsp-print-card__call", `Who to contact: ${c.who_to_contact}`));
    view.append(block);
  }
  if (doc.coordinator?.name) {
    const who = [doc.coordinator.name, doc.coordinator.role, doc.coordinator.contact].filter(Boolean).join(", ");
    view.append(el("p", "pcsp-print-card__call", `My coordinator: ${who}`));
  }
  if (doc.treatment_escalation) view.append(el("h2", "", "If my health gets worse"), el("p", "", doc.treatment_escalation));
  if (view.childElementCount === 1) {
    // An empty card is no use to whoever finds it: say what would make it one.
    view.append(el("p", "pcsp-print-card__empty", "Nothing is written for this card yet. In My plan, under " +
      "“If things change”, write what might happen, what should happen then, and who to contact; " +
      "add your coordinator too. Then print this card again."));
  }
  return view;
}
