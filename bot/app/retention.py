"""`bot retention`: delete conversations and closed tickets older than N days.

What goes: every conversation in Rasa's tracker store whose latest event is older than the cut-off (all
its events), the knowledge-base questions asked before it, and resolved tickets last changed before it
(with their history and webhook outbox rows), in the SQLite files or the shared PostgreSQL database. Open and claimed tickets stay, however old: someone still
owes the customer an answer. Deleted rows are overwritten on disk (`secure_delete`), not just unlinked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.analytics.records import TRACKER_SCHEMA, TRACKER_URL_ENV
from bot.store.database import Database, PostgresDatabase, SQLiteDatabase, Transaction, open_database

DAYS_ENV = "BOT_RETENTION_DAYS"
DEFAULT_DAYS = 90
BUSY_MS = 20_000


@dataclass
class Removed:
    conversations: int = 0
    events: int = 0
    tickets: int = 0
    questions: int = 0

    def __str__(self) -> str:
        return (
            f"removed {self.conversations} conversation(s) ({self.events} event(s)), "
            f"{self.tickets} closed ticket(s), {self.questions} knowledge question(s)"
        )


def default_days() -> int:
    try:
        return int(os.environ.get(DAYS_ENV, DEFAULT_DAYS))
    except ValueError:
        return DEFAULT_DAYS


def _conversations(tx: Transaction, cutoff: float, removed: Removed) -> None:
    old = [
        row["sender_id"]
        for row in tx.query("select sender_id from events group by sender_id having max(timestamp) < ?", [cutoff])
    ]
    for sender in old:
        removed.events += tx.execute("delete from events where sender_id = ?", [sender])
    removed.conversations += len(old)


def _tracker(path: Path) -> Database:
    """Rasa's tracker store: its PostgreSQL database when BOT_TRACKER_URL names it, else the SQLite file."""
    url = os.environ.get(TRACKER_URL_ENV, "").strip()
    return PostgresDatabase(url, pool_size=1, schema=TRACKER_SCHEMA) if url else SQLiteDatabase(path, busy_timeout=BUSY_MS / 1000)


def _tickets(tx: Transaction, cutoff: float, removed: Removed) -> None:
    before = datetime.fromtimestamp(cutoff, timezone.utc).isoformat(timespec="microseconds")
    old = [
        row["reference"]
        for row in tx.query("select reference from tickets where status = 'resolved' and updated_at < ?", [before])
    ]
    for reference in old:
        for table in ("events", "outbox"):
            tx.execute(f"delete from {table} where reference = ?", [reference])  # noqa: S608 - fixed names
        tx.execute("delete from tickets where reference = ?", [reference])
    removed.tickets += len(old)


def _questions(tx: Transaction, cutoff: float, removed: Removed) -> None:
    removed.questions += tx.execute("delete from queries where at < ?", [cutoff])


def _in_store(
    database: Database, table: str, step: Callable[[Transaction, float, Removed], None], cutoff: float, removed: Removed
) -> None:
    """Run `step` in the store's database (the shared one, or the file) if it has `table`."""
    if not database.has_table(table):
        return

    def delete(tx: Transaction) -> None:
        if tx.dialect == "sqlite":
            tx.execute("PRAGMA secure_delete = ON")
        step(tx, cutoff, removed)

    database.write(delete)


def apply_retention(days: int, tracker_db: Path, tickets_db: Path, feedback_db: Path, now: float | None = None) -> Removed:
    """Delete what is older than `days` from each store that exists; say how much went."""
    cutoff = (time.time() if now is None else now) - days * 86400
    removed = Removed()
    _in_store(_tracker(tracker_db), "events", _conversations, cutoff, removed)
    _in_store(open_database(tickets_db), "tickets", _tickets, cutoff, removed)
    _in_store(open_database(feedback_db), "queries", _questions, cutoff, removed)
    return removed
