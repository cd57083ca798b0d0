"""Does a plan count as a PCSP? The 5 NHS England criteria, applied to a plan.

Every "should see" element and every "could not count" condition in
frameworks/criteria.json has a rule here, keyed by its id. A rule is a small
generator that yields each problem it finds (a code, where, and the words to
fill into the message); `evaluate_plan` adds the criterion, the JSON pointer and
the message. A "could not count" rule's problems stop the plan counting; an
element rule's problems make the criterion "partly" met, unless the framework
says the element *must* be there (a budget sheet), when it blocks too.

Evidence is what the plan records, and rules read what it says, not only that a
field is filled: an outcome that is a service, a treatment or a clinical target,
or a "what matters" that is a regimen or written about the person, is named.
Judgements about the whole plan are proportionate: one weak outcome among good
ones makes a criterion partly met; a plan that is mostly not the person's cannot count.

One policy for the person's experience. Where a "could not count" condition is about
what the person experienced (were they listened to, was their knowledge taken into
account, did they choose who was involved, did they have information to prepare, can
the plan be shared with everyone involved), the plan has to answer it. A blank answer
cannot count, and the finding asks for it; the only other answer accepted is the plan
recording the same thing elsewhere (people the person chose; the information they had).
Where one of TLAP's statements in "How planning felt" asks the same question
(tlap.json's criteria_links), that answer is the one read, and the finding names it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from . import migrations, resources
from .documents import current_version
from .experience import Felt, felt
from .outcomes import check_outcome, says_what_for, what_matters_problem
from .pointers import pointer
from .review import add_months, as_date as _date, last_formal_review, review_status

Plan = dict[str, Any]


class Problem(NamedTuple):
    code: str
    path: tuple[str | int, ...]
    params: dict[str, Any] = {}
    blocks: bool = False
    # A question the plan has not answered yet, or a reminder: shown to the person, but
    # it does not change the verdict. A question version 2 had no place for is one of
    # these, so nobody's plan stops counting, or counts less, because the tool learned it.
    asks: bool = False


class Context(NamedTuple):
    """What several rules need, worked out once per plan."""

    outcomes: list[tuple[int, dict[str, Any]]]  # (index, outcome) for outcomes with words
    outcome_checks: list[dict[str, Any]]  # check_outcome of each, in the same order
    weak_outcomes: list[tuple[int, str]]  # (index, the problem code) for outcomes that are not the person's own
    what_matters: list[tuple[int, str | None]]  # (index, None or why it is not the person's) per item with words
    answerable_ids: set[str]
    outcome_ids: set[str]
    today: datetime.date | None


Rule = Callable[[Plan, Context], Iterator[Problem]]


# -- reading a plan leniently: rules see only schema-valid plans, but most fields are optional

def _section(plan: Plan, name: str) -> dict[str, Any]:
    value = plan.get(name)
    return value if isinstance(value, dict) else {}


def _filled(value: Any) -> bool:
    """True when a field holds something a person wrote (not blank, not an empty list)."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_filled(v) for v in value)
    if isinstance(value, dict):
        return any(_filled(v) for k, v in value.items() if k != "id")
    return value is not None


def _items(plan: Plan, *path: str) -> list[Any]:
    node: Any = plan
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, list) else []


def _outcomes(plan: Plan) -> list[tuple[int, dict[str, Any]]]:
    return [(i, o) for i, o in enumerate(_items(plan, "outcomes")) if _filled(o.get("in_my_words"))]


# -- criterion 1: people are central in developing and agreeing their plan

def _answer(section: dict[str, Any], where: tuple[str, str], no: str, unsaid: str,
            other_evidence: bool = False) -> Iterator[Problem]:
    """A yes/no the plan must answer for a could-not-count condition: "no" blocks with
    code `no`; no answer (and nothing else in the plan showing it) blocks with `unsaid`."""
    answer = section.get(where[1])
    if answer is False:
        yield Problem(no, where, blocks=True)
    elif answer is None and not other_evidence:
        yield Problem(unsaid, where, blocks=True)


def _felt_problem(answer: Felt, code: str, blocks: bool = False) -> Problem:
    """A finding about a statement's answer: it points at that answer, and its message quotes the statement."""
    # The statement's own full stop is left off, so the message can go on after the quote.
    return Problem(code, ("experience", answer.statement, "answer"), {"statement": answer.text.rstrip(".")},
                   blocks=blocks)


def _felt(answer: Felt, no: str, partly: str, unsaid: str, other_evidence: bool = False) -> Iterator[Problem]:
    """A could-not-count question answered in How planning felt: "no" blocks with code `no`,
    "partly" makes the criterion partly met, and no answer (nor anything else in the plan
    showing it) blocks with `unsaid`."""
    if answer.answer == "no":
        yield _felt_problem(answer, no, blocks=True)
    elif answer.answer == "partly":
        yield _felt_problem(answer, partly)
    elif answer.answer is None and not other_evidence:
        yield _felt_problem(answer, unsaid, blocks=True)


def _not_involved(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """1.not.1: "The person was not involved in writing the plan, didn't have the
    opportunity to involve people they wished to be involved, and/or were given no
    information to prepare them for the planning process." Any one of the three is enough."""
    written_by = _section(plan, "conversation").get("written_by")
    if written_by is None:
        yield Problem("who-wrote-missing", ("conversation", "written_by"), blocks=True)
    elif written_by == "professional":
        yield Problem("not-involved-in-writing", ("conversation", "written_by"), blocks=True)
    chose_someone = any(p.get("chosen_by_me") is True for p in _items(plan, "people_involved"))
    yield from _felt(felt(plan, "chose-who"), "could-not-choose-who", "chose-who-partly",
                     "choice-of-people-missing", chose_someone)
    # "Given no information": a "no" to having all the information needed, with none recorded.
    # Information recorded means some was given, so the "no" is a gap to close, not "none".
    had_some = _filled(_section(plan, "preparation").get("information_received"))
    information = felt(plan, "information")
    if information.answer == "no" and had_some:
        yield _felt_problem(information, "information-not-enough")
    else:
        yield from _felt(information, "no-information-to-prepare", "information-partly", "preparation-missing",
                         had_some)


def _well_prepared(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """1.see.1: "The person is well prepared for the planning process including the purpose
    of the plan, how the process will take place and who will be involved, receiving
    information in a way that meets their information needs." """
    prep = _section(plan, "preparation")
    expect = felt(plan, "what-to-expect")
    if expect.answer is None:
        yield _felt_problem(expect, "expectations-missing")
    elif expect.answer != "yes":
        yield _felt_problem(expect, "expectations-unclear")
    if not _filled(prep.get("information_received")):
        yield Problem("information-received-missing", ("preparation", "information_received"))
    if not _filled(prep.get("how_i_want_information")):
        yield Problem("information-format-missing", ("preparation", "how_i_want_information"))


def _chose_who(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """1.see.2: "The person has chosen who will be involved in the planning process." """
    if not _filled(plan.get("people_involved")):
        yield Problem("people-involved-missing", ("people_involved",))


def _not_visible(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """1.see.3: "The professionals involved in the planning process are prepared and have
    the right information for the process i.e. test results, information about eligibility etc." """
    # The element is about the service (the professionals' preparation), which a plan
    # file cannot show; the guide presents it instead.
    return iter(())


def _resources_to_plan(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """1.see.4: "There are a range of resources available to support the person with the
    development of their plan ... including peer support, where appropriate." Only the
    plan's own record can show it: when it says nothing was offered, it is asked about."""
    offered = _section(plan, "support_to_plan")
    answers = [offered.get(k) for k in ("advocacy", "peer_support", "brokerage", "interpreter")]
    if any(a is False for a in answers) and not any(a is True for a in answers) \
            and not _filled(offered.get("other")):
        yield Problem("no-support-to-plan", ("support_to_plan",))


# -- criterion 2: proactive, personalised conversations about what matters

def _no_what_matters(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """2.not.1: "The conversation does not include a discussion about what matters to the
    person and only looks at what is wrong with the person". The condition is that what
    matters is missing, or is only the treatment; the order of the conversation is 2.see.1."""
    if not ctx.what_matters:
        yield Problem("what-matters-missing", ("about_me", "what_is_important_to_me"), blocks=True)
    elif all(why == "treatment" for _, why in ctx.what_matters):
        yield Problem("what-matters-is-treatment", ("about_me", "what_is_important_to_me"), blocks=True)


def _not_listened_to(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """2.not.2: "It would not be counted if the person does not feel listened to or their
    health literacy, skills, knowledge and confidence have not been taken into account." Both are the person's
    experience, so both must be answered (the module's one policy)."""
    conversation = _section(plan, "conversation")
    yield from _answer(conversation, ("conversation", "i_felt_listened_to"), "not-listened-to", "listened-to-missing")
    yield from _answer(conversation, ("conversation", "my_knowledge_and_confidence_considered"),
                       "knowledge-not-considered", "knowledge-considered-missing")


def _started_with_what_matters(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """2.see.1: "The planning conversation starts with what matters to the person, the
    things that make life good. This could include information about important people,
    significant routines & rituals and important possessions." A "what matters" that is
    the regimen, a service or written about the person is not that."""
    started = _section(plan, "conversation").get("started_with_what_matters")
    if started is None:
        yield Problem("start-of-conversation-missing", ("conversation", "started_with_what_matters"))
    elif started is False:
        yield Problem("did-not-start-with-what-matters", ("conversation", "started_with_what_matters"))
    if not any(_filled(plan.get(k)) for k in ("important_people", "routines", "possessions")):
        yield Problem("people-routines-possessions-missing", ("important_people",))
    if not _filled(plan.get("worries")):
        # "The things which worry them about their condition(s) and how they manage them."
        yield Problem("worries-missing", ("worries",), asks=True)
    for i, why in ctx.what_matters:
        if why is not None:
            yield Problem(f"what-matters-item-{why}", ("about_me", "what_is_important_to_me", i, "text"),
                          {"n": i + 1})


def _support_to_manage(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """2.see.2: "The conversation only then looks at the support the person needs to manage
    their condition(s). This includes what they do on a day to day basis to manage their
    condition(s), prevent a deterioration of their condition(s), what to do, and who to
    speak to if a deterioration occurs." """
    if not _filled(_section(plan, "support").get("what_i_do_for_myself")):
        yield Problem("self-care-missing", ("support", "what_i_do_for_myself"))
    if not _filled(plan.get("contingency")):
        yield Problem("contingency-missing", ("contingency",))


def _knowledge_considered(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """2.see.3: "During the conversation the person is listened to and understood in a way
    that builds a trusting and effective relationship taking account of the persons health
    literacy, skills, knowledge and confidence." """
    # 2.see.3 is answered by the same question as 2.not.2, which already asks for it when blank.
    return iter(())


# -- criterion 3: outcomes agreed in partnership, in the person's words

def _not_my_perspective(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """3.not.1: "The plan is not written from the person's perspective or is written in a
    way more aligned with the service or system." The condition is about the plan: it
    holds when most of its outcomes are not the person's own (services, treatments,
    targets, or written about them), or when what matters to them is not theirs. One weak
    outcome among good ones is 3.see.2 or 3.see.3, partly met, with the outcome named."""
    if ctx.outcomes and len(ctx.weak_outcomes) * 2 > len(ctx.outcomes):
        yield Problem("outcomes-mostly-not-mine", ("outcomes",),
                      {"weak": len(ctx.weak_outcomes), "of": len(ctx.outcomes)}, blocks=True)
    if ctx.what_matters and all(why is not None for _, why in ctx.what_matters):
        yield Problem("what-matters-not-mine", ("about_me", "what_is_important_to_me"), blocks=True)


def _outcomes_not_mine(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """3.not.2: "It would not be counted if the outcomes (goals) in the plan did not reflect
    what the person wanted to achieve and were written by professionals and not in
    partnership with the person." With no outcomes at all, none were agreed."""
    outcomes = ctx.outcomes
    if not outcomes:
        yield Problem("outcomes-missing", ("outcomes",), blocks=True)
    elif (_section(plan, "conversation").get("written_by") == "professional"
          and not any(set(o.get("answers") or ()) & ctx.answerable_ids for _, o in outcomes)):
        yield Problem("outcomes-not-from-me", ("outcomes", outcomes[0][0], "answers"), blocks=True)


def _in_partnership(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """3.see.1: "The person develops health and wellbeing outcomes (goals) in partnership
    with the relevant professionals." """
    for i, outcome in ctx.outcomes:
        if not _filled(outcome.get("agreed_with")):
            yield Problem("outcome-not-agreed", ("outcomes", i, "agreed_with"), {"n": i + 1})


def _what_i_want(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """3.see.2: "The outcomes (goals) are based on what the person wants to change, or
    achieve, not just what professionals think they should achieve." A service, a
    treatment or a target as the goal is what professionals think (seed 004: "An outcome
    is the WHAT, not the HOW"); one that says what it is for names the service still."""
    weak = dict(ctx.weak_outcomes)
    for (i, outcome), check in zip(ctx.outcomes, ctx.outcome_checks):
        answers = outcome.get("answers") or []
        if not answers:
            yield Problem("outcome-not-linked", ("outcomes", i, "answers"), {"n": i + 1})
        for j, ref in enumerate(answers):
            if ref not in ctx.answerable_ids:
                yield Problem("outcome-link-broken", ("outcomes", i, "answers", j), {"n": i + 1})
        if weak.get(i) not in (None, "outcome-not-personal"):
            yield Problem(weak[i], ("outcomes", i, "in_my_words"), {"n": i + 1})
        elif any(f["code"] == "solution-embedded" for f in check["findings"]):
            yield Problem("outcome-names-a-solution", ("outcomes", i, "in_my_words"), {"n": i + 1})


def _whole_plan_personal(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """3.see.3: "The whole plan is written from a personal perspective that reflects the
    person rather than in a language more familiar to the service or system." """
    for i, code in ctx.weak_outcomes:
        if code == "outcome-not-personal":
            yield Problem(code, ("outcomes", i, "in_my_words"), {"n": i + 1})
    for (i, _), check in zip(ctx.outcomes, ctx.outcome_checks):
        if any(f["code"] == "service-language" for f in check["findings"]):
            yield Problem("outcome-service-language", ("outcomes", i, "in_my_words"), {"n": i + 1})


def _balance(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """3.see.4: "The plan evidences a balance between the persons needs in the context of
    their whole life and the support (clinical or otherwise) needed to manage their condition(s)." """
    if not (_filled(plan.get("conditions")) or _filled(plan.get("health_and_wellbeing_needs"))):
        yield Problem("health-needs-missing", ("conditions",))


# -- criterion 4: a sharable plan that records what matters, outcomes and how

def _no_clear_record(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.not.1: "There was no clear record of what matters to the person, and the agreed
    outcomes (goals) and actions from the planning conversation." """
    if not _filled(_section(plan, "about_me").get("what_is_important_to_me")):
        yield Problem("what-matters-missing", ("about_me", "what_is_important_to_me"), blocks=True)
    if not ctx.outcomes:
        yield Problem("outcomes-missing", ("outcomes",), blocks=True)
    if not any(_filled(a.get("what")) for a in _items(plan, "actions")):
        yield Problem("actions-missing", ("actions",), blocks=True)


def _cannot_be_shared(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.not.2: "It would not be counted if the plan could not be shared with all those
    involved in the person's care." A list of who can see it does not say whether everyone
    involved can, so under the module's one policy a blank answer asks, and cannot count."""
    # The person's own choice not to share something (i_consent_to_share, not_to_be_shared)
    # is consent, not a plan that cannot be shared: only the services' answer is 4.not.2.
    yield from _answer(_section(plan, "sharing"), ("sharing", "can_share_with_everyone_involved"),
                       "cannot-be-shared", "sharing-missing")


def _what_matters_record(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.see.1: "A clear record of what matters to the person e.g. information about
    important people and how they stay connected to them, significant routines etc." """
    people = _items(plan, "important_people")
    if not _filled(people):
        yield Problem("important-people-missing", ("important_people",))
    for i, person in enumerate(people):
        if _filled(person.get("name")) and not _filled(person.get("how_we_stay_connected")):
            yield Problem("staying-connected-missing", ("important_people", i, "how_we_stay_connected"),
                          {"name": person["name"].strip()})


def _support_record(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.see.2: "A clear record of the support they need to manage their condition, including
    what they will do for themselves, what family and friends may be able to do, followed
    by what other support they require." """
    support = _section(plan, "support")
    if not _filled(support.get("what_i_do_for_myself")):
        yield Problem("self-care-missing", ("support", "what_i_do_for_myself"))
    if not (_filled(support.get("what_family_and_friends_do")) or _filled(support.get("other_support"))):
        yield Problem("other-support-missing", ("support", "what_family_and_friends_do"))


def _outcomes_and_actions(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.see.3: "A clear record of the agreed outcomes (goals) and actions" """
    actions = _items(plan, "actions")
    with_actions = {a.get("outcome") for a in actions}
    # "A clear record of the agreed outcomes (goals) and actions": the record as a whole. An
    # outcome or two without an action yet is asked about; most without is not a clear record.
    without = [i for i, outcome in ctx.outcomes if outcome.get("id") not in with_actions]
    for i in without:
        yield Problem("outcome-without-action", ("outcomes", i), {"n": i + 1},
                      asks=len(without) * 2 <= len(ctx.outcomes))
    for i, action in enumerate(actions):
        if not _filled(action.get("what")):
            continue
        if action.get("outcome") is None:
            yield Problem("action-without-outcome", ("actions", i, "outcome"), {"n": i + 1})
        elif action["outcome"] not in ctx.outcome_ids:
            yield Problem("action-link-broken", ("actions", i, "outcome"), {"n": i + 1})
        if action.get("who") is None:
            yield Problem("action-who-missing", ("actions", i, "who"), {"n": i + 1})


def _contingency_record(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.see.4: "A clear record of contingency plan, risk arrangements and treatment
    escalation, where these are relevant." A plan about one or more conditions needs to
    say what to do if things change; where a recorded condition makes a crisis likely
    (end of life, frailty, heart failure, severe mental illness) it is asked for more
    firmly, and the plan should say how care steps up: who to call and what treatment."""
    contingencies = _items(plan, "contingency")
    pressing = _pressing_condition(plan)
    # How care steps up: the plan's own "treatment escalation", or a contingency that says so.
    escalation = _filled(plan.get("treatment_escalation")) or any(
        _ESCALATION.search(" ".join(str(v) for v in c.values()).lower()) for c in contingencies if isinstance(c, dict))
    if pressing is not None and not escalation:
        yield Problem("escalation-missing", ("contingency",), {"condition": pressing})
    elif _filled(plan.get("conditions")) and not _filled(contingencies):
        yield Problem("contingency-missing", ("contingency",))
    for i, c in enumerate(contingencies):
        if _filled(c) and not _filled(c.get("who_to_contact")):
            yield Problem("contingency-contact-missing", ("contingency", i, "who_to_contact"), {"n": i + 1})


def _budget_sheet(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.see.5: "If the person has a personal health budget or integrated budget, then a
    budget sheet detailing how the budget will be spent must be included in the plan."
    "Must": without it the plan cannot count. A budget sheet says what each part buys, how
    much, the total, and which outcome each part is for; a sum in free text is not one.
    Whether there is a budget must be answered as soon as the plan gives budget details."""
    budget = _section(plan, "personal_health_budget")
    lines = [(i, line) for i, line in enumerate(_items(plan, "personal_health_budget", "lines")) if _filled(line)]
    details = lines or any(budget.get(k) is not None for k in ("type", "amount", "period"))
    if budget.get("has_budget") is None and details:
        yield Problem("has-budget-unanswered", ("personal_health_budget", "has_budget"), blocks=True)
    if budget.get("has_budget") is not True and not details:
        return
    if budget.get("has_budget") is False:
        return
    if budget.get("has_budget") is True and not _filled(budget.get("who_manages_it")):
        yield Problem("budget-manager-missing", ("personal_health_budget", "who_manages_it"), asks=True)
    if not lines:
        yield Problem("budget-lines-missing", ("personal_health_budget", "lines"), blocks=True)
        return
    if not isinstance(budget.get("amount"), (int, float)):
        yield Problem("budget-total-missing", ("personal_health_budget", "amount"), blocks=True)
    for i, line in lines:
        if not _filled(line.get("what")):
            yield Problem("budget-line-what-missing", ("personal_health_budget", "lines", i, "what"), {"n": i + 1},
                          blocks=True)
        if not isinstance(line.get("amount"), (int, float)):
            yield Problem("budget-line-amount-missing", ("personal_health_budget", "lines", i, "amount"),
                          {"n": i + 1}, blocks=True)
        if line.get("outcome") not in ctx.outcome_ids:
            yield Problem("budget-line-not-linked", ("personal_health_budget", "lines", i, "outcome"), {"n": i + 1},
                          blocks=True)
    amount = budget.get("amount")
    spent = sum(line.get("amount") or 0 for _, line in lines)
    if isinstance(amount, (int, float)) and spent > amount:
        yield Problem("budget-lines-exceed-amount", ("personal_health_budget", "lines"),
                      {"spent": f"{spent:,.2f}", "amount": f"{amount:,.2f}"})


_WORDS = resources.wording("criteria_terms")
_PRESSING = [(name, re.compile(r"\b(?:" + "|".join(terms) + r")\b"))
             for name, terms in _WORDS["pressing_conditions"].items()]
_ESCALATION = re.compile(r"\b(?:" + "|".join(_WORDS["escalation"]) + r")\b")


def _pressing_condition(plan: Plan) -> str | None:
    """The first recorded condition that makes a crisis likely, in the framework's own sense
    of "where these are relevant", by name; or None."""
    text = " ".join(" ".join(str(c.get(k) or "") for k in ("name", "how_it_affects_me"))
                    for c in _items(plan, "conditions") if isinstance(c, dict))
    text += " " + " ".join(str(n) for n in _items(plan, "health_and_wellbeing_needs"))
    lowered = text.lower()
    return next((name for name, pattern in _PRESSING if pattern.search(lowered)), None)


def _formats(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """4.see.6: "It must be editable and sharable by the person, and relevant others, and
    available in a range of formats." "Must": a plan the person has no copy of, or cannot
    change, cannot count. Unanswered (a version 2 plan had no place to say), it is asked."""
    copy = _section(plan, "my_copy")
    for key, no, unsaid in (("i_have_a_copy", "no-copy", "copy-unanswered"),
                            ("i_can_change_it", "cannot-change", "change-unanswered")):
        if copy.get(key) is False:
            yield Problem(no, ("my_copy", key), blocks=True)
        elif copy.get(key) is None:
            yield Problem(unsaid, ("my_copy", key), asks=True)
    if not (_filled(_section(plan, "sharing").get("formats_i_need")) or copy.get("format_i_need") is not None):
        yield Problem("formats-missing", ("sharing", "formats_i_need"))


# -- criterion 5: formal and informal review

def _no_review_arrangement(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """5.not.1: "The person was not able to review and edit their plan informally when
    they needed to and did not know how to request a formal review." A review the person
    (or someone they choose to speak for them) does not take part in is not their review."""
    review = _section(plan, "review")
    if not (_filled(review.get("how_i_review_informally")) or _filled(review.get("how_to_ask_for_review"))):
        yield Problem("review-arrangement-missing", ("review", "how_i_review_informally"), blocks=True)
    if review.get("i_take_part") is False:
        yield Problem("review-without-me", ("review", "i_take_part"), blocks=True)


def _reviewed_yearly(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """5.see.1: "The plan is reviewed on an annual basis, or as required by statutory guidelines." """
    next_review = _date(_section(plan, "review").get("next_formal_review"))
    last = last_formal_review(plan)
    if next_review is None or (last is not None and next_review <= last):
        # None set, or the one set has already happened.
        yield Problem("next-review-missing", ("review", "next_formal_review"))
    else:
        since = max((d for d in (last, _date(_section(plan, "agreement").get("date_agreed"))) if d), default=None)
        if since is not None and next_review > add_months(since, 12):
            yield Problem("review-too-far", ("review", "next_formal_review"),
                          {"latest": add_months(since, 12).isoformat()})
    if ctx.today is not None:
        status = review_status(plan, ctx.today.isoformat())
        if status["overdue"]:
            # A reminder for the person: the plan itself still sets its review (5.see.1).
            yield Problem("review-overdue", ("review", "next_formal_review"), {"date": status["due"]}, asks=True)


def _informal_review(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """5.see.2: "The person is able to informally review their plan when they want, with
    those supporting them, and they know how to do this." """
    review = _section(plan, "review")
    if not _filled(review.get("how_i_review_informally")):
        yield Problem("informal-review-missing", ("review", "how_i_review_informally"))
    if review.get("i_take_part") is None:
        yield Problem("taking-part-unanswered", ("review", "i_take_part"), asks=True)


def _how_to_ask(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """5.see.3: "The person knows they can request a formal review if their situation
    changes and how to do this." """
    if not _filled(_section(plan, "review").get("how_to_ask_for_review")):
        yield Problem("how-to-ask-missing", ("review", "how_to_ask_for_review"))


RULES: dict[str, Rule] = {
    "1.see.1": _well_prepared,
    "1.see.2": _chose_who,
    "1.see.3": _not_visible,
    "1.see.4": _resources_to_plan,
    "1.not.1": _not_involved,
    "2.see.1": _started_with_what_matters,
    "2.see.2": _support_to_manage,
    "2.see.3": _knowledge_considered,
    "2.not.1": _no_what_matters,
    "2.not.2": _not_listened_to,
    "3.see.1": _in_partnership,
    "3.see.2": _what_i_want,
    "3.see.3": _whole_plan_personal,
    "3.see.4": _balance,
    "3.not.1": _not_my_perspective,
    "3.not.2": _outcomes_not_mine,
    "4.see.1": _what_matters_record,
    "4.see.2": _support_record,
    "4.see.3": _outcomes_and_actions,
    "4.see.4": _contingency_record,
    "4.see.5": _budget_sheet,
    "4.see.6": _formats,
    "4.not.1": _no_clear_record,
    "4.not.2": _cannot_be_shared,
    "5.see.1": _reviewed_yearly,
    "5.see.2": _informal_review,
    "5.see.3": _how_to_ask,
    "5.not.1": _no_review_arrangement,
}

# Findings that may only ask (a new question, a reminder, one gap in a good record):
# a criterion that is otherwise met stays met with them.
MAY_ASK = frozenset({"worries-missing", "copy-unanswered", "change-unanswered", "budget-manager-missing",
                     "taking-part-unanswered", "review-overdue", "outcome-without-action"})

# Elements a plan file cannot show; listed so the guide can say so honestly.
NOT_VISIBLE_IN_A_PLAN = frozenset(k for k, rule in RULES.items() if rule is _not_visible)


def _weakness(text: str, check: dict[str, Any]) -> str | None:
    """Why an outcome is not the person's own, as the finding code; None when it is."""
    codes = {f["code"] for f in check["findings"]}
    if "not-personal" in codes:
        return "outcome-not-personal"
    if "treatment-or-target" in codes:
        return "outcome-is-treatment-or-target"
    if "solution-embedded" in codes and not says_what_for(text):
        return "outcome-names-a-solution"
    return None


def _context(plan: Plan, today: datetime.date | None) -> Context:
    outcomes = _outcomes(plan)
    answerable = {item.get("id") for item in _items(plan, "about_me", "what_is_important_to_me")}
    for section in ("working", "not_working"):
        answerable |= {item.get("id") for item in _items(plan, section)}
    checks = [check_outcome(o["in_my_words"]) for _, o in outcomes]
    person = _section(plan, "person")
    names = tuple(n for n in {str(person.get("preferred_name") or "").strip(),
                              str(person.get("name") or "").strip().split(" ")[0]} if len(n) > 1)
    what_matters = [(i, what_matters_problem(item["text"], names))
                    for i, item in enumerate(_items(plan, "about_me", "what_is_important_to_me"))
                    if isinstance(item, dict) and _filled(item.get("text"))]
    return Context(
        outcomes=outcomes,
        outcome_checks=checks,
        weak_outcomes=[(i, code) for (i, o), check in zip(outcomes, checks)
                       if (code := _weakness(o["in_my_words"], check)) is not None],
        what_matters=what_matters,
        answerable_ids=answerable - {None},
        outcome_ids={o.get("id") for o in _items(plan, "outcomes")} - {None},
        today=today,
    )


def _up_to_date(plan: Plan) -> Plan:
    """An older version's plan, brought up to date as opening its file would, so that what it
    answered is read where the rules look for it today."""
    current = current_version("plan")
    version = plan.get("schema_version")
    if isinstance(version, int) and migrations.oldest_version("plan", current) <= version < current:
        return migrations.migrate(plan, "plan", current)
    return plan


def evaluate_plan(plan: Plan, today: str | None = None) -> dict[str, Any]:
    """The plan against the 5 criteria.

    Returns {"counts_as_pcsp", "criteria": [{"id", "verdict", "findings": [{"code", "message", "path"}]}],
    "outcomes": [{"path", "findings"}]}. `plan` should be schema-valid (see
    documents.open_document); an older version's plan is read as it would open today.
    `today` (YYYY-MM-DD) turns on the overdue-review check.
    """
    messages = resources.wording("criteria")
    plan = _up_to_date(plan)
    ctx = _context(plan, _date(today))
    criteria = []
    for criterion in resources.framework("criteria")["criteria"]:
        findings, seen, blocked_paths, weighed = [], set(), set(), 0
        # could-not-count rules run first, so a field they already point at is not
        # asked for again by an element rule.
        ids = [c["id"] for c in criterion["could_not_count"]] + [e["id"] for e in criterion["should_see"]]
        for rule_id in ids:
            for problem in RULES[rule_id](plan, ctx):
                where = pointer(problem.path)
                if (problem.code, where) in seen or (not problem.blocks and where in blocked_paths):
                    continue
                seen.add((problem.code, where))
                if problem.blocks:
                    blocked_paths.add(where)
                weighed += not problem.asks
                findings.append({"code": problem.code, "message": messages[problem.code].format(**problem.params),
                                 "path": where})
        verdict = "not-met" if blocked_paths else "partly" if weighed else "met"
        criteria.append({"id": str(criterion["number"]), "verdict": verdict, "findings": findings})
    outcomes = [{"path": pointer(("outcomes", i, "in_my_words")), "findings": check["findings"]}
                for (i, _), check in zip(ctx.outcomes, ctx.outcome_checks)]
    return {"counts_as_pcsp": all(c["verdict"] != "not-met" for c in criteria), "criteria": criteria,
            "outcomes": outcomes}
