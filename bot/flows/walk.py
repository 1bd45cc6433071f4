"""Walk every path through the flows, answering every question every possible way.

Used by the tests (every flow file is checked path by path, nothing hand-listed) and by
`bot flows paths`. Identical states are walked once (memoised), so counts stay exact and fast.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from bot.flows.engine import Engine, Prompt, State
from bot.flows.model import ENDINGS, INSTRUCTION, QUESTION

SKIP = "(skip)"
MAX_STATES = 1500
"""States walked with every answer; past that, one answer per step. The cause model's questions and fixes
multiply the paths (hundreds of thousands); every seed still starts with its own full branching."""


@dataclass
class Violation:
    path: list[str]
    problem: str


@dataclass
class WalkSummary:
    paths: int = 0
    endings: Counter = field(default_factory=Counter)
    """(flow/step, kind) -> number of paths ending there."""
    reached: set[str] = field(default_factory=set)
    """flow/step of every step any path passed through."""
    longest: int = 0
    violations: list[Violation] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "paths": self.paths,
            "longest": self.longest,
            "endings": {f"{k[0]} ({k[1]})": n for k, n in sorted(self.endings.items())},
            "steps_reached": len(self.reached),
            "violations": [{"path": v.path, "problem": v.problem} for v in self.violations],
        }

    def describe(self) -> str:
        return json.dumps(self.as_dict(), indent=2)


def _signature(state: State) -> str:
    """What decides where a state can go: the order fixes were tried in and the reason shown for the last step
    do not, so states that differ only there are walked once."""
    data = state.snapshot()
    data["attempts"] = sorted((a.flow, a.step, a.outcome or "") for a in state.attempts)
    data["visited"] = sorted(state.visited)
    data.pop("why", None)
    return json.dumps(data, sort_keys=True, default=str)


def _copy(state: State) -> State:
    # The undo history is irrelevant to where a path can go, and copying it was most of the walk's time.
    return State.from_dict({**state.snapshot(), "error_text": state.error_text, "diagnostics": state.diagnostics})


class Walker:
    def __init__(self, engine: Engine, summary: WalkSummary, max_depth: int = 60, max_states: int = MAX_STATES) -> None:
        self.engine = engine
        self.max_depth = max_depth
        self.max_states = max_states
        self.summary = summary
        self._memo: dict[str, tuple[int, int, Counter]] = {}

    def walk(self, state: State, prompts: list[Prompt], path: list[str]) -> tuple[int, int, Counter]:
        """Paths from here, the longest length, and how many end at each ending."""
        prompt = prompts[-1]
        key = f"{prompt.flow}/{prompt.step}"
        self._check(state, prompt, path)
        if prompt.kind in ENDINGS:
            return 1, len(path), Counter({(key, prompt.kind): 1})
        if len(path) > self.max_depth:
            self.summary.violations.append(Violation(path, "path longer than the depth limit"))
            return 1, len(path), Counter()
        signature = _signature(state)
        if signature in self._memo:
            return self._memo[signature]
        total, longest = 0, 0
        endings: Counter = Counter()
        answers = [o.value for o in self.engine.options(state)]
        if prompt.kind == QUESTION:
            answers.append(SKIP)
        if len(self._memo) >= self.max_states:
            # Past the budget, follow one answer (and "not sure") instead of all: every path still ends properly.
            answers = [answers[0], *([SKIP] if prompt.kind == QUESTION else answers[1:2])]
        for value in answers:
            branch = _copy(state)
            moved = self.engine.skip(branch) if value == SKIP else self.engine.answer(branch, value)
            if not moved:
                self.summary.violations.append(Violation(path, f"answer {value!r} went nowhere at {key}"))
                continue
            count, depth, ends = self.walk(branch, moved, [*path, f"{key}={value}"])
            total, longest = total + count, max(longest, depth)
            endings.update(ends)
        self._memo[signature] = (total, longest, endings)
        return total, longest, endings

    def _check(self, state: State, prompt: Prompt, path: list[str]) -> None:
        here = self.engine.current(state)
        if prompt.kind == QUESTION and here and here[1].fact in state.facts:
            self.summary.violations.append(Violation(path, f"asked for {here[1].fact!r}, which was already known"))
        seen = [(a.flow, a.step) for a in state.attempts]
        if len(seen) != len(set(seen)):
            self.summary.violations.append(Violation(path, "a fix step was shown twice on one path"))
        if prompt.kind in (QUESTION, INSTRUCTION) and not prompt.text:
            self.summary.violations.append(Violation(path, f"step {prompt.step!r} has no text for these facts"))


def seeds(engine: Engine) -> list[dict[str, str]]:
    """Starting facts: none, and each single fact value (as a first message could give)."""
    result: list[dict[str, str]] = [{}]
    for name, fact in engine.vocabulary.facts.items():
        result.extend({name: value} for value in fact.values)
    return result


def walk_all(engine: Engine, flow_id: str | None = None) -> WalkSummary:
    """Every path of every entry flow (or one flow), from every seed."""
    flows = [flow_id] if flow_id else [f.id for f in engine.flows.values() if f.entry]
    summary = WalkSummary()
    engine.on_step = lambda flow, step: summary.reached.add(f"{flow}/{step}")
    for flow in flows:
        walker = Walker(engine, summary)
        for seed in seeds(engine):
            state = State(facts=dict(seed))
            count, longest, endings = walker.walk(state, engine.start(state, flow), [f"start {flow} {seed}"])
            summary.paths += count
            summary.longest = max(summary.longest, longest)
            summary.endings.update(endings)
    engine.on_step = None
    return summary
