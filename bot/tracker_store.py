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
  pysqlite's 5 s: past it Rasa silently keeps the turn in memory only (tests/test_faults.py).

Used by the endpoints file `bot serve` writes and by endpoints.yml: `type: bot.tracker_store.SQLiteTrackerStore`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT = 20
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")


def tune_connection(connection: sqlite3.Connection, _record: Any) -> None:
    for pragma in PRAGMAS:
        connection.execute(pragma)


class SQLiteTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` on a local SQLite file, with WAL, relaxed syncing and pooled connections."""

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
