"""What people asked and whether the answer helped: the raw material for `bot kb gaps`.

Kept in its own SQLite file, apart from the index, because the index is rebuilt and replaced; or in the
shared PostgreSQL database (BOT_DATABASE_URL, bot/store/database.py).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from bot.store.database import Database, Migration, SQLiteDatabase, open_database
from bot.store.retry import BUSY_TIMEOUT


def normalise(query: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", query.lower())).strip()[:300]


MIGRATIONS = (
    Migration(
        1,
        (
            "CREATE TABLE IF NOT EXISTS queries (id {id}, at {float}, conversation TEXT, query TEXT, normalised TEXT,"
            " article TEXT, section TEXT, score {float}, answered INTEGER, feedback TEXT)",
            "CREATE INDEX IF NOT EXISTS idx_queries_normalised ON queries (normalised)",
        ),
    ),
)


class FeedbackStore:
    """Shared by every action-server process (and, on PostgreSQL, every host): the conversation keeps the id
    of its question's row for the later "That helped", so all of them must write to the same store."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT, database: Database | None = None) -> None:
        self.database = database or open_database(path)
        if isinstance(self.database, SQLiteDatabase):
            self.database.busy_timeout = busy_timeout
        self.database.migrate("feedback", MIGRATIONS)

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
        return int(self.database.write(lambda tx: tx.insert("queries", row, key="id")))

    def record_feedback(self, query_id: int, helped: bool) -> None:
        verdict = "helped" if helped else "not_helped"
        self.database.write(lambda tx: tx.execute("update queries set feedback = ? where id = ?", [verdict, query_id]))

    def gaps(self, limit: int = 20) -> list[dict]:
        """Queries with no good answer or with negative feedback, most frequent first."""
        query = """select normalised as query, count(*) as times,
                      sum(case when answered = 0 then 1 else 0 end) as unanswered,
                      sum(case when feedback = 'not_helped' then 1 else 0 end) as not_helped,
                      max(query) as example
               from queries where answered = 0 or feedback = 'not_helped'
               group by normalised order by times desc, max(at) desc limit ?"""
        return [
            {**row, "times": int(row["times"]), "unanswered": int(row["unanswered"]), "not_helped": int(row["not_helped"])}
            for row in self.database.read(lambda tx: tx.query(query, [limit]))
        ]
