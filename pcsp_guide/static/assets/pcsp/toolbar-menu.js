// My plan's toolbar on a narrow screen: Save stays in the row, and everything else is in one
// "More" menu, following the ARIA menu button pattern (aria-haspopup, aria-expanded, arrow
// keys, Home and End, Escape and Tab close it). The menu's items are made from the toolbar's
// own buttons and press them, so each action is written once. On a wide screen the row of
// buttons shows and the menu button is hidden (pcsp.css); only one set is ever visible.

import { el } from "./ui.js";

let made = 0;

/** Where the highlight goes for a key in a menu of `count` items, or null when the key is not one of ours. */
export function nextIndex(key, index, count) {
  if (!count) return null;
  switch (key) {
    case "ArrowDown": return (index + 1) % count;
    case "ArrowUp": return (index - 1 + count) % count;
    case "Home": return 0;
    case "End": return count - 1;
    default: return null;
  }
}

/** The first item after `index` (wrapping) whose words start with `letter`, or null: type-ahead. */
export function indexStartingWith(words, letter, index) {
  const wanted = letter.toLocaleLowerCase("en-GB");
  for (let step = 1; step <= words.length; step += 1) {
    const at = (index + step) % words.length;
    if (words[at].trim().toLocaleLowerCase("en-GB").startsWith(wanted)) return at;
  }
  return null;
}

/** Give `toolbar` its "More" menu. Returns a function that removes it. */
export function mountToolbarMenu(toolbar) {
  if (!toolbar) return () => {}; // a toolbar without one (only My plan's has it)
  made += 1;
  const id = `pcsp-toolbar-menu-${made}`;
  const wrap = el("div", "pcsp-toolbar__more");
  const opener = el("button", "md-button pcsp-toolbar__more-button", "More");
  Object.assign(opener, { type: "button", id: `${id}-button` });
  opener.setAttribute("aria-haspopup", "menu");
  opener.setAttribute("aria-expanded", "false");
  opener.setAttribute("aria-controls", id);
  const menu = el("ul", "pcsp-toolbar__menu");
  menu.id = id;
  menu.setAttribute("role", "menu");
  menu.setAttribute("aria-labelledby", opener.id);
  menu.hidden = true;
  wrap.append(opener, menu);
  const save = toolbar.querySelector("[data-pcsp-save]");
  if (save) save.after(wrap);
  else toolbar.prepend(wrap);

  const sources = () => [...toolbar.querySelectorAll(":scope > button:not([data-pcsp-save])")]
    .filter((button) => !button.hidden);
  let items = [];
  const pressing = new Map(); // menu item → the toolbar button it presses

  function build() {
    menu.replaceChildren();
    pressing.clear();
    items = sources().map((source) => {
      const item = el("li", "pcsp-toolbar__item", source.textContent);
      item.setAttribute("role", "menuitem");
      item.tabIndex = -1;
      if (source.disabled) item.setAttribute("aria-disabled", "true");
      item.addEventListener("click", () => choose(source));
      pressing.set(item, source);
      menu.append(item);
      return item;
    });
  }

  function open(at) {
    build();
    menu.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    items[at === "last" ? items.length - 1 : 0]?.focus();
  }

  function close({ focusOpener = true } = {}) {
    if (menu.hidden) return;
    menu.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    if (focusOpener) opener.focus();
  }

  function choose(source) {
    if (source.disabled) return;
    close();
    source.click(); // the toolbar button's own action, in the same click (a file picker needs it)
  }

  opener.addEventListener("click", () => (menu.hidden ? open("first") : close()));
  opener.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowUp" ? "last" : "first");
    }
  });
  menu.addEventListener("keydown", (event) => {
    const index = items.indexOf(document.activeElement);
    const next = nextIndex(event.key, index, items.length);
    if (next !== null) {
      event.preventDefault();
      items[next].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation(); // Escape closes this menu only, not a dialog or search behind it
      close();
    } else if (event.key === "Tab") {
      close({ focusOpener: false });
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (index >= 0) choose(pressing.get(items[index]));
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      const found = indexStartingWith(items.map((item) => item.textContent), event.key, index);
      if (found !== null) items[found].focus();
    }
  });
  const outside = (event) => {
    if (!wrap.contains(event.target)) close({ focusOpener: false });
  };
  document.addEventListener("pointerdown", outside);
  menu.addEventListener("focusout", (event) => {
    if (!menu.hidden && !wrap.contains(event.relatedTarget)) close({ focusOpener: false });
  });

  return () => {
    document.removeEventListener("pointerdown", outside);
    wrap.remove();
  };
}
