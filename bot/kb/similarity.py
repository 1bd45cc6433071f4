"""A second opinion for ranking: TF-IDF over character n-grams and words (scikit-learn, in memory).

FTS5 finds sections that share exact (stemmed) words with the question; this catches typos ("microfone"),
word variants and paraphrases that share parts of words. Texts come in named groups that share one
vocabulary (each section's own text, and each section's "asked as" questions); a question is vectorised
once and compared with every group. The rankings are fused by reciprocal rank.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass
class QueryVector:
    """A question in the index's feature space: one dense vector per vectoriser (for the similarity products)
    and the same non-zero weights as positions in the vectorisers' features side by side (for linear models)."""

    dense: list[np.ndarray]
    indices: np.ndarray
    values: np.ndarray


@dataclass
class SectionText:
    id: str
    """article#anchor"""
    text: str


class SimilarityIndex:
    def __init__(self, groups: dict[str, list[SectionText]]) -> None:
        # Two vectorisers scored separately and summed: the same as one concatenated vector, without
        # FeatureUnion's per-call overhead (search must stay within a few milliseconds).
        self.vectorizers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, stop_words="english"),
        ]
        texts = [item.text for items in groups.values() for item in items]
        self.matrices: list[csr_matrix] = [csr_matrix(v.fit_transform(texts)) for v in self.vectorizers] if texts else []
        self.queries = [_QueryVectorizer(v) for v in self.vectorizers] if texts else []
        self.groups: dict[str, tuple[int, list[str]]] = {}
        start = 0
        for name, items in groups.items():
            self.groups[name] = (start, [item.id for item in items])
            start += len(items)

    def vectorize(self, text: str) -> QueryVector:
        """The question's TF-IDF weights (nothing when the text is blank or nothing is indexed)."""
        dense, indices, values, offset = [], [], [], 0
        for vectorize in self.queries if text.strip() else []:
            weights = vectorize(text)
            positions = np.fromiter(weights.keys(), dtype=np.intp, count=len(weights))
            weight = np.fromiter(weights.values(), dtype=float, count=len(weights))
            vector = np.zeros(len(vectorize.idf))
            vector[positions] = weight
            dense.append(vector)
            indices.append(positions + offset)
            values.append(weight)
            offset += len(vectorize.idf)
        if not dense:
            return QueryVector([], np.zeros(0, dtype=np.intp), np.zeros(0))
        return QueryVector(dense, np.concatenate(indices), np.concatenate(values))

    def transform(self, texts: list[str]) -> csr_matrix:
        """Many texts in the same feature space as `vectorize` (both vectorisers side by side), for training."""
        return csr_matrix(hstack([v.transform(texts) for v in self.vectorizers]))

    def rank(self, query: str | QueryVector, limit: int = 20) -> dict[str, list[tuple[str, float]]]:
        """For each group, (section id, similarity), best first. `query` is a text or its `vectorize` result."""
        vector = self.vectorize(query) if isinstance(query, str) else query
        if not self.matrices or not len(vector.values):
            return {name: [] for name in self.groups}
        scores = sum(matrix @ dense for dense, matrix in zip(vector.dense, self.matrices, strict=True))
        ranked: dict[str, list[tuple[str, float]]] = {}
        for name, (start, ids) in self.groups.items():
            group = scores[start : start + len(ids)]
            order = np.argsort(-group)[:limit]
            ranked[name] = [(ids[i], float(group[i])) for i in order if group[i] > 0]
        return ranked


class _QueryVectorizer:
    """One question to its TF-IDF weights by feature index, as `TfidfVectorizer.transform` would (sublinear tf,
    idf, L2), without its per-call checks: those cost more than the arithmetic for a single short question."""

    def __init__(self, fitted: TfidfVectorizer) -> None:
        if not (fitted.sublinear_tf and fitted.norm == "l2" and fitted.use_idf):
            raise ValueError("only sublinear, idf-weighted, L2-normalised TF-IDF is reproduced")
        self.analyze = fitted.build_analyzer()
        self.vocabulary: dict[str, int] = fitted.vocabulary_
        self.idf = fitted.idf_

    def __call__(self, text: str) -> dict[int, float]:
        counts = Counter(term for term in self.analyze(text) if term in self.vocabulary)
        weights = {
            self.vocabulary[term]: (1.0 + math.log(count)) * self.idf[self.vocabulary[term]] for term, count in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))  # not np.linalg.norm: BLAS threads stall a busy machine
        return {index: weight / norm for index, weight in weights.items()}


def fuse(rankings: list[list[str]], weights: list[float], k: float = 10.0) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion: items ranked high by either list come first, with their fused score."""
    score: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for position, item in enumerate(ranking):
            score[item] = score.get(item, 0.0) + weight / (k + position)
    return sorted(score.items(), key=lambda pair: -pair[1])
