"""bot/chat/state_slot.py: the undo history stored as differences comes back exactly, and old or damaged slots are
read as they are."""

from __future__ import annotations

import copy

from bot.chat.state_slot import compacted, expanded

ATTEMPT = {"flow": "mic_31201", "step": "close_apps", "cause": "exclusive_app", "fix": "close_apps", "outcome": None}


def a_state() -> dict:
    first = {"flow": "mic_31201", "step": "ask_error_kind", "facts": {}, "visited": [], "attempts": [], "why": {}}
    second = {
        **first,
        "step": "close_apps",
        "facts": {"browser": "chrome"},
        "visited": ["mic_31201/close_apps"],
        "attempts": [ATTEMPT],
    }
    return {
        **second,
        "step": "site_permission",
        "visited": [*second["visited"], "check/site_permission"],
        "attempts": [{**ATTEMPT, "outcome": "not_fixed"}, {**ATTEMPT, "step": "site_permission"}],
        "error_text": "NotReadableError",
        "history": [first, second],
    }


def test_the_history_comes_back_exactly_and_smaller():
    state = a_state()
    stored = compacted(copy.deepcopy(state))
    assert expanded(stored) == state
    assert len(str(stored["history"])) < len(str(state["history"]))
    assert compacted(expanded(stored)) == stored


def test_old_and_damaged_slots_are_read_as_they_are():
    old = a_state()
    assert expanded(old) == old  # whole snapshots, as stored before
    for damaged in (
        None,
        "x",
        {"history": "x"},
        {"history": [1, {"~absent": "x"}]},
        {"history": [{"~absent": [], "~prefix": 5}]},
    ):
        assert expanded(damaged) == damaged
