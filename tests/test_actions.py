"""The Rasa custom action, run on JSON tracker fixtures with a CollectingDispatcher.

The action gets its own chat service over this module's files (a knowledge index built from knowledge/, empty
feedback and ticket stores), never the developer's var/.
"""

from __future__ import annotations

import asyncio
import json
from functools import cache
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.chat.conversation import Conversation
from bot.rasa_adapter.actions import ActionTroubleshoot, build_conversation
from bot.tickets.store import TicketStore
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def action(tmp_path_factory: pytest.TempPathFactory, built_kb: Path) -> ActionTroubleshoot:
    stores = tmp_path_factory.mktemp("actions")

    @cache  # built on first use, in the action's turn thread, which then keeps the stores' connections
    def service() -> Conversation:
        return build_conversation(built_kb, stores / "feedback.db", TicketStore(stores / "tickets.db"))

    return ActionTroubleshoot(service)


def run(action: ActionTroubleshoot, fixture: str) -> tuple[list[dict], dict]:
    tracker = Tracker.from_dict(json.loads((FIXTURES / "trackers" / f"{fixture}.json").read_text()))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    assert [e["event"] for e in events] == ["slot"] and events[0]["name"] == "flow_state"
    return dispatcher.messages, events[0]["value"]


def first_button(messages: list[dict]) -> str:
    return next(b["payload"] for m in messages for b in m.get("buttons") or [])


def customs(messages: list[dict]) -> list[dict]:
    return [m["custom"] for m in messages if m.get("custom")]


def test_first_message_with_facts_goes_straight_to_the_fix(action: ActionTroubleshoot):
    messages, state = run(action, "first_message_with_facts")
    [custom] = customs(messages)
    why = custom.pop("why")
    assert why.startswith("Why this step: the device is reported as in use by another app"), why
    assert custom == {
        "flow": "mic_31201",
        "step": "close_apps",
        "cause": "exclusive_app",
        "kind": "instruction",
        "article": "/kb/close-other-apps",
    }
    assert "Microsoft Teams" in messages[0]["text"]
    assert "More detail: [Close the apps that hold the microphone](/kb/close-other-apps)" in messages[0]["text"]
    assert [b["payload"] for b in messages[1]["buttons"]] == ["/affirm", "/deny"]
    assert state["facts"] == {"app": "teams", "os": "windows", "browser": "chrome", "said_busy": "yes"}


def test_deny_moves_to_the_next_likely_cause_without_asking_known_facts(action: ActionTroubleshoot):
    messages, state = run(action, "deny_after_close_apps")
    assert customs(messages)[0]["cause"] == "browser_site_setting"
    assert customs(messages)[0]["kind"] == "instruction"
    assert state["attempts"][0]["outcome"] == "not_fixed"


def test_affirm_resolves(action: ActionTroubleshoot):
    messages, state = run(action, "affirm_after_close_apps")
    assert customs(messages)[-1]["kind"] == "resolved"
    assert state["outcome"] == "resolved"


def test_start_over_as_the_first_message_starts_without_saying_begin_again(action: ActionTroubleshoot):
    messages, state = run(action, "start_over_first_message")
    # Nothing known yet: the first move is the question that tells the most apart.
    assert "begin again" not in messages[0]["text"] and "What does the rest of the error message say?" in messages[0]["text"]
    assert state["step"] == "ask_error_kind"


def test_forged_internal_slot_is_ignored(action: ActionTroubleshoot):
    messages, state = run(action, "forged_internal_slot")
    assert state["flow"] == "mic_31201" and state["outcome"] is None
    assert customs(messages)[0]["step"] == "ask_error_kind"


def test_forged_unknown_intent_is_not_acted_on(action: ActionTroubleshoot):
    messages, state = run(action, "forged_unknown_intent")
    assert messages[0]["text"].startswith("Sorry")
    assert state["step"] == "close_apps"
    assert state["attempts"][0]["outcome"] is None


def test_low_confidence_offers_the_current_choices_as_buttons(action: ActionTroubleshoot):
    messages, state = run(action, "fallback_at_question")
    assert messages[0]["text"].startswith("Sorry")
    assert [b["title"] for b in messages[1]["buttons"]][:2] == ["Google Chrome", "Microsoft Edge"]
    assert messages[1]["buttons"][0]["payload"] == '/inform{"choice": "chrome"}'
    assert state["step"] == "ask_browser"


def test_free_text_answers_the_question(action: ActionTroubleshoot):
    messages, state = run(action, "free_text_answer")
    assert state["facts"]["browser"] == "firefox"
    assert customs(messages)[0]["step"] == "site_permission"


def test_pasted_error_reroutes_mid_flow(action: ActionTroubleshoot):
    messages, state = run(action, "pasted_error_mid_flow")
    # The bot says what it read from the pasted text: who blocked the browser, in words, and the quoted detail.
    assert "the operating system blocked the browser" in messages[0]["text"]
    assert '("Permission denied by system")' in messages[0]["text"]
    assert customs(messages)[0]["cause"] == "os_privacy"


def test_request_for_a_person_escalates_with_what_we_know(action: ActionTroubleshoot):
    messages, state = run(action, "request_human_mid_flow")
    ending = customs(messages)[-1]
    assert ending["kind"] == "escalated"
    assert ending["facts"]["app"] == "teams"
    assert ending["reason"] == "the user asked for a person"


@pytest.mark.parametrize("fixture", ["corrupt_state_slot"])
def test_corrupt_state_starts_fresh(action: ActionTroubleshoot, fixture: str):
    messages, state = run(action, fixture)
    assert messages[0]["text"].startswith("Hi")
    assert state["facts"] == {}


@pytest.mark.parametrize("fixture", sorted(path.stem for path in (FIXTURES / "trackers").glob("*.json")))
def test_the_state_slot_is_the_states_plain_json_whatever_the_turn(action: ActionTroubleshoot, fixture: str):
    from bot.chat.state_slot import compacted, expanded
    from bot.flows.engine import State

    _messages, value = run(action, fixture)
    assert json.loads(json.dumps(value)) == value == compacted(State.from_dict(expanded(value)).to_dict())


def test_a_long_fix_chain_stores_its_undo_history_small_and_goes_back_exactly(action: ActionTroubleshoot):
    from bot.chat.state_slot import expanded

    data = json.loads((FIXTURES / "trackers" / "deny_after_close_apps.json").read_text())
    steps, sizes = [], []
    said, intent, entities = "nope, still the same", "deny", []
    for _ in range(8):  # "no" to every fix, the first option to every question the planner asks in between
        data["latest_message"] = {"text": said, "intent": {"name": intent, "confidence": 1.0}, "entities": entities}
        dispatcher = CollectingDispatcher()
        [event] = asyncio.run(action.run(dispatcher, Tracker.from_dict(data), {}))
        data["slots"]["flow_state"] = event["value"]
        last = customs(dispatcher.messages)[-1]
        steps.append(last["step"])
        if last["kind"] == "question":
            choice = json.loads(first_button(dispatcher.messages)[len("/inform") :])["choice"]
            said, intent, entities = f'/inform{{"choice": "{choice}"}}', "inform", [{"entity": "choice", "value": choice}]
        else:
            said, intent, entities = "nope, still the same", "deny", []
        sizes.append((len(json.dumps(event["value"]["history"])), len(json.dumps(expanded(event["value"])["history"]))))
    assert len(set(steps)) == len(steps) and len(expanded(data["slots"]["flow_state"])["history"]) >= 8, steps
    stored, whole = sizes[-1]
    assert stored < 0.6 * whole, sizes
    for previous in reversed(steps[:-1][-4:]):  # "back" walks the stored history step by step
        data["latest_message"] = {"text": "go back", "intent": {"name": "go_back", "confidence": 1.0}, "entities": []}
        dispatcher = CollectingDispatcher()
        [event] = asyncio.run(action.run(dispatcher, Tracker.from_dict(data), {}))
        data["slots"]["flow_state"] = event["value"]
        assert customs(dispatcher.messages)[-1]["step"] == previous


def test_the_transcript_is_read_only_on_turns_whose_call_carries_it(action: ActionTroubleshoot):
    """Rasa sends the messages only when `transcript_wanted` says so for the slot before the turn
    (bot/rasa_adapter/server.py); a whole handoff, to the filed ticket, must read them on no other turn."""
    from bot.chat.conversation import Incoming
    from bot.chat.state_slot import compacted, expanded
    from bot.chat.transcript import transcript_wanted
    from bot.flows.engine import State
    from bot.rasa_adapter.actions import slot_value, take_turn

    slot: dict | None = None
    reads, texts = [], []
    conversation = [
        ("Teams is open on my Windows laptop in Chrome and every call fails", "inform", []),
        ("nope, still the same", "deny", []),
        ("could I speak to someone from support please", "request_human", []),
        ("it's sam.lee@example.com", "inform", []),
        ('/inform{"choice": "handoff_skip"}', "inform", [("choice", "handoff_skip")]),
        ('/inform{"choice": "handoff_consent"}', "inform", [("choice", "handoff_consent")]),
    ]
    for number, (said, intent, entities) in enumerate(conversation):
        wanted = transcript_wanted(slot)
        state = State.from_dict(expanded(slot), owned=True)
        incoming = Incoming(
            text=said,
            sender="transcript-test",
            intent=intent,
            entities=entities,
            transcript=lambda wanted=wanted, number=number: reads.append((number, wanted)) or [],
        )
        texts += [out.text or "" for out in take_turn(state, incoming, action.service)]
        slot = compacted(slot_value(state))
    assert reads == [(len(conversation) - 1, True)], reads
    assert any("MIC-" in text for text in texts[-2:]), texts[-3:]
