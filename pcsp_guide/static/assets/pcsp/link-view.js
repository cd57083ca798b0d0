// A plan sent as a link (protect.js's fragment) opens here read-only, in the reader view's words
// (pcsp_core.plan_tree), with "Save my own copy" to edit it. The fragment is taken off the address
// bar and this history entry first, so the plan is not left where the next person to use the
// browser could find it. Nothing reaches the editor, or a draft, until the person chooses it.

import { today } from "./files.js";
import { openWithPassphrase } from "./passphrase.js";
import { LINK_PREFIX, openFragment, readFragment } from "./protect.js";
import { el } from "./ui.js";

function nodeList(nodes) {
  const list = el("ul");
  for (const node of nodes) {
    const item = el("li");
    if (node.label) item.append(el("strong", "", node.text !== null ? `${node.label}: ` : node.label));
    if (node.text !== null) item.append(el("span", "pcsp-link-view__words", node.text));
    if (node.children.length) item.append(nodeList(node.children));
    list.append(item);
  }
  return list;
}

function textOf(fragment) {
  if (readFragment(fragment).mode === "key") return openFragment(fragment);
  return openWithPassphrase({
    title: "This link is locked", open: (passphrase) => openFragment(fragment, passphrase),
    intro: "Type the passphrase the person who sent it told you. Nothing on this page changes until it opens.",
  });
}

// The link being opened or on show. Material's instant navigation answers a fragment change by
// following the same fragment again a moment later: that must not open it a second time.
const current = new WeakMap(); // the tool's root → the fragment

/** Open the plan in this page's link, if it has one. `page` is the document page (document-page.js);
 * `easy` is the page's easy-read view (easy-read.js), which can show the shared plan too. */
export async function openLinkIfAny(root, page, easy) {
  const fragment = location.hash;
  if (!fragment.startsWith(LINK_PREFIX)) return;
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
  if (current.get(root) === fragment) return;
  current.set(root, fragment);
  const shown = await openLink(fragment, root, page, easy);
  if (!shown && current.get(root) === fragment) current.delete(root);
}

/** Resolves true when the plan is on show (until it is closed), else false. */
async function openLink(fragment, root, page, easy) {
  const view = root.querySelector("[data-pcsp-link-view]");
  const body = view.querySelector("[data-pcsp-link-body]");
  let text;
  try {
    text = await textOf(fragment);
  } catch (error) {
    page.say("error", `This link cannot be opened. ${error.message} Nothing on this page has changed; ask the ` +
      "person who sent it for the link again, or for a protected file.");
    return false;
  }
  if (text === null) {
    page.say("ok", "The link was not opened. Nothing on this page has changed.");
    return false;
  }
  let opened;
  let tree;
  let title;
  try {
    opened = await page.python.call("open_document", text, "plan");
    if (opened.valid) {
      [tree, title] = await Promise.all([page.python.call("plan_tree", opened.document, { scope: "all" }),
        page.python.call("plan_title", opened.document)]);
    }
  } catch (error) {
    page.say("error", `The plan in this link could not be checked (${error.message}). Nothing on this page has ` +
      "changed; reload the page to try again.");
    return false;
  }
  if (!opened.valid) {
    page.say("error", "The plan in this link cannot be used. Nothing on this page has changed.", opened.errors);
    return false;
  }
  easy?.closeIf("link"); // it showed another link's plan
  body.replaceChildren(el("h3", "", title));
  for (const part of tree) body.append(el("h4", "", part.title), nodeList(part.items));
  view.hidden = false;
  view.querySelector("h2").focus();
  current.set(root, fragment); // a second link may have opened meanwhile; this one is on show now

  const close = () => {
    view.hidden = true;
    easy?.closeIf("link"); // the shared plan is gone from the page, so from easy read too
    body.replaceChildren();
    current.delete(root);
  };
  const easyRead = view.querySelector("[data-pcsp-link-easy-read]");
  easyRead.hidden = !easy;
  easyRead.onclick = (event) => easy.show(opened.document, event.currentTarget, "link");
  view.querySelector("[data-pcsp-link-keep]").onclick = () => {
    if (!page.replace(opened.document, { action: "Put the shared plan in the editor as your own copy" })) return;
    close();
    page.say("ok", `The shared plan is in the editor as your own copy, made on ${today()}. Save it to keep it as ` +
      "a file.");
  };
  view.querySelector("[data-pcsp-link-close]").onclick = () => {
    close();
    page.say("ok", "The shared plan is closed. Nothing was kept.");
  };
  return true;
}
