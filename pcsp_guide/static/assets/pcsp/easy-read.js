// "Show my plan in easy read": the plan on screen (or a plan shared as a link) in short lines, one
// idea each, with a picture on the left of each heading. pcsp_core.easy_read decides every section,
// line and picture, with its words from pcsp_core/wording/easy_read.json; this module only draws what
// it answers, with textContent, and opens, prints and closes the view. It reads the plan and never
// writes it, so nothing the person typed can change here.
//
// layout() turns pcsp_core's answer into a plain tree of elements, with no DOM, so Node can test it;
// build() makes that tree with el() (ui.js).

import { siteUrl } from "./site-root.js";
import { el } from "./ui.js";

const ICON_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // Tabler's names; anything else is never made into a URL
const PICTURE_PX = "64"; // the picture's intrinsic size; CSS sizes it in rem, so it grows with the text

/** The file of a picture named by pcsp_core ("target" → "target.svg"), or null for a name that is not one. */
export function iconFile(name) {
  return typeof name === "string" && ICON_NAME.test(name) ? `${name}.svg` : null;
}

function node(tag, className = "", { text, attrs, children } = {}) {
  return { tag, className, text: text ?? null, attrs: attrs ?? {}, children: children ?? [] };
}

function lineNodes(line) {
  const inline = !line.items.length && line.words !== null; // the words follow the lead on its line
  const lead = line.lead ? [node("span", "pcsp-easy-read__lead", { text: inline ? `${line.lead} ` : line.lead })] : [];
  if (line.items.length) {
    return [node("p", "pcsp-easy-read__line", { children: lead }),
      node("ul", "pcsp-easy-read__items", { children: line.items.map((item) => node("li", "pcsp-easy-read__words", { text: item })) })];
  }
  const words = line.words !== null ? [node("span", "pcsp-easy-read__words", { text: line.words })] : [];
  return [node("p", "pcsp-easy-read__line", { children: [...lead, ...words] })];
}

/**
 * What to draw for pcsp_core.easy_read's answer ({title, intro, sections, empty}): a list of
 * {tag, className, text, attrs, children}. `iconUrl(file)` is the address of a picture. Each
 * section's heading has its picture on its left, which says nothing the heading does not (alt="").
 */
export function layout(result, iconUrl) {
  const out = [node("p", "pcsp-easy-read__title", { text: result.title }),
    ...result.intro.map((text) => node("p", "pcsp-easy-read__intro", { text }))];
  if (result.empty) out.push(node("p", "pcsp-easy-read__empty", { text: result.empty }));
  for (const section of result.sections) {
    const id = `pcsp-easy-read-part-${section.key}`;
    const file = iconFile(section.icon);
    const picture = file ? [node("img", "pcsp-easy-read__picture", {
      attrs: { src: iconUrl(file), alt: "", width: PICTURE_PX, height: PICTURE_PX } })] : [];
    const heading = node("div", "pcsp-easy-read__heading", {
      children: [...picture, node("h3", "", { text: section.heading, attrs: { id } })] });
    const blocks = section.blocks.map((block) => node("div",
      `pcsp-easy-read__block${block.sub ? " pcsp-easy-read__block--sub" : ""}`,
      { children: block.lines.flatMap(lineNodes) }));
    out.push(node("section", "pcsp-easy-read__section", { attrs: { "aria-labelledby": id }, children: [heading, ...blocks] }));
  }
  return out;
}

/** The elements of a layout() tree: words only ever as textContent. */
export function build(tree) {
  const made = el(tree.tag, tree.className, tree.text);
  for (const [name, value] of Object.entries(tree.attrs)) made.setAttribute(name, value);
  made.append(...tree.children.map(build));
  return made;
}

/**
 * The view (the plan editor's [data-pcsp-easy-read] region). show(plan, opener, source) draws
 * `plan` and takes the cursor to the view's heading; close() hides it and gives the cursor back to
 * `opener`. `source` names what is on show ("mine" or "link"), so refresh() and closeIf() touch only that.
 */
export function mountEasyRead(view, { python }) {
  const heading = view.querySelector("h2");
  const status = view.querySelector("[data-pcsp-easy-read-status]");
  const body = view.querySelector("[data-pcsp-easy-read-body]");
  const icons = view.dataset.icons; // the folder of the pictures, from the site root (pcsp_guide/icons.py)
  const iconUrl = (file) => siteUrl(`${icons}${file}`);
  let opener = null;
  let source = null;
  let drawing = 0; // the newest drawing wins; an older answer arriving late is dropped
  let drawn = 0; // how many drawings have been shown (view.dataset.drawn: tests wait on it)

  async function draw(plan) {
    const mine = ++drawing;
    if (python.state.state !== "ready") status.textContent = "Getting easy read ready. This can take a moment the first time.";
    let result;
    try {
      result = await python.call("easy_read", plan);
    } catch (error) {
      if (mine !== drawing) return;
      status.textContent = `Easy read could not be made just now. ${error.message} Nothing in the plan has ` +
        "changed: it is all still there. Try again in a moment.";
      return;
    }
    if (mine !== drawing || view.hidden) return;
    body.replaceChildren(...layout(result, iconUrl).map(build));
    status.textContent = "";
    drawn += 1;
    view.dataset.drawn = String(drawn);
  }

  function close() {
    drawing += 1;
    view.hidden = true;
    body.replaceChildren();
    status.textContent = "";
    source = null;
    const back = opener;
    opener = null;
    if (back?.isConnected && !back.closest("[hidden]")) back.focus();
  }

  view.querySelector("[data-pcsp-easy-read-close]").addEventListener("click", close);
  view.querySelector("[data-pcsp-easy-read-print]").addEventListener("click", () => print());
  view.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented) {
      event.preventDefault();
      close();
    }
  });

  return {
    /** Show `plan` in easy read; the cursor goes to the view, and back to `from` when it closes. */
    show(plan, from, what) {
      opener = from;
      source = what;
      body.replaceChildren();
      view.hidden = false;
      heading.focus();
      return draw(plan);
    },
    /** The plan on show changed (the person typed): draw it again, if it is `what` that is on show. */
    refresh(plan, what) {
      if (!view.hidden && source === what) return draw(plan);
      return Promise.resolve();
    },
    /** Close the view if it shows `what` (the shared plan it showed was closed). */
    closeIf(what) {
      if (!view.hidden && source === what) close();
    },
    get open() {
      return !view.hidden;
    },
    close,
  };
}
