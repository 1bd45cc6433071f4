"""Every path of every flow, generated from the flow files (nothing here is hand-listed)."""

from __future__ import annotations

import pytest

from bot.flows.engine import Engine, State
from bot.flows.walk import walk_all


@pytest.fixture(scope="module")
def summary(engine: Engine):
    return walk_all(engine)


def test_every_path_ends_resolved_or_escalated_without_violations(summary):
    assert summary.paths > 1000
    assert summary.violations == []
    assert {kind for _, kind in summary.endings} == {"resolved", "escalated"}


def test_every_step_of_every_flow_is_on_some_path(engine: Engine, summary):
    every_step = {f"{flow.id}/{step.id}" for flow in engine.flows.values() for step in flow.steps}
    assert every_step - summary.reached == set()


def test_paths_stay_short(engine: Engine, summary):
    # Even a case that is asked every question, tries every fix and then escalates is bounded by the model's size
    # (plus the browser and system questions a fix needs to show the right steps).
    model = engine.causes
    assert summary.longest <= len(model.causes) + len(model.questions) + 2


@pytest.mark.parametrize("flow_id", ["mic_31201", "permission_denied", "auth_error"])
def test_each_fix_yes_reaches_a_resolved_ending(engine: Engine, flow_id: str):
    state = State()
    prompts = engine.start(state, flow_id)
    while prompts[-1].kind not in ("resolved", "escalated"):
        if prompts[-1].kind == "instruction":
            probe = State.from_dict(state.to_dict())
            assert engine.answer(probe, "yes")[-1].kind == "resolved"
            prompts = engine.answer(state, "no")
        else:
            prompts = engine.skip(state)
    assert prompts[-1].kind == "escalated"
    assert prompts[-1].extra["reason"]
    assert all(a["outcome"] == "not_fixed" for a in prompts[-1].extra["tried"])
