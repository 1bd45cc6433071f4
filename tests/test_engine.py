from __future__ import annotations

from bot.flows.engine import Engine, State


def start(engine: Engine, flow: str | None = None, **facts: str):
    state = State(facts=dict(facts))
    return state, engine.start(state, flow) if flow else engine.start(state)


def asked_facts(engine: Engine, prompts) -> list[str]:
    return [engine.flows[p.flow].step(p.step).fact for p in prompts if p.kind == "question"]


def test_known_facts_are_never_asked(engine: Engine):
    # "Teams is holding my mic on my Windows laptop in Chrome (NotReadableError)": straight to closing Teams,
    # and whatever comes after, nothing already said is asked again.
    state, prompts = start(engine, app="teams", os="windows", browser="chrome", error_name="NotReadableError")
    assert prompts[-1].step == "close_apps" and "Microsoft Teams" in prompts[-1].text
    asked = []
    while prompts[-1].kind in ("instruction", "question"):
        asked += asked_facts(engine, prompts)
        prompts = engine.answer(state, "no") if prompts[-1].kind == "instruction" else engine.skip(state)
    assert not set(asked) & {"app", "os", "browser", "error_name"}


def test_unknown_fact_is_asked_once_then_remembered(engine: Engine):
    # The permission check's site setting steps depend on the browser: asked once. (The cause model's own
    # fixes enter that check past the question and show every browser's steps instead.)
    state, prompts = start(engine, "permission_denied", prompt="blocked")
    assert prompts[-1].kind == "question" and prompts[-1].step == "ask_browser"
    prompts = engine.answer(state, "firefox")
    assert prompts[-1].cause == "browser_site_setting"
    assert "Firefox" in prompts[-1].text
    assert state.facts["browser"] == "firefox"
    prompts = engine.answer(state, "no")
    assert "browser" not in asked_facts(engine, prompts)


def test_answer_outside_the_options_is_refused(engine: Engine):
    state, _ = start(engine, "permission_denied", prompt="blocked")
    assert engine.answer(state, "netscape") is None
    assert state.step == "ask_browser"


def test_back_undoes_the_last_answer(engine: Engine):
    state, _ = start(engine, "permission_denied", prompt="blocked")
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
    state, _ = start(engine, prompt="blocked")
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
    assert State.from_dict({"facts": {"os": "windows"}, "said": [3]}) == State(facts={"os": "windows"})


def test_escalation_carries_reason_facts_steps_tried_and_ranked_causes(engine: Engine):
    state, prompts = start(engine, browser="chrome", os="windows", device="usb", error_name="NotReadableError")
    while prompts[-1].kind in ("instruction", "question"):
        prompts = engine.answer(state, "no") if prompts[-1].kind == "instruction" else engine.skip(state)
    ending = prompts[-1]
    assert ending.kind == "escalated"
    custom = ending.custom()
    assert custom["reason"] == "every fix in the tree was tried and failed"
    assert {"browser": "chrome", "os": "windows", "device": "usb"}.items() <= custom["facts"].items()
    # A NotReadableError on Windows: the busy-device fix first; the costly driver work comes later, not never.
    tried = [t["cause"] for t in custom["tried"]]
    assert tried[0] == "exclusive_app" and "hardware_driver" in tried
    ranked = custom["causes"]
    assert ranked and all(0 <= row["probability"] <= 1 for row in ranked) and ranked[0]["title"]
    assert [row["probability"] for row in ranked] == sorted((row["probability"] for row in ranked), reverse=True)


def test_payload_contract_on_every_prompt(engine: Engine):
    state, prompts = start(engine, error_name="NotReadableError", os="windows", app="teams")
    custom = prompts[-1].custom()
    assert set(custom) == {"flow", "step", "cause", "kind", "why"}
    assert custom["why"].startswith("Why this step:") and "could not read the microphone" in custom["why"]
    assert {k: custom[k] for k in ("flow", "step", "cause", "kind")} == {
        "flow": "mic_31201",
        "step": "close_apps",
        "cause": "exclusive_app",
        "kind": "instruction",
    }
    assert "why" not in engine.prompt(state)[-1].custom()  # said once, not on every repeat
