// Bar charts of maturity levels as SVG, drawn with DOM calls (no markup strings).
// Each chart is an image with a title and a description that reads out its
// numbers; the pages put a table with the same numbers beside it, so nothing
// is only in the picture. One or two series (a level, or baseline and follow-up).

const SVG = "http://www.w3.org/2000/svg";
const ROW = 30; // height of one row (one bar, or a pair)
const LEFT = 112; // room for the row labels
const WIDTH = 420;
const TOP = 24; // room for the level numbers

function node(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

let charts = 0;

/**
 * rows: [{label, values: [number|null, ...], range?: [low, high]}]; series: [{name, className}] (one
 * per value); a row's range is drawn as a line across its bar (where members' levels spread);
 * max: the top of the scale (4 levels); title: what the chart shows, in words.
 */
export function barChart({ title, rows, series, max = 4 }) {
  const id = `pcsp-chart-${++charts}`;
  const height = TOP + rows.length * ROW + 8;
  const plot = WIDTH - LEFT - 16;
  const svg = node("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-labelledby": `${id}-title ${id}-desc`,
    class: "pcsp-chart", focusable: "false" });
  svg.append(node("title", { id: `${id}-title` }, title));
  const described = rows.map((row) => `${row.label}: ${row.values.map((v, k) =>
    `${series.length > 1 ? `${series[k].name} ` : ""}${v === null || v === undefined ? "not rated" : v}`).join(", ")}` +
    (row.range && row.range[0] !== row.range[1] ? ` (from ${row.range[0]} to ${row.range[1]})` : ""));
  svg.append(node("desc", { id: `${id}-desc` }, `${described.join("; ")}.`));
  for (let level = 0; level <= max; level++) {
    const x = LEFT + (plot * level) / max;
    svg.append(node("line", { x1: x, x2: x, y1: TOP - 4, y2: height - 8, class: "pcsp-chart__grid" }));
    if (level > 0) svg.append(node("text", { x, y: TOP - 8, "text-anchor": "middle", class: "pcsp-chart__tick" }, level));
  }
  const barHeight = (ROW - 10) / series.length;
  rows.forEach((row, r) => {
    const y = TOP + r * ROW;
    svg.append(node("text", { x: LEFT - 8, y: y + ROW / 2 + 4, "text-anchor": "end", class: "pcsp-chart__label" },
      row.label));
    row.values.forEach((value, k) => {
      const top = y + 5 + k * barHeight;
      if (value === null || value === undefined) {
        svg.append(node("text", { x: LEFT + 4, y: top + barHeight / 2 + 4, class: "pcsp-chart__none" }, "not rated"));
      } else {
        svg.append(node("rect", { x: LEFT, y: top, width: Math.max(2, (plot * value) / max), height: barHeight - 2,
          class: `pcsp-chart__bar ${series[k].className || ""}` }));
      }
    });
    if (row.range && row.range[0] !== row.range[1]) {
      const middle = y + ROW / 2;
      const [from, to] = row.range.map((level) => LEFT + (plot * level) / max);
      // A white halo under the line keeps it visible where it crosses the bar.
      for (const className of ["pcsp-chart__range-halo", "pcsp-chart__range"]) {
        svg.append(node("line", { x1: from, x2: to, y1: middle, y2: middle, class: className }));
        for (const x of [from, to]) svg.append(node("line", { x1: x, x2: x, y1: middle - 6, y2: middle + 6, class: className }));
      }
    }
  });
  return svg;
}

/** A key for a chart with more than one series. */
export function legend(series) {
  const list = document.createElement("ul");
  list.className = "pcsp-chart-legend";
  for (const { name, className } of series) {
    const item = document.createElement("li");
    const swatch = node("svg", { width: 14, height: 14, "aria-hidden": "true", focusable: "false" });
    swatch.append(node("rect", { width: 14, height: 14, class: `pcsp-chart__bar ${className || ""}` }));
    item.append(swatch, document.createTextNode(` ${name}`));
    list.append(item);
  }
  return list;
}

/**
 * Stacked bars of counts out of a whole (plans met, partly, not met, per criterion), as SVG.
 * rows: [{label, values: [n, ...]}] (one value per series); series: [{name, className}]. Each bar
 * is the row's total; its description reads out every number, and the page puts the same
 * numbers in a table beside it.
 */
export function shareChart({ title, rows, series }) {
  const id = `pcsp-chart-${++charts}`;
  const height = rows.length * ROW + 8;
  const plot = WIDTH - LEFT - 16;
  const svg = node("svg", { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", "aria-labelledby": `${id}-title ${id}-desc`,
    class: "pcsp-chart", focusable: "false" });
  svg.append(node("title", { id: `${id}-title` }, title));
  const described = rows.map((row) => `${row.label}: ${row.values.map((v, k) => `${series[k].name} ${v}`).join(", ")}`);
  svg.append(node("desc", { id: `${id}-desc` }, `${described.join("; ")}.`));
  rows.forEach((row, r) => {
    const y = r * ROW + 4;
    const total = row.values.reduce((a, b) => a + b, 0);
    svg.append(node("text", { x: LEFT - 8, y: y + ROW / 2, "text-anchor": "end", class: "pcsp-chart__label" },
      row.label));
    let x = LEFT;
    row.values.forEach((value, k) => {
      if (!total || !value) return;
      const width = (plot * value) / total;
      svg.append(node("rect", { x, y: y + 4, width, height: ROW - 12, class: `pcsp-chart__bar ${series[k].className || ""}` }));
      x += width;
    });
  });
  return svg;
}
