"""The framework data files: schema-valid, quoted word for word from their seeds, complete.

Every file in pcsp_core/frameworks/ is picked up automatically; a new file is
validated against schemas/framework.schema.json and every string under a known
text key is looked up in the seed its "source" names.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator

from pcsp_core import resources

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

FRAMEWORK_NAMES = sorted(
    entry.name[: -len(".json")]
    for entry in (files("pcsp_core") / "frameworks").iterdir()
    if entry.name.endswith(".json")
)

# Keys whose string values (or lists of strings) are quoted from the seed.
TEXT_KEYS = frozenset({
    "title", "name", "text", "details", "points", "description", "care_act",
    "best_practice", "questions", "instead_of", "write_this", "because", "enabler_quote", "criterion_quotes",
})
# Keys whose values are labels, numbers or metadata, not quotations.
LABEL_KEYS = frozenset({"framework", "source", "id", "letter", "number", "level", "part", "criterion", "enabler",
                        "criterion_numbers"})
# Keys holding our own words (why a link holds), never checked against a seed.
OUR_WORDS_KEYS = frozenset({"why"})
# Keys quoting another framework file: checked against that file's (already verbatim) text below.
CRITERION_QUOTE_KEYS = frozenset({"criterion_words"})
# Keys that only hold lists of records.
CONTAINER_KEYS = frozenset({
    "criteria", "should_see", "could_not_count",
    "levels", "foundations", "i_statements", "we_statements", "enablers",
    "stages", "activities", "house", "components",
    "statements", "steps", "support_plan_stages",
    "examples", "criteria_links", "criteria_evidence",
})

_CHARACTER_FOLDS = str.maketrans({
    "а": "a", "С": "c", "с": "c", "е": "e",  # Cyrillic look-alikes in the seed 000 extraction
    "’": "'", "‘": "'",
})


def normalise(text: str) -> str:
    """Fold the differences the transcription rules allow: whitespace, **, Cyrillic, quotes."""
    text = text.replace("**", "").translate(_CHARACTER_FOLDS)
    return re.sub(r"\s+", " ", text).strip()


@cache
def seed_text(seed: str) -> str:
    return normalise((SEEDS / seed).read_text(encoding="utf-8"))


def quoted_strings(node: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """Every (json-path, string) under a TEXT_KEYS key, anywhere in the document."""
    if isinstance(node, dict):
        for key, value in node.items():
            child = f"{path}.{key}"
            if key in TEXT_KEYS:
                if isinstance(value, str):
                    yield child, value
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, str):
                            yield f"{child}[{i}]", item
                        else:
                            yield from quoted_strings(item, f"{child}[{i}]")
                else:
                    yield from quoted_strings(value, child)
            elif key != "source":
                yield from quoted_strings(value, child)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from quoted_strings(item, f"{path}[{i}]")


def all_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key != "source":
                yield from all_keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_keys(item)


def all_ids(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from all_ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_ids(item)


def is_quoted(text: str, seed: str) -> bool:
    """True if text occurs in the seed as whole words.

    The match must not start or end inside a word, so a trailing comma or full
    stop that the seed has and the data dropped is allowed, nothing else is.
    """
    pattern = r"(?<!\w)" + re.escape(normalise(text)) + r"(?!\w)"
    return re.search(pattern, seed_text(seed)) is not None


def unquoted(doc: dict[str, Any]) -> list[tuple[str, str]]:
    seed = doc["source"]["seed"]
    return [(path, s) for path, s in quoted_strings(doc) if not is_quoted(s, seed)]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = resources.schema("framework")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def doc(name: str) -> dict[str, Any]:
    """A private copy, so no test can disturb the cached original."""
    return copy.deepcopy(resources.framework(name))


# --------------------------------------------------------------------------- schema


def test_schema_is_valid_draft_2020_12() -> None:
    schema = resources.schema("framework")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://pcsp.invalid/schemas/framework.schema.json"


def test_schema_closes_every_record() -> None:
    """additionalProperties: false on every object schema that declares its own properties."""

    def walk(node: Any, path: str) -> Iterator[str]:
        if isinstance(node, dict):
            if "properties" in node and "$ref" not in node and path not in ("$", "$.allOf.if"):
                if node.get("additionalProperties") is not False:
                    yield path
            for key, value in node.items():
                yield from walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, path)

    assert list(walk(resources.schema("framework"), "$")) == []


def test_the_expected_files_exist() -> None:
    assert {"criteria", "maturity", "year_of_care", "tlap"} <= set(FRAMEWORK_NAMES)


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_file_validates(name: str, validator: Draft202012Validator) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(resources.framework(name))]
    assert errors == []


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_framework_field_matches_file_name(name: str) -> None:
    assert resources.framework(name)["framework"] == name.replace("_", "-")


def test_outcome_examples_shape_is_accepted(validator: Draft202012Validator) -> None:
    """The shape another helper writes outcome_examples.json in."""
    sample = {
        "framework": "outcome-examples",
        "title": "t",
        "source": {"seed": "004_e4beb0a2ab9f94d3.txt", "document": "d"},
        "questions": ["q"],
        "examples": [{"instead_of": "a", "write_this": "b", "because": "c"}],
    }
    assert validator.is_valid(sample)
    sample["examples"][0]["note"] = "x"
    assert not validator.is_valid(sample)


# --------------------------------------------------------------------------- verbatim


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_seed_exists(name: str) -> None:
    assert (SEEDS / resources.framework(name)["source"]["seed"]).is_file()


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_every_key_is_classified(name: str) -> None:
    """A key the walker does not know would escape the verbatim check: classify it first."""
    unknown = set(all_keys(resources.framework(name))) - TEXT_KEYS - LABEL_KEYS - CONTAINER_KEYS - CRITERION_QUOTE_KEYS \
        - OUR_WORDS_KEYS
    assert unknown == set()


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_every_quoted_string_is_verbatim(name: str) -> None:
    data = resources.framework(name)
    assert len(list(quoted_strings(data))) > 0
    assert unquoted(data) == []


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_strings_are_stored_clean(name: str) -> None:
    """Already normalised: no **, no Cyrillic letters, no stray whitespace, no list commas."""
    bad = [
        (path, s)
        for path, s in quoted_strings(resources.framework(name))
        if s != re.sub(r"\s+", " ", s).strip()
        or "**" in s
        or re.search("[\u0400-\u04ff]", s)
        or s.endswith(",")
        or s.startswith(("- ", "• "))
    ]
    assert bad == []


def test_altered_word_fails_the_verbatim_check() -> None:
    data = doc("criteria")
    item = data["criteria"][0]["should_see"][0]
    original = item["text"]
    assert "prepared" in original
    item["text"] = original.replace("prepared", "ready", 1)
    assert unquoted(data) == [("$.criteria[0].should_see[0].text", item["text"])]


def test_added_or_dropped_words_fail_the_verbatim_check() -> None:
    data = doc("criteria")
    data["criteria"][1]["best_practice"][0] += " always"
    data["criteria"][2]["care_act"] = data["criteria"][2]["care_act"][:-1]  # "refers" -> "refer"
    assert [path for path, _ in unquoted(data)] == [
        "$.criteria[1].best_practice[0]",
        "$.criteria[2].care_act",
    ]


def test_unknown_key_fails_the_schema(validator: Draft202012Validator) -> None:
    data = doc("criteria")
    data["criteria"][0]["should_see"][0]["note"] = "extra"
    assert not validator.is_valid(data)
    top = doc("criteria")
    top["notes"] = "extra"
    assert not validator.is_valid(top)


def test_wrong_framework_value_fails_the_schema(validator: Draft202012Validator) -> None:
    data = doc("criteria")
    data["framework"] = "maturity"
    assert not validator.is_valid(data)


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize("name", FRAMEWORK_NAMES)
def test_ids_unique_within_file(name: str) -> None:
    counts = Counter(all_ids(resources.framework(name)))
    assert [i for i, n in counts.items() if n > 1] == []


def _numbered(items: list[dict[str, Any]], prefix: str) -> list[str]:
    return [f"{prefix}.{n}" for n in range(1, len(items) + 1)]


# --------------------------------------------------------------------------- criteria

CRITERIA_COUNTS = {1: (4, 1), 2: (3, 2), 3: (4, 2), 4: (6, 2), 5: (3, 1)}


def test_criteria_counts_and_ids() -> None:
    criteria = resources.framework("criteria")["criteria"]
    assert [c["number"] for c in criteria] == [1, 2, 3, 4, 5]
    for c in criteria:
        n = c["number"]
        assert (len(c["should_see"]), len(c["could_not_count"])) == CRITERIA_COUNTS[n]
        assert [i["id"] for i in c["should_see"]] == _numbered(c["should_see"], f"{n}.see")
        assert [i["id"] for i in c["could_not_count"]] == _numbered(c["could_not_count"], f"{n}.not")
        assert c["care_act"].startswith("Care Act 2014 ") and c["care_act"].endswith(" refers")
    assert [len(c["best_practice"]) for c in criteria] == [5, 2, 1, 1, 1]
    assert "wider health and wellbeing" in criteria[1]["title"]


# --------------------------------------------------------------------------- maturity


def test_maturity_levels() -> None:
    levels = resources.framework("maturity")["levels"]
    assert [(lv["level"], lv["name"]) for lv in levels] == [
        (1, "Emerging"), (2, "Developing"), (3, "Maturing"), (4, "Embedded"),
    ]


def test_maturity_foundations() -> None:
    foundations = resources.framework("maturity")["foundations"]
    assert [(f["id"], f["title"]) for f in foundations] == [
        ("prepared-people", "Prepared People and Patients"),
        ("supportive-systems", "Supportive Systems and Processes"),
        ("trained-teams", "Trained Teams"),
    ]
    assert [[e["letter"] for e in f["enablers"]] for f in foundations] == [
        ["a", "b", "c"], ["a", "b", "c", "e", "f", "g", "h"], ["a", "b", "c", "d"],
    ]
    assert [(len(f["i_statements"]), len(f["we_statements"])) for f in foundations] == [
        (7, 6), (8, 8), (5, 6),
    ]
    for f in foundations:
        fid = f["id"]
        assert [e["id"] for e in f["enablers"]] == [f"{fid}.{e['letter']}" for e in f["enablers"]]
        assert [s["id"] for s in f["i_statements"]] == _numbered(f["i_statements"], f"{fid}.i")
        assert [s["id"] for s in f["we_statements"]] == _numbered(f["we_statements"], f"{fid}.we")
        assert all(s["text"].startswith(("I ", "My ", "Everyone ")) for s in f["i_statements"])
        assert all(s["text"] != "Section one" for s in f["we_statements"])


# --------------------------------------------------------------------------- year of care


def test_year_of_care_stages() -> None:
    stages = resources.framework("year_of_care")["stages"]
    assert [(s["id"], s["number"], s["title"]) for s in stages] == [
        ("set-up", 1, "Set up"),
        ("implementation", 2, "Implementation and training"),
        ("maintenance", 3, "Maintenance and sustainability"),
    ]
    assert [a["id"] for a in stages[0]["activities"]] == ["set-up.a", "set-up.b", "set-up.c"]
    for s in stages[1:]:
        assert [a["id"] for a in s["activities"]] == _numbered(s["activities"], s["id"])
    assert [len(s["activities"]) for s in stages] == [3, 6, 8]
    for s in stages:
        for a in s["activities"]:
            assert a.get("details", ["x"]) != []  # omitted, never empty


def test_year_of_care_house() -> None:
    house = resources.framework("year_of_care")["house"]
    assert [(h["id"], h["part"]) for h in house] == [
        ("left-wall", "Left wall"), ("right-wall", "Right wall"), ("roof", "Roof"), ("floor", "Floor"),
    ]
    for h in house:
        assert [c["id"] for c in h["components"]] == _numbered(h["components"], h["id"])
    assert [len(h["components"]) for h in house] == [3, 4, 5, 3]


# --------------------------------------------------------------------------- TLAP


def test_tlap() -> None:
    tlap = resources.framework("tlap")
    statements = tlap["statements"]
    assert len(statements) == 12
    assert [s["id"] for s in statements] == _numbered(statements, "tlap")
    assert statements[0]["text"] == (
        "I am trusted to write my own care and support plan, with whatever help I need."
    )
    assert all(s["text"].endswith(".") for s in statements)
    assert [(s["id"], s["number"], s["title"]) for s in tlap["steps"]] == [
        ("preparation", 1, "Preparation"),
        ("discussion", 2, "Discussion"),
        ("documentation", 3, "Documentation"),
        ("review", 4, "Review"),
    ]
    assert [len(s["points"]) for s in tlap["steps"]] == [3, 5, 3, 3]
    stages = tlap["support_plan_stages"]
    assert [s["number"] for s in stages] == [1, 2, 3, 4, 5, 6]
    assert stages[0] == {"number": 1, "title": "About me", "text": "reflecting on what matters to the person."}


def test_tlap_criteria_links_quote_the_criterion_they_name_and_real_statements() -> None:
    """Where a TLAP statement answers a criteria question, the link quotes the criterion's own words."""
    elements = {item["id"]: item["text"] for c in resources.framework("criteria")["criteria"]
                for item in c["should_see"] + c["could_not_count"]}
    tlap = resources.framework("tlap")
    statements = {s["id"] for s in tlap["statements"]}
    assert tlap["criteria_links"]
    for link in tlap["criteria_links"]:
        assert link["criterion_words"] in elements[link["criterion"]], link["id"]
        assert set(link["statements"]) <= statements, link["id"]


def test_the_enablers_the_criteria_figures_speak_to_exist_and_quote_their_criteria() -> None:
    """Each link names a real enabler, quotes it (checked against the seed above) and quotes the criteria it names."""
    maturity = resources.framework("maturity")
    enablers = {e["id"]: e["text"] for f in maturity["foundations"] for e in f["enablers"]}
    criteria = {c["number"]: " ".join([c["title"]] + [i["text"] for i in c["should_see"] + c["could_not_count"]])
                for c in resources.framework("criteria")["criteria"]}
    links = maturity["criteria_evidence"]
    assert len({link["enabler"] for link in links}) == len(links)
    for link in links:
        assert link["enabler_quote"].rstrip(".") in enablers[link["enabler"]], link["enabler"]
        for quote in link["criterion_quotes"]:
            if quote != resources.framework("criteria")["title"]:  # all 5, by the framework's own name for them
                assert any(quote in criteria[n] for n in link["criterion_numbers"]), (link["enabler"], quote)
