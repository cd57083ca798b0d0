// "Share my plan": what goes into the copies a person shares, kept in the plan as
// share_choice, and the files made from it. Which parts exist, which are private and
// every file's bytes come from pcsp_core (sharing.py, plan_exports.py); this module only
// shows the choice, writes it into the plan, and offers the file pcsp_core made.

import { download, today } from "./files.js";

/** The choice the controls show: {scope} or {scope: "sections", sections: [part ids]}. */
function chosen(section) {
  const scope = section.querySelector("input[name=pcsp-share-scope]:checked")?.value || "summary";
  if (scope !== "sections") return { scope };
  const sections = [...section.querySelectorAll("[data-pcsp-share-parts] input:checked")].map((box) => box.value);
  return { scope, sections };
}

export function mountShare(section, { python, binder, changed, say }) {
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
  }

  section.addEventListener("change", (event) => {
    if (!event.target.closest("input[name=pcsp-share-scope], [data-pcsp-share-parts]")) return;
    if (event.target.name === "pcsp-share-scope") drawParts(event.target.value, null);
    const choice = chosen(section);
    binder.get().share_choice = choice;
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

  show(binder.get());
  return { show };
}
