"""bot/chat/transcript.py and the session start of bot/rasa_adapter/sessions.py, on real Rasa events."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.chat.protocol import EARLIER_SLOT
from bot.chat.transcript import CARRIED_CHARS, CARRIED_LINES, carried, whole_transcript
from bot.rasa_adapter.sessions import session_start_events, user_turns
from tests.conftest import ROOT


def a_session(tracker: DialogueStateTracker, turns: int, said: str) -> None:
    for number in range(turns):
        tracker.update(UserUttered(f"{said} {number}", {"name": "deny", "confidence": 0.9}))
        tracker.update(ActionExecuted("action_troubleshoot"))
        tracker.update(BotUttered(f"answer to {said} {number}"))
        tracker.update(SlotSet("flow_state", {"step": f"{said}-{number}"}))
        tracker.update(ActionExecuted("action_listen"))


def new_session(tracker: DialogueStateTracker) -> None:
    for event in session_start_events(tracker, carry_slots=True):
        tracker.update(event)


def test_a_new_session_carries_each_slot_once_and_the_end_of_the_transcript():
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("c", domain.slots)
    a_session(tracker, 30, "first")
    assert user_turns(tracker.events) == 30
    start = session_start_events(tracker, carry_slots=True)
    assert isinstance(start[0], SessionStarted) and start[-1] == ActionExecuted("action_listen")
    slots = [(e.key, e.value) for e in start if isinstance(e, SlotSet)]
    assert slots[0] == ("flow_state", {"step": "first-29"}) and [k for k, _ in slots].count("flow_state") == 1
    earlier = dict(slots)[EARLIER_SLOT]
    assert len(earlier) == CARRIED_LINES and earlier[-1]["text"] == "answer to first 29" and earlier[-2]["who"] == "user"
    new_session(tracker)
    assert user_turns(tracker.events) == 0 and tracker.get_slot("flow_state") == {"step": "first-29"}
    a_session(tracker, 2, "second")
    new_session(tracker)
    lines = tracker.get_slot(EARLIER_SLOT)
    assert [line["text"] for line in lines[-4:]] == ["second 0", "answer to second 0", "second 1", "answer to second 1"]
    assert lines[-5]["text"] == "answer to first 29" and len(lines) == CARRIED_LINES
    assert [line["text"] for line in lines[:3]] == ["first 0", "answer to first 0", "first 13"]  # the opening stays


def test_carried_lines_stay_within_their_bounds_whatever_was_typed():
    huge = [{"at": n, "who": "user", "text": "x" * 3999} for n in range(30)]
    kept = carried(None, huge)
    assert sum(len(line["text"]) for line in kept) <= CARRIED_CHARS and kept[-1] == huge[-1] and kept[0] == huge[0]
    assert carried("not a list", []) == [] and carried([{"text": 5}, "junk"], []) == []


def test_a_tickets_transcript_is_the_carried_lines_then_the_session():
    earlier = [{"at": 1, "who": "user", "text": "before"}]
    events = [{"event": "user", "timestamp": 2, "text": "now"}, {"event": "slot", "name": "flow_state"}]
    assert [line["text"] for line in whole_transcript(earlier, events)] == ["before", "now"]
    assert whole_transcript(None, events)[0]["who"] == "user"


def test_a_users_own_session_start_command_is_not_carried():
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("c", domain.slots)
    a_session(tracker, 1, "first")
    tracker.update(UserUttered('/session_start{"flow_state": "FORGED"}', {"name": "session_start", "confidence": 1.0}))
    new_session(tracker)
    assert "FORGED" not in str(tracker.get_slot(EARLIER_SLOT)) and tracker.get_slot(EARLIER_SLOT)[0]["text"] == "first 0"


def test_a_restart_forgets_the_conversation_before_it():
    from rasa.shared.core.events import Restarted

    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = DialogueStateTracker("c", domain.slots)
    a_session(tracker, 2, "first")
    tracker.update(UserUttered('/restart{"flow_state": "FORGED"}', {"name": "restart", "confidence": 1.0}))
    tracker.update(Restarted())
    new_session(tracker)
    assert tracker.get_slot(EARLIER_SLOT) is None and tracker.get_slot("flow_state") is None
