"""The knowledge base as the chat and the web page use it: search, look up, decide what is a good answer."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.kb.articles import Section
from bot.kb.index import connect
from bot.kb.search import Result, add_snippets, query_terms, search
from bot.kb.similarity import SectionText, SimilarityIndex, fuse

GOOD_SIMILARITY = 0.15
"""Below this similarity the best match is too weak to present as an answer (set on bench/kb.py's dev set)."""
TOPIC = re.compile(
    r"\b(mic|mics|microphone|microphones|mike|microfone|audio|sound|voice|hear|heard|headset|headsets|headphones?|"
    r"earbuds|airpods|bluetooth|bt|usb|dongle|speaker|input|device|devices|call|calls|calling|caller|dial|dialer|"
    r"softphone|phone|permission|permissions|allow|allowed|block|blocked|denied|deny|access|privacy|error|errors|"
    r"err|code|token|jwt|auth|authorization|getusermedia|gum|enumeratedevices|devicechange|stream|track|tracks|"
    r"sdk|browser|chrome|firefox|safari|edge|https|iframe|driver|drivers|31\d{3}|20151|\w+error)\b",
    re.I,
)
"""Words that alone put a question in this knowledge base's field."""
NEAR_TOPIC = re.compile(
    r"\b(windows|win10|win11|mac|macos|macbook|linux|chromebook|android|iphone|ipad|exclusive|mode|settings?|"
    r"zoom|teams|discord|skype|obs|app|apps|tab|tabs|site|website|page|reload|restart|system|plugged|unplugged)\b",
    re.I,
)
"""Words that put a question in the field only when two of them appear together."""


def on_topic(question: str) -> bool:
    return bool(TOPIC.search(question)) or len(NEAR_TOPIC.findall(question)) >= 2


SIMILARITY_WEIGHT = 0.5
ASKED_WEIGHT = 2.0
FUSION_K = 3.0
"""Reciprocal-rank fusion of three rankings: FTS5 (weight 1), similarity to the section's own text, and
similarity to the ways people ask for it (its heading and `asked_as` questions as one text), which is the
strongest signal. A small k lets a clear first place count (set on bench/kb.py's dev set)."""
SECTIONS, ASKED = "sections", "asked"


@dataclass
class Answer:
    result: Result
    section: Section
    summary: str


class KnowledgeBase:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection: sqlite3.Connection | None = None
        self._similarity: SimilarityIndex | None = None

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = connect(self.db_path)
        return self._connection

    def available(self) -> bool:
        return self.db_path.exists()

    @property
    def similarity(self) -> SimilarityIndex:
        if self._similarity is None:
            rows = self.connection.execute("select id, title, heading, keywords, body, asked from sections").fetchall()
            sections = [SectionText(r[0], f"{r[1]} {r[2]} {r[2]} {r[3]} {r[4]}") for r in rows]
            asked = [SectionText(r[0], f"{r[2]}\n{r[5] or ''}") for r in rows]
            self._similarity = SimilarityIndex({SECTIONS: sections, ASKED: asked})
        return self._similarity

    def search(self, text: str, limit: int = 5, offset: int = 0) -> list[Result]:
        """Best sections first: FTS5 ranking fused with text similarity. `score` is the similarity."""
        if not self.available():
            return []
        terms = query_terms(text)
        fts = search(self.connection, text, limit=30, snippets=False)
        ranked = self.similarity.rank(f"{text} {' '.join(terms)}", limit=30)
        similar, asked = dict(ranked[SECTIONS]), dict(ranked[ASKED])
        order = fuse(
            [[f"{r.article}#{r.section}" for r in fts], list(similar), list(asked)], [1.0, SIMILARITY_WEIGHT, ASKED_WEIGHT],
            k=FUSION_K,
        )
        by_id = {f"{r.article}#{r.section}": r for r in fts}
        results = []
        for section_id in order[offset : offset + limit]:
            result = by_id.get(section_id) or self._result(section_id)
            if result is not None:
                result.score = round(similar.get(section_id, 0.0), 3)
                results.append(result)
        add_snippets(self.connection, text, results)
        return results

    def _result(self, section_id: str) -> Result | None:
        row = self.connection.execute(
            "select article, anchor, title, heading, substr(body, 1, 160) from sections where id = ?", (section_id,)
        ).fetchone()
        return Result(row[0], row[1], row[2], row[3], row[4], f"/kb/{row[0]}#{row[1]}", 0.0) if row else None

    @staticmethod
    def is_good(result: Result | None, question: str) -> bool:
        """Worth presenting as an answer: on topic, and similar enough to the question."""
        return result is not None and result.score >= GOOD_SIMILARITY and on_topic(question)

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
