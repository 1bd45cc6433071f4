"""A second opinion for ranking: TF-IDF over character n-grams and words (scikit-learn, in memory).

FTS5 finds sections that share exact (stemmed) words with the question; this catches typos ("microfone"),
word variants and paraphrases that share parts of words. Texts come in named groups that share one
vocabulary (each section's own text, and each section's "asked as" questions); a question is vectorised
once and compared with every group. The rankings are fused by reciprocal rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import spmatrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion


@dataclass
class SectionText:
    id: str
    """article#anchor"""
    text: str


class SimilarityIndex:
    def __init__(self, groups: dict[str, list[SectionText]]) -> None:
        self.vectorizer = FeatureUnion(
            [
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
                ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, stop_words="english")),
            ]
        )
        texts = [item.text for items in groups.values() for item in items]
        self.ids: dict[str, list[str]] = {name: [item.id for item in items] for name, items in groups.items()}
        self.matrices: dict[str, spmatrix] = {}
        if texts:
            everything = self.vectorizer.fit_transform(texts)
            start = 0
            for name, items in groups.items():
                self.matrices[name] = everything[start : start + len(items)]
                start += len(items)

    def rank(self, query: str, limit: int = 20) -> dict[str, list[tuple[str, float]]]:
        """For each group, (section id, cosine similarity), best first."""
        if not self.matrices or not query.strip():
            return {name: [] for name in self.ids}
        vector = self.vectorizer.transform([query]).T
        ranked: dict[str, list[tuple[str, float]]] = {}
        for name, matrix in self.matrices.items():
            scores = (matrix @ vector).toarray().ravel()
            order = np.argsort(-scores)[:limit]
            ranked[name] = [(self.ids[name][i], float(scores[i])) for i in order if scores[i] > 0]
        return ranked


def fuse(rankings: list[list[str]], weights: list[float], k: float = 10.0) -> list[str]:
    """Reciprocal-rank fusion: items ranked high by either list come first."""
    score: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for position, item in enumerate(ranking):
            score[item] = score.get(item, 0.0) + weight / (k + position)
    return sorted(score, key=lambda item: -score[item])
