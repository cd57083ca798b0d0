// Reading aloud (speech.js): never a network voice, even when it is the default.
import assert from "node:assert/strict";
import { test } from "node:test";

import { chooseVoice, sentences } from "../../pcsp_guide/static/assets/pcsp/speech.js";

const remote = { name: "Google UK English", lang: "en-GB", localService: false, default: true };
const localUs = { name: "Local US", lang: "en-US", localService: true };
const localGb = { name: "Local GB", lang: "en-GB", localService: true };
const localFr = { name: "Local FR", lang: "fr-FR", localService: true };

test("only a voice on this device is chosen, the closest to British English first", () => {
  assert.equal(chooseVoice([remote, localUs, localGb]), localGb);
  assert.equal(chooseVoice([remote, localUs]), localUs);
  assert.equal(chooseVoice([remote, localFr]), localFr);
  assert.equal(chooseVoice([remote]), null);
  assert.equal(chooseVoice([{ ...remote, localService: undefined }]), null); // not saying is not local
  assert.equal(chooseVoice([]), null);
});

test("text is read sentence by sentence", () => {
  assert.deepEqual(sentences("I walk to the shop.  Then I rest!\nWho helps? My husband"),
    ["I walk to the shop.", "Then I rest!", "Who helps?", "My husband"]);
  assert.deepEqual(sentences("   "), []);
});
