"""The tuned SQLite tracker store (bot/rasa_adapter/tracker_store.py) with real Rasa objects on a real file."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_adapter.tracker_store import SQLiteTrackerStore
from tests.conftest import ROOT


def a_conversation(domain: Domain, sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update(UserUttered("my mic is broken", {"name": "inform", "confidence": 0.9}))
    tracker.update(ActionExecuted("action_troubleshoot"))
    tracker.update(BotUttered("Close the apps that hold the microphone."))
    tracker.update(SlotSet("flow_state", {"flow": "mic_31201", "step": "close_apps"}))
    return tracker


def test_saves_and_reads_back_in_wal_mode_with_relaxed_sync(tmp_path: Path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    db = tmp_path / "tracker.db"
    store = SQLiteTrackerStore(domain=domain, db=str(db))
    asyncio.run(store.save(a_conversation(domain, "alice")))

    tracker = asyncio.run(store.retrieve("alice"))
    assert tracker.get_slot("flow_state") == {"flow": "mic_31201", "step": "close_apps"}
    assert tracker.latest_message.text == "my mic is broken"
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    with sqlite3.connect(db) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert plain.execute("select count(*) from events where sender_id = 'alice'").fetchone()[0] == 4


def test_the_file_stays_readable_by_rasas_own_store(tmp_path: Path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    db = tmp_path / "tracker.db"
    asyncio.run(SQLiteTrackerStore(domain=domain, db=str(db)).save(a_conversation(domain, "bob")))
    stock = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    assert asyncio.run(stock.retrieve("bob")).get_slot("flow_state")["step"] == "close_apps"


def test_reads_the_current_session_as_rasas_own_store_does(tmp_path: Path):
    from rasa.shared.core.events import SessionStarted

    domain = Domain.load(str(ROOT / "domain.yml"))
    db = tmp_path / "tracker.db"
    store = SQLiteTrackerStore(domain=domain, db=str(db))
    tracker = a_conversation(domain, "carol")
    asyncio.run(store.save(tracker))
    for number in range(3):  # three more sessions, saved turn by turn as Rasa does
        tracker = asyncio.run(store.retrieve("carol"))
        tracker.update(SessionStarted())
        tracker.update(SlotSet("flow_state", {"step": f"session {number}"}))
        asyncio.run(store.save(tracker))
        tracker = asyncio.run(store.retrieve("carol"))
        tracker.update(UserUttered(f"message {number}", {"name": "inform", "confidence": 0.9}))
        asyncio.run(store.save(tracker))
    ours = asyncio.run(store.retrieve("carol"))
    stock = asyncio.run(SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db)).retrieve("carol"))
    assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in stock.events]
    assert [e.type_name for e in ours.events] == ["session_started", "slot", "user"]
    assert ours.get_slot("flow_state") == {"step": "session 2"}
    with sqlite3.connect(db) as plain:  # nothing stored twice
        assert plain.execute("select count(*) from events where sender_id = 'carol'").fetchone()[0] == 4 + 3 * 3
        indexes = {row[1] for row in plain.execute("PRAGMA index_list(events)")}
    assert {"ix_events_sender_time", "ix_events_sender_type_time"} <= indexes
    assert asyncio.run(store.retrieve("nobody")) is None


def test_a_turn_reads_only_the_latest_troubleshooting_state_and_the_file_keeps_them_all(tmp_path: Path):
    domain = Domain.load(str(ROOT / "domain.yml"))
    db = tmp_path / "tracker.db"
    store = SQLiteTrackerStore(domain=domain, db=str(db))
    tracker = a_conversation(domain, "dana")
    for step in ("site_permission", "reselect_device"):  # two more turns, saved as Rasa does
        tracker.update(UserUttered("nope, still the same", {"name": "deny", "confidence": 0.9}))
        tracker.update(SlotSet("flow_state", {"flow": "mic_31201", "step": step}))
        tracker.update(SlotSet("earlier_transcript", [{"who": "user", "text": step}]))
        asyncio.run(store.save(tracker))
        tracker = asyncio.run(store.retrieve("dana"))
    read = [e.value for e in tracker.events if isinstance(e, SlotSet) and e.key == "flow_state"]
    assert read == [None, None, {"flow": "mic_31201", "step": "reselect_device"}]
    assert tracker.get_slot("flow_state")["step"] == "reselect_device"
    assert [e.value for e in tracker.events if isinstance(e, SlotSet) and e.key == "earlier_transcript"][0][0]["text"] == (
        "site_permission"
    )  # other slots come back whole
    stock = asyncio.run(SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db)).retrieve("dana"))
    assert [e.type_name for e in stock.events] == [e.type_name for e in tracker.events]
    whole = [e.value["step"] for e in stock.events if isinstance(e, SlotSet) and e.key == "flow_state"]
    assert whole == ["close_apps", "site_permission", "reselect_device"]
    tracker.update(UserUttered("it works now", {"name": "affirm", "confidence": 0.9}))
    asyncio.run(store.save(tracker))  # what was read without its value is not written again
    with sqlite3.connect(db) as plain:
        assert plain.execute("select count(*) from events where sender_id = 'dana'").fetchone()[0] == len(tracker.events)
        values = [json.loads(data)["value"] for (data,) in plain.execute("select data from events where type_name = 'slot'")]
    assert None not in values and len(values) == 5
