"""How mature is a team's PCSP, where do members disagree, what has changed.

All three take self-assessments as plain dicts (schema-valid, see
documents.open_document) and read the foundations and levels from
frameworks/maturity.json. A level is 1–4; "not-assessed" or a missing rating
counts as not rated and is left out of every mean and median.
"""

from __future__ import annotations

import statistics
from typing import Any

from . import resources
from .errors import PcspError

Assessment = dict[str, Any]

DISAGREEMENT = 2  # members this many levels apart or more should talk


def _level(assessment: Assessment, enabler_id: str) -> int | None:
    rating = (assessment.get("enablers") or {}).get(enabler_id) or {}
    level = rating.get("level")
    if isinstance(level, float) and level.is_integer():
        return int(level)  # the schema, like JSON Schema, counts 2.0 as a whole number
    return level if isinstance(level, int) and not isinstance(level, bool) else None


def _mean(values: list[int | float]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def _levels_by_number() -> dict[int, dict[str, Any]]:
    return {lv["level"]: lv for lv in resources.framework("maturity")["levels"]}


def scope_key(assessment: Assessment) -> tuple[str, str]:
    scope = assessment.get("scope") or {}
    return (scope.get("type") or "", " ".join((scope.get("name") or "").split()).casefold())


def _scope_words(assessment: Assessment) -> str:
    scope = assessment.get("scope") or {}
    kind = (scope.get("type") or "unknown").replace("-", " ")
    return f"{kind} “{scope.get('name') or 'unnamed'}”"


def _same_scope(assessments: list[Assessment], names: list[str] | None) -> None:
    def name(i: int) -> str:
        return names[i] if names and i < len(names) else f"assessment {i + 1}"

    first = scope_key(assessments[0])
    for i, other in enumerate(assessments[1:], start=1):
        if scope_key(other) != first:
            raise PcspError(f"These cannot be brought together: {name(i)} is about the {_scope_words(other)}, but "
                            f"{name(0)} is about the {_scope_words(assessments[0])}. Choose assessments of the "
                            "same system, service or pathway.")


def progress(assessment: Assessment) -> dict[str, Any]:
    """How much of an assessment is filled in: the questions answered out of all
    (what is assessed, its name, who, when, and a level — or "not assessed" — for
    every enabler), plus counts of evidence, statements ticked and actions."""
    matrix = resources.framework("maturity")["foundations"]
    ratings = assessment.get("enablers") or {}
    enabler_ids = [e["id"] for f in matrix for e in f["enablers"]]
    statement_ids = [s["id"] for f in matrix for s in f["i_statements"] + f["we_statements"]]
    scope = assessment.get("scope") or {}
    chosen = [i for i in enabler_ids if (ratings.get(i) or {}).get("level") is not None]
    about = [bool(scope.get("type")), bool((scope.get("name") or "").strip()), bool(assessment.get("date")),
             any((p.get("name") or "").strip() for p in assessment.get("assessed_by") or [])]
    return {
        "answered": len(chosen) + sum(about), "questions": len(enabler_ids) + len(about),
        "enablers_chosen": len(chosen), "enablers": len(enabler_ids),
        "not_assessed": sum((ratings.get(i) or {}).get("level") == "not-assessed" for i in enabler_ids),
        "with_evidence": sum(bool(((ratings.get(i) or {}).get("evidence") or "").strip()) for i in enabler_ids),
        "statements_holding": sum((assessment.get("statements") or {}).get(s) is True for s in statement_ids),
        "statements": len(statement_ids),
        "actions": sum(len((ratings.get(i) or {}).get("actions") or []) for i in enabler_ids),
    }


def summarise(assessment: Assessment) -> dict[str, Any]:
    """Per foundation: rated count, mean, priorities (lowest enablers) with the
    next level's description, and how many "I"/"We" statements hold; plus every
    improvement action, gathered."""
    levels = _levels_by_number()
    statements = assessment.get("statements") or {}
    foundations, all_rated = [], []
    for foundation in resources.framework("maturity")["foundations"]:
        enablers = [{"enabler": e["id"], "letter": e["letter"], "level": _level(assessment, e["id"])}
                    for e in foundation["enablers"]]
        rated = [e["level"] for e in enablers if e["level"] is not None]
        all_rated += rated
        lowest = min(rated, default=None)
        priorities = [
            {"enabler": e["enabler"], "letter": e["letter"], "level": e["level"],
             "next_level": {k: levels[e["level"] + 1][k] for k in ("level", "name", "description")}}
            for e in enablers if lowest is not None and lowest < 4 and e["level"] == lowest]
        ids = [s["id"] for s in foundation["i_statements"] + foundation["we_statements"]]
        foundations.append({
            "id": foundation["id"], "title": foundation["title"],
            "rated": len(rated), "of": len(enablers), "mean": _mean(rated),
            "enablers": enablers, "priorities": priorities,
            "statements_holding": sum(statements.get(s) is True for s in ids), "statements": len(ids)})
    return {"foundations": foundations,
            "overall": {"rated": len(all_rated), "of": sum(f["of"] for f in foundations), "mean": _mean(all_rated)},
            "actions": actions(assessment)}


def actions(assessment: Assessment) -> list[dict[str, Any]]:
    """Every improvement action, in the matrix's order, each with the id of its enabler."""
    ratings = assessment.get("enablers") or {}
    return [{"enabler": e["id"], **action}
            for foundation in resources.framework("maturity")["foundations"] for e in foundation["enablers"]
            for action in (ratings.get(e["id"]) or {}).get("actions") or []]


def merge(assessments: list[Assessment], names: list[str] | None = None) -> dict[str, Any]:
    """Several members' assessments of one scope, side by side.

    Per enabler: each member's level (None when not rated), n, median, min, max
    and `disagreement` (max − min ≥ 2). `talk_about` lists the disagreements,
    widest first. `names` (e.g. file names) label members in messages.
    Raises PcspError when there is nothing to merge or the scopes differ.
    """
    if not assessments:
        raise PcspError("Choose at least one assessment to bring together.")
    _same_scope(assessments, names)
    enablers = []
    for foundation in resources.framework("maturity")["foundations"]:
        for e in foundation["enablers"]:
            levels = [_level(a, e["id"]) for a in assessments]
            rated = [lv for lv in levels if lv is not None]
            low, high = min(rated, default=None), max(rated, default=None)
            enablers.append({
                "enabler": e["id"], "foundation": foundation["id"], "letter": e["letter"], "levels": levels,
                "n": len(rated), "median": statistics.median(rated) if rated else None, "min": low, "max": high,
                "disagreement": bool(rated) and high - low >= DISAGREEMENT})
    talk_about = sorted((e for e in enablers if e["disagreement"]), key=lambda e: e["min"] - e["max"])
    return {"scope": assessments[0].get("scope") or {}, "members": len(assessments), "enablers": enablers,
            "talk_about": [e["enabler"] for e in talk_about]}


def compare(baseline: Assessment, follow_up: Assessment) -> dict[str, Any]:
    """What moved between a baseline and a follow-up of the same scope: the change
    per enabler (None where either is unrated) and in each foundation's mean; and
    what their plans showed (evidence.compare_evidence, None when neither carries figures)."""
    _same_scope([baseline, follow_up], ["the baseline", "the follow-up"])
    enablers, foundations = [], []
    for foundation in resources.framework("maturity")["foundations"]:
        before_levels, after_levels = [], []
        for e in foundation["enablers"]:
            before, after = _level(baseline, e["id"]), _level(follow_up, e["id"])
            before_levels += [before] if before is not None else []
            after_levels += [after] if after is not None else []
            enablers.append({"enabler": e["id"], "foundation": foundation["id"], "letter": e["letter"],
                             "baseline": before, "follow_up": after,
                             "change": after - before if before is not None and after is not None else None})
        before_mean, after_mean = _mean(before_levels), _mean(after_levels)
        foundations.append({"id": foundation["id"], "title": foundation["title"],
                            "baseline_mean": before_mean, "follow_up_mean": after_mean,
                            "change": round(after_mean - before_mean, 2)
                            if before_mean is not None and after_mean is not None else None})
    from .evidence import compare_evidence  # evidence reads the checker, which reads this module

    return {"scope": follow_up.get("scope") or {}, "baseline_date": baseline.get("date"),
            "follow_up_date": follow_up.get("date"), "enablers": enablers, "foundations": foundations,
            "moved": _moved(enablers),
            "evidence": compare_evidence(baseline.get("plan_evidence"), follow_up.get("plan_evidence"))}


# What moved, in the order a team reads it: each group with its heading.
_MOVED = (
    ("up", "Went up", lambda e: e["change"] is not None and e["change"] > 0),
    ("down", "Went down", lambda e: e["change"] is not None and e["change"] < 0),
    ("first-rated", "Rated for the first time", lambda e: e["baseline"] is None and e["follow_up"] is not None),
    ("no-longer-rated", "No longer rated", lambda e: e["baseline"] is not None and e["follow_up"] is None),
)


def _moved(enablers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The enablers that moved, grouped; groups with nothing in them are left out."""
    groups = [{"id": key, "title": title, "enablers": [e["enabler"] for e in enablers if belongs(e)]}
              for key, title, belongs in _MOVED]
    return [g for g in groups if g["enablers"]]


def about_assessment(assessment: Assessment) -> str:
    """What was assessed, when and by whom, in one sentence, with the names and the
    scope exactly as people typed them: "Frailty pathway (a clinical pathway),
    assessed on 2026-03-19 by Amira Haddad and Ben Whitlock."."""
    scope = assessment.get("scope") or {}
    kind = resources.wording("words")["scope_type"].get(scope.get("type") or "")
    people = [p["name"] for p in assessment.get("assessed_by") or [] if p.get("name")]
    who = f"{', '.join(people[:-1])} and {people[-1]}" if len(people) > 1 else (people[0] if people else "")
    text = f"{scope.get('name') or 'Not named yet'}{f' ({kind})' if kind else ''}"
    date = assessment.get("date")
    if date:
        text += f", assessed on {date}"
    if who:
        text += f" by {who}" if date else f", assessed by {who}"
    return f"{text}."


def follow_up(baseline: Assessment, file_name: str, today: str) -> Assessment:
    """A new, empty self-assessment of the same scope that follows `baseline`, saved as file_name.

    Its `follows` names the baseline's file, date and assessors, which is how "See what
    changed" pairs the two files by itself.
    """
    from .documents import new_document

    source: dict[str, str] = {}
    if file_name.strip():
        source["file"] = file_name.strip()[:2000]
    if isinstance(baseline.get("date"), str) and baseline["date"]:
        source["date"] = baseline["date"]
    if assessors := assessor_line(baseline):
        source["assessed_by"] = assessors
    if not source:
        raise PcspError("Save this assessment first, or give it a date: the follow-up needs something to "
                        "name it by.")
    doc = new_document("self-assessment")
    if isinstance(baseline.get("scope"), dict):
        doc["scope"] = dict(baseline["scope"])
    doc["date"] = today
    doc["follows"] = source
    return doc


def assessor_line(assessment: Assessment) -> str:
    """Who assessed, as one line: "Amira Haddad, Ben Whitlock" (names as typed, trimmed)."""
    people = assessment.get("assessed_by")
    names = [p.get("name") if isinstance(p, dict) else p for p in people] if isinstance(people, list) else []
    return ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip())[:2000]


# --- which file follows which -------------------------------------------------------

ONE_AT_A_TIME = "Choose the baseline and the follow-up one at a time."


def _tidy(text: Any) -> str:
    return " ".join(text.split()).casefold() if isinstance(text, str) else ""


def _follows(assessment: Assessment) -> dict[str, str]:
    """What a follow-up says of its baseline: the parts of `follows` it gives ({} for none)."""
    follows = assessment.get("follows")
    if not isinstance(follows, dict):
        return {}
    return {k: follows[k] for k in ("file", "date", "assessed_by") if isinstance(follows.get(k), str) and follows[k].strip()}


def _follows_words(follows: dict[str, str]) -> str:
    """“team-baseline.json”, assessed on 2026-03-19 by Amira Haddad, Ben Whitlock."""
    text = f"“{follows['file']}”" if "file" in follows else "an assessment"
    if "date" in follows:
        text += f", assessed on {follows['date']}"
    if "assessed_by" in follows:
        text += f" by {follows['assessed_by']}" if "date" in follows else f", assessed by {follows['assessed_by']}"
    return text


def _baselines_of(k: int, names: list[str], docs: list[Assessment]) -> list[int]:
    """The other files that file k's `follows` may mean.

    The file name it gives picks them out (case and spacing aside), and its date and
    assessors only narrow several of one name down: a baseline whose date was corrected
    since is still the file the person saved under that name. With no file of that name
    (renamed, or `follows` gives none), a file of the same scope with exactly the date and
    assessors given is the baseline: a renamed file is still found, an unrelated one never.
    """
    follows = _follows(docs[k])
    others = [j for j in range(len(docs)) if j != k]  # a file is never its own baseline
    tests = []
    if "date" in follows:
        tests.append(lambda j: docs[j].get("date") == follows["date"])
    if "assessed_by" in follows:
        tests.append(lambda j: _tidy(assessor_line(docs[j])) == _tidy(follows["assessed_by"]))
    named = [j for j in others if "file" in follows and _tidy(names[j]) == _tidy(follows["file"])]
    if named:
        for test in tests:
            named = [j for j in named if test(j)] or named
        return named
    if not tests:
        return []
    return [j for j in others if scope_key(docs[j]) == scope_key(docs[k]) and all(test(j) for test in tests)]


def _cycle(edges: dict[int, int]) -> list[int]:
    """Files that follow one another round in a circle (each follows the next), or []."""
    for start in edges:
        path, node = [start], edges[start]
        while node in edges and node not in path:
            path.append(node)
            node = edges[node]
        if node in path:
            return path[path.index(node):]
    return []


def _quoted(names: list[str]) -> str:
    quoted = [f"“{n}”" for n in names]
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def pair_by_follows(files: list[dict[str, Any]]) -> dict[str, Any]:
    """Which of several self-assessments is the baseline and which the follow-up, from the
    `follows` a follow-up carries (follow_up writes it: the baseline's file name, date and
    assessors), so that "See what changed" needs no telling which is which.

    `files` is [{"name": file name, "document": an opened self-assessment}], chosen or
    dropped together. Answers {"ok", "reason", "baseline", "follow_up", "message", "notes"}:
    ok with the two indexes when exactly one file here follows exactly one other (the rest
    are left out, each with a note); otherwise ok is False, `reason` says why and
    `message` says what to do: "one-file" or "missing-baseline" (and which file to add;
    with one file, `follow_up` or `baseline` says which it can be), "no-follows",
    "several-baselines", "several-follow-ups", "several-pairs" or "cycle".
    Whether the pair is of the same scope is compare's to say.
    """
    if not files:
        raise PcspError("Choose the baseline and the follow-up.")
    names = [f.get("name") or f"file {k + 1}" for k, f in enumerate(files)]
    docs = [f["document"] if isinstance(f.get("document"), dict) else {} for f in files]
    follows = [_follows(d) for d in docs]
    followers = [k for k, f in enumerate(follows) if f]

    def no(reason: str, message: str, baseline: int | None = None, follow_up: int | None = None) -> dict[str, Any]:
        return {"ok": False, "reason": reason, "baseline": baseline, "follow_up": follow_up, "message": message,
                "notes": []}

    def missing(k: int) -> str:
        itself = " (another file of that name, not this one)" if _tidy(follows[k].get("file")) == _tidy(names[k]) else ""
        return f"“{names[k]}” follows {_follows_words(follows[k])}{itself}"

    if len(files) == 1:
        if followers:
            return no("missing-baseline", f"{missing(0)}. Add that file as the baseline.", follow_up=0)
        return no("one-file", f"“{names[0]}” does not name a baseline it follows, so it can be the baseline. "
                              "Add its follow-up.", baseline=0)
    if not followers:
        return no("no-follows", "None of these files names the baseline it follows (a follow-up started from "
                                f"the self-assessment page does), so the page cannot tell which is which. {ONE_AT_A_TIME}")
    baselines = {k: _baselines_of(k, names, docs) for k in followers}
    resolved = {k: found[0] for k, found in baselines.items() if len(found) == 1}
    if cycle := _cycle(resolved):
        circle = [names[k] for k in cycle]
        how = "each say they follow the other" if len(cycle) == 2 else "each say they follow the next, in a circle"
        return no("cycle", f"{_quoted(circle)} {how}, so none of them can be the baseline. {ONE_AT_A_TIME}")
    for k, found in baselines.items():
        if len(found) > 1:
            return no("several-baselines", f"“{names[k]}” follows {_follows_words(follows[k])}, and more than one "
                                           f"of these files fits: {_quoted([names[j] for j in found])}. {ONE_AT_A_TIME}")
    if not resolved:
        if len(followers) == 1:
            return no("missing-baseline", f"{missing(followers[0])}, which is not among these files. Add that "
                                          "file too.", follow_up=followers[0])
        return no("missing-baseline", "None of these files is the baseline another follows: "
                                      f"{'; '.join(missing(k) for k in followers)}. Add the baseline you want to "
                                      "compare with.")
    if len(resolved) > 1:
        by_baseline: dict[int, list[int]] = {}
        for k, b in resolved.items():
            by_baseline.setdefault(b, []).append(k)
        for b, ks in by_baseline.items():
            if len(ks) > 1:
                both = "both" if len(ks) == 2 else "all"
                return no("several-follow-ups", f"{_quoted([names[k] for k in ks])} {both} follow “{names[b]}”. "
                                                f"Choose “{names[b]}” with only the follow-up you want to compare.")
        pairs = "; ".join(f"“{names[k]}” follows “{names[b]}”" for k, b in resolved.items())
        return no("several-pairs", f"These files make more than one pair: {pairs}. Choose only the two you "
                                   "want to compare.")
    [(follow_up, baseline)] = resolved.items()
    notes = [f"{missing(j)}, which is not among these files, so it is left out." if j in followers else
             f"“{names[j]}” is left out: it neither follows nor is followed by the others."
             for j in range(len(files)) if j not in (baseline, follow_up)]
    said = follows[follow_up]
    if "file" in said and _tidy(said["file"]) != _tidy(names[baseline]):
        how = " and ".join(w for k, w in (("date", "date"), ("assessed_by", "assessors")) if k in said)
        message = (f"“{names[follow_up]}” follows “{said['file']}”. No file here has that name, but "
                   f"“{names[baseline]}” has the scope and the {how} it gives, so it is the baseline.")
    else:
        message = (f"“{names[follow_up]}” follows “{names[baseline]}”, so “{names[baseline]}” is the baseline "
                   f"and “{names[follow_up]}” the follow-up.")
    return {"ok": True, "reason": None, "baseline": baseline, "follow_up": follow_up, "message": message,
            "notes": notes}
