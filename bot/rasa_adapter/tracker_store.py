"""Rasa's SQL tracker store on SQLite, tuned for many short writes.

Rasa writes the tracker after every message. Its stock SQLite setup opens a new connection for each
read and write and syncs the rollback journal to disk on every commit, which made the commit the
largest cost of a reply after the action call (bench/load.py). This store keeps the same table and
rows (any Rasa can read the file), and:

- puts the file in WAL mode with `synchronous=NORMAL`: a commit no longer waits for the disk. A
  crashed or restarted Rasa loses nothing; only an operating-system crash or power cut can lose the
  last moments of conversations, which the user then repeats;
- keeps pooled connections instead of opening one per query;
- waits up to BUSY_TIMEOUT seconds for another writer (a second process such as `rasa shell`). Not
  pysqlite's 5 s: past it Rasa silently keeps the turn in memory only (tests/test_faults.py);
- reads the current session with one plain SQL query over two indexes (sender and time; sender, type and
  time), instead of building an ORM object per event after scanning every event the sender ever had: with
  sessions of bounded length (bot/rasa_adapter/sessions.py) a message then costs the same at turn 1,000 as at turn 10.
  Same rows, same order (by id), same session rule as Rasa's (events from the latest `session_started` on);
- does not decode the superseded values of the `flow_state` slot (LATEST_ONLY): the session's rows are read as they
  are, except that an older `flow_state` event comes back with no value. Rasa keeps a slot's latest value, and
  nothing in a turn reads an earlier one (the slot does not influence the policy, the action gets the latest, a
  new session carries the latest); decoding each turn's copy of the troubleshooting state, undo history and all,
  was most of what reading a session cost (py-spy, bench/load.py). The rows keep every value: Rasa's tracker
  endpoint (GET /conversations/<id>/tracker, `retrieve_full_tracker`), stock Rasa and `bot report` read them
  whole; only the API calls that act on a conversation (`.../tracker/events`, `.../execute`) see the older ones empty;
- writes a turn's new events in one plain INSERT from one writer thread, off Rasa's event loop: a commit (and
  the WAL checkpoint that now and then comes with it, which waits for the disk) held up every other
  conversation; under load on a shared disk it was a quarter of the Rasa process's busy time (py-spy,
  bench/load.py at 50 users). One thread, so writes keep their order; Rasa holds the conversation's lock until
  `save` returns, so a conversation's next message still reads what this one wrote.

Used by the endpoints file `bot serve` writes and by endpoints.yml: `type: bot.rasa_adapter.tracker_store.SQLiteTrackerStore`.
"""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

from bot.chat.protocol import STATE_SLOT
from bot.rasa_adapter import json_codec

BUSY_TIMEOUT = 20
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_sender_time ON events (sender_id, timestamp)",
    "CREATE INDEX IF NOT EXISTS ix_events_sender_type_time ON events (sender_id, type_name, timestamp)",
)
SESSION = """FROM events WHERE sender_id = :sender AND timestamp >= coalesce(
    (SELECT max(timestamp) FROM events WHERE sender_id = :sender AND type_name = 'session_started'), -1e300)"""
"""The current session's events (all of them when no session has started), as Rasa's `_event_query` selects them
(Rasa gives every event a timestamp)."""
LATEST_ONLY = STATE_SLOT
"""The slot whose superseded values a turn does not read back."""
READ_SESSION = f"""SELECT CASE WHEN type_name = 'slot' AND action_name = :latest_only AND id < (
        SELECT max(id) FROM events WHERE sender_id = :sender AND type_name = 'slot' AND action_name = :latest_only
    ) THEN NULL ELSE data END, timestamp, action_name {SESSION} ORDER BY id"""  # noqa: S608 - constants, values bound
INSERT = """INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data)
    VALUES (:sender_id, :type_name, :timestamp, :intent_name, :action_name, :data)"""
WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracker-writer")


def tune_connection(connection: sqlite3.Connection, _record: Any) -> None:
    for pragma in PRAGMAS:
        connection.execute(pragma)


class SQLiteTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` on a local SQLite file, with WAL, relaxed syncing and pooled connections."""

    engine: sa.engine.Engine

    def __init__(self, *args: Any, db: str = "rasa.db", **kwargs: Any) -> None:
        kwargs["dialect"] = "sqlite"
        super().__init__(*args, db=db, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        # Rasa calls the store from its event loop thread only; the pool hands a connection to one
        # session at a time, so sharing connections across threads is safe.
        self.engine = sa.create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", tune_connection)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        with self.engine.begin() as connection:
            for index in INDEXES:
                connection.exec_driver_sql(index)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The current session (Rasa's `retrieve`, in one plain query)."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.text(READ_SESSION), {"sender": sender_id, "latest_only": LATEST_ONLY}).fetchall()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [read_event(*row) for row in rows], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """The tracker's events not stored yet, written in the writer thread (Rasa's `save`, same rows)."""
        await self.stream_events(tracker)
        events = list(tracker.events)  # as they are now: the loop may go on changing the tracker
        await asyncio.get_running_loop().run_in_executor(WRITER, self._store_new, tracker.sender_id, events)

    def _store_new(self, sender_id: str, events: list[Event]) -> None:
        with self.engine.begin() as connection:
            stored = connection.execute(sa.text(f"SELECT count(*) {SESSION}"), {"sender": sender_id}).scalar() or 0
            rows = [event_row(sender_id, event) for event in events[stored:]]
            if rows:
                connection.execute(sa.text(INSERT), rows)


def read_event(data: str | None, timestamp: float, slot: str) -> dict[str, Any]:
    """An event as stored, or (no data) a superseded slot value as an event with no value."""
    if data is None:
        return {"event": "slot", "timestamp": timestamp, "name": slot, "value": None}
    return json_codec.loads(data)


def event_row(sender_id: str, event: Event) -> dict[str, Any]:
    """One `events` row, with the columns Rasa's own `save` fills."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": (data.get("parse_data") or {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json_codec.dumps(data),
    }
