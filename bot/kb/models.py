"""The in-memory ranking models of one index: text similarity, closeness in meaning, the section classifier and the
audience prior.

All four are built from the indexed sections alone. Fitting the TF-IDF features is quick and done wherever
the index is opened; training the two linear models takes seconds, so `bot kb build` trains them once and stores
their weights in the index with a fingerprint of the texts and settings they were trained on. An index whose
stored weights do not match (an older build, an edited article, changed settings) is trained in memory instead.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from bot.kb import audience as audience_settings
from bot.kb import classifier as classifier_settings
from bot.kb.audience import AskedSection, AudienceModel
from bot.kb.classifier import SectionClassifier, TrainingSection
from bot.kb.meaning import MeaningIndex
from bot.kb.similarity import SectionText, SimilarityIndex
from bot.vectors import installed_vectors

SECTIONS, ASKED = "sections", "asked"
MODEL_VERSION = "1"
"""Part of the fingerprint: change it when training changes in a way the settings below do not show."""
ROWS = (
    "select s.id, s.title, s.heading, s.keywords, s.body, s.asked, s.article, s.anchor, a.audience"
    " from sections s join articles a on a.id = s.article order by s.id"
)
TABLE = "models"


@dataclass
class SectionRow:
    id: str
    title: str
    heading: str
    keywords: str
    body: str
    asked: list[str]
    article: str
    anchor: str
    audience: str


def read_rows(connection: sqlite3.Connection) -> list[SectionRow]:
    return [
        SectionRow(r[0], r[1], r[2], r[3] or "", r[4], (r[5] or "").splitlines(), r[6], r[7], r[8])
        for r in connection.execute(ROWS).fetchall()
    ]


def fingerprint(rows: list[SectionRow]) -> str:
    """Changes whenever the texts, audiences or training settings that the stored weights depend on change."""
    digest = hashlib.sha256()
    settings = (
        MODEL_VERSION,
        classifier_settings.REGULARISATION,
        classifier_settings.CLASS_WEIGHT,
        classifier_settings.TOLERANCE,
        classifier_settings.MIN_SENTENCE_WORDS,
        audience_settings.REGULARISATION,
    )
    digest.update(repr(settings).encode())
    for row in rows:
        digest.update(repr((row.id, row.title, row.heading, row.keywords, row.body, row.asked, row.audience)).encode())
    return digest.hexdigest()


class RankingModels:
    def __init__(self, rows: list[SectionRow], stored: dict[str, dict[str, np.ndarray]] | None = None) -> None:
        self.similarity = SimilarityIndex(
            {
                SECTIONS: [SectionText(r.id, f"{r.title} {r.heading} {r.heading} {r.keywords} {r.body}") for r in rows],
                ASKED: [SectionText(r.id, "\n".join([r.heading, *r.asked])) for r in rows],
            }
        )
        self._rows = rows
        if stored is not None:
            self.classifier = SectionClassifier.from_state(stored["classifier"])
            self.audience = AudienceModel.from_state(stored["audience"])
            return
        taught = [TrainingSection(r.id, f"{r.title} {r.heading}", r.asked, r.body) for r in rows]
        self.classifier = SectionClassifier.train(self.similarity, taught)
        self.audience = AudienceModel.train(self.similarity, [AskedSection(r.id, r.audience, r.asked) for r in rows])

    @cached_property
    def meaning(self) -> MeaningIndex | None:
        """Built when a search first needs it: `bot kb build` only stores the two linear models' weights."""
        vectors = installed_vectors()
        if vectors is None:
            return None
        texts = {r.id: f"{r.title} {r.heading} {r.body} {r.keywords}" for r in self._rows}
        return MeaningIndex(vectors, texts, {r.id: [r.heading, *r.asked] for r in self._rows})

    def state(self) -> dict[str, dict[str, np.ndarray]]:
        return {"classifier": self.classifier.state(), "audience": self.audience.state()}


def store(connection: sqlite3.Connection, rows: list[SectionRow]) -> bool:
    """Train and store the models unless weights for exactly these rows are stored already; True if it trained."""
    connection.execute(f"create table if not exists {TABLE} (name text primary key, fingerprint text, data blob)")
    wanted = fingerprint(rows)
    if _stored_fingerprints(connection) == {wanted}:
        return False
    connection.execute(f"delete from {TABLE}")  # noqa: S608 - a constant table name
    for name, arrays in RankingModels(rows).state().items():
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)  # plain arrays, never pickles
        connection.execute(f"insert into {TABLE} values (?, ?, ?)", (name, wanted, buffer.getvalue()))  # noqa: S608
    return True


def load(connection: sqlite3.Connection, rows: list[SectionRow]) -> RankingModels:
    """The models for these rows: stored weights when they match, otherwise trained now."""
    try:
        stored = connection.execute(f"select name, fingerprint, data from {TABLE}").fetchall()  # noqa: S608
    except sqlite3.OperationalError:  # an index built before the models were stored
        stored = []
    wanted = fingerprint(rows)
    arrays = {name: dict(np.load(io.BytesIO(data), allow_pickle=False)) for name, found, data in stored if found == wanted}
    return RankingModels(rows, arrays if set(arrays) == {"classifier", "audience"} else None)


def _stored_fingerprints(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute(f"select fingerprint from {TABLE}")}  # noqa: S608
