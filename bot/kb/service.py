"""The knowledge base as the chat and the web page use it: search, look up, decide what is a good answer."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.kb.articles import Section
from bot.kb.index import connect
from bot.kb.search import Result, search

GOOD_SCORE = 4.0
"""Below this bm25 score the best match is too weak to present as an answer (calibrated in bench/kb.py)."""


@dataclass
class Answer:
    result: Result
    section: Section
    summary: str


class KnowledgeBase:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection: sqlite3.Connection | None = None

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = connect(self.db_path)
        return self._connection

    def available(self) -> bool:
        return self.db_path.exists()

    def search(self, text: str, limit: int = 5, offset: int = 0) -> list[Result]:
        if not self.available():
            return []
        return search(self.connection, text, limit=limit, offset=offset)

    @staticmethod
    def is_good(result: Result | None) -> bool:
        return result is not None and result.score >= GOOD_SCORE

    def section(self, article: str, anchor: str) -> Section | None:
        row = self.connection.execute(
            "select anchor, heading, position, line, markdown, body from sections where id = ?", (f"{article}#{anchor}",)
        ).fetchone()
        return Section(row[0], row[1], row[2], row[3], row[4], row[5]) if row else None

    def article(self, article: str) -> dict | None:
        row = self.connection.execute("select * from articles where id = ?", (article,)).fetchone()
        if row is None:
            return None
        data = dict(row)
        for key in ("applies_to", "causes", "error_codes", "tags", "sources"):
            data[key] = json.loads(data[key])
        data["sections"] = [
            {"anchor": r[0], "heading": r[1], "markdown": r[2]}
            for r in self.connection.execute(
                "select anchor, heading, markdown from sections where article = ? order by position", (article,)
            )
        ]
        return data
