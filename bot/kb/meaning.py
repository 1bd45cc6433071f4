"""A fourth opinion for ranking: closeness in meaning (word vectors, bot/vectors.py) to each section's text and to the
ways people ask for it. It is the one ranking that needs no shared words.
"""

from __future__ import annotations

import numpy as np

from bot.vectors import WordVectors


class MeaningIndex:
    """Sections ranked by closeness in meaning to a question: the mean of the closeness to the section's own text
    and to the nearest of the ways people ask for it (its heading and asked-as questions)."""

    def __init__(self, vectors: WordVectors, texts: dict[str, str], asked: dict[str, list[str]]) -> None:
        self.vectors = vectors
        self.ids = list(texts)
        self.texts = vectors.embed([texts[i] for i in self.ids])
        owners = [(row, question) for row, i in enumerate(self.ids) for question in asked.get(i, [])]
        self.asked = vectors.embed([question for _, question in owners])
        self.asked_owner = np.array([row for row, _ in owners], dtype=np.intp)

    def rank(self, question: str, limit: int = 30) -> list[str]:
        """Section ids, closest first (nothing for a question without tokens)."""
        query = self.vectors.embed([question])[0]
        if not query.any() or not self.ids:
            return []
        nearest_asked = np.full(len(self.ids), -1.0, dtype=np.float32)
        np.maximum.at(nearest_asked, self.asked_owner, self.asked @ query)
        closeness = (self.texts @ query + nearest_asked) / 2
        return [self.ids[i] for i in np.argsort(-closeness, kind="stable")[:limit]]
