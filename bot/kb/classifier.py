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
    def __init__(self, features: SimilarityIndex, sections: list[TrainingSection]) -> None:
        texts, labels = [], []
        for section in sections:
            taught = examples(section)
            texts.extend(taught)
            labels.extend([section.id] * len(taught))
        self.features = features
        self.ids: list[str] = []
        self.weights, self.bias = np.zeros((0, 0)), np.zeros(0)
        if len(set(labels)) >= 2:
            model = LinearSVC(C=REGULARISATION, class_weight=CLASS_WEIGHT).fit(features.transform(texts), labels)
            self.ids = [str(label) for label in model.classes_]
            self.weights, self.bias = np.asarray(model.coef_), np.asarray(model.intercept_)
            if len(self.ids) == 2:  # a binary model has one row, for the second class
                self.weights, self.bias = np.vstack([-self.weights, self.weights]), np.concatenate([-self.bias, self.bias])
            # Feature-major, so a question's few features are contiguous rows (a column gather is ten times slower).
            self.weights = np.ascontiguousarray(self.weights.T)

    def rank(self, query: QueryVector, limit: int = 20) -> list[tuple[str, float]]:
        """(section id, decision value), best first, for a question's `SimilarityIndex.vectorize` result."""
        if not self.ids or not len(query.values):
            return []
        # A weighted sum of rows, not `values @ rows`: a BLAS call may start threads that stall a busy machine.
        scores = (self.weights[query.indices] * query.values[:, None]).sum(axis=0) + self.bias
        order = np.argsort(-scores)[:limit]
        return [(self.ids[i], float(scores[i])) for i in order]
