"""What people asked and whether the answer helped: the raw material for `bot kb gaps`.

Kept in its own SQLite file, apart from the index, because the index is rebuilt and replaced.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import sqlite_utils

from bot.dbretry import BUSY_TIMEOUT, retry_locked

SCHEMA = {
    "id": int,
    "at": float,
    "conversation": str,
    "query": str,
    "normalised": str,
    "article": str,
    "section": str,
    "score": float,
    "answered": int,
    "feedback": str,
}


def normalise(query: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", query.lower())).strip()[:300]


class FeedbackStore:
    """Shared by every action-server process: each write waits for, then retries around, other writers."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(sqlite3.connect(str(path), timeout=busy_timeout))
        self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        retry_locked(self._initialise)

    def _initialise(self) -> None:
        self.db.enable_wal()
        self.db["queries"].create(SCHEMA, pk="id", if_not_exists=True)
        self.db["queries"].create_index(["normalised"], if_not_exists=True)

    def record_query(
        self, conversation: str, query: str, article: str | None, section: str | None, score: float | None, answered: bool
    ) -> int:
        row = {
            "at": time.time(),
            "conversation": conversation,
            "query": query[:1000],
            "normalised": normalise(query),
            "article": article or "",
            "section": section or "",
            "score": score or 0.0,
            "answered": int(answered),
            "feedback": "",
        }
        return retry_locked(lambda: int(self.db["queries"].insert(row).last_pk))

    def record_feedback(self, query_id: int, helped: bool) -> None:
        retry_locked(lambda: self.db["queries"].update(query_id, {"feedback": "helped" if helped else "not_helped"}))

    def gaps(self, limit: int = 20) -> list[dict]:
        """Queries with no good answer or with negative feedback, most frequent first."""
        return list(
            self.db.query(
                """select normalised as query, count(*) as times,
                      sum(answered = 0) as unanswered, sum(feedback = 'not_helped') as not_helped,
                      max(query) as example
               from queries where answered = 0 or feedback = 'not_helped'
               group by normalised order by times desc, max(at) desc limit ?""",
                [limit],
            )
        )
