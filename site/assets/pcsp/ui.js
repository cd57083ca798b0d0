// Small pieces every tool page shares: making elements (text only through
// textContent), the message box, the offer to restore a draft, and downloads.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** say(kind, text, errors) for a [data-pcsp-messages] box: "ok" is a status, "error" an alert that takes focus.
 * errors are [{message, path}] or [{file, errors: [...]}] (one file each). */
export function messenger(box) {
  return function say(kind, text, errors = []) {
    box.replaceChildren();
    const message = el("div", `pcsp-message pcsp-message--${kind}`);
    message.setAttribute("role", kind === "error" ? "alert" : "status");
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
    box.append(message);
    if (kind === "error") {
      message.tabIndex = -1;
      message.focus();
    }
  };
}

/** If this browser holds unsaved work for `files`, show the page's offer to restore or discard it. */
export function offerDraft(root, files, say, onRestore = () => {}) {
  const kept = files.draft();
  if (!kept) return;
  const offer = root.querySelector("[data-pcsp-draft]");
  offer.hidden = false;
  offer.querySelector("[data-pcsp-draft-when]").textContent = new Date(kept.savedAt).toLocaleString();
  offer.querySelector("[data-pcsp-restore]").addEventListener("click", async () => {
    offer.hidden = true;
    if (await files.restoreDraft(kept)) onRestore(kept);
  }, { once: true });
  offer.querySelector("[data-pcsp-discard]").addEventListener("click", () => {
    offer.hidden = true;
    files.discardDraft();
    say("ok", "The unsaved draft was discarded.");
  }, { once: true });
  offer.querySelector("[data-pcsp-restore]").focus();
}

/** A file this site serves (an example; offline too), as if the person had chosen it. */
export async function fetchAsFile(url) {
  const response = await fetch(url);
  return new File([await response.blob()], url.split("/").pop(), { type: "application/json" });
}

/** Open the example at `url` in a page's file controller. */
export async function openExample(url, files) {
  return files.openFile(await fetchAsFile(url), null);
}

/** Offer `text` as a file download named `name`. */
export function download(name, text, type) {
  const link = el("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

const MAX_BYTES = 5 * 1024 * 1024; // pcsp_core.MAX_BYTES, checked before reading so a huge file is never read

/** Read the chosen File objects as [{name, text}]; files over 5 MB are reported, not read. */
export async function readFiles(fileList, maxBytes = MAX_BYTES) {
  const read = [];
  const problems = [];
  for (const file of fileList) {
    if (file.size > maxBytes) {
      problems.push({ file: file.name, errors: [{ message: `It is ${(file.size / 1024 / 1024).toFixed(1)} MB; ` +
        "assessments are never larger than 5 MB. Check you chose the right file." }] });
      continue;
    }
    try {
      read.push({ name: file.name, text: await file.text() });
    } catch (error) {
      problems.push({ file: file.name, errors: [{ message: "It could not be read." }] });
    }
  }
  return { read, problems };
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
