"""`bot retention`: delete conversations and closed tickets older than N days.

What goes: every conversation in Rasa's tracker store whose latest event is older than the cut-off (all
its events), the knowledge-base questions asked before it, and resolved tickets last changed before it
(with their history and webhook outbox rows). Open and claimed tickets stay, however old: someone still
owes the customer an answer. Deleted rows are overwritten on disk (`secure_delete`), not just unlinked.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

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


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    connection.execute("PRAGMA secure_delete = ON")
    return connection


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}


def _conversations(path: Path, cutoff: float, removed: Removed) -> None:
    with closing(_open(path)) as db, db:
        if "events" not in _tables(db):
            return
        old = [row[0] for row in db.execute("select sender_id from events group by sender_id having max(timestamp) < ?", [cutoff])]
        for sender in old:
            removed.events += db.execute("delete from events where sender_id = ?", [sender]).rowcount
        removed.conversations += len(old)


def _tickets(path: Path, cutoff: float, removed: Removed) -> None:
    before = datetime.fromtimestamp(cutoff, timezone.utc).isoformat(timespec="microseconds")
    with closing(_open(path)) as db, db:
        if "tickets" not in _tables(db):
            return
        old = [row[0] for row in db.execute("select reference from tickets where status = 'resolved' and updated_at < ?", [before])]
        for reference in old:
            for table in ("events", "outbox"):
                db.execute(f"delete from {table} where reference = ?", [reference])  # noqa: S608 - fixed names
            db.execute("delete from tickets where reference = ?", [reference])
        removed.tickets += len(old)


def _questions(path: Path, cutoff: float, removed: Removed) -> None:
    with closing(_open(path)) as db, db:
        if "queries" in _tables(db):
            removed.questions += db.execute("delete from queries where at < ?", [cutoff]).rowcount


def apply_retention(
    days: int, tracker_db: Path, tickets_db: Path, feedback_db: Path, now: float | None = None
) -> Removed:
    """Delete what is older than `days` from each store that exists; say how much went."""
    cutoff = (time.time() if now is None else now) - days * 86400
    removed = Removed()
    for path, step in ((tracker_db, _conversations), (tickets_db, _tickets), (feedback_db, _questions)):
        if path.is_file():
            step(path, cutoff, removed)
    return removed
