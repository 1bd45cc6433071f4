"""A third opinion for ranking: a linear classifier from question to section, trained on the articles alone.

Nearest-neighbour similarity weighs every shared n-gram by its rarity; a classifier learns which n-grams tell
one section from its neighbours ("virtual desktop" against "windows", "our site" against "my browser"). It is
trained in memory, when the index is first searched, on each section's heading, its `asked_as` questions and
the sentences of its text, never on benchmark questions. It shares the similarity index's features, so a
question is vectorised once; scoring reads only the question's non-zero features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.svm import LinearSVC

from bot.kb.similarity import QueryVector, SimilarityIndex

SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")
MIN_SENTENCE_WORDS = 4
REGULARISATION = 1.0
"""LinearSVC's C (set on bench/kb.py's tuning sets)."""
CLASS_WEIGHT: str | None = None
TOLERANCE = 0.05
"""A loose stopping tolerance: training runs when the index is first searched, and a tighter one (1e-4) took
three times as long for the same rankings on the tuning sets."""


@dataclass
class TrainingSection:
    id: str
    """article#anchor"""
    heading: str
    """The article title and the section heading."""
    asked: list[str]
    body: str


def examples(section: TrainingSection) -> list[str]:
    """What one section is taught with: its heading, each asked-as question, each sentence with the heading."""
    sentences = (s for s in SENTENCE.split(section.body) if len(s.split()) >= MIN_SENTENCE_WORDS)
    return [section.heading, *section.asked, *(f"{section.heading} {s}" for s in sentences)]


class SectionClassifier:
    def __init__(self, ids: list[str], weights: np.ndarray, bias: np.ndarray) -> None:
        self.ids = ids
        self.weights = weights
        """Feature-major (features x sections), so a question's few features are contiguous rows: a column
        gather from the section-major matrix was ten times slower."""
        self.bias = bias

    @classmethod
    def train(cls, features: SimilarityIndex, sections: list[TrainingSection]) -> SectionClassifier:
        texts, labels = [], []
        for section in sections:
            taught = examples(section)
            texts.extend(taught)
            labels.extend([section.id] * len(taught))
        if len(set(labels)) < 2:
            return cls([], np.zeros((0, 0)), np.zeros(0))
        model = LinearSVC(C=REGULARISATION, class_weight=CLASS_WEIGHT, tol=TOLERANCE, random_state=0).fit(
            features.transform(texts), labels
        )
        weights, bias = np.asarray(model.coef_), np.asarray(model.intercept_)
        if len(model.classes_) == 2:  # a binary model has one row, for the second class
            weights, bias = np.vstack([-weights, weights]), np.concatenate([-bias, bias])
        return cls([str(label) for label in model.classes_], np.ascontiguousarray(weights.T), bias)

    def state(self) -> dict[str, np.ndarray]:
        """What `from_state` needs, as plain arrays (stored in the index by `bot kb build`)."""
        return {"ids": np.array(self.ids, dtype=str), "weights": self.weights, "bias": self.bias}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> SectionClassifier:
        return cls([str(i) for i in state["ids"]], np.ascontiguousarray(state["weights"]), state["bias"])

    def rank(self, query: QueryVector, limit: int = 20) -> list[tuple[str, float]]:
        """(section id, decision value), best first, for a question's `SimilarityIndex.vectorize` result."""
        if not self.ids or not len(query.values):
            return []
        # A weighted sum of rows, not `values @ rows`: a BLAS call may start threads that stall a busy machine.
        scores = (self.weights[query.indices] * query.values[:, None]).sum(axis=0) + self.bias
        order = np.argsort(-scores)[:limit]
        return [(self.ids[i], float(scores[i])) for i in order]
