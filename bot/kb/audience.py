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
    def __init__(self, developer_sections: set[str], weights: np.ndarray, bias: float) -> None:
        self.developer_sections = developer_sections
        self.weights, self.bias = weights, bias

    @classmethod
    def train(cls, features: SimilarityIndex, sections: list[AskedSection]) -> AudienceModel:
        developer_sections = {s.id for s in sections if section_audience(s) == DEVELOPER}
        texts = [question for s in sections for question in s.asked]
        labels = [s.id in developer_sections for s in sections for _ in s.asked]
        if all(labels) or not any(labels):
            return cls(developer_sections, np.zeros(0), 0.0)
        model = LogisticRegression(C=REGULARISATION, solver="liblinear", random_state=0).fit(features.transform(texts), labels)
        return cls(developer_sections, np.asarray(model.coef_[0]), float(model.intercept_[0]))

    def state(self) -> dict[str, np.ndarray]:
        """What `from_state` needs, as plain arrays (stored in the index by `bot kb build`)."""
        return {
            "developer_sections": np.array(sorted(self.developer_sections), dtype=str),
            "weights": self.weights,
            "bias": np.array([self.bias]),
        }

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> AudienceModel:
        return cls({str(i) for i in state["developer_sections"]}, state["weights"], float(state["bias"][0]))

    def developer(self, query: QueryVector) -> float:
        """The probability that the question (its `SimilarityIndex.vectorize` result) is a developer's."""
        if not len(self.weights):
            return 0.0
        logit = float(self.weights[query.indices] @ query.values) + self.bias
        return 1.0 / (1.0 + math.exp(-logit))
