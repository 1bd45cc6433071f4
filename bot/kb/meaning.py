"""A fourth opinion for ranking: closeness in meaning to each section's text and to the ways people ask for it. It is
the one ranking that needs no shared words. The meaning comes from the sentence model (bot/sentences.py), or from the
word vectors (bot/vectors.py) where the model is not installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """What users type, as unit vectors (zeros for a text with no tokens)."""

    def embed_known(self, texts: Sequence[str]) -> np.ndarray:
        """The knowledge base's own texts (an embedder may keep these between processes)."""


class MeaningIndex:
    """Sections ranked by closeness in meaning to a question: the mean of the closeness to the section's own text
    and to the nearest of the ways people ask for it (its heading and asked-as questions)."""

    def __init__(self, embedder: Embedder, texts: dict[str, str], asked: dict[str, list[str]]) -> None:
        self.embedder = embedder
        self.ids = list(texts)
        owners = [(row, question) for row, i in enumerate(self.ids) for question in asked.get(i, [])]
        known = embedder.embed_known([texts[i] for i in self.ids] + [question for _, question in owners])
        self.texts, self.asked = known[: len(self.ids)], known[len(self.ids) :]
        self.asked_owner = np.array([row for row, _ in owners], dtype=np.intp)

    def rank(self, question: str, limit: int = 30) -> list[str]:
        """Section ids, closest first (nothing for a question without tokens)."""
        query = self.embedder.embed([question])[0]
        if not query.any() or not self.ids:
            return []
        nearest_asked = np.full(len(self.ids), -1.0, dtype=np.float32)
        np.maximum.at(nearest_asked, self.asked_owner, self.asked @ query)
        closeness = (self.texts @ query + nearest_asked) / 2
        return [self.ids[i] for i in np.argsort(-closeness, kind="stable")[:limit]]
