// The QR code's path (qr-view.js): one square per dark module, inside the quiet zone.
import assert from "node:assert/strict";
import { test } from "node:test";

import { qrPath } from "../../pcsp_guide/static/assets/pcsp/qr-view.js";

test("each dark module is one square, four modules in from the edge", () => {
  assert.equal(qrPath(["10", "01"]), "M4 4h1v1h-1zM5 5h1v1h-1z");
  assert.equal(qrPath(["00", "00"]), "");
});
