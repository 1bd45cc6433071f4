"""A Rasa intent classifier: TF-IDF over word and character n-grams, then multinomial logistic regression.

Chosen on the dev set (docs/nlu.md): sublinear TF-IDF with word bigrams and a weaker regularisation scored higher
there than Rasa's own light pipeline (raw counts from CountVectorsFeaturizer into one-vs-rest
LogisticRegressionClassifier, whose regularisation cannot be set), and trains in seconds (docs/benchmarks.md).

It reads the message text itself, so it needs no featurizer before it. The trained model is stored as JSON
(vocabularies, class names) and a NumPy archive without pickles (IDF weights, coefficients), so loading a
model never runs code from the model file.
"""

from __future__ import annotations

import json
import logging
from typing import Any, cast

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

WORD_TOKENS = r"(?u)\w+|[^\w\s]+"
"""Words, and runs of punctuation or emoji as tokens of their own ("?", "👍", "!!")."""
MODEL_JSON, MODEL_ARRAYS = "model.json", "model.npz"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent, IntentClassifier):
    """Intent from the message text: sublinear TF-IDF n-grams and a multinomial logistic regression."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "word_ngrams": [1, 2],
            "char_ngrams": [1, 4],
            "C": 20.0,  # inverse regularisation strength; Rasa's own classifier is fixed at 1.0
            "max_iter": 3000,
            "solver": "lbfgs",  # scikit-learn's; the same optimum, found at different speeds
            "ranking_length": 10,
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vectorizers = self._vectorizers()
        self.classes: list[str] = []
        self.coef = np.zeros((0, 0))
        self.intercept = np.zeros(0)

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> TfidfIntentClassifier:
        return cls(config, model_storage, resource)

    def _vectorizers(self, vocabularies: list[dict[str, int]] | None = None) -> list[TfidfVectorizer]:
        word = TfidfVectorizer(
            analyzer="word", token_pattern=WORD_TOKENS, ngram_range=tuple(self.config["word_ngrams"]), sublinear_tf=True
        )
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.config["char_ngrams"]), sublinear_tf=True)
        if vocabularies:
            for vectorizer, vocabulary in zip((word, char), vocabularies, strict=True):
                vectorizer.set_params(vocabulary=vocabulary)
        return [word, char]

    def _features(self, texts: list[str], fit: bool = False) -> csr_matrix:
        return hstack([v.fit_transform(texts) if fit else v.transform(texts) for v in self.vectorizers]).tocsr()

    # --- training and storage ---------------------------------------------------------------------
    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(INTENT) and m.get(TEXT)]
        if len({m.get(INTENT) for m in examples}) < 2:
            logger.debug("TfidfIntentClassifier: fewer than two intents to learn; not trained.")
            return self._resource
        texts, labels = [m.get(TEXT) for m in examples], [m.get(INTENT) for m in examples]
        model = LogisticRegression(
            C=self.config["C"], class_weight="balanced", max_iter=self.config["max_iter"], solver=self.config["solver"]
        )
        model.fit(self._features(texts, fit=True), labels)
        self.classes, self.coef, self.intercept = [str(c) for c in model.classes_], model.coef_, model.intercept_
        if len(self.classes) == 2:  # scikit-learn keeps one row for two classes: P(second) = sigmoid(score)
            self.coef = np.vstack([np.zeros_like(self.coef), self.coef])
            self.intercept = np.concatenate([[0.0], self.intercept])
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            vocabularies = [{term: int(i) for term, i in v.vocabulary_.items()} for v in self.vectorizers]
            (directory / MODEL_JSON).write_text(json.dumps({"classes": self.classes, "vocabularies": vocabularies}))
            np.savez(
                directory / MODEL_ARRAYS,
                coef=self.coef,
                intercept=self.intercept,
                **{f"idf{i}": v.idf_ for i, v in enumerate(self.vectorizers)},
            )

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfIntentClassifier:
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                saved = json.loads((directory / MODEL_JSON).read_text())
                arrays = np.load(directory / MODEL_ARRAYS, allow_pickle=False)
                component.vectorizers = component._vectorizers(saved["vocabularies"])
                for i, vectorizer in enumerate(component.vectorizers):
                    vectorizer.idf_ = arrays[f"idf{i}"]
                component.classes, component.coef, component.intercept = saved["classes"], arrays["coef"], arrays["intercept"]
        except (ValueError, FileNotFoundError, KeyError) as problem:
            logger.debug(f"TfidfIntentClassifier: no trained model to load ({problem}).")
        return component

    # --- prediction ---------------------------------------------------------------------------------
    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row of intent probabilities per text, columns in the order of `self.classes`."""
        scores = self._features(texts) @ self.coef.T + self.intercept
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))  # softmax, as multinomial regression predicts
        return scores / scores.sum(axis=1, keepdims=True)

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.classes:
            return messages
        for message, row in zip(messages, self.probabilities([m.get(TEXT) or "" for m in messages]), strict=True):
            ranking = sorted(
                ({"name": name, "confidence": float(p)} for name, p in zip(self.classes, row, strict=True)),
                key=lambda entry: -cast(float, entry["confidence"]),
            )
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True)
        return messages
