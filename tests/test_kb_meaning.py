"""Word vectors (bot/vectors.py), which `make venv` installs, and the knowledge ranking by meaning they give (bot/kb/meaning.py)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from bot.kb import models as ranking_models
from bot.kb.meaning import MeaningIndex
from bot.kb.models import RankingModels, read_rows
from bot.kb.service import KnowledgeBase
from bot.vectors import WordVectors, installed_vectors


@pytest.fixture(scope="module")
def vectors() -> WordVectors:
    found = installed_vectors()
    assert found is not None, "make venv installs the word vectors (the wordllama wheel, without its dependencies)"
    return found


def test_the_vectors_put_a_paraphrase_nearer_than_a_text_about_something_else(vectors: WordVectors):
    question, paraphrase, other = vectors.embed(
        [
            "the website never asked me for permission",
            "the browser prompt to allow access did not appear",
            "quit zoom and teams before you call",
        ]
    )
    assert float(question @ paraphrase) > float(question @ other)
    assert np.isclose(float(question @ question), 1.0, atol=1e-5)


def test_a_section_is_found_by_meaning_when_the_question_shares_no_word_with_it(vectors: WordVectors):
    index = MeaningIndex(
        vectors,
        {
            "prompt#missing": "The permission prompt does not appear. Reset the site's settings and reload.",
            "apps#quit": "Quit the meeting app from the system tray, then reload the page.",
            "bluetooth#profiles": "A headset in music mode offers no microphone; choose the hands-free profile.",
        },
        {"prompt#missing": ["The prompt never appears"], "apps#quit": ["Close other apps"]},
    )
    assert index.rank("website never asked me anything about my mic")[0] == "prompt#missing"
    assert index.rank("zoom still running in the background, shut it?")[0] == "apps#quit"


def test_a_question_without_tokens_ranks_nothing_and_a_pasted_wall_of_text_stays_quick(vectors: WordVectors):
    index = MeaningIndex(vectors, {"a#b": "microphone settings"}, {})
    assert index.rank("") == []
    started = time.perf_counter()
    assert index.rank("NotReadableError: Could not start audio source " * 50_000) == ["a#b"]
    assert time.perf_counter() - started < 1.0


def test_without_the_vectors_the_search_ranks_with_the_other_opinions(built_kb, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ranking_models, "installed_vectors", lambda: None)
    kb = KnowledgeBase(built_kb)
    assert kb.models.meaning is None
    assert kb.search("how do I close zoom so the phone can use my headset", limit=1)


def test_the_knowledge_base_ranks_with_meaning_when_the_vectors_are_installed(real_kb: KnowledgeBase):
    assert isinstance(RankingModels(read_rows(real_kb.connection)).meaning, MeaningIndex)
