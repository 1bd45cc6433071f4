"""bot/rasa_adapter/server.py: action-server responses are checked by a validator built once, with Rasa's
own verdicts and error message."""

from __future__ import annotations

import json

import jsonschema
import pytest
from rasa.core.actions.action import Action, RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk import Tracker

from bot.chat.transcript import transcript_from
from bot.rasa_adapter.server import cache_action_response_validation, slim_action_calls
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # imports Rasa's action module and with it TensorFlow: 10 s for two checks

VALID = {
    "events": [{"event": "slot", "timestamp": None, "name": "flow_state", "value": {"step": "close_apps"}}],
    "responses": [{"text": "Close the apps", "buttons": [{"title": "Yes", "payload": "/affirm"}]}],
}


def test_valid_responses_pass_and_invalid_ones_fail_with_rasas_message():
    cache_action_response_validation()
    action = RemoteAction("action_troubleshoot", EndpointConfig("http://127.0.0.1:1/webhook"))
    assert getattr(RemoteAction._validate_action_result, "cached_validator", False)
    assert action._validate_action_result(VALID) is True
    assert action._validate_action_result({"events": [], "responses": []}) is True
    for invalid in ({"events": [{"timestamp": None}]}, {"events": "not a list"}, {"responses": [1]}):
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(invalid)


def test_the_plain_check_accepts_only_what_the_schema_accepts():
    from rasa.core.actions.action import RemoteAction as Remote

    from bot.rasa_adapter.server import plainly_valid

    schema = jsonschema.validators.validator_for(Remote.action_response_format_spec())(Remote.action_response_format_spec())
    slot = VALID["events"][0]
    candidates = [
        VALID,
        {"events": [], "responses": []},
        {},
        {"events": [slot, {**slot, "timestamp": 1733000000.5, "metadata": {"a": 1}}]},
        {"events": [{**slot, "timestamp": True}]},  # a boolean is not a number to the schema
        {"events": [{**slot, "timestamp": "now"}]},
        {"events": [{"event": "slot", "name": "flow_state"}]},  # no value
        {"events": [{**slot, "name": 3}]},
        {"events": [{**slot, "metadata": []}]},
        {"events": [{"event": "bot", "text": "hi"}]},  # valid, but left to the validator
        {"responses": [{"text": 5}]},
        {"responses": [1]},
        {"events": "not a list"},
        [],
    ]
    for candidate in candidates:
        if plainly_valid(candidate):
            assert schema.is_valid(candidate), candidate
    assert [plainly_valid(c) for c in candidates[:4]] == [True] * 4
    assert not any(plainly_valid(c) for c in candidates[4:])


def test_applying_twice_keeps_one_layer():
    cache_action_response_validation()
    first = RemoteAction._validate_action_result
    cache_action_response_validation()
    assert RemoteAction._validate_action_result is first


HANDING_OFF = {"stage": "consent", "email": "sam@example.com"}


def a_long_session(turns: int, handoff: dict | None = None) -> DialogueStateTracker:
    """`turns` turns; the last one leaves `handoff` in the state (a stage: the next turn may file a ticket)."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("long", domain.slots)
    tracker.update(SessionStarted())
    tracker.update(SlotSet("earlier_transcript", [{"at": 1.0, "who": "user", "text": "before the rollover"}]))
    for number in range(turns):
        tracker.update(UserUttered(f"message {number}", {"name": "inform", "confidence": 0.9}, metadata={"client_tag": "x"}))
        tracker.update(ActionExecuted("action_troubleshoot"))
        tracker.update(BotUttered(f"Step {number}", {"buttons": [{"title": "No, still failing", "payload": "/deny"}]}))
        state = {"step": f"s{number}", "handoff": handoff if number == turns - 1 and handoff else {}}
        tracker.update(SlotSet("flow_state", {**state, "history": [{"step": "x" * 500}] * 12}))
        tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_an_action_call_carries_the_state_and_only_what_the_transcript_needs():
    slim_action_calls()
    domain = Domain.load(str(ROOT / "domain.yml"))
    action = RemoteAction("action_troubleshoot", EndpointConfig("http://127.0.0.1:1/webhook", enable_selective_domain=True))
    long = a_long_session(30, handoff=HANDING_OFF)
    call = action._action_call_format(long, domain)
    full = RemoteAction._action_call_format.full(action, long, domain)  # type: ignore[attr-defined]
    assert len(json.dumps(call)) * 10 < len(json.dumps(full))  # the undo history of every turn is not resent
    sdk = Tracker.from_dict(call["tracker"])
    assert sdk.get_slot("flow_state")["step"] == "s29" and sdk.latest_message["text"] == "message 29"
    assert sdk.latest_message["metadata"] == {"client_tag": "x"} and sdk.sender_id == "long"
    lines = transcript_from(sdk.events)
    assert len(lines) == 60 and lines[0]["text"] == "message 0" and lines[-1]["buttons"][0]["title"] == "No, still failing"
    assert lines == transcript_from(full["tracker"]["events"])
    assert sdk.get_slot("earlier_transcript") == [{"at": 1.0, "who": "user", "text": "before the rollover"}]
    assert "domain" not in call


@pytest.mark.parametrize("handoff", [{}, {"stage": None}])
def test_an_action_call_that_cannot_file_a_ticket_carries_no_transcript(handoff: dict):
    """Only a handoff under way reads the transcript (tests/test_actions.py checks that against the chat)."""
    slim_action_calls()
    domain = Domain.load(str(ROOT / "domain.yml"))
    action = RemoteAction("action_troubleshoot", EndpointConfig("http://127.0.0.1:1/webhook", enable_selective_domain=True))
    call = action._action_call_format(a_long_session(30, handoff=handoff), domain)
    sdk = Tracker.from_dict(call["tracker"])
    assert sdk.events == [] and sdk.get_slot("earlier_transcript") is None
    assert sdk.get_slot("flow_state")["step"] == "s29" and sdk.latest_message["text"] == "message 29"
    with_transcript = action._action_call_format(a_long_session(30, handoff=HANDING_OFF), domain)
    assert len(json.dumps(call)) + len(json.dumps(with_transcript["tracker"]["events"])) < len(json.dumps(with_transcript))


def test_an_action_call_after_a_rollover_sends_only_the_new_session():
    slim_action_calls()
    domain = Domain.load(str(ROOT / "domain.yml"))
    action = RemoteAction("action_troubleshoot", EndpointConfig("http://127.0.0.1:1/webhook"))
    long = a_long_session(3)
    long.update(SessionStarted())
    long.update(SlotSet("flow_state", {"step": "s2", "handoff": HANDING_OFF}))  # carried over (bot/rasa_adapter/sessions.py)
    long.update(UserUttered("after the rollover", {"name": "inform", "confidence": 0.9}))
    events = action._action_call_format(long, domain)["tracker"]["events"]
    assert [e["text"] for e in events] == ["after the rollover"]


def test_event_types_are_found_by_name_as_rasa_finds_them():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    from bot.rasa_adapter.fast import cache_event_types

    names = {cls.type_name for cls in all_subclasses(Event)}
    expected = {name: Event.resolve_by_type(name) for name in names}
    cache_event_types()
    assert getattr(Event.resolve_by_type, "cached", False)
    assert {name: Event.resolve_by_type(name) for name in names} == expected
    assert Event.resolve_by_type("no such event", default=SlotSet) is SlotSet


class Recording(Action):
    """An action that keeps the tracker it was run on and returns `events`."""

    def __init__(self, events: list) -> None:
        self.events = events
        self.seen: list[DialogueStateTracker] = []

    def name(self) -> str:
        return "action_troubleshoot"

    async def run(self, output_channel, nlg, tracker, domain) -> list:
        self.seen.append(tracker)
        return self.events


def run_action(tracker: DialogueStateTracker, action: Recording, policy_events: list) -> None:
    import asyncio

    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.policies.policy import PolicyPrediction
    from rasa.core.processor import MessageProcessor

    processor = MessageProcessor.__new__(MessageProcessor)  # what _run_action reads: the domain
    processor.domain = Domain.load(str(ROOT / "domain.yml"))
    prediction = PolicyPrediction.for_action_name(processor.domain, action.name())
    prediction.events = policy_events
    asyncio.run(processor._run_action(action, tracker, CollectingOutputChannel(), None, prediction))


def test_an_action_runs_on_the_tracker_itself_unless_the_policy_added_events():
    from rasa.shared.core.events import LoopInterrupted

    from bot.rasa_adapter.fast import no_tracker_copy_without_policy_events

    no_tracker_copy_without_policy_events()
    tracker = a_long_session(3)
    action = Recording([SlotSet("flow_state", {"step": "next"})])
    run_action(tracker, action, [])
    assert action.seen == [tracker] and tracker.get_slot("flow_state") == {"step": "next"}
    assert "copy" not in vars(tracker) and tracker.copy() is not tracker  # copies are real again
    before = len(tracker.events)
    run_action(tracker, action, [LoopInterrupted(True)])  # policy events: Rasa's temporary copy, events kept apart
    assert action.seen[-1] is not tracker and isinstance(action.seen[-1].events[-1], LoopInterrupted)
    assert len(tracker.events) > before and "copy" not in vars(tracker)


def test_slot_values_are_formatted_only_for_debug_logs():
    import logging

    from rasa.core.processor import MessageProcessor

    from bot.rasa_adapter.fast import slots_logged_only_for_debug

    class Counted(dict):
        formatted = 0

        def __str__(self) -> str:
            Counted.formatted += 1
            return "counted"

    slots_logged_only_for_debug()
    tracker = a_long_session(1)
    tracker.slots["flow_state"].value = Counted(step="x")
    processor_log = logging.getLogger("rasa.core.processor")
    level = processor_log.level
    try:
        processor_log.setLevel(logging.INFO)
        MessageProcessor._log_slots(tracker)
        assert Counted.formatted == 0
        processor_log.setLevel(logging.DEBUG)
        MessageProcessor._log_slots(tracker)
        assert Counted.formatted == 1
    finally:
        processor_log.setLevel(level)
