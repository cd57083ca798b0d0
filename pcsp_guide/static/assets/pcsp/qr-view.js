// Drawing a QR code pcsp_core.qr made ({size, rows}) as SVG: one path of dark squares inside a
// quiet zone of four light modules, which scanners need. Made with DOM calls, never markup.

const QUIET = 4;
const SVG = "http://www.w3.org/2000/svg";

/** The path of the dark modules: one "M x y h1 v1 h-1 z" square each, offset by the quiet zone. */
export function qrPath(rows) {
  const parts = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (row[x] === "1") parts.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
    }
  });
  return parts.join("");
}

/** An <svg> of the code, named `label` for people who cannot see it. */
export function qrSvg(code, label) {
  const side = code.size + 2 * QUIET;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${side} ${side}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.classList.add("pcsp-qr");
  const light = document.createElementNS(SVG, "rect");
  light.setAttribute("width", String(side));
  light.setAttribute("height", String(side));
  light.setAttribute("fill", "#fff");
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", qrPath(code.rows));
  dark.setAttribute("fill", "#000");
  svg.append(light, dark);
  return svg;
}
