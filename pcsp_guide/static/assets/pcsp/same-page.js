// Links to a place on the page already open only move the view.
//
// Material's instant navigation reloads the page's content for the first click on
// any link to the current page (the skip link, a heading's ¶, a table of contents
// entry, "Go to the summary"), which would put empty tools where people's work was.
// Clicks on such links are handled here, before Material sees them: scroll to the
// target, move the keyboard focus there, and record the place in the history.
// app.js keeps the tools themselves if Material reloads the page anyway (Back).

/** The fragment ("#id", or "#" for the top) a click on `href` should jump to, when
 * `href` points at the page at `here` (both absolute URLs); otherwise null. */
export function samePageHash(href, here) {
  let url;
  let page;
  try {
    url = new URL(href, here);
    page = new URL(here);
  } catch (error) {
    return null;
  }
  if (url.origin !== page.origin || url.pathname !== page.pathname || url.search !== page.search) return null;
  if (!href.includes("#")) return null; // a plain link to this page is a real reload
  return url.hash || "#";
}

function focusable(element) {
  return element.matches("a[href], button, input, select, textarea, summary, [tabindex]") && !element.disabled;
}

/** Go to `hash` on this page as the browser would, without a page load. */
export function jumpTo(hash) {
  const id = decodeURIComponent(hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (location.hash !== hash && hash !== "#") history.pushState(null, "", hash);
  if (!target) {
    if (!id) window.scrollTo(0, 0);
    return;
  }
  target.scrollIntoView();
  if (!focusable(target)) target.setAttribute("tabindex", "-1"); // so focus, and the next Tab, start there
  target.focus({ preventScroll: true });
}

/** A link in the menu drawer (narrow screens) closes it, as Material does when it handles the link. */
function closeDrawer(link) {
  const drawer = document.getElementById("__drawer");
  if (!drawer?.checked || !link.closest(".md-sidebar")) return;
  drawer.checked = false;
  drawer.dispatchEvent(new Event("change"));
}

let listening = false;

export function keepSamePageLinksLocal() {
  if (listening) return;
  listening = true;
  // Capture, on the document: this runs before Material's listener on the body.
  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey || !(event.target instanceof Element)) return;
    const link = event.target.closest("a[href]");
    // data-pcsp-local: a tool's own link, which its own code handles (a reason that takes you to a field).
    // Search results are left to Material, which closes the search as it goes (app.js keeps the tools).
    if (!link || link.target || link.hasAttribute("download") || link.hasAttribute("data-pcsp-local") ||
        link.closest(".md-search")) return;
    const hash = samePageHash(link.href, location.href);
    // Only pages holding a tool need this; on a host site's other pages, Material behaves as always.
    if (hash === null || !document.querySelector("[data-pcsp-widget]")) return;
    event.preventDefault();
    event.stopPropagation();
    closeDrawer(link);
    jumpTo(hash);
  }, true);
}
