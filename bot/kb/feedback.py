"""What people asked and whether the answer helped: the raw material for `bot kb gaps`.

Kept in its own SQLite file, apart from the index, because the index is rebuilt and replaced.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import sqlite_utils

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
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.db.enable_wal()
        self.db["queries"].create(SCHEMA, pk="id", if_not_exists=True)
        self.db["queries"].create_index(["normalised"], if_not_exists=True)

    def record_query(
        self, conversation: str, query: str, article: str | None, section: str | None, score: float | None, answered: bool
    ) -> int:
        table = self.db["queries"]
        table.insert(
            {
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
        )
        return int(table.last_pk)

    def record_feedback(self, query_id: int, helped: bool) -> None:
        self.db["queries"].update(query_id, {"feedback": "helped" if helped else "not_helped"})

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
