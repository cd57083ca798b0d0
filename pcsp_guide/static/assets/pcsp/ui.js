// Small pieces every tool page shares: making elements (text only through
// textContent), the message box, examples served by the site, and tables.

import { siteUrl } from "./site-root.js";

/** A count as people read it: 10,000, not 10000. */
export function number(n) {
  return n.toLocaleString("en-GB");
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** say(kind, text, errors, action) for a [data-pcsp-messages] box.
 * kind: "ok" is a status; "notice" an alert that leaves the cursor where it is (the
 * person may be typing); "error" an alert that takes focus (it answers what they just did).
 * errors are [{message, path}] or [{file, errors: [...]}] (one file each);
 * action, if given, is {label, run}: a button in the message. */
export function messenger(box) {
  return function say(kind, text, errors = [], action = null) {
    box.replaceChildren();
    const message = el("div", `pcsp-message pcsp-message--${kind}`);
    message.setAttribute("role", kind === "ok" ? "status" : "alert");
    message.append(el("p", "", text));
    if (errors.length) {
      const list = el("ul");
      for (const error of errors.slice(0, 20)) {
        if (error.file) {
          const item = el("li", "", `${error.file}: `);
          item.append(el("span", "", error.errors.map((e) => e.path ? `${e.message} (${e.path})` : e.message).slice(0, 5).join(" ")));
          list.append(item);
        } else {
          list.append(el("li", "", error.path ? `${error.message} (${error.path})` : error.message));
        }
      }
      if (errors.length > 20) list.append(el("li", "", `and ${errors.length - 20} more.`));
      message.append(list);
    }
    if (action) {
      const button = el("button", "md-button md-button--primary", action.label);
      button.type = "button";
      button.addEventListener("click", action.run, { once: true });
      message.append(button);
    }
    box.append(message);
    if (kind === "error") {
      message.tabIndex = -1;
      message.focus();
    }
  };
}

/** A file this site serves (an example; offline too), named from the site root, as if the person had chosen it. */
export async function fetchAsFile(path) {
  const url = siteUrl(path);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The example could not be loaded (${response.status}).`);
  return new File([await response.blob()], url.split("/").pop(), { type: "application/json" });
}

/** A plain table: headers (strings) and rows (arrays of strings or nodes); the first cell of a row is its header.
 * It comes in a box that scrolls sideways on its own when the screen is narrow, which a keyboard can reach. */
export function table(caption, headers, rows, { className = "pcsp-table", label } = {}) {
  const node = el("table", className);
  if (caption) node.append(el("caption", "", caption));
  const head = el("tr");
  for (const header of headers) {
    const th = el("th", "", header);
    th.scope = "col";
    head.append(th);
  }
  node.append(el("thead"));
  node.tHead.append(head);
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cell, k) => {
      const td = el(k === 0 ? "th" : "td");
      if (k === 0) td.scope = "row";
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell ?? "";
      tr.append(td);
    });
    body.append(tr);
  }
  node.append(body);
  const box = el("div", "pcsp-table-scroll");
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", caption || label);
  box.append(node);
  return box;
}
