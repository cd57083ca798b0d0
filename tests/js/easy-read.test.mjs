// Easy read's drawing (easy-read.js): what pcsp_core.easy_read answers, laid out as elements, the
// person's words only ever as text, a picture on the left of each heading.
import assert from "node:assert/strict";
import { test } from "node:test";

import { iconFile, layout } from "../../pcsp_guide/static/assets/pcsp/easy-read.js";

const WORDS = "<b>Zoë</b> & “tea” <img src=x onerror=alert(1)>";
const ANSWER = {
  title: "Zoë’s care and support plan",
  intro: ["This is my care and support plan.", "It says what matters to me."],
  empty: null,
  sections: [
    { key: "about_me", heading: "About me", icon: "user-circle", blocks: [{ sub: false, lines: [
      { lead: "What matters to me:", words: null, items: ["My cat", WORDS, "Tea"] },
      { lead: "How I talk and make choices:", words: "Slowly", items: [] },
    ] }] },
    { key: "outcomes", heading: "What I want to happen", icon: "target", blocks: [
      { sub: false, lines: [{ lead: "What I want:", words: "I swim", items: [] },
        { lead: "I have started this.", words: null, items: [] }] },
      { sub: true, lines: [{ lead: "I will:", words: "Book the pool", items: [] }] },
    ] },
  ],
};
const url = (file) => `https://site.test/assets/icons/tabler/${file}`;

function all(nodes) {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}

test("a picture's file is made only from a plain icon name", () => {
  assert.equal(iconFile("user-circle"), "user-circle.svg");
  assert.equal(iconFile("clock-hour-4"), "clock-hour-4.svg");
  for (const bad of ["../sw", "a/b", "", "Target", "x.svg", "https://evil.test/x", null, 3, "-x", "x--y"]) {
    assert.equal(iconFile(bad), null, String(bad));
  }
});

test("each heading has its picture on its left, decorative, from the site, and names its section", () => {
  const sections = layout(ANSWER, url).filter((n) => n.tag === "section");
  assert.equal(sections.length, 2);
  const [heading] = sections[0].children;
  const [picture, h3] = heading.children;
  assert.deepEqual([picture.tag, h3.tag], ["img", "h3"]); // the picture comes first: on the left
  assert.equal(picture.attrs.src, "https://site.test/assets/icons/tabler/user-circle.svg");
  assert.equal(picture.attrs.alt, ""); // the heading's words carry the meaning
  assert.equal(h3.text, "About me");
  assert.equal(sections[0].attrs["aria-labelledby"], h3.attrs.id);
  assert.notEqual(h3.attrs.id, sections[1].children[0].children[1].attrs.id);
});

test("a list of three is three lines, and the person's words are only ever text", () => {
  const nodes = all(layout(ANSWER, url));
  const list = nodes.find((n) => n.tag === "ul");
  assert.deepEqual(list.children.map((li) => [li.tag, li.text]), [["li", "My cat"], ["li", WORDS], ["li", "Tea"]]);
  for (const n of nodes) {
    for (const value of Object.values(n.attrs)) assert.ok(!String(value).includes("Zoë"), "words never go in an attribute");
  }
  assert.deepEqual(Object.keys(Object.fromEntries(nodes.flatMap((n) => Object.entries(n.attrs)))).sort(),
    ["alt", "aria-labelledby", "height", "id", "src", "width"]);
});

test("a lead and its words share a line, with a space between; our sentence stands alone", () => {
  const lines = all(layout(ANSWER, url)).filter((n) => n.className === "pcsp-easy-read__line");
  const text = (line) => line.children.map((c) => c.text).join("");
  assert.deepEqual(lines.map(text), ["What matters to me:", "How I talk and make choices: Slowly",
    "What I want: I swim", "I have started this.", "I will: Book the pool"]);
});

test("an action under its outcome is marked as such; a plan with nothing says so", () => {
  const blocks = all(layout(ANSWER, url)).filter((n) => n.className.startsWith("pcsp-easy-read__block"));
  assert.deepEqual(blocks.map((b) => b.className.includes("--sub")), [false, false, true]);
  const empty = layout({ ...ANSWER, sections: [], empty: "There is nothing in this plan yet." }, url);
  assert.deepEqual(empty.map((n) => n.text), ["Zoë’s care and support plan", ...ANSWER.intro,
    "There is nothing in this plan yet."]);
});

test("a heading whose picture name is not one is still shown, without a picture", () => {
  const odd = { ...ANSWER, sections: [{ ...ANSWER.sections[0], icon: "../../sw" }] };
  const [heading] = layout(odd, url).find((n) => n.tag === "section").children;
  assert.deepEqual(heading.children.map((n) => n.tag), ["h3"]);
});
