"""The cause model and the planner (bot/flows/diagnosis.py over flows/causes.yml)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.flows.diagnosis import NEAR_TIE, UNKNOWN, Observations, answer_odds, expected_cost, load_cause_model, plan, posterior
from bot.flows.diagnosis import _best_question as best_question
from bot.flows.engine import Engine, State
from tests.conftest import FIXTURES, broken_flows_findings

PLANS = yaml.safe_load((FIXTURES / "diagnosis_plans.yml").read_text())


@pytest.mark.parametrize("case", PLANS, ids=[str(c["facts"]) for c in PLANS])
def test_the_first_move_follows_the_evidence(engine: Engine, case: dict):
    state = State(facts={k: str(v) for k, v in case["facts"].items()})
    chosen = engine.plan(state)
    if "top" in case:
        assert chosen.ranked[0][0] == case["top"], chosen.ranked[:3]
    if "first" in case:
        assert chosen.step == case["first"], chosen
    if "first_cause" in case:
        prompt = engine.start(state)[-1]
        assert prompt.cause == case["first_cause"], prompt


def test_probabilities_sum_to_one_and_the_leak_is_kept(engine: Engine):
    for facts in ({}, {"error_name": "NotAllowedError", "prompt": "blocked"}, {"mic_elsewhere": "fails", "os": "linux"}):
        probs = posterior(engine.causes, facts)
        assert abs(sum(probs.values()) - 1) < 1e-9
        assert probs[UNKNOWN] > 0


def test_a_fix_that_did_not_help_lowers_its_cause_by_how_reliable_it_is(engine: Engine):
    model = engine.causes
    before = posterior(model, {"error_name": "NotReadableError"})
    after = posterior(model, {"error_name": "NotReadableError"}, failed=["exclusive_app"])
    odds = (after["exclusive_app"] / after["hardware_driver"]) / (before["exclusive_app"] / before["hardware_driver"])
    assert odds == pytest.approx(1 - model.causes["exclusive_app"].works)
    assert after["hardware_driver"] > before["hardware_driver"]


def test_the_plan_is_deterministic_and_never_repeats_a_tried_fix(engine: Engine):
    seen = Observations({"error_name": "NotReadableError", "os": "windows", "app": "teams"})
    assert plan(engine.causes, seen) == plan(engine.causes, seen)
    tried = Observations(seen.facts, tried=lambda step: step == "close_apps", failed=["exclusive_app"])
    assert plan(engine.causes, tried).step != "close_apps"


def test_an_unsure_start_asks_before_the_first_fix_but_not_after_one(engine: Engine):
    model = engine.causes
    weak = {"os": "windows"}  # nothing likely enough to try first
    assert max(p for c, p in posterior(model, weak).items() if c != UNKNOWN) < model.first_fix_above
    # Questions priced out of the look-ahead: only the gate can make the planner ask.
    gated = type(model)(**{**model.__dict__, "question_cost": 100.0})
    ungated = type(model)(**{**model.__dict__, "question_cost": 100.0, "first_fix_above": 0.0})
    assert plan(gated, Observations(weak)).kind == "question"
    assert plan(ungated, Observations(weak)).kind == "fix"
    after_a_fix = Observations(weak, tried=lambda step: step == "close_apps", failed=["exclusive_app"])
    assert plan(gated, after_a_fix).kind == "fix"  # the gate is for the first reply only:
    assert plan(gated, Observations(weak, skipped=["error_kind"])).kind == "fix"  # nor after a question


def test_a_fact_typed_unasked_is_no_answered_question_but_one_answered_is(engine: Engine):
    model = engine.causes
    gated = type(model)(**{**model.__dict__, "question_cost": 100.0})  # only the unsure-start gate can ask
    weak = {"os": "windows", "mic_elsewhere": "works"}
    assert max(p for c, p in posterior(model, weak).items() if c != UNKNOWN) < model.first_fix_above
    assert plan(gated, Observations(weak, said=frozenset({"os", "mic_elsewhere"}))).kind == "question"
    assert plan(gated, Observations(weak)).kind == "fix"  # "works elsewhere" picked from the question's options
    # Planned again in the middle of a fix: no start, whatever was typed.
    assert plan(gated, Observations(weak, said=frozenset({"mic_elsewhere"}), moving=True)).kind == "fix"


def test_a_near_tie_between_asking_and_acting_goes_to_a_sure_fix_and_else_to_the_question(engine: Engine):
    model = engine.causes
    sure = Observations({"app": "teams", "os": "windows", "error_name": "NotReadableError"})
    # The microphone check's "no microphone at all": the device is likeliest, but not sure enough for a first fix.
    unsure = Observations(
        {"os": "windows", "error_name": "NotFoundError", "error_detail": "no_input_devices", "error_kind": "mic_failure"}
    )
    for seen, kind in ((sure, "fix"), (unsure, "question")):
        probs = posterior(model, seen.facts)
        acting = expected_cost(model, probs, seen.tried)
        # A question priced to be cheaper than acting by half the near-tie margin: the rule alone decides.
        low, high = 0.0, 10.0
        for _ in range(60):
            tied = replace(model, question_cost=(low + high) / 2)
            asking = best_question(tied, seen, probs)[1]
            low, high = (tied.question_cost, high) if asking < acting - NEAR_TIE / 2 else (low, tied.question_cost)
        assert acting - NEAR_TIE < best_question(tied, seen, probs)[1] < acting
        assert plan(tied, seen).kind == kind


def test_what_the_error_is_about_may_be_asked_once_the_prompt_is_known(engine: Engine):
    ask_if, never = engine.causes.ask_if["ask_error_kind"], lambda step: False
    assert ask_if.evaluate({"prompt": "allowed"}, never)  # an allowed prompt leaves a mic failure and a token error open
    assert not ask_if.evaluate({"prompt": "allowed", "error_name": "NotReadableError"}, never)  # the name tells already


def test_a_fact_stated_in_words_is_weighed_as_people_state_it(engine: Engine):
    # People who once blocked the site often tell it as "it never asks"; someone who picks "It never asked" from the
    # question's options rarely has a blocked site. The stories' cases count the first (cause_stories.yml, `stated`).
    model = engine.causes
    facts = {"prompt": "never_asked", "error_code": "31208"}
    answered, stated = posterior(model, facts), posterior(model, facts, said={"prompt"})
    assert stated["browser_site_setting"] > 3 * answered["browser_site_setting"]
    assert posterior(model, facts, said={"os"}) == answered  # a stated fact with no counts of its own: as answered


def test_typed_facts_are_stated_until_the_same_fact_is_answered(engine: Engine):
    state = State()
    engine.learn(state, {"prompt": "never_asked", "os": "windows"}, in_words=True)
    assert state.said == ["os", "prompt"]
    engine.learn(state, {"prompt": "never_asked"})  # the same again, not typed: still what they said
    assert state.said == ["os", "prompt"]
    engine.learn(state, {"prompt": "blocked"})  # the microphone check or a button: no longer in their words
    assert state.said == ["os"]
    assert engine.plan(state) == engine.plan(State(facts=dict(state.facts), said=["os"]))


def test_what_an_observation_says_can_depend_on_another_fact(engine: Engine):
    # Windows' microphone switch covers every browser; macOS asks per app (causes.yml, `given`).
    model = engine.causes

    def lift(known: dict[str, str]) -> float:
        """How much "another browser works" moves the privacy switch, given what else is known."""
        facts = {"error_code": "31201", **known}
        return posterior(model, {**facts, "other_browser": "works"})["os_privacy"] / posterior(model, facts)["os_privacy"]

    alone, on_windows, on_a_mac = lift({}), lift({"os": "windows"}), lift({"os": "macos"})
    assert on_windows < alone / 5 < alone < on_a_mac
    # The question is valued with the same odds: on Windows "works elsewhere" is rarely the privacy switch's answer.
    probs = {cid: 1 / len(model.causes) for cid in model.causes}
    assert answer_odds(model, "other_browser", probs, {"os": "windows"}) != answer_odds(model, "other_browser", probs)


def test_nothing_likely_left_hands_over(engine: Engine):
    every_fix = {c.fix for c in engine.causes.causes.values()}
    done = Observations({}, tried=lambda step: step in every_fix, failed=list(engine.causes.causes))
    assert plan(engine.causes, done).kind == "escalate"


def test_the_ticket_and_the_staff_get_the_ranked_causes(engine: Engine):
    state = State(facts={"prompt": "blocked", "browser": "chrome"})
    ranked = engine.ranked_causes(state)
    assert ranked[0]["cause"] == "browser_site_setting" and ranked[0]["title"].startswith("The browser blocks")
    assert 0.5 < ranked[0]["probability"] <= 1


BROKEN_MODELS = [
    ("prior: 0.15", "prior: 1.5", "prior of 'browser_site_setting' 1.5 is out of range"),
    (
        "fix: site_permission",
        "fix: nowhere",
        "cause 'browser_site_setting': fix step 'nowhere' is not a step of flow 'mic_31201'",
    ),
    ("insecure_context: 30}\n  said_privacy", "gremlins: 30}\n  said_privacy", "names unknown cause 'gremlins'"),
    (
        '"yes": {why: "a headset was plugged',
        '"maybe": {why: "a headset was plugged',
        "'maybe' is not a value of fact 'device_swap'",
    ),
    (
        "  same_observation:\n    - [error_detail, error_name]",
        "  same_observation:\n    - [error_detail, error_names]",
        "same_observation names 'error_names', which has no evidence",
    ),
    ("    os=windows: {os_privacy: 0.1}", "    os=windows: {os_privasy: 0.1}", "names unknown cause 'os_privasy'"),
    ("    os=windows: {os_privacy: 0.1}", "    os=windoze: {os_privacy: 0.1}", "'windoze' is not a value of fact 'os'"),
    ("  other_browser=works:\n", "  other_browser=maybe:\n", "given: 'other_browser=maybe' is no 'fact=value' with evidence"),
    (
        "  ask_mic_elsewhere: {fact: mic_elsewhere,",
        "  ask_mic_elsewhere: {fact: prompt,",
        "question 'ask_mic_elsewhere' must be a collect step",
    ),
]


def test_one_message_read_two_ways_is_weighed_once(engine: Engine):
    model = engine.causes
    assert model is not None
    # "Requested device not found": the error's name and its detail come from the same words.
    detail = {"error_detail": "no_input_devices"}
    assert posterior(model, {**detail, "error_name": "NotFoundError"}) == posterior(model, detail)
    assert posterior(model, {"error_code": "31208", "error_kind": "permission_denied"}) == posterior(
        model, {"error_code": "31208"}
    )
    # Code 31201 says nothing by itself, so the authorization error read beside it still counts.
    ranked = posterior(model, {"error_code": "31201", "error_kind": "auth_error"})
    assert max(ranked, key=ranked.__getitem__) == "auth_error"


@pytest.mark.parametrize("old,new,message", BROKEN_MODELS, ids=[m[2][:40] for m in BROKEN_MODELS])
def test_a_broken_cause_model_is_reported_with_file_and_line(tmp_path: Path, old: str, new: str, message: str):
    line, findings = broken_flows_findings(tmp_path, "causes.yml", old, new)
    assert any(f.startswith(f"flows/causes.yml:{line}: ") and message in f for f in findings), (line, findings)


def test_the_fitted_evidence_in_causes_yml_is_what_bench_fit_evidence_gives():
    """The question facts' ratios are fitted to the dev conversations; the file must be that fit, not an edit of it."""
    from bench.fit_evidence import ALPHA, CAUSES_FILE, FITTED_ON, dev_cases, fitted_text

    model, problems = load_cause_model(CAUSES_FILE)
    assert model is not None and not problems
    assert fitted_text(model, dev_cases(list(FITTED_ON)), ALPHA) == CAUSES_FILE.read_text()
