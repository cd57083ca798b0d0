// A generic binder between a form rendered by the build (guide/forms/) and a
// JSON document. The document is the truth: every edit writes one value at the
// control's JSON Pointer (data-path); adding, removing or moving a list item
// changes the array and re-draws that list from it. Nothing here knows what a
// plan is: the markup says where each value lives and what type it is.
//
// Markup it reads:
//   data-path="/a/{i}/b"   a control; {i} stands for the index of each enclosing list item
//   data-type              boolean (radios "true"/"false"/"", or one checkbox: ticked true, else left out),
//                          number (on radios: numeric values become numbers, words stay words),
//                          enum, id (select), id-list (checkboxes)
//   data-list="/outcomes"  a list: holds [data-list-items], <template data-list-template>, [data-list-add]
//   data-list-action       up / down / remove, on an item's buttons
//   data-id-prefix         on a hidden id control: new items get the next free id with this prefix
//   data-choices-from      space-separated pointers of lists whose items ({id, text | in_my_words}) are the choices;
//                          data-empty-text on its [data-choices] box is shown while there are none
//   data-pcsp-show-if      a pointer; the element is shown only while that value is true

const PLACEHOLDER = "{i}";
const NUMBER = "{n}";
const ATTRIBUTES = ["data-path", "data-list", "id", "for", "aria-describedby", "aria-labelledby", "name",
  "data-pcsp-show-if"];

// --- JSON Pointers -----------------------------------------------------------

export function parts(pointer) {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function getAt(doc, pointer) {
  let node = doc;
  for (const part of parts(pointer)) {
    if (node === null || typeof node !== "object") return undefined;
    node = node[part];
  }
  return node;
}

export function setAt(doc, pointer, value) {
  const keys = parts(pointer);
  let node = doc;
  for (let k = 0; k < keys.length - 1; k++) {
    if (node[keys[k]] === undefined || node[keys[k]] === null) node[keys[k]] = /^\d+$/.test(keys[k + 1]) ? [] : {};
    node = node[keys[k]];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node[last] = ""; // a list entry is removed with its Remove button, not by emptying it
    else delete node[last];
  } else {
    node[last] = value;
  }
}

// --- templates ---------------------------------------------------------------

/** Replace the first {i} in each placeholder-bearing attribute throughout `root`, including inside
 * nested templates (whose own {i} comes next); and, outside nested templates only, the first {n}
 * (the 1-based item number people read). */
function fill(root, index, numbers = true) {
  const elements = [...root.querySelectorAll("*")];
  if (root.nodeType === Node.ELEMENT_NODE) elements.unshift(root);
  for (const el of elements) {
    for (const name of ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value && value.includes(PLACEHOLDER)) el.setAttribute(name, value.replace(PLACEHOLDER, String(index)));
    }
    if (numbers) {
      for (const name of ["aria-label", "title"]) {
        const value = el.getAttribute(name);
        if (value && value.includes(NUMBER)) el.setAttribute(name, value.replace(NUMBER, String(index + 1)));
      }
    }
    if (el.tagName === "TEMPLATE") fill(el.content, index, false);
  }
  if (!numbers) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue.includes(NUMBER)) node.nodeValue = node.nodeValue.replace(NUMBER, String(index + 1));
  }
}

function own(list, selector) {
  // The list's own parts, not those of a list nested inside one of its items.
  return [...list.querySelectorAll(selector)].find((el) => el.closest("[data-list]") === list);
}

/** True when a control no longer holds what the page's markup gave it: someone has typed or chosen. */
export function changedFromMarkup(el) {
  if (el.type === "radio") return el.checked && !el.defaultChecked; // the choice made, not the one let go
  if (el.type === "checkbox") return el.checked !== el.defaultChecked;
  if (el.tagName === "SELECT") {
    // With no option marked selected in the markup, the first one is shown: that is no choice yet.
    const marked = [...el.options].findLastIndex((option) => option.defaultSelected);
    return el.selectedIndex !== Math.max(marked, 0);
  }
  return el.value !== el.defaultValue;
}

// --- the binder ----------------------------------------------------------------

export function bind(form, { onChange }) {
  let doc = {};

  function controls(root) {
    return [...root.querySelectorAll("[data-path]")].filter((el) => !el.closest("template"));
  }

  // What a person typed before this script ran (a slow phone, a first visit), kept for keepEarlyTyping:
  // drawing the first document would otherwise wipe it.
  const early = controls(form).filter(changedFromMarkup)
    .map((el) => [el, el.type === "radio" || el.type === "checkbox" ? el.checked : el.value]);

  function drawList(list) {
    const items = own(list, "[data-list-items]");
    const template = own(list, "template[data-list-template]");
    const values = getAt(doc, list.dataset.list);
    items.replaceChildren();
    (Array.isArray(values) ? values : []).forEach((_, index) => {
      const clone = template.content.cloneNode(true);
      fill(clone, index);
      items.append(clone);
    });
    for (const nested of items.querySelectorAll("[data-list]")) {
      if (nested.parentElement.closest("[data-list]") === list) drawList(nested);
    }
  }

  function drawChoices() {
    for (const group of form.querySelectorAll("[data-choices-from]")) {
      if (group.closest("template")) continue;
      const choices = [];
      for (const source of group.dataset.choicesFrom.split(" ")) {
        for (const item of getAt(doc, source) || []) {
          const words = item && (item.text ?? item.in_my_words);
          if (item && item.id && words) choices.push({ id: item.id, words });
        }
      }
      const chosen = getAt(doc, group.dataset.path);
      if (group.tagName === "SELECT") {
        const first = group.options[0];
        group.replaceChildren(first);
        for (const { id, words } of choices) group.append(new Option(words, id, false, chosen === id));
        group.value = choices.some((c) => c.id === chosen) ? chosen : "";
      } else {
        const box = group.querySelector("[data-choices]") || group;
        box.replaceChildren();
        const picked = Array.isArray(chosen) ? chosen : [];
        choices.forEach(({ id, words }, k) => {
          const label = document.createElement("label");
          label.className = "pcsp-choice";
          const input = document.createElement("input");
          input.type = "checkbox";
          input.value = id;
          input.checked = picked.includes(id);
          input.id = `${group.id || "choice"}-${k}`;
          label.append(input, document.createTextNode(` ${words}`));
          box.append(label);
        });
        if (!choices.length && box.dataset.emptyText) {
          const none = document.createElement("p"); // what the form hints say while there is nothing to choose
          none.className = "pcsp-hint";
          none.textContent = box.dataset.emptyText;
          box.append(none);
        }
      }
    }
  }

  function drawShowIf() {
    for (const el of form.querySelectorAll("[data-pcsp-show-if]")) {
      el.hidden = getAt(doc, el.dataset.pcspShowIf) !== true;
    }
  }

  function drawValues(root) {
    for (const el of controls(root)) {
      const value = getAt(doc, el.dataset.path);
      const type = el.dataset.type;
      if (el.type === "radio") {
        el.checked = el.value === (value === undefined ? "" : String(value));
      } else if (el.type === "checkbox" && type === "boolean") {
        el.checked = value === true;
      } else if (el.type === "checkbox" || type === "id-list") {
        continue; // drawn with the choices
      } else if (el.tagName === "SELECT" && type === "id") {
        continue;
      } else {
        el.value = value === undefined || value === null ? "" : String(value);
      }
    }
  }

  function draw() {
    for (const list of form.querySelectorAll("[data-list]")) {
      if (!list.parentElement.closest("[data-list]") && !list.closest("template")) drawList(list);
    }
    drawValues(form);
    drawChoices();
    drawShowIf();
  }

  function read(el) {
    const type = el.dataset.type;
    if (el.type === "radio") {
      if (!el.checked) return { skip: true };
      if (type === "boolean") return { value: el.value === "" ? undefined : el.value === "true" };
      if (type === "number" && /^-?\d+(\.\d+)?$/.test(el.value)) return { value: Number(el.value) };
      return { value: el.value === "" ? undefined : el.value };
    }
    if (el.type === "checkbox") return { value: el.checked ? true : undefined };
    if (type === "number") return { value: el.value === "" || Number.isNaN(el.valueAsNumber) ? undefined : el.valueAsNumber };
    return { value: el.value === "" ? undefined : el.value };
  }

  function mintId(list) {
    const hidden = [...own(list, "template[data-list-template]").content.querySelectorAll("[data-id-prefix]")][0];
    if (!hidden) return undefined;
    const prefix = hidden.dataset.idPrefix;
    const used = new Set(JSON.stringify(doc).match(new RegExp(`"${prefix}\\d+"`, "g")) || []);
    let n = 1;
    while (used.has(`"${prefix}${n}"`)) n++;
    return `${prefix}${n}`;
  }

  form.addEventListener("input", (event) => {
    const el = event.target;
    if (el.type === "checkbox" && el.closest("[data-type='id-list']")) {
      const group = el.closest("[data-type='id-list']");
      const ids = [...group.querySelectorAll("input[type=checkbox]:checked")].map((c) => c.value);
      setAt(doc, group.dataset.path, ids.length ? ids : undefined);
    } else if (el.dataset.path) {
      const { value, skip } = read(el);
      if (skip) return;
      setAt(doc, el.dataset.path, value);
    } else {
      return;
    }
    drawChoicesIfNeeded(el);
    drawShowIf();
    onChange(doc, el);
  });
  function drawChoicesIfNeeded(el) {
    // A change to an item's words changes the choices that name it.
    if (el.dataset.path && /\/(text|in_my_words)$/.test(el.dataset.path)) drawChoices();
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-list-add], [data-list-action]");
    if (!button) return;
    const list = button.closest("[data-list]");
    const path = list.dataset.list;
    const values = getAt(doc, path);
    const array = Array.isArray(values) ? values : [];
    if (!Array.isArray(values)) setAt(doc, path, array);
    let focusIndex;
    if (button.hasAttribute("data-list-add")) {
      const template = own(list, "template[data-list-template]");
      // A list of strings has a control for the item itself; a list of objects, for its fields.
      const ofStrings = template.content.querySelector(`[data-path="${CSS.escape(`${path}/${PLACEHOLDER}`)}"]`);
      const id = mintId(list);
      array.push(ofStrings ? "" : id ? { id } : {});
      focusIndex = array.length - 1;
    } else {
      const item = button.closest("[data-list-items] > *");
      const index = [...item.parentElement.children].indexOf(item);
      const action = button.dataset.listAction;
      if (action === "remove") {
        array.splice(index, 1);
        focusIndex = Math.min(index, array.length - 1);
      } else {
        const to = action === "up" ? index - 1 : index + 1;
        if (to < 0 || to >= array.length) return;
        [array[index], array[to]] = [array[to], array[index]];
        focusIndex = to;
      }
    }
    drawList(list);
    drawValues(list);
    drawChoices();
    drawShowIf();
    const items = own(list, "[data-list-items]");
    const target = items.children[focusIndex];
    if (target) {
      const again = button.dataset.listAction && button.dataset.listAction !== "remove"
        ? target.querySelector(`[data-list-action="${button.dataset.listAction}"]`) : null;
      (again && !again.disabled ? again : target.querySelector("input:not([type=hidden]), textarea, select, button"))?.focus();
    } else {
      own(list, "[data-list-add]")?.focus();
    }
    onChange(doc, button);
  });

  return {
    /** Show `value` in the form; it becomes the document edits are written to. */
    set(value) {
      doc = value;
      draw();
    },
    get() {
      return doc;
    },
    /** Put back what was typed before the binder existed, as if typed now (each is an edit). Once. */
    keepEarlyTyping() {
      for (const [el, value] of early.splice(0)) {
        if (!el.isConnected) continue;
        if (el.type === "radio" || el.type === "checkbox") el.checked = value;
        else el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
    },
    /** The control editing `pointer`, to move the cursor there. */
    control(pointer) {
      return form.querySelector(`[data-path="${CSS.escape(pointer)}"]`)
        || form.querySelector(`[data-list="${CSS.escape(pointer)}"] [data-list-add]`);
    },
  };
}
