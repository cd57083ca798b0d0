"""The outcome wording checker: is an outcome the person's own "what", not a service's "how"?

The questions come from the NCL ICB training deck (seed 004, "Developing
Person- centred outcomes" and its four-step process, see
frameworks/outcome_examples.json). Every word list, pattern and sentence lives
in wording/outcomes.json; this module only compiles those patterns once, at
import, and applies them.

check_outcome(text) -> {"text": text, "findings": [{"code", "message", "suggestion"}, ...]}

Codes are reported at most once each and always in this order:
solution-embedded, treatment-or-target, not-personal, not-specific, not-measurable,
service-language.

treatment-or-target: a treatment or a clinical figure given as the goal ("I use my
inhalers as prescribed", "My blood pressure is below 140/90"), whatever its pronoun.
The deck's own test is "Is it personal and not expressed from a service perspective?",
and "It's not a clinical competition". Saying what it is for ("… so that I can walk to
the shops") makes it the person's again, so then it is not reported.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import resources

__all__ = ["CODES", "check_outcome", "says_what_for", "what_matters_problem"]

_WORDING: dict[str, Any] = resources.wording("outcomes")
_PATTERNS: dict[str, list[str]] = _WORDING["patterns"]
_FINDINGS: dict[str, dict[str, str]] = _WORDING["findings"]
_FORMAT: dict[str, Any] = _WORDING["formatting"]

CODES: tuple[str, ...] = tuple(_WORDING["codes"])

# Curly and modifier apostrophes fold to "'"; one character for one, so spans
# found in the folded text still index the original.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})

# Whole words: not preceded by a word character or apostrophe; not followed by
# a word character or an apostrophe that starts a contraction ("can't", "I'm").
_LEFT = r"(?<![\w'])"
_RIGHT = r"(?!\w|'\w)"
_JOIN = r"[\s\-]+"  # what a space in a data fragment stands for


def _fragment(fragment: str) -> str:
    return fragment.replace(" ", _JOIN)


def _alternation(name: str) -> str:
    # Longer fragments first, so "care package" wins over "care", "i'm" over "i".
    fragments = sorted(_PATTERNS[name], key=len, reverse=True)
    return "(?:" + "|".join(_fragment(f) for f in fragments) + ")"


def _words(name: str) -> re.Pattern[str]:
    return re.compile(_LEFT + _alternation(name) + _RIGHT)


_SOLUTION = _words("solution")
_TREATMENT = _words("treatment")
_TARGET = _words("target")
_PURPOSE = _words("purpose")
_REGIMEN = _words("regimen")
_ABOUT_THEM = re.compile("|".join(_PATTERNS["about_them"]))
_FIRST_PERSON = _words("first_person")
_THIRD_PERSON = _words("third_person")
_THIRD_PERSON_WEAK = _words("third_person_weak")
_JARGON = _words("jargon")
_VAGUE_VERB = _words("vague_verbs")
_VAGUE_WORD = _words("vague_words")
_MEASURABLE = _words("measurable")
_OBSERVABLE = _words("observable")
# The first word of the outcome, after any bullet or punctuation.
_HEADLINE = re.compile(r"[\W_]*(" + _alternation("headline") + ")" + _RIGHT)
_HEADLINE_NOT = frozenset(_PATTERNS["headline_not"])
# What follows a vague verb: skip determiners, capture the next word (its object).
_OBJECT = re.compile(
    "(?:" + _JOIN + _alternation("object_skip") + r"(?![\w']))*" + _JOIN + r"([^\W\d_][\w'\-]*)"
)
_VAGUE_OBJECTS = frozenset(_PATTERNS["vague_objects"])
_NO_OBJECT = frozenset(_PATTERNS["no_object"]) | frozenset(_PATTERNS["object_skip"])
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")

_MAX_TERMS: int = _FORMAT["max_terms"]
_MIN_WORDS: int = _FORMAT["min_words"]
_EXCERPT_WORDS: int = _FORMAT["excerpt_words"]


def _terms(pattern: re.Pattern[str], folded: str, shown: str) -> list[str]:
    """Distinct matched phrases (as written in `shown`), at most max_terms of them."""
    found: list[str] = []
    seen: set[str] = set()
    for match in pattern.finditer(folded):
        key = _SPACE.sub(" ", match.group())
        if key not in seen:
            seen.add(key)
            found.append(_SPACE.sub(" ", shown[match.start():match.end()]))
            if len(found) == _MAX_TERMS:
                break
    return found


def _quote_list(terms: list[str]) -> str:
    quoted = [_FORMAT["quote_open"] + t + _FORMAT["quote_close"] for t in terms]
    if len(quoted) == 1:
        return quoted[0]
    return _FORMAT["separator"].join(quoted[:-1]) + _FORMAT["last_separator"] + quoted[-1]


def _excerpt(text: str) -> str:
    words = text[: 40 * _EXCERPT_WORDS].split()
    excerpt = " ".join(words[:_EXCERPT_WORDS])
    if len(words) > _EXCERPT_WORDS or len(text) > 40 * _EXCERPT_WORDS:
        excerpt += _FORMAT["ellipsis"]
    return excerpt


def _finding(code: str, variant: str, text: str, terms: list[str] | None = None) -> dict[str, str]:
    wording = _FINDINGS[code]
    message = wording[variant]
    if "{terms}" in message:
        message = message.replace("{terms}", _quote_list(terms or []))
    if "{excerpt}" in message:
        message = message.replace("{excerpt}", _excerpt(text))
    return {"code": code, "message": message, "suggestion": wording["suggestion"]}


def _vague_terms(folded: str, shown: str, anchored: bool) -> list[str]:
    """Vague verbs without a concrete object and, unless a number, frequency or
    time anchors the outcome, vague comparatives and abstract words; in text order."""
    found: dict[str, int] = {}
    spans: list[tuple[int, int]] = []  # verb terms, so "quality" is not named twice
    for match in _VAGUE_VERB.finditer(folded):
        follow = _OBJECT.match(folded, match.end())
        end = match.end()
        if follow is not None and follow.group(1) not in _NO_OBJECT:
            if follow.group(1) not in _VAGUE_OBJECTS:
                continue  # a concrete object says what: "manage my medication"
            end = follow.end()
        spans.append((match.start(), end))
        found.setdefault(_SPACE.sub(" ", shown[match.start():end]), match.start())
        if len(found) == _MAX_TERMS:
            return sorted(found, key=found.__getitem__)
    if not anchored:
        for match in _VAGUE_WORD.finditer(folded):
            start = match.start()
            if any(a <= start < b for a, b in spans):
                continue
            found.setdefault(_SPACE.sub(" ", shown[start:match.end()]), start)
            if len(found) == _MAX_TERMS:
                break
    return sorted(found, key=found.__getitem__)


def check_outcome(text: str) -> dict:
    """{"text": text, "findings": [{"code": str, "message": str, "suggestion": str}, ...]}"""
    if not isinstance(text, str):
        raise TypeError(f"check_outcome expects a str, not {type(text).__name__}")
    # The plan editor re-checks every outcome on each keystroke, and all but the one
    # being typed are unchanged: remember recent answers. Callers get their own copy.
    findings = _checked(text)
    return {"text": text, "findings": [dict(f) for f in findings]}


def says_what_for(text: str) -> bool:
    """Does the text say what it is for ("… so that I can …")? Then a service, a treatment
    or a target in it serves the person's own aim."""
    return _PURPOSE.search(text.translate(_APOSTROPHES).lower()) is not None


def what_matters_problem(text: str, names: tuple[str, ...] = ()) -> str | None:
    """Why one "what matters to me" item is not the person's own, or None when it is:
    "about" (written about them: "He loves his garden", or by their own name, given in
    `names`: "Ravi likes Bollywood films"), or "treatment" (the regimen,
    a service or a clinical target: "Taking my tablets", "My carers coming on time").
    A short phrase with no pronoun ("Gardening", "My grandchildren") is theirs."""
    lowered = text.translate(_APOSTROPHES).lower().strip()
    first_person = _FIRST_PERSON.search(lowered) is not None
    named = any(re.search(_LEFT + re.escape(name.lower()) + r"(?!\w)", lowered) for name in names if name)
    if _THIRD_PERSON.search(lowered) or (not first_person and (named or _ABOUT_THEM.search(lowered))):
        return "about"
    if _PURPOSE.search(lowered) is None and any(
            pattern.search(lowered) for pattern in (_REGIMEN, _TREATMENT, _TARGET, _SOLUTION)):
        return "treatment"
    return None


@lru_cache(maxsize=512)
def _checked(text: str) -> tuple[dict[str, str], ...]:
    return tuple(_check(text)["findings"])


def _check(text: str) -> dict:
    findings: list[dict[str, str]] = []
    if not text or text.isspace():
        return {"text": text, "findings": findings}

    lowered = text.translate(_APOSTROPHES).lower()
    # str.lower() can lengthen a few characters (e.g. "İ"); then show the folded text.
    shown = text if len(lowered) == len(text) else lowered
    first_person = _FIRST_PERSON.search(lowered) is not None
    anchored = _MEASURABLE.search(lowered) is not None

    solutions = _terms(_SOLUTION, lowered, shown)
    if solutions:
        findings.append(_finding("solution-embedded", "message", text, solutions))

    if _PURPOSE.search(lowered) is None:
        clinical = (_terms(_TREATMENT, lowered, shown) + _terms(_TARGET, lowered, shown))[:_MAX_TERMS]
        if clinical:
            findings.append(_finding("treatment-or-target", "message", text, clinical))

    about = _terms(_THIRD_PERSON, lowered, shown)
    if not about and not first_person:
        about = _terms(_THIRD_PERSON_WEAK, lowered, shown)
    if about:
        findings.append(_finding("not-personal", "message_third_person", text, about))
    elif not first_person:
        findings.append(_finding("not-personal", "message", text))

    vague = _vague_terms(lowered, shown, anchored)
    headline = None if first_person or anchored else _HEADLINE.match(lowered)
    if vague:
        findings.append(_finding("not-specific", "message", text, vague))
    elif headline is not None and headline.group(1) not in _HEADLINE_NOT:
        start, end = headline.span(1)
        findings.append(_finding("not-specific", "message_headline", text, [shown[start:end]]))
    else:
        words = 0
        for _ in _WORD.finditer(lowered):
            words += 1
            if words >= _MIN_WORDS:
                break
        if words < _MIN_WORDS:
            findings.append(_finding("not-specific", "message_short", text))

    if not anchored and _OBSERVABLE.search(lowered) is None:
        findings.append(_finding("not-measurable", "message", text))

    jargon = _terms(_JARGON, lowered, shown)
    if jargon:
        variant = "message" if len(jargon) == 1 else "message_plural"
        findings.append(_finding("service-language", variant, text, jargon))

    return {"text": text, "findings": findings}
