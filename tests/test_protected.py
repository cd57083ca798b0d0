"""A protected copy as pcsp_core sees it: a sound envelope to hand to the guide, or a clear refusal.

The encryption itself happens in the browser (WebCrypto); tests/browser/test_protected.py opens
what it makes."""

from __future__ import annotations

import copy
import io
import json

from pcsp_core.cli import run
from pcsp_core.documents import PROTECTED_MESSAGE, open_document, protection

ENVELOPE = {
    "$schema": "https://pcsp.invalid/schemas/protected.schema.json", "kind": "protected", "schema_version": 1,
    "contains": "plan",
    "cipher": {"name": "AES-GCM", "key_bits": 256, "iv": "AAECAwQFBgcICQoL", "tag_bits": 128},
    "kdf": {"name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "AAECAwQFBgcICQoLDA0ODw==",
            "check": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="},
    "ciphertext": "c2VjcmV0IHdvcmRzIGFuZCBhIHRhZyBvZiBzaXh0ZWVuIGJ5dGVz",
}


def test_a_sound_protected_copy_is_handed_over_for_its_passphrase_and_says_only_what_it_holds():
    opened = open_document(json.dumps(ENVELOPE))
    assert opened["kind"] == "protected" and not opened["valid"] and opened["document"] is None
    assert opened["protected"] == ENVELOPE
    assert opened["errors"] == [{"path": "", "message": "This file is protected: open it in the guide with its "
                                                         "passphrase."}]


def test_pcsp_check_says_a_protected_file_must_be_opened_in_the_guide(tmp_path):
    path = tmp_path / "protected.json"
    path.write_text(json.dumps(ENVELOPE), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["check", str(path)], out, err) == 2
    assert out.getvalue().splitlines()[0] == f"{path}: {PROTECTED_MESSAGE}"
    assert PROTECTED_MESSAGE == "this file is protected: open it in the guide with its passphrase"


def test_a_damaged_or_newer_or_misplaced_protected_copy_is_refused_in_words():
    damaged = copy.deepcopy(ENVELOPE)
    del damaged["cipher"]["iv"]
    opened = open_document(json.dumps(damaged))
    assert "protected" not in opened and "damaged" in opened["errors"][0]["message"]
    weak = copy.deepcopy(ENVELOPE)
    weak["kdf"]["iterations"] = 1000  # a file may not ask for a weaker key than OWASP's figure
    assert "protected" not in open_document(json.dumps(weak))
    newer = {**ENVELOPE, "schema_version": 2}
    assert "newer version" in open_document(json.dumps(newer))["errors"][0]["message"]
    misplaced = open_document(json.dumps(ENVELOPE), "self-assessment")
    assert "protected" not in misplaced
    assert misplaced["errors"][0]["message"] == ("This protected file holds a plan, not a self-assessment. "
                                                 "Open it on the plan page.")


def test_the_browser_is_told_the_key_strength_from_the_schema():
    assert protection()["iterations"] == 600000


# --- the QR code of a link ----------------------------------------------------------------------

def test_a_qr_code_is_made_at_error_correction_m_and_too_much_is_refused_in_words():
    import pytest

    from pcsp_core import PcspError
    from pcsp_core.qr import qr_code

    code = qr_code("http://127.0.0.1:8000/my-plan/#pcsp=1.k." + "A" * 900)
    assert code["error"] == "M" and code["size"] == len(code["rows"]) == 17 + 4 * code["version"]
    assert {len(row) for row in code["rows"]} == {code["size"]} and set("".join(code["rows"])) == {"0", "1"}
    with pytest.raises(PcspError, match="too much for a QR code"):
        qr_code("x" * 3000)


def test_the_card_s_link_holds_only_the_card_s_parts_the_person_shares():
    from pcsp_core.emergency_card import card_document

    from conftest import EXAMPLES

    plan = json.loads((EXAMPLES / "cecilia-plan.json").read_text(encoding="utf-8"))
    plan["medicines_that_matter"] = [{"name": "Zqxmedicine"}]
    made = card_document(plan)
    assert set(made) - {"$schema", "kind", "schema_version"} == {"person", "contingency", "coordinator",
                                                                   "treatment_escalation"}
    assert "Zqxmedicine" not in json.dumps(made)
    plan["share_choice"] = {"scope": "sections", "sections": ["person", "outcomes"]}
    assert set(card_document(plan)) - {"$schema", "kind", "schema_version", "share_choice"} == {"person"}
