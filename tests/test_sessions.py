"""Bounded sessions end to end (bot/rasa_adapter/sessions.py): real Rasa, real action server, real SQLite tracker
and ticket stores. A session here rolls over after SESSION_TURNS user messages, so a long conversation
is a few of them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.load_scripts import LONG_CYCLE
from bot.app.serve import Servers
from bot.tickets.store import TicketStore
from tests.chat import customs, new_sender, post, tracker
from tests.conftest import real_servers
from tests.test_e2e_handoff import escalate_and_file

pytestmark = pytest.mark.e2e
SESSION_TURNS = 6


@pytest.fixture(scope="module")
def rolling(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    yield from real_servers(tmp_path_factory.mktemp("sessions"), {"BOT_SESSION_TURNS": str(SESSION_TURNS)})


def stored_events(db: Path, sender: str) -> list[dict]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    return [json.loads(data) for (data,) in rows]


def sessions(events: list[dict]) -> list[list[dict]]:
    """The stored events split at each `session_started` (what Rasa logs just before it, the start metadata and
    `action_session_start`, stays with the session before)."""
    found: list[list[dict]] = [[]]
    for event in events:
        if event["event"] == "session_started":
            found.append([])
        found[-1].append(event)
    return found[1:]


def test_a_long_conversation_rolls_over_and_keeps_each_session_small(rolling: Servers):
    sender = new_sender()
    for number in range(60):
        replies = post(rolling, sender, LONG_CYCLE[number % len(LONG_CYCLE)])
        assert replies and any(r.get("text") for r in replies), (number, replies)
    parts = sessions(stored_events(rolling.tracker_path, sender))
    users = [sum(e["event"] == "user" for e in part) for part in parts]
    assert sum(users) == 60 and max(users) == SESSION_TURNS, users
    assert len(parts) >= 60 // SESSION_TURNS
    sizes = [sum(len(json.dumps(e)) for e in part) for part in parts[:-1]]
    print("session sizes (bytes stored):", sizes)
    # A session costs about the same late in the conversation as early (the carried transcript is bounded).
    assert max(sizes) < 2 * min(sizes) and max(sizes) < 100_000, sizes
    for part in parts[1:]:
        # Each new session starts with the state carried once (not one copy per turn of the old session).
        start = part[: next(i for i, e in enumerate(part) if e["event"] == "action" and e["name"] == "action_listen") + 1]
        assert [e["name"] for e in start if e["event"] == "slot"].count("flow_state") == 1, start
        assert sum(e["event"] == "slot" and e["name"] == "earlier_transcript" for e in start) == 1


def test_the_troubleshooting_goes_on_across_a_rollover(rolling: Servers):
    sender = new_sender()
    post(rolling, sender, "hello")
    post(rolling, sender, "thanks")
    post(rolling, sender, "can you help me")
    post(rolling, sender, "ok")
    post(rolling, sender, "fine")
    asked = customs(post(rolling, sender, "I get error 31201"))
    assert asked[-1]["step"] == "ask_error_kind"
    before = tracker(rolling, sender)["slots"]["flow_state"]
    assert len(sessions(stored_events(rolling.tracker_path, sender))) == 1
    # The 7th message starts a new session: it still answers the question the 6th one asked.
    step = customs(post(rolling, sender, '/inform{"choice": "mic_failure"}'))[-1]
    assert len(sessions(stored_events(rolling.tracker_path, sender))) == 2
    control = new_sender()  # the same answer in a conversation that did not roll over
    post(rolling, control, "I get error 31201")
    assert step == customs(post(rolling, control, '/inform{"choice": "mic_failure"}'))[-1]
    assert step["step"] != "ask_error_kind"
    after = tracker(rolling, sender)["slots"]["flow_state"]
    assert after["facts"].items() >= {**before["facts"], "error_kind": "mic_failure"}.items(), (before, after)


def test_a_ticket_filed_after_rollovers_shows_the_earlier_conversation(rolling: Servers):
    sender = new_sender()
    first = "Teams is open on my Windows laptop in Chrome and every call fails and the mic fails"
    questions = [f"question {n}: how do I allow the microphone in firefox?" for n in range(SESSION_TURNS + 2)]  # past a rollover
    for message in [first, *questions]:
        post(rolling, sender, message)
    asked = "I want to talk to a real person please"
    reference = escalate_and_file(rolling, sender, post(rolling, sender, asked))
    assert len(sessions(stored_events(rolling.tracker_path, sender))) >= 2
    ticket = TicketStore(rolling.workdir / "tickets.db").get(reference)
    said = [(line["who"], line["text"]) for line in ticket.transcript]
    assert said[0] == ("user", first) and any(who == "bot" for who, _ in said)
    users = [text for who, text in said if who == "user"]
    sent = [first, *questions, asked]
    # In order, each once, the opening and the messages since the last rollover always, older ones as the bound allows.
    kept = [message for message in sent if message in users]
    assert users[: len(kept)] == kept and len(set(users)) == len(users)
    assert asked in kept and questions[-1] in kept and len(kept) >= 4
    times = [line["at"] for line in ticket.transcript]
    assert times == sorted(times)


def test_a_huge_message_is_cut_before_it_is_stored(rolling: Servers):
    sender = new_sender()
    replies = post(rolling, sender, "my microphone does not work " + "and it is very annoying " * 5000)
    assert replies and replies[0].get("text")
    user = [e for e in stored_events(rolling.tracker_path, sender) if e["event"] == "user"]
    assert len(user) == 1 and 7990 <= len(user[0]["text"]) <= 8000  # Rasa strips the trailing space
    assert sum(len(json.dumps(e)) for e in stored_events(rolling.tracker_path, sender)) < 60_000
