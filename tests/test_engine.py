from __future__ import annotations

from bot.engine import Engine, State


def start(engine: Engine, **facts: str):
    state = State(facts=dict(facts))
    return state, engine.start(state)


def test_known_facts_are_never_asked(engine: Engine):
    # "Teams is open on my Windows laptop in Chrome": straight to the fix, no questions, ever.
    state, prompts = start(engine, app="teams", os="windows", browser="chrome")
    kinds = []
    while prompts[-1].kind == "instruction":
        kinds.append(prompts[-1].step)
        prompts = engine.answer(state, "no")
    assert all(p.kind != "question" for p in prompts)
    assert kinds[0] == "close_apps"
    assert "Microsoft Teams" in engine.start(State(facts={"app": "teams", "os": "windows"}))[0].text


def test_unknown_fact_is_asked_once_then_remembered(engine: Engine):
    state, prompts = start(engine)
    assert prompts[-1].step == "close_apps"
    prompts = engine.answer(state, "no")
    assert prompts[-1].kind == "question" and prompts[-1].step == "ask_browser"
    prompts = engine.answer(state, "firefox")
    assert prompts[-1].cause == "browser_site_setting"
    assert "Firefox" in prompts[-1].text
    assert state.facts["browser"] == "firefox"


def test_answer_outside_the_options_is_refused(engine: Engine):
    state, _ = start(engine)
    engine.answer(state, "no")
    assert engine.answer(state, "netscape") is None
    assert state.step == "ask_browser"


def test_back_undoes_the_last_answer(engine: Engine):
    state, _ = start(engine)
    engine.answer(state, "no")
    engine.answer(state, "chrome")
    prompts = engine.back(state)
    assert prompts[-1].step == "ask_browser"
    assert "browser" not in state.facts


def test_back_keeps_the_pasted_error_and_mic_report_out_of_the_undo_snapshots(engine: Engine):
    state, _ = start(engine)
    state.error_text, state.diagnostics = "NotReadableError: Could not start audio source " * 40, {"devices": 2}
    engine.answer(state, "no")
    engine.answer(state, "chrome")
    assert all("error_text" not in snapshot and "diagnostics" not in snapshot for snapshot in state.history)
    engine.back(state)
    assert state.error_text.startswith("NotReadableError") and state.diagnostics == {"devices": 2}
    assert State.from_dict(state.to_dict()).error_text == state.error_text


def test_learning_a_fact_answers_the_pending_question(engine: Engine):
    state, _ = start(engine)
    engine.answer(state, "no")
    engine.learn(state, {"browser": "edge"})
    prompts = engine.resume(state)
    assert prompts[-1].step == "site_permission"
    assert "edge://settings/content/microphone" in prompts[-1].text


def test_state_round_trips_and_malformed_state_starts_fresh(engine: Engine):
    state, _ = start(engine, os="macos")
    engine.answer(state, "no")
    copy = State.from_dict(state.to_dict())
    assert copy == state
    assert State.from_dict({"facts": {"os": ["not", "a", "string"]}}) == State()
    assert State.from_dict("garbage") == State()  # type: ignore[arg-type]
    assert State.from_dict({"attempts": [{"bogus": 1}]}) == State()


def test_escalation_carries_reason_facts_and_steps_tried(engine: Engine):
    state, prompts = start(engine, browser="chrome", os="windows", device="usb")
    while prompts[-1].kind == "instruction":
        prompts = engine.answer(state, "no")
    ending = prompts[-1]
    assert ending.kind == "escalated"
    custom = ending.custom()
    assert custom["reason"] == "every fix in the tree was tried and failed"
    assert custom["facts"] == {"browser": "chrome", "os": "windows", "device": "usb"}
    assert [t["cause"] for t in custom["tried"]][:2] == ["exclusive_app", "device_changed"]


def test_payload_contract_on_every_prompt(engine: Engine):
    state, prompts = start(engine)
    custom = prompts[-1].custom()
    assert set(custom) == {"flow", "step", "cause", "kind"}
    assert custom == {"flow": "mic_31201", "step": "close_apps", "cause": "exclusive_app", "kind": "instruction"}
