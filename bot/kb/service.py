"""The knowledge base as the chat and the web page use it: search, look up, decide what is a good answer."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

from bot.glossary import with_glosses
from bot.kb.articles import Section
from bot.kb.index import SCHEMA_VERSION, connect, schema_version
from bot.kb.models import ASKED, SECTIONS, RankingModels, read_rows
from bot.kb.models import load as load_models
from bot.kb.search import Result, excerpt, query_terms, search
from bot.kb.similarity import fuse

GOOD_SIMILARITY = 0.15
"""Below this similarity the best match is too weak to present as an answer (set on bench/kb.py's dev set)."""
ASKED_SCALE = 0.5
"""Similarity to a section's asked-as questions is higher for the same closeness (short texts in the users'
own words): 0.30 there counts like 0.15 to the section's text."""
TOPIC = re.compile(
    r"\b(mic|mics|microphone|microphones|mike|microfone|audio|sound|voice|hear|heard|headset|headsets|headphones?|"
    r"earbuds|airpods|bluetooth|bt|usb|dongle|speaker|input|device|devices|call|calls|calling|caller|dial|dialer|"
    r"softphone|phone|permission|permissions|allow|allowed|block|blocked|denied|deny|access|privacy|error|errors|"
    r"err|code|token|jwt|auth|authorization|getusermedia|gum|enumeratedevices|devicechange|stream|track|tracks|"
    r"sdk|browser|chrome|firefox|safari|edge|https|iframe|driver|drivers|31\d{3}|20151|\w+error|"
    r"citrix|vdi|rdp|krisp|voicemeeter|webview|mdm|jamf|intune|gpo|a2dp|hfp)\b",
    re.I,
)
"""Words that alone put a question in this knowledge base's field."""
NEAR_TOPIC = re.compile(
    r"\b(windows|win10|win11|mac|macos|macbook|linux|chromebook|android|iphone|ipad|exclusive|mode|settings?|"
    r"zoom|teams|discord|skype|obs|app|apps|tab|tabs|site|website|page|reload|restart|system|plugged|unplugged)\b",
    re.I,
)
"""Words that put a question in the field only when two of them appear together."""


CAMEL_HUMP = re.compile(r"\b[a-z]{2,}[A-Z]\w*")
"""An API name like testAudioInputDevice: its words count too (iPhone and iPad stay whole)."""
CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")


SOUND = re.compile(
    r"\b(mic|mics|microphones?|mike|audio|sound|voice|hear|heard|headsets?|headphones?|earbuds|airpods|speak|talk|"
    r"getusermedia)\b",
    re.I,
)
ELSEWHERE = re.compile(r"\b(camera|cameras|webcam|video|sms|texts?|messages?|messaging)\b", re.I)
ERROR_CODE = re.compile(r"\b\d{5}\b")
KNOWN_CODES = frozenset("31201 31202 31204 31205 31207 31208 31401 31402 20151 53405 31003 31901 53000".split())
"""The Twilio codes the articles discuss."""


def on_topic(question: str) -> bool:
    if not SOUND.search(question) and (ELSEWHERE.search(question) or _only_other_codes(question)):
        return False  # a camera, messaging or other-error question that says nothing about sound is not ours
    humps = " ".join(CASE_CHANGE.sub(" ", name) for name in CAMEL_HUMP.findall(question))
    if TOPIC.search(question) or TOPIC.search(humps):
        return True
    return len(NEAR_TOPIC.findall(question)) >= 2


def _only_other_codes(question: str) -> bool:
    codes = set(ERROR_CODE.findall(question))
    return bool(codes) and not codes & KNOWN_CODES


FTS_WEIGHT = 1.0
SIMILARITY_WEIGHT = 1.0
ASKED_WEIGHT = 2.0
CLASSIFIER_WEIGHT = 2.0
MEANING_WEIGHT = 4.0
FUSION_K = 3.0
"""Reciprocal-rank fusion of five rankings: FTS5, similarity to the section's own text, similarity to the ways
people ask for it (its heading and `asked_as` questions as one text), the section classifier trained on both
(bot/kb/classifier.py), and closeness in meaning (bot/kb/meaning.py), which weighs most: it is the one opinion that
needs no shared words, and questions from people who never read the articles share few (dev3 and heldout-dev). A small k lets a clear first place count. All weights were set on bench/kb.py's tuning
sets (dev and heldout-dev)."""
DEVELOPER_PRIOR = 0.8
"""A developer section's fused score is multiplied by 1 + DEVELOPER_PRIOR x the chance that the question is a
developer's (bot/kb/audience.py; set on the tuning sets)."""
INTRO_PRIOR = 0.8
"""An introduction's fused score is multiplied by this: an introduction shares words with every section of its article
but is the best answer to few questions (about one in sixteen on the tuning sets, against one section in six being
an introduction), so a specific section that ranks as well should come first (set on the tuning sets)."""
PAIR_PRIOR = 2.0
"""A section whose heading names every error code of a question that names two or more ("31402 vs 31201") is the
comparison that was asked for; its fused score is multiplied by this."""


@dataclass
class Answer:
    result: Result
    section: Section
    summary: str


class KnowledgeBase:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._connection: sqlite3.Connection | None = None
        self._models: RankingModels | None = None
        self._sections: dict[str, Result] = {}
        self._bodies: dict[str, str] = {}
        self._current = False

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = connect(self.db_path)
        return self._connection

    def available(self) -> bool:
        """An index exists in the layout this code reads (an older one waits for `bot kb build`)."""
        if not self._current:
            self._current = self.db_path.exists() and schema_version(self.db_path) == SCHEMA_VERSION
        return self._current

    @property
    def models(self) -> RankingModels:
        """Built on first use, from the weights `bot kb build` stored (or trained now for an older index)."""
        if self._models is None:
            rows = read_rows(self.connection)
            # Kept in memory with the models: building results needs no further queries.
            self._sections = {
                r.id: Result(r.article, r.anchor, r.title, r.heading, "", f"/kb/{r.article}#{r.anchor}", 0.0) for r in rows
            }
            self._bodies = {r.id: r.body for r in rows}
            self._models = load_models(self.connection, rows)
        return self._models

    def search(self, text: str, limit: int = 5, offset: int = 0) -> list[Result]:
        """Best sections first: FTS5 ranking fused with text similarity.

        `score` says how close the best section is to the question (to its text, or to the ways people ask
        for it); the others get that scaled by their fused rank score, so scores fall with the order.
        """
        if not self.available():
            return []
        text = with_glosses(text)
        terms = query_terms(text)
        fts = search(self.connection, text, limit=30, snippets=False)
        models = self.models
        query = models.similarity.vectorize(f"{text} {' '.join(terms)}")
        ranked = models.similarity.rank(query, limit=30)
        similar, asked = dict(ranked[SECTIONS]), dict(ranked[ASKED])
        classified = [section_id for section_id, _ in models.classifier.rank(query, limit=30)]
        meant = models.meaning.rank(text, limit=30) if models.meaning is not None else []
        order = fuse(
            [[f"{r.article}#{r.section}" for r in fts], list(similar), list(asked), classified, meant],
            [FTS_WEIGHT, SIMILARITY_WEIGHT, ASKED_WEIGHT, CLASSIFIER_WEIGHT, MEANING_WEIGHT],
            k=FUSION_K,
        )
        order = self._apply_priors(order, models.audience.developer(query), _codes(text))
        if not order:
            return []
        best_id, best_fused = order[0]
        confidence = max(similar.get(best_id, 0.0), ASKED_SCALE * asked.get(best_id, 0.0))
        results = []
        for section_id, fused in order[offset : offset + limit]:
            if section_id in self._sections:
                snippet = excerpt(self._bodies[section_id], terms)
                score = round(confidence * fused / best_fused, 3)
                results.append(replace(self._sections[section_id], snippet=snippet, score=score))
        return results

    def _apply_priors(self, order: list[tuple[str, float]], developer: float, codes: set[str]) -> list[tuple[str, float]]:
        """Developer sections lifted as far as the question reads like a developer's; introductions lowered; the
        comparison of the codes asked about lifted."""
        lift = 1.0 + DEVELOPER_PRIOR * developer
        developer_sections = self.models.audience.developer_sections
        weighted = [
            (section_id, fused * _prior(section_id, developer_sections, lift) * self._pair_prior(section_id, codes))
            for section_id, fused in order
        ]
        return sorted(weighted, key=lambda pair: -pair[1])

    def _pair_prior(self, section_id: str, codes: set[str]) -> float:
        section = self._sections.get(section_id)
        if len(codes) < 2 or section is None:
            return 1.0
        return PAIR_PRIOR if codes <= set(ERROR_CODE.findall(section.heading)) else 1.0

    @staticmethod
    def is_good(result: Result | None, question: str) -> bool:
        """Worth presenting as an answer: on topic, and similar enough to the question."""
        return result is not None and result.score >= GOOD_SIMILARITY and on_topic(with_glosses(question))

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


def _codes(question: str) -> set[str]:
    """The error codes the articles discuss that a question names."""
    return set(ERROR_CODE.findall(question)) & KNOWN_CODES


def _prior(section_id: str, developer_sections: set[str], lift: float) -> float:
    weight = lift if section_id in developer_sections else 1.0
    return weight * INTRO_PRIOR if section_id.endswith("#intro") else weight
