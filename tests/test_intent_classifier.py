"""bot/rasa_adapter/intent_classifier.py: trained, stored and loaded through Rasa's real model storage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_adapter.intent_classifier import MODEL_ARRAYS, MODEL_JSON, TfidfIntentClassifier

pytestmark = pytest.mark.slow  # trains the classifier on the project's NLU data

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = ExecutionContext(GraphSchema({}), "test")
RESOURCE = Resource("intent_classifier")
PROBES = ["my mic wont work in chrome", "yes that fixed it", "nope still broken", "", "👍👍", "x" * 5000, "مرحبا"]


@pytest.fixture(scope="module")
def storage(tmp_path_factory) -> LocalModelStorage:
    return LocalModelStorage(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def trained(storage: LocalModelStorage) -> TfidfIntentClassifier:
    classifier = TfidfIntentClassifier.create({}, storage, RESOURCE, CONTEXT)
    classifier.train(load_data(str(ROOT / "data" / "nlu.yml")))
    return classifier


def parse(classifier: TfidfIntentClassifier, text: str) -> Message:
    message = Message(data={"text": text})
    classifier.process([message])
    return message


def test_it_learns_the_project_intents(trained: TfidfIntentClassifier):
    assert parse(trained, "my mic wont work in chrome").get("intent")["name"] == "inform"
    assert parse(trained, "yes that fixed it").get("intent")["name"] == "affirm"
    assert parse(trained, "talk to a human please").get("intent")["name"] == "request_human"


@pytest.mark.parametrize("text", PROBES)
def test_every_message_gets_a_ranking_of_probabilities(trained: TfidfIntentClassifier, text: str):
    message = parse(trained, text)
    ranking = message.get("intent_ranking")
    confidences = [entry["confidence"] for entry in ranking]
    assert message.get("intent") == ranking[0] and confidences == sorted(confidences, reverse=True)
    assert len(ranking) == 10 and 0 < confidences[0] <= 1
    assert sum(trained.probabilities([text])[0]) == pytest.approx(1.0)


def test_a_loaded_model_predicts_exactly_what_the_trained_one_did(trained: TfidfIntentClassifier, storage: LocalModelStorage):
    loaded = TfidfIntentClassifier.load({}, storage, RESOURCE, CONTEXT)
    assert loaded.classes == trained.classes
    assert np.allclose(loaded.probabilities(PROBES), trained.probabilities(PROBES))


def test_the_stored_model_is_json_and_arrays_without_pickles(trained: TfidfIntentClassifier, storage: LocalModelStorage):
    with storage.read_from(RESOURCE) as directory:
        assert sorted(p.name for p in directory.iterdir()) == sorted([MODEL_JSON, MODEL_ARRAYS])
        arrays = np.load(directory / MODEL_ARRAYS, allow_pickle=False)  # raises if anything needed unpickling
        assert arrays["coef"].shape == (len(trained.classes), sum(len(v.vocabulary_) for v in trained.vectorizers))


def test_settings_from_config_yml_are_used(storage: LocalModelStorage):
    classifier = TfidfIntentClassifier.create({"word_ngrams": [1, 1], "C": 1.0}, storage, Resource("small"), CONTEXT)
    data = TrainingData(
        [Message(data={"text": text, "intent": intent}) for text, intent in [("hi there", "greet"), ("bye now", "goodbye")]]
    )
    classifier.train(data)
    assert all(" " not in term for term in classifier.vectorizers[0].vocabulary_)  # no bigrams
    assert parse(classifier, "hi there").get("intent")["name"] == "greet"


def test_without_a_trained_model_it_leaves_messages_alone(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    classifier = TfidfIntentClassifier.load({}, storage, Resource("never_trained"), CONTEXT)
    untrained = TfidfIntentClassifier.create({}, storage, Resource("one_intent"), CONTEXT)
    untrained.train(TrainingData([Message(data={"text": "hi", "intent": "greet"})]))
    for component in (classifier, untrained):
        assert parse(component, "hello").get("intent") is None
