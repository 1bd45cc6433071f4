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
  Same rows, same order (by id), same session rule as Rasa's (events from the latest `session_started` on).

Used by the endpoints file `bot serve` writes and by endpoints.yml: `type: bot.rasa_adapter.tracker_store.SQLiteTrackerStore`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

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
            rows = connection.execute(sa.text(f"SELECT data {SESSION} ORDER BY id"), {"sender": sender_id}).fetchall()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(data) for (data,) in rows], self.domain.slots)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        """The tracker's events not stored yet: those past the current session's stored ones."""
        stored = session.execute(sa.text(f"SELECT count(*) {SESSION}"), {"sender": tracker.sender_id}).scalar() or 0
        return list(tracker.events)[stored:]
