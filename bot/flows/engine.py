"""Walks the flows: a pure state machine with no Rasa import.

The chat adapter, the command line and the staff script mode all drive the same `Engine`.
A `State` is plain data (it round-trips through `to_dict`), so Rasa can keep it in a slot and a
restarted server carries on from the tracker store.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.flows.diagnosis import CauseModel, Observations, Plan, percent, plan, posterior, ranked_summary
from bot.flows.model import (
    END,
    ESCALATED,
    FAILED,
    FIX_CHOICES,
    FIXED,
    INSTRUCTION,
    QUESTION,
    RESOLVED,
    UNANSWERED,
    USER_FACING,
    WORKED,
    Flow,
    FlowSet,
    Step,
    StepKind,
    TextVariant,
    entry_step,
)
from bot.flows.stories import StoryModel

DEFAULT_FLOW = "mic_31201"
HUMAN_FLOW = "human_request"
FIX_QUESTION = "Did that fix it?"
MAX_HOPS = 500
"""Steps walked without asking anything before we call it a loop (the validator prevents it)."""
MAX_HISTORY = 12
MOVE_ON_AFTER = 2
"""Messages at a fix that do not say how it went before the check moves on (`Engine.no_outcome`)."""
AGAINST_THE_FIX = 0.9
"""A message at a fix that leaves its cause this much less likely (or less) moves on at once (`Engine.no_outcome`)."""
PLAN_CACHE = 20_000
"""Plans remembered by what the cause model looks at (the same evidence gives the same plan)."""
KEPT_ON_BACK = ("error_text", "diagnostics", "heard")
"""What the user showed us (a pasted error, the microphone check's report) stays when they go back, so it is
not copied into each of the 12 undo snapshots: the slot holding the state is stored and sent to the action
server on every turn, and those copies made most of its size (bench/load.py)."""
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _rounded(leaning: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """A leaning as part of the plan cache's key: ratios rounded to 1%, in a fixed order."""
    return tuple(sorted((cause, round(ratio, 2)) for cause, ratio in leaning.items()))


def _failed(state: State) -> list[str]:
    """The causes whose fix was shown and did not help (once per failed fix)."""
    return [a.cause for a in state.attempts if a.outcome == FAILED and a.cause]


class EngineError(RuntimeError):
    """The flows led somewhere they should not (the validator should have caught it)."""


@dataclass
class Attempt:
    """A fix step that was shown, and what the user said about it."""

    flow: str
    step: str
    cause: str | None
    fix: str
    outcome: str | None = None
    """'fixed', 'not_fixed', 'unanswered', or None while waiting for the answer."""
    unanswered: int = 0
    """Messages at this fix that did not say how it went."""


@dataclass
class State:
    """Everything the engine knows about one conversation."""

    flow: str | None = None
    step: str | None = None
    facts: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """Facts the user could not tell: their questions are not asked again."""
    said: list[str] = field(default_factory=list)
    """Facts whose value the user typed in their own words rather than picked from a question's options: the cause
    model weighs those by how such statements went in the stories' cases (people who blocked a site often say "it
    never asks")."""
    visited: list[str] = field(default_factory=list)
    """'flow/step' of every instruct and call step entered; what tried() looks at."""
    attempts: list[Attempt] = field(default_factory=list)
    stack: list[list[str]] = field(default_factory=list)
    """[flow, call step] to return to when a called flow reaches END."""
    outcome: str | None = None
    reason: str | None = None
    kb: dict[str, Any] = field(default_factory=dict)
    """The knowledge answer awaiting feedback (query, query id, how many results were shown)."""
    articles_shown: list[str] = field(default_factory=list)
    handoff: dict[str, Any] = field(default_factory=dict)
    """The escalation being set up: stage (email, name, consent), trigger, reason, contact."""
    misses: int = 0
    """Messages not understood in a row."""
    unhelpful: int = 0
    """Knowledge answers in a row that did not help."""
    error_text: str | None = None
    """The error message the user pasted, as they pasted it (first 2,000 characters)."""
    diagnostics: dict[str, Any] = field(default_factory=dict)
    why: dict[str, Any] = field(default_factory=dict)
    """Why the cause model chose the current step: {step, kind, cause, rival, reasons} (shown with the step)."""
    heard: dict[str, float] = field(default_factory=dict)
    """The words of everything the user typed, as a log-likelihood per cause (`StoryModel.hear`, summed)."""
    history: list[dict[str, Any]] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.step is not None and self.outcome is None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None, owned: bool = False) -> State:
        """Rebuild a state; anything malformed gives a fresh state rather than an error. `owned`: `data` is the
        caller's to give away (freshly parsed, used by nobody else), so the state may keep its values uncopied."""
        if not isinstance(data, dict):
            return cls()
        try:
            values = {k: v if owned else copy.deepcopy(v) for k, v in data.items() if k in cls.__dataclass_fields__}
            values["attempts"] = [Attempt(**a) for a in values.get("attempts", [])]
            state = cls(**values)
        except (TypeError, ValueError):
            return cls()
        if not isinstance(state.facts, dict) or not all(isinstance(v, str) for v in state.facts.values()):
            return cls()
        if not isinstance(state.said, list) or not all(isinstance(f, str) for f in state.said):
            state.said = []  # only weighs evidence: a malformed list is forgotten, not the conversation
        if not isinstance(state.heard, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in state.heard.values()
        ):
            state.heard = {}
        return state

    def snapshot(self) -> dict[str, Any]:
        """This state for the undo history, without the history itself and without the evidence "back" keeps."""
        # By hand rather than asdict(): this runs on every move, and asdict's generic deep copy was most of its cost.
        data: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            if name in ("history", *KEPT_ON_BACK):
                continue
            value = getattr(self, name)
            if name == "attempts":
                value = [dict(a.__dict__) for a in value]
            elif name in ("kb", "handoff", "why", "stack"):
                value = copy.deepcopy(value)
            elif isinstance(value, (dict, list)):
                value = type(value)(value)
            data[name] = value
        return data


@dataclass
class Option:
    value: str
    title: str
    bare: str | None = None
    """The bare yes or no that picks it (`Choice.bare`)."""


@dataclass
class Prompt:
    """What one step says: a question, an instruction with its check, or an ending."""

    kind: str
    """question | instruction | resolved | escalated"""
    flow: str
    step: str
    cause: str | None
    text: str
    question: str | None = None
    options: list[Option] = field(default_factory=list)
    article: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    staff: str = ""
    """The same step in the support agent's words (staff script mode); not sent to the chat."""

    def custom(self) -> dict[str, Any]:
        """The payload contract the web page and staff console rely on."""
        return {"flow": self.flow, "step": self.step, "cause": self.cause, "kind": self.kind, **self.extra}


class Engine:
    """Moves a State through the flows."""

    def __init__(self, flow_set: FlowSet, default_flow: str = DEFAULT_FLOW) -> None:
        self.flow_set = flow_set
        self.flows = flow_set.flows
        self.vocabulary = flow_set.vocabulary
        self.default_flow = default_flow
        self.causes: CauseModel | None = flow_set.causes
        self._plans: dict[tuple, Plan] = {}
        self.on_step: Callable[[str, str], None] | None = None
        """Called with (flow, step) for every step passed through (the path walk uses it)."""

    # --- where we are -----------------------------------------------------------------
    def current(self, state: State) -> tuple[Flow, Step] | None:
        if not state.active or state.flow not in self.flows:
            return None
        flow = self.flows[state.flow]
        step = flow.step(state.step or "")
        return (flow, step) if step is not None else None

    def prompt(self, state: State) -> list[Prompt]:
        """The current step again (after a digression, or when the answer was not understood)."""
        here = self.current(state)
        return [self._prompt_for(state, *here)] if here else []

    def step_prompt(self, state: State) -> Prompt | None:
        """The step the state stands at, an ending included (`prompt` says nothing once a conversation ended)."""
        flow = self.flows.get(state.flow or "")
        step = flow.step(state.step or "") if flow else None
        return self._prompt_for(state, flow, step) if flow and step and step.kind in USER_FACING else None

    # --- moving -----------------------------------------------------------------------
    def start(self, state: State, flow_id: str | None = None, keep_progress: bool = False) -> list[Prompt]:
        """Start (or restart) a flow with the facts already known."""
        flow_id = flow_id or self.default_flow
        if flow_id not in self.flows:
            raise EngineError(f"unknown flow {flow_id!r}")
        self._remember(state)
        if not keep_progress:
            state.visited, state.attempts = [], []
        state.stack, state.outcome, state.reason = [], None, None
        return self._run(state, flow_id, self.flows[flow_id].first.id)

    def learn(self, state: State, facts: dict[str, str], in_words: bool = False) -> dict[str, str]:
        """Add facts (already normalised); returns the ones that are new or changed. `in_words`: the user typed them."""
        changed = {k: v for k, v in facts.items() if k in self.vocabulary.facts and state.facts.get(k) != v}
        state.facts.update(changed)
        kept = [f for f in state.said if f not in changed]
        state.said = sorted({*kept, *changed}) if in_words else kept
        return changed

    def hear(self, state: State, text: str) -> None:
        """Add the words of a typed message to the story the cause model leans on."""
        if self._stories is not None:
            for cause, value in self._stories.hear(text).items():
                state.heard[cause] = round(state.heard.get(cause, 0.0) + value, 3)

    def leaning(self, state: State, meaning: bool = True) -> dict[str, float]:
        """How the story's words (and, unless `meaning` is False, their meaning) move each cause (likelihood ratios;
        empty without cause_stories.yml)."""
        return self._stories.ratios(state.heard, meaning) if self._stories is not None else {}

    @property
    def _stories(self) -> StoryModel | None:
        return self.causes.stories if self.causes is not None else None

    def resume(self, state: State) -> list[Prompt]:
        """Carry on after facts were learned: a question whose answer is now known is skipped."""
        here = self.current(state)
        if here is None:
            return []
        flow, step = here
        if step.kind == StepKind.COLLECT and self._known(state, step.fact):
            self._remember(state)
            return self._run(state, flow.id, self._next(state, flow, step))
        return [self._prompt_for(state, flow, step)]

    def answer(self, state: State, value: str) -> list[Prompt] | None:
        """Answer the current question or fix check; None if `value` is not one of its options."""
        here = self.current(state)
        if here is None:
            return None
        flow, step = here
        if value not in {o.value for o in self._options(step)}:
            return None
        self._remember(state)
        if step.kind == StepKind.INSTRUCT:
            fixed = value == FIXED
            self._record_outcome(state, flow, step, WORKED if fixed else FAILED)
            target = flow.fixed_target(step) if fixed else None
            return self._run(state, flow.id, target.target if target else self._next(state, flow, step))
        state.facts[step.fact or ""] = value
        state.said = [f for f in state.said if f != step.fact]
        return self._run(state, flow.id, self._next(state, flow, step))

    def skip(self, state: State) -> list[Prompt] | None:
        """The user cannot answer the current question: go on without that fact."""
        here = self.current(state)
        if here is None or here[1].kind != StepKind.COLLECT:
            return None
        flow, step = here
        self._remember(state)
        state.skipped.append(step.fact or "")
        return self._run(state, flow.id, self._next(state, flow, step))

    def no_outcome(self, state: State, before: dict[str, str] | None = None) -> list[Prompt] | None:
        """A message at a fix step that says nothing of how the fix went. The second one moves on: someone who keeps
        telling their story has not tried the steps or they did not help, and the same "did that fix it?" a third time
        helps nobody. So does the first when what it told (the facts were `before` it) makes the fix's cause less
        likely: a stated fact, not the leaning of a few words, which is too noisy to drop a fix for. A fix whose steps
        read differently with those facts (the steps for a Mac instead of Windows) stays, to be shown again. The fix
        counts as tried, but its cause is not lowered (no one said it failed). None: stay."""
        here = self.current(state)
        if here is None or here[1].kind != StepKind.INSTRUCT:
            return None
        flow, step = here
        attempt = next((a for a in reversed(state.attempts) if a.step == step.id and a.outcome is None), None)
        if attempt is None or (before is not None and self._reads_differently(state, flow, step, before)):
            return None
        if attempt.unanswered + 1 < MOVE_ON_AFTER and not self._against(state, step, before):
            attempt.unanswered += 1
            return None
        self._remember(state)
        self._record_outcome(state, flow, step, UNANSWERED)
        return self._run(state, flow.id, self._next(state, flow, step))

    def _against(self, state: State, step: Step, before: dict[str, str] | None) -> bool:
        if before is None or self.causes is None or step.cause is None:
            return False
        failed, leaning = _failed(state), self.leaning(state)
        then = posterior(self.causes, before, failed, leaning, state.said).get(step.cause, 0.0)
        return posterior(self.causes, state.facts, failed, leaning, state.said).get(step.cause, 0.0) <= then * AGAINST_THE_FIX

    def _reads_differently(self, state: State, flow: Flow, step: Step, before: dict[str, str]) -> bool:
        earlier = State(facts=before, visited=state.visited)  # all that the text's conditions read
        return self._render(earlier, flow, step.text) != self._render(state, flow, step.text)

    def back(self, state: State) -> list[Prompt]:
        """Undo the last move and ask that question again."""
        if not state.history:
            return self.prompt(state)
        previous = State.from_dict(state.history.pop())
        previous.history = state.history
        for name in KEPT_ON_BACK:
            setattr(previous, name, getattr(state, name))
        state.__dict__.update(previous.__dict__)
        return self.prompt(state)

    def options(self, state: State) -> list[Option]:
        here = self.current(state)
        return self._options(here[1]) if here else []

    # --- internals --------------------------------------------------------------------
    def _remember(self, state: State) -> None:
        state.history = [*state.history, state.snapshot()][-MAX_HISTORY:]

    def _known(self, state: State, fact: str | None) -> bool:
        return fact in state.facts or fact in state.skipped

    def _tried(self, state: State, flow: Flow) -> Callable[[str], bool]:
        return lambda step_id: f"{flow.id}/{step_id}" in state.visited

    def _next(self, state: State, flow: Flow, step: Step, moving: bool = False) -> str:
        tried = self._tried(state, flow)
        chosen: list[Plan] = []

        def planned(step_id: str) -> bool:
            if not chosen:
                chosen.append(self.plan(state, flow, moving=moving))
            return chosen[0].step == step_id

        def likely(cause: str) -> bool:
            ranked = self.ranked_causes(state, limit=1)
            return bool(ranked) and ranked[0]["cause"] == cause

        for branch in flow.onward(step):
            if branch.condition is None or branch.condition.evaluate(state.facts, tried, planned, likely):
                if chosen and chosen[0].step == branch.target:
                    state.why = {**self._why(chosen[0]), "pending": True}
                return branch.target
        raise EngineError(f"{step.where}: no branch of step {step.id!r} applies")

    # --- the cause model ------------------------------------------------------------------
    def plan(self, state: State, flow: Flow | None = None, meaning: bool = True, moving: bool = False) -> Plan:
        """What the cause model would do next in `flow` (the planning flow by default); `meaning`: whether the
        leaning of what the story means counts (the words' leaning always does); `moving`: planned again from the
        middle of a fix (`replan`)."""
        if self.causes is None:
            raise EngineError("flows/causes.yml is missing, so planned() cannot be used")
        model = self.causes
        flow = flow or self.flows[self.default_flow]
        failed = sorted(_failed(state))
        tried = self._tried(state, flow)
        # Ratios rounded to 1%: a leaning that moved less than that is the same leaning, and the plan is shared.
        words_leaning = _rounded(self.leaning(state, meaning=False))
        leaning = _rounded(self.leaning(state)) if meaning else words_leaning
        # Only what the model looks at is in the key, so the many states that differ elsewhere share one plan.
        key = (
            tuple(sorted((k, v) for k, v in state.facts.items() if k in model.evidence or k in model.answers)),
            tuple(s for s in model.steps if tried(s)),
            tuple(failed),
            tuple(sorted(set(state.skipped) & set(model.answers))),
            leaning,
            words_leaning,
            # Typed facts: weighed as people state them (`stated`), and not counted as questions answered.
            tuple(f for f in state.said if f in model.answers or (model.stories is not None and f in model.stories.stated)),
            moving,
        )
        if key not in self._plans:
            if len(self._plans) >= PLAN_CACHE:
                self._plans.clear()
            seen = Observations(
                dict(key[0]),
                key[3],
                lambda step: step in key[1],
                failed,
                dict(leaning),
                frozenset(key[6]),
                dict(words_leaning),
                moving,
            )
            self._plans[key] = plan(model, seen)
        return self._plans[key]

    def ranked_causes(self, state: State, limit: int = 4) -> list[dict[str, Any]]:
        """The likeliest causes given everything known, with probabilities (tickets, staff views)."""
        if self.causes is None:
            return []
        probs = posterior(self.causes, state.facts, _failed(state), self.leaning(state), state.said)
        return ranked_summary(self.causes, sorted(probs.items(), key=lambda item: -item[1]), limit)

    def replan(self, state: State) -> list[Prompt] | None:
        """After new evidence: move to a better step if the cause model now prefers one; None to stay."""
        if self.causes is None or not state.active:
            return None
        flow = self.flows.get(self.default_flow)
        here = self._planned_position(state)
        if flow is None or here is None:
            return None
        mark = f"{flow.id}/{here}"
        without_here = State.from_dict({**state.to_dict(), "visited": [v for v in state.visited if v != mark]})
        without_here.attempts = [a for a in state.attempts if a.outcome is not None]
        # What the story means is too soft a clue to leave a fix the user has not answered: only facts move it.
        better = self.plan(without_here, flow, meaning=False, moving=True)
        if better.step == here:
            return None
        self._remember(state)
        state.visited, state.attempts = without_here.visited, without_here.attempts
        state.stack = []
        return self._run(state, flow.id, self._planner_step(flow), moving=True)

    def _planned_position(self, state: State) -> str | None:
        """The step of the planning flow the conversation is in (itself, or the call it is inside)."""
        model = self.causes
        if model is None:
            return None
        if state.stack:
            flow_id, step_id = state.stack[0]
        else:
            flow_id, step_id = state.flow or "", state.step or ""
        return step_id if flow_id == self.default_flow and step_id in model.steps else None

    def _planner_step(self, flow: Flow) -> str:
        for step in flow.steps:
            if any(b.condition is not None and b.condition.planned for b in flow.onward(step)):
                return step.id
        raise EngineError(f"flow {flow.id!r} has no step that asks the cause model (planned())")

    def _why(self, chosen: Plan) -> dict[str, Any]:
        model = self.causes
        if model is None or chosen.step is None:
            return {}
        title = model.causes[chosen.cause].title if chosen.cause in model.causes else ""
        probability = percent(dict(chosen.ranked).get(chosen.cause or "", 0.0))
        rival = model.causes[chosen.rival].title if chosen.rival in model.causes else ""
        return {
            "step": chosen.step,
            "kind": chosen.kind,
            "cause": title,
            "probability": probability,
            "rival": rival,
            "reasons": chosen.reasons,
        }

    def _run(self, state: State, flow_id: str, step_id: str, moving: bool = False) -> list[Prompt]:
        """Walk from `step_id` to the next step that waits for the user; `moving`: planned again mid-fix (`replan`)."""
        for _ in range(MAX_HOPS):
            if step_id == END:
                if not state.stack:
                    raise EngineError(f"flow {flow_id!r} reached END without a caller")
                flow_id, call_id = state.stack.pop()
                flow = self.flows[flow_id]
                step_id = self._next(state, flow, flow.step(call_id), moving)  # type: ignore[arg-type]  # the stack holds call steps that exist
                continue
            flow = self.flows[flow_id]
            step = flow.step(step_id)
            if step is None:
                raise EngineError(f"flow {flow_id!r} has no step {step_id!r}")
            if self.on_step is not None:
                self.on_step(flow.id, step.id)
            state.facts.update(step.set)
            if step.kind in (StepKind.INSTRUCT, StepKind.CALL):
                mark = f"{flow.id}/{step.id}"
                state.visited = [*state.visited, mark] if mark not in state.visited else state.visited
            if step.kind == StepKind.ROUTE or (step.kind == StepKind.COLLECT and self._known(state, step.fact)):
                step_id = self._next(state, flow, step, moving)
            elif step.kind == StepKind.CALL:
                state.stack.append([flow.id, step.id])
                flow_id, step_id = step.target_flow or "", entry_step(step, self.flows)
            elif step.kind == StepKind.LINK:
                flow_id, step_id = step.target_flow or "", entry_step(step, self.flows)
            else:
                state.flow, state.step = flow.id, step.id
                if step.kind == StepKind.INSTRUCT:
                    state.attempts.append(Attempt(flow.id, step.id, step.cause, step.instruct or step.id))
                if step.kind == StepKind.END:
                    state.outcome, state.reason = step.end, step.reason
                return [self._prompt_for(state, flow, step)]
        raise EngineError(f"more than {MAX_HOPS} steps without a question from flow {flow_id!r}")

    def _record_outcome(self, state: State, flow: Flow, step: Step, outcome: str) -> None:
        for attempt in reversed(state.attempts):
            if attempt.flow == flow.id and attempt.step == step.id and attempt.outcome is None:
                attempt.outcome = outcome
                return

    def _options(self, step: Step) -> list[Option]:
        if step.kind == StepKind.INSTRUCT:
            return [Option(v, t) for v, t in FIX_CHOICES]
        if step.kind != StepKind.COLLECT:
            return []
        fact = step.fact or ""
        if not step.choices:
            return [Option(v, self.vocabulary.title(fact, v)) for v in self.vocabulary.facts[fact].values]
        return [Option(c.value, c.title or self.vocabulary.title(fact, c.value), c.bare) for c in step.choices]

    def _render(self, state: State, flow: Flow, variants: list[TextVariant]) -> str:
        tried = self._tried(state, flow)
        for variant in variants:
            if variant.condition is None or variant.condition.evaluate(state.facts, tried):
                return PLACEHOLDER.sub(lambda m: self.vocabulary.title(m[1], state.facts.get(m[1])), variant.text).strip()
        return ""

    def _why_line(self, state: State) -> str | None:
        """The reason for the step the cause model just chose, once, with the first thing it shows."""
        if not state.why.get("pending"):
            return None
        state.why["pending"] = False
        why = state.why
        name = "why_fix" if why.get("kind") == "fix" else "why_question"
        message = self.flow_set.messages.get(name)
        if message is None or (name == "why_fix" and not why.get("reasons")) or (name == "why_question" and not why.get("rival")):
            return None
        values = {**why, "reasons": " and ".join(why.get("reasons") or [])}
        return PLACEHOLDER.sub(lambda m: str(values.get(m[1], "")), message.text)

    def _prompt_for(self, state: State, flow: Flow, step: Step) -> Prompt:
        if step.asks_user:
            why = self._why_line(state)
            asking = step.kind == StepKind.COLLECT
            return Prompt(
                QUESTION if asking else INSTRUCTION,
                flow.id,
                step.id,
                step.cause,
                self._render(state, flow, step.ask if asking else step.text),
                question=None if asking else FIX_QUESTION,
                options=self._options(step),
                article=step.article,
                extra={"why": why} if why else {},
                staff=self._render(state, flow, step.staff),
            )
        extra: dict[str, Any] = {}
        if step.end == ESCALATED:
            extra = {
                "reason": step.reason,
                "facts": dict(state.facts),
                "tried": [asdict(a) for a in state.attempts],
                "causes": self.ranked_causes(state),
            }
        return Prompt(
            step.end or RESOLVED,
            flow.id,
            step.id,
            step.cause,
            self._render(state, flow, step.text),
            article=step.article,
            extra=extra,
            staff=self._render(state, flow, step.staff),
        )
