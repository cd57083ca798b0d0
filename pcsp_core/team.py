"""Bringing a team's self-assessment files together, without a server.

The lead opens every member's file at once; `bring_together` opens each one the
way the self-assessment page would (so a bad file gets the same message), refuses
the set if any file cannot be used or the scopes differ, and otherwise returns
the merged view and a first draft of the agreed team assessment. The draft names
the files it came from; the lead then records an agreed level where members differ.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from . import documents, resources
from .errors import PcspError
from .evidence import for_assessment, newest
from .maturity import assessor_line, merge, scope_key

MAX_FILES = 200  # the schema's limit on agreed_from


def _member_name(doc: dict[str, Any], file_name: str) -> str:
    """A member as the lead knows them: who assessed, else the file's name."""
    return assessor_line(doc) or file_name


def _statement_ticks(docs: list[dict[str, Any]]) -> Counter[str]:
    """How many members say each statement holds."""
    return Counter(s for doc in docs for s, held in (doc.get("statements") or {}).items() if held is True)


def _agreed_draft(docs: list[dict[str, Any]], files: list[str], merged: dict[str, Any], ticks: Counter[str],
                  today: str) -> dict[str, Any]:
    agreed = documents.new_document("self-assessment")
    agreed["scope"] = dict(docs[0].get("scope") or {})
    people, seen = [], set()
    for doc in docs:
        for person in doc.get("assessed_by") or []:
            key = ((person.get("name") or "").strip().casefold(), (person.get("role") or "").strip().casefold())
            if any(key) and key not in seen:
                seen.add(key)
                people.append(dict(person))
    if people:
        agreed["assessed_by"] = people[:100]  # the schema's limit; agreed_from still names every file
    agreed["date"] = today
    enablers: dict[str, Any] = {}
    for row in merged["enablers"]:
        rating: dict[str, Any] = {}
        if row["n"] and row["min"] == row["max"]:
            rating["level"] = row["min"]  # everyone who rated it agrees; the lead records the rest
        evidence = [f"{_member_name(doc, name)}: {text.strip()}" for doc, name in zip(docs, files)
                    if (text := ((doc.get("enablers") or {}).get(row["enabler"]) or {}).get("evidence") or "").strip()]
        if evidence:
            rating["evidence"] = "\n\n".join(evidence)[:20000]
        actions, whats = [], set()
        for doc in docs:
            for action in ((doc.get("enablers") or {}).get(row["enabler"]) or {}).get("actions") or []:
                what = " ".join((action.get("what") or "").split()).casefold()
                if what not in whats or not what:
                    whats.add(what)
                    actions.append(dict(action))
        if actions:
            rating["actions"] = actions[:200]
        if rating:
            enablers[row["enabler"]] = rating
    if enablers:
        agreed["enablers"] = enablers
    # A statement holds for the team when more than half the members say it does.
    holding = {s: True for s, n in ticks.items() if n * 2 > len(docs)}
    if holding:
        order = [s["id"] for f in resources.framework("maturity")["foundations"]
                 for s in f["i_statements"] + f["we_statements"]]
        agreed["statements"] = {s: True for s in order if s in holding}
    if figures := newest(docs):
        agreed["plan_evidence"] = figures  # what the team's plans showed, as recently as any member checked
    agreed["agreed_from"] = [
        {k: v for k, v in (("file", name[:2000]), ("date", doc.get("date")),
                           ("assessed_by", _member_name(doc, name)[:2000])) if v}
        for doc, name in zip(docs, files)]
    return agreed


def _assessors(doc: dict[str, Any]) -> tuple[str, ...]:
    """Who assessed, as a key: the names, tidied and case-folded, in order of name."""
    return tuple(sorted({" ".join((p.get("name") or "").split()).casefold()
                         for p in doc.get("assessed_by") or [] if (p.get("name") or "").strip()}))


def _same_twice(docs: list[dict[str, Any]], names: list[str], leave_out: set[int]
                ) -> tuple[list[int], list[dict[str, str]], list[dict[str, Any]]]:
    """Which files count, the notes about those that do not, and the questions for the lead.

    A file with exactly the content of an earlier one is the same file chosen twice
    (perhaps renamed): it counts once. Different files from the same assessor are
    two opinions from one person, which would weigh double: the lead chooses one.
    """
    counted: list[int] = []
    notes: list[dict[str, str]] = []
    first_with: dict[str, int] = {}
    for k, doc in enumerate(docs):
        content = json.dumps(doc, sort_keys=True, ensure_ascii=False)
        if content in first_with:
            notes.append({"file": names[k], "message": f"“{names[k]}” is the same as “{names[first_with[content]]}”, "
                                                       "so it is counted once."})
        elif k in leave_out:
            first_with[content] = k
            notes.append({"file": names[k], "message": f"“{names[k]}” is left out, as you chose."})
        else:
            first_with[content] = k
            counted.append(k)
    by_assessor: dict[tuple[str, ...], list[int]] = {}
    for k in counted:
        if who := _assessors(docs[k]):
            by_assessor.setdefault(who, []).append(k)
    questions = [{"assessor": _member_name(docs[ks[0]], names[ks[0]]),
                  "files": [{"index": k, "file": names[k], "date": docs[k].get("date")} for k in ks]}
                 for ks in by_assessor.values() if len(ks) > 1]
    return counted, notes, questions


def bring_together(files: list[dict[str, str]], today: str,
                   keep: dict[str, Any] | None = None, leave_out: list[int] | None = None) -> dict[str, Any]:
    """`files` is [{"name": file name, "text" (or "base64"): its contents}], from one
    multi-select or drop.

    Answers {"ok": False, "problems": [{"file", "errors"}], "message"} when any file
    cannot be used or the scopes differ (nothing should change on screen then);
    {"ok": False, "questions": [{"assessor", "files": [{"index", "file", "date"}]}],
    "message"} when different files come from the same assessor, so the lead says
    which one counts (by calling again with the others' indexes in `leave_out`);
    else {"ok": True, "members": [{"file", "name", "date"}], "merged": maturity.merge(...),
    "statements": {id: how many members ticked it}, "agreed": a self-assessment to finish,
    "kept": how many agreed levels came from `keep`, "evidence": what the newest figures from
    the team's plans in any member's file say (evidence.for_assessment; the draft keeps them),
    "notes": [{"file", "message"}] for the files that were not counted}.

    `keep` is the agreed assessment the lead is already working on: when it is about
    the same scope, the levels recorded in it stay, so choosing the files again (after
    restoring a draft, or adding a late member) never throws the lead's work away.
    """
    if not files:
        raise PcspError("Choose the members' assessment files to bring together.")
    if len(files) > MAX_FILES:
        return {"ok": False, "problems": [], "message": f"That is {len(files)} files; at most {MAX_FILES} "
                "can be brought together at once."}
    docs, problems = [], []
    for f in files:
        opened = documents.open_upload(f, "self-assessment")
        if opened["valid"]:
            docs.append(opened["document"])
        else:
            problems.append({"file": f.get("name") or "a file", "errors": opened["errors"]})
    if problems:
        count = len(problems)
        return {"ok": False, "problems": problems,
                "message": f"{count} of the {len(files)} files cannot be used, so nothing was brought together. "
                           "Leave them out or ask for a new copy, then choose the files again."}
    all_names = [f.get("name") or f"file {k + 1}" for k, f in enumerate(files)]
    counted, notes, questions = _same_twice(docs, all_names, set(leave_out or []))
    if questions:
        return {"ok": False, "problems": [], "questions": questions,
                "message": "Some people sent more than one different file. Choose which one counts for each of "
                           "them; nothing is brought together until you do."}
    if not counted:
        return {"ok": False, "problems": [], "message": "You left out every file, so there is nothing to bring "
                "together. Choose the files again."}
    docs = [docs[k] for k in counted]
    names = [all_names[k] for k in counted]
    try:
        merged = merge(docs, names)
    except PcspError as exc:
        return {"ok": False, "problems": [], "message": str(exc)}
    ticks = _statement_ticks(docs)
    agreed = _agreed_draft(docs, names, merged, ticks, today)
    kept = 0
    if keep and scope_key(keep) == scope_key(docs[0]):
        for enabler, rating in (keep.get("enablers") or {}).items():
            if isinstance(rating, dict) and rating.get("level") is not None:
                agreed.setdefault("enablers", {}).setdefault(enabler, {})["level"] = rating["level"]
                kept += 1
    return {
        "ok": True,
        "kept": kept,
        "members": [{"file": name, "name": _member_name(doc, name), "date": doc.get("date")}
                    for doc, name in zip(docs, names)],
        "merged": merged,
        "statements": dict(ticks),
        "agreed": agreed,
        "evidence": for_assessment(agreed),
        "notes": notes,
    }
