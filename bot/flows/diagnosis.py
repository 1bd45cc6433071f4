"""The cause model (flows/causes.yml) and the planner that picks the next move from the evidence.

Decision-theoretic troubleshooting (Heckerman, Breese & Rommelse, CACM 1995; Kadane & Simon 1977): keep a
probability for each cause given what we know, try fixes in order of (probability the fix works) / (its cost),
ask a question only when its answer is expected to save more than the question costs (one-step look-ahead),
and lower a cause by how reliably its fix works when that fix did not help. A "leak" stands for everything the
model does not know; when it outweighs every cause we can still fix, a person takes over.

Pure and deterministic: no I/O beyond loading the file, ties broken by the order of causes in the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.flows.conditions import Condition, ConditionError, parse_condition
from bot.flows.sourcefile import LineDict, Where, is_number, load_mapping_file
from bot.flows.stories import StoryModel

UNKNOWN = "unknown"
"""The leak: a cause outside the model."""
MAX_RATIO = 1000.0
NEAR_TIE = 0.05
"""Questions whose expected costs are this close count as equal: the one listed first in causes.yml (the more
natural one to ask, such as what the error says) is asked. Against a fix for a cause that is sure enough
(`first_fix_above`), a question must win by this much."""
STRONG = 2.0
"""A likelihood ratio worth naming as a reason for a step."""


@dataclass(frozen=True)
class Cause:
    id: str
    title: str
    prior: float
    fix: str
    """The step of the planning flow that addresses it."""
    cost: float
    works: float
    source: str
    where: Where
    only_above: float = 0.0
    """The fix is offered only when the cause is at least this likely."""
    fix_line: int = 0


@dataclass(frozen=True)
class Evidence:
    """One observation (fact = value) and how it moves each cause."""

    fact: str
    value: str
    ratios: Mapping[str, float]
    why: str
    where: Where
    given: Mapping[tuple[str, str], Evidence] = field(default_factory=dict)
    """(fact, value) -> more evidence when that fact is known too: what the observation means can depend on another
    fact (another browser working rules out Windows' privacy switch, which covers every browser, but not macOS's,
    which is per app). Its ratios multiply this observation's; its `why`, when it has one, is the reason given."""

    def with_facts(self, facts: Mapping[str, str]) -> Evidence:
        """This observation as the other known facts qualify it (itself when no `given` applies)."""
        applying = [extra for (fact, value), extra in self.given.items() if facts.get(fact) == value]
        if not applying:
            return self
        ratios, why = dict(self.ratios), self.why
        for extra in applying:
            ratios = {c: min(MAX_RATIO, ratios.get(c, 1.0) * extra.ratios.get(c, 1.0)) for c in {*ratios, *extra.ratios}}
            why = extra.why or why
        return Evidence(self.fact, self.value, ratios, why, self.where)


@dataclass
class CauseModel:
    causes: dict[str, Cause]
    questions: dict[str, str]
    """Question step id -> the fact it asks for."""
    evidence: dict[str, dict[str, Evidence]]
    """fact -> value -> evidence."""
    question_cost: float = 0.6
    leak: float = 0.04
    escalate_when_unknown_above: float = 0.5
    first_fix_above: float = 0.0
    """On the first reply (no question answered or skipped, no fix tried), a fix for a cause less likely than this
    gives way to the best question: a wrong first fix costs the user's trust more than a turn (0 turns this off)."""
    handover_cost: float = 3.0
    look_ahead: int = 1
    """How many questions deep the value of asking is computed (1: the answer, then acting)."""
    skips_lower_asking: bool = False
    """Questions are worth less to someone who let earlier ones go: the chance of an answer is 1 / (1 + skipped)."""
    same_observation: list[list[str]] = field(default_factory=list)
    """Groups of facts read from the same words, most specific first: only the first one known counts ("Requested
    device not found" gives an error name and a detail, one observation that must not be weighed twice)."""
    source: str = "flows/causes.yml"
    question_lines: dict[str, Where] = field(default_factory=dict)
    answers: dict[str, dict[str, float]] = field(default_factory=dict)
    """fact -> how often each answer comes up overall."""
    ask_if: dict[str, Condition] = field(default_factory=dict)
    """Question step id -> when the question is worth considering at all."""
    stories: StoryModel | None = None
    """How people tell each cause in their own words (flows/cause_stories.yml): the leaning of what they typed."""

    def cause_of_fix(self, step_id: str) -> Cause | None:
        return next((c for c in self.causes.values() if c.fix == step_id), None)

    @property
    def steps(self) -> list[str]:
        """Every step the planner can choose, fixes first."""
        return [*(c.fix for c in self.causes.values()), *self.questions]


@dataclass
class Plan:
    """The next move and why."""

    step: str | None
    """The chosen step, or None when nothing likely is left (escalate)."""
    kind: str
    """fix | question | escalate"""
    ranked: list[tuple[str, float]]
    """Every cause (and the leak) with its probability, most likely first."""
    reasons: list[str]
    """The observations that moved the odds most towards the chosen cause (for the "why" line)."""
    cause: str | None = None
    """The cause the fix addresses, or for a question the top cause it tests."""
    rival: str | None = None
    """For a question: the runner-up it tells apart from `cause`."""


@dataclass
class Observations:
    """What the planner looks at: facts, the questions the user could not answer, fixes tried and failed."""

    facts: Mapping[str, str]
    skipped: Sequence[str] = ()
    tried: Callable[[str], bool] = lambda step: False
    failed: Sequence[str] = ()
    """Causes whose fix was shown and did not help (a cause may appear twice if two fixes failed)."""
    leaning: Mapping[str, float] = field(default_factory=dict)
    """Likelihood ratios per cause from the words of the user's story (`StoryModel.ratios`)."""
    said: frozenset[str] = frozenset()
    """Facts the user stated in their own words rather than picked from a question's options (`State.said`)."""
    sure_leaning: Mapping[str, float] | None = None
    """The leaning that judges whether the first reply is sure enough for a fix (None: `leaning`). The engine gives
    the words' leaning without their meaning: the meaning orders the causes well but, read from a bag of word vectors,
    made the model sure too soon (leaving one set out: 87% of first replies right or a question, against 92%)."""
    moving: bool = False
    """Planned again from the middle of a fix (`Engine.replan`): not a first reply, whatever is known."""


# --- inference ---------------------------------------------------------------------------------------
def posterior(
    model: CauseModel,
    facts: Mapping[str, str],
    failed: Sequence[str] = (),
    leaning: Mapping[str, float] | None = None,
    said: Collection[str] = (),
) -> dict[str, float]:
    """P(cause | evidence), the leak included, summing to 1. `leaning`: ratios from the story's words; `said`: the
    facts stated in the user's own words."""
    weights = {cid: cause.prior for cid, cause in model.causes.items()}
    weights[UNKNOWN] = model.leak
    weighed = [e.ratios for e in _weighed(model, facts, said)]
    if leaning:
        # What a message states outright ("I have an ad blocker") is a surer reading of the same words than
        # their leaning: a cause a stated fact raised is not lowered by the words around it.
        stated = {cid for ratios in weighed for cid, r in ratios.items() if r >= STRONG}
        weighed.append({cid: max(r, 1.0) if cid in stated else r for cid, r in leaning.items()})
    for ratios in weighed:
        for cid in model.causes:
            weights[cid] *= ratios.get(cid, 1.0)
        # The leak behaves like an average cause, so evidence does not squeeze "something else" by itself.
        weights[UNKNOWN] *= _average_ratio(model, ratios)
    for cid in failed:
        if cid in model.causes:
            weights[cid] *= 1.0 - model.causes[cid].works
    total = sum(weights.values())
    return {cid: w / total for cid, w in weights.items()}


def _weighed(model: CauseModel, facts: Mapping[str, str], said: Collection[str] = ()) -> list[Evidence]:
    """The evidence of the known facts, each observation once: of facts read from the same words
    (`CauseModel.same_observation`), only the first that has evidence counts. Code 31201 has none, so the kind
    "authorization error" read with it still counts. A fact stated in the user's own words moves the causes as such
    statements did in the stories' cases (`StoryModel.stated`), where those were counted."""
    stated = model.stories.stated if model.stories is not None else {}
    found = {
        f: (
            _as_stated(model.evidence[f][v], stated[f][v]) if f in said and v in stated.get(f, {}) else model.evidence[f][v]
        ).with_facts(facts)
        for f, v in facts.items()
        if v in model.evidence.get(f, {})
    }
    weighable = set(found)
    for group in model.same_observation:
        for fact in [f for f in group if f in weighable][1:]:
            found.pop(fact, None)
    return list(found.values())


def _as_stated(evidence: Evidence, ratios: Mapping[str, float]) -> Evidence:
    return replace(evidence, ratios=ratios)


def _average_ratio(model: CauseModel, ratios: Mapping[str, float]) -> float:
    total = sum(c.prior for c in model.causes.values())
    return sum(c.prior * ratios.get(c.id, 1.0) for c in model.causes.values()) / total


def _fix_order(model: CauseModel, probs: Mapping[str, float], tried: Callable[[str], bool]) -> list[Cause]:
    open_fixes = [c for c in model.causes.values() if not tried(c.fix) and probs[c.id] >= c.only_above]
    return sorted(open_fixes, key=lambda c: -probs[c.id] * c.works / c.cost)  # stable: file order breaks ties


def expected_cost(model: CauseModel, probs: Mapping[str, float], tried: Callable[[str], bool]) -> float:
    """Expected cost of trying the open fixes in ratio order until one works (single-fault assumption);
    what is left unexplained at the end costs a hand-over (`handover_cost`)."""
    cost, unsolved = 0.0, 1.0
    for cause in _fix_order(model, probs, tried):
        cost += unsolved * cause.cost
        unsolved -= probs[cause.id] * cause.works
    return cost + max(unsolved, 0.0) * model.handover_cost


def answer_odds(
    model: CauseModel, fact: str, probs: Mapping[str, float], known: Mapping[str, str] | None = None
) -> dict[str, float]:
    """P(answer) for a question: P(answer | cause) is the answer's base rate times its likelihood ratio (as the
    `known` facts qualify it)."""
    base = model.answers.get(fact, {})
    if not base:
        return {}
    odds = dict.fromkeys(base, 0.0)
    table = {value: evidence.with_facts(known or {}) for value, evidence in model.evidence.get(fact, {}).items()}
    for cid, p in probs.items():
        weights = [rate * (table[v].ratios.get(cid, 1.0) if cid != UNKNOWN and v in table else 1.0) for v, rate in base.items()]
        total = sum(weights)
        for value, weight in zip(base, weights, strict=True):
            odds[value] += p * weight / total
    return odds


def plan(model: CauseModel, seen: Observations) -> Plan:
    """The next move: the best fix, or a question worth its turn, or a hand-over."""
    probs = posterior(model, seen.facts, seen.failed, seen.leaning, seen.said)
    ranked = sorted(probs.items(), key=lambda item: -item[1])
    order = _fix_order(model, probs, seen.tried)
    best_fixable = max((probs[c.id] for c in order), default=0.0)
    if not order or (probs[UNKNOWN] > model.escalate_when_unknown_above and probs[UNKNOWN] > best_fixable):
        return Plan(None, "escalate", ranked, [])
    acting = expected_cost(model, probs, seen.tried)
    question, asking = _best_question(model, seen, probs)
    # A fact the user typed unasked ("no error, just silence") answers no question of ours: the start is still unsure.
    # Planning again in the middle of a fix is no start: there any known fact counts (a question is no better there).
    typed = frozenset() if seen.moving else seen.said
    asked = any((fact in seen.facts and fact not in typed) or fact in seen.skipped for fact in model.questions.values())
    start = not asked and not any(seen.tried(c.fix) for c in model.causes.values())
    clearly, barely = asking < acting - NEAR_TIE - 1e-9, asking < acting - 1e-9
    # An unsure start asks; so does a near tie between asking and acting, unless the fix's cause is sure enough (the
    # answers' odds are guesses; a fix is a step forward the user can see). Sureness is computed only when it decides.
    if question is not None and (
        clearly or ((start or barely) and _sureness(model, seen, probs, order[0].id) < model.first_fix_above)
    ):
        top, rival = _top_two(order, probs)
        return Plan(question, "question", ranked, [], cause=top, rival=rival)
    first = order[0]
    return Plan(first.fix, "fix", ranked, _reasons(model, seen, first.id), cause=first.id)


def _sureness(model: CauseModel, seen: Observations, probs: Mapping[str, float], cause: str) -> float:
    if seen.sure_leaning is None:
        return probs[cause]
    return posterior(model, seen.facts, seen.failed, seen.sure_leaning, seen.said)[cause]


def _best_question(model: CauseModel, seen: Observations, probs: Mapping[str, float]) -> tuple[str | None, float]:
    """The question with the lowest expected cost of what follows it, and that cost (question included)."""
    return _cheapest_question(model, seen, seen.facts, probs, model.look_ahead)


def _cheapest_question(
    model: CauseModel, seen: Observations, facts: Mapping[str, str], probs: Mapping[str, float], depth: int
) -> tuple[str | None, float]:
    best, best_cost = None, math.inf
    for step, fact in model.questions.items():
        if fact in facts or fact in seen.skipped or seen.tried(step):
            continue
        if step in model.ask_if and not model.ask_if[step].evaluate(facts, seen.tried):
            continue
        answered = 0.0
        for value, p in answer_odds(model, fact, probs, facts).items():
            if p <= 0:
                continue
            answered += p * _cost_from(model, seen, {**facts, fact: value}, depth - 1)
        # Someone who let earlier questions go (telling their story instead) may let this one go too.
        will_answer = 1 / (1 + len(seen.skipped)) if model.skips_lower_asking else 1.0
        total = model.question_cost + will_answer * answered + (1 - will_answer) * expected_cost(model, probs, seen.tried)
        if total < best_cost - NEAR_TIE:
            best, best_cost = step, total
    return best, best_cost


def _cost_from(model: CauseModel, seen: Observations, facts: Mapping[str, str], depth: int) -> float:
    """Expected cost from here: acting in ratio order, or (with look-ahead left) the best question if cheaper.
    Looking one question further keeps a question that only pays off together with the next one (a flat start
    where no single answer settles much, but two do)."""
    probs = posterior(model, facts, seen.failed, seen.leaning, seen.said)
    acting = expected_cost(model, probs, seen.tried)
    if depth <= 0:
        return acting
    return min(acting, _cheapest_question(model, seen, facts, probs, depth)[1])


def _top_two(order: list[Cause], probs: Mapping[str, float]) -> tuple[str | None, str | None]:
    """The two likeliest open causes (what the question tells apart)."""
    likely = sorted(order, key=lambda c: -probs[c.id])[:2]
    return (likely[0].id if likely else None, likely[1].id if len(likely) > 1 else None)


def _reasons(model: CauseModel, seen: Observations, cause: str, limit: int = 2) -> list[str]:
    """The observations that raised `cause` the most, in words."""
    scored = []
    for evidence in _weighed(model, seen.facts, seen.said):
        if evidence.why and evidence.ratios.get(cause, 1.0) >= STRONG:
            scored.append((evidence.ratios[cause], evidence.why))
    if model.stories is not None and model.stories.why and seen.leaning.get(cause, 1.0) >= STRONG:
        scored.append((seen.leaning[cause], model.stories.why))
    scored.sort(key=lambda item: -item[0])
    return list(dict.fromkeys(why for _, why in scored))[:limit]


def percent(p: float) -> str:
    return f"{round(p * 100)}%" if p >= 0.005 else "<1%"


def ranked_summary(model: CauseModel, ranked: Sequence[tuple[str, float]], limit: int = 4) -> list[dict[str, object]]:
    """The top causes as plain data (tickets, the staff script's "What we know")."""
    rows = []
    for cid, p in ranked[:limit]:
        title = model.causes[cid].title if cid in model.causes else "Something else (not in the model)"
        rows.append({"cause": cid, "title": title, "probability": round(p, 3)})
    return rows


# --- loading -----------------------------------------------------------------------------------------
class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[tuple[Where, str]] = []

    def add(self, line: int, message: str) -> None:
        self.found.append((Where(self.file, line), message))


def _number(raw: object, line: int, name: str, low: float, high: float, problems: _Problems, *, open_low: bool = True) -> float:
    if not is_number(raw):
        problems.add(line, f"{name} must be a number")
        return low if not open_low else (low + high) / 2
    value = float(raw)
    if value < low or value > high or (open_low and value == low):
        problems.add(line, f"{name} {value:g} is out of range ({'(' if open_low else '['}{low:g}, {high:g}])")
    return value


def load_cause_model(path: Path, display: str | None = None) -> tuple[CauseModel | None, list[tuple[Where, str]]]:
    """Read causes.yml. Problems (with file and line) are returned, not raised, so `bot flows check` lists all."""
    name = display or str(path)
    problems = _Problems(name)
    data, unreadable = load_mapping_file(path, name, "causes", "")
    if data is None:
        return None, unreadable
    for key in data:
        if key not in ("settings", "causes", "questions", "evidence", "given"):
            problems.add(data.line_of(key), f"unknown key {key!r} (settings, causes, questions, evidence, given)")
    settings = data.get("settings") or LineDict()
    model = CauseModel(causes={}, questions={}, evidence={}, source=name)
    if isinstance(settings, LineDict):
        if "question_cost" in settings:
            model.question_cost = _number(
                settings["question_cost"], settings.line_of("question_cost"), "question_cost", 0, 100, problems
            )
        if "look_ahead" in settings:
            model.look_ahead = int(
                _number(settings["look_ahead"], settings.line_of("look_ahead"), "look_ahead", 1, 2, problems, open_low=False)
            )
        if "skips_lower_asking" in settings:
            model.skips_lower_asking = settings["skips_lower_asking"] is True
        if "leak" in settings:
            model.leak = _number(settings["leak"], settings.line_of("leak"), "leak", 0, 0.5, problems)
        if "handover_cost" in settings:
            model.handover_cost = _number(
                settings["handover_cost"], settings.line_of("handover_cost"), "handover_cost", 0, 1000, problems, open_low=False
            )
        if "first_fix_above" in settings:
            model.first_fix_above = _number(
                settings["first_fix_above"],
                settings.line_of("first_fix_above"),
                "first_fix_above",
                0,
                1,
                problems,
                open_low=False,
            )
        if "escalate_when_unknown_above" in settings:
            line = settings.line_of("escalate_when_unknown_above")
            model.escalate_when_unknown_above = _number(
                settings["escalate_when_unknown_above"], line, "escalate_when_unknown_above", 0, 1, problems
            )
    for cid, raw in data["causes"].items():
        line = data["causes"].line_of(cid)
        if not isinstance(raw, LineDict):
            problems.add(line, f"cause {cid!r} must be a mapping")
            continue
        missing = [k for k in ("title", "prior", "fix", "cost", "works", "source") if k not in raw]
        if missing:
            problems.add(raw.line, f"cause {cid!r} needs {', '.join(missing)}")
            continue
        unknown = set(raw) - {"title", "prior", "fix", "cost", "works", "source", "only_above"}
        for key in sorted(unknown):
            problems.add(raw.line_of(key), f"unknown key {key!r} in cause {cid!r}")
        model.causes[cid] = Cause(
            id=cid,
            title=str(raw["title"]),
            prior=_number(raw["prior"], raw.line_of("prior"), f"prior of {cid!r}", 0, 1, problems),
            fix=str(raw["fix"]),
            cost=_number(raw["cost"], raw.line_of("cost"), f"cost of {cid!r}", 0, 1000, problems),
            works=_number(raw["works"], raw.line_of("works"), f"works of {cid!r}", 0, 1, problems),
            source=str(raw["source"]),
            where=Where(name, line),
            only_above=_number(
                raw.get("only_above", 0), raw.line_of("only_above"), f"only_above of {cid!r}", 0, 1, problems, open_low=False
            ),
            fix_line=raw.line_of("fix"),
        )
    fixes = [c.fix for c in model.causes.values()]
    for fix in sorted({f for f in fixes if fixes.count(f) > 1}):
        problems.add(data["causes"].line, f"fix step {fix!r} is given to more than one cause")
    questions = data.get("questions") or LineDict()
    if isinstance(questions, LineDict):
        for step, spec in questions.items():
            line = questions.line_of(step)
            if not isinstance(spec, dict) or "fact" not in spec or not isinstance(spec.get("answers"), dict):
                problems.add(line, f"question {step!r} needs a 'fact' and the base rate of its 'answers'")
                continue
            fact = str(spec["fact"])
            model.questions[str(step)] = fact
            model.question_lines[str(step)] = Where(name, line)
            model.answers[fact] = {
                str(v): _number(r, line, f"base rate of {fact}={v}", 0, 1, problems) for v, r in spec["answers"].items()
            }
            if "ask_if" in spec:
                try:
                    model.ask_if[str(step)] = parse_condition(str(spec["ask_if"]))
                except ConditionError as error:
                    problems.add(line, f"ask_if of {step!r}: {error}")
    else:
        problems.add(data.line_of("questions"), "'questions' must map a question step to the fact it asks for")
    evidence = data.get("evidence") or LineDict()
    if not isinstance(evidence, LineDict):
        problems.add(data.line_of("evidence"), "'evidence' must map fact -> value -> likelihood ratios")
        evidence = LineDict()
    for fact, values in evidence.items():
        if not isinstance(values, LineDict):
            problems.add(evidence.line_of(fact), f"evidence for {fact!r} must map each value to ratios")
            continue
        for value, ratios in values.items():
            line = values.line_of(value)
            if not isinstance(ratios, dict):
                problems.add(line, f"evidence {fact}={value} must be a mapping of cause: ratio")
                continue
            model.evidence.setdefault(str(fact), {})[str(value)] = Evidence(
                str(fact),
                str(value),
                _ratios(ratios, line, f"{fact}={value}", model, problems),
                str(ratios.get("why") or ""),
                Where(name, line),
            )
    _given(data.get("given"), data.line_of("given") if "given" in data else 0, model, problems)
    if isinstance(settings, LineDict) and "same_observation" in settings:
        model.same_observation = _fact_groups(settings["same_observation"], settings.line_of("same_observation"), model, problems)
    return model, problems.found


def _ratios(raw: dict, line: int, label: str, model: CauseModel, problems: _Problems) -> dict[str, float]:
    """cause -> likelihood ratio of one evidence line (its `why` is read by the caller)."""
    parsed: dict[str, float] = {}
    for cid, ratio in raw.items():
        if cid == "why":
            continue
        if cid not in model.causes:
            problems.add(line, f"evidence {label} names unknown cause {cid!r}")
            continue
        parsed[cid] = _number(ratio, line, f"ratio for {cid!r} in {label}", 0, MAX_RATIO, problems)
    return parsed


def _given(raw: object, line: int, model: CauseModel, problems: _Problems) -> None:
    """Attach the `given` section to the evidence it qualifies: 'fact=value' -> 'other fact=value' -> ratios."""
    if raw is None:
        return
    if not isinstance(raw, LineDict):
        problems.add(line, "'given' must map 'fact=value' -> 'other fact=value' -> likelihood ratios")
        return
    for observation, conditions in raw.items():
        at = raw.line_of(observation)
        fact, _, value = str(observation).partition("=")
        evidence = model.evidence.get(fact, {}).get(value)
        if evidence is None:
            problems.add(at, f"given: {observation!r} is no 'fact=value' with evidence")
            continue
        if not isinstance(conditions, LineDict):
            problems.add(at, f"given of {observation} must map 'fact=value' to cause: ratio")
            continue
        given: dict[tuple[str, str], Evidence] = {}
        for condition, extra in conditions.items():
            where = conditions.line_of(condition)
            other, _, known = str(condition).partition("=")
            if not known or not isinstance(extra, dict):
                problems.add(where, f"given of {observation}: {condition!r} must be 'fact=value' mapping to cause: ratio")
                continue
            ratios = _ratios(extra, where, f"{observation} given {condition}", model, problems)
            given[(other, known)] = Evidence(other, known, ratios, str(extra.get("why") or ""), Where(model.source, where))
        model.evidence[fact][value] = replace(evidence, given=given)


def _fact_groups(raw: object, line: int, model: CauseModel, problems: _Problems) -> list[list[str]]:
    if not isinstance(raw, list) or not all(isinstance(g, list) and len(g) > 1 for g in raw):
        problems.add(line, "same_observation must be a list of lists of two or more facts")
        return []
    for fact in sorted({str(f) for group in raw for f in group} - set(model.evidence)):
        problems.add(line, f"same_observation names {fact!r}, which has no evidence")
    return [[str(f) for f in group] for group in raw]
