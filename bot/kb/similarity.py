"""A second opinion for ranking: TF-IDF over character n-grams and words (scikit-learn, in memory).

FTS5 finds sections that share exact (stemmed) words with the question; this catches typos ("microfone"),
word variants and paraphrases that share parts of words. The two rankings are fused by reciprocal rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion


@dataclass
class SectionText:
    id: str
    """article#anchor"""
    text: str


class SimilarityIndex:
    def __init__(self, sections: list[SectionText]) -> None:
        self.ids = [s.id for s in sections]
        self.vectorizer = FeatureUnion(
            [
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
                ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, stop_words="english")),
            ]
        )
        self.matrix = self.vectorizer.fit_transform([s.text for s in sections]) if sections else None

    def rank(self, query: str, limit: int = 20) -> list[tuple[str, float]]:
        """(section id, cosine similarity), best first."""
        if self.matrix is None or not query.strip():
            return []
        scores = (self.matrix @ self.vectorizer.transform([query]).T).toarray().ravel()
        order = np.argsort(-scores)[:limit]
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]


def fuse(rankings: list[list[str]], weights: list[float], k: float = 10.0) -> list[str]:
    """Reciprocal-rank fusion: items ranked high by either list come first."""
    score: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for position, item in enumerate(ranking):
            score[item] = score.get(item, 0.0) + weight / (k + position)
    return sorted(score, key=lambda item: -score[item])
