"""Who is asking: the chance that a question is a developer's, as a ranking prior.

Developers and the people whose calls fail describe the same symptom ("NotAllowedError, no prompt"), and text
similarity alone often sends a developer to the end-user section about it. A logistic regression over the
similarity index's features, trained on the `asked_as` questions labelled with their section's audience
(an end-user article's "For developers" section counts as developer), says how developer-like a question is;
the search then lifts developer sections in proportion. Trained in memory, never on benchmark questions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from bot.kb.similarity import QueryVector, SimilarityIndex

DEVELOPER = "developer"
DEVELOPER_ANCHOR = "for-developers"
REGULARISATION = 10.0
"""LogisticRegression's C: the asked-as questions are short, so little regularisation (set on the tuning sets)."""


@dataclass
class AskedSection:
    id: str
    """article#anchor"""
    audience: str
    """The article's audience."""
    asked: list[str]


def section_audience(section: AskedSection) -> str:
    return DEVELOPER if section.id.endswith(f"#{DEVELOPER_ANCHOR}") else section.audience


class AudienceModel:
    def __init__(self, features: SimilarityIndex, sections: list[AskedSection]) -> None:
        self.features = features
        self.developer_sections = {s.id for s in sections if section_audience(s) == DEVELOPER}
        texts = [question for s in sections for question in s.asked]
        labels = [section_audience(s) == DEVELOPER for s in sections for _ in s.asked]
        self.weights, self.bias = np.zeros(0), 0.0
        if any(labels) and not all(labels):
            model = LogisticRegression(C=REGULARISATION, max_iter=1000).fit(features.transform(texts), labels)
            self.weights, self.bias = np.asarray(model.coef_[0]), float(model.intercept_[0])

    def developer(self, query: QueryVector) -> float:
        """The probability that the question (its `SimilarityIndex.vectorize` result) is a developer's."""
        if not len(self.weights):
            return 0.0
        logit = float(self.weights[query.indices] @ query.values) + self.bias
        return 1.0 / (1.0 + math.exp(-logit))
