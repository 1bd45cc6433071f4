""" "Asked as" questions: found by the way people ask, never shown as the answer; checked by `bot kb build`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bot.app.cli import main
from bot.kb.index import SCHEMA_VERSION, build_index, load_articles
from bot.kb.search import excerpt
from bot.kb.service import KnowledgeBase, on_topic
from bot.kb.similarity import SectionText, SimilarityIndex
from tests.conftest import ROOT

HEADSET = """---
id: headset
title: Headsets
summary: Headset fixes.
audience: end-user
asked_as:
  reload:
    - swapped my earbuds in the middle of a conversation and the next one fails
---
Headsets in general.

## Choose it again
Select the device again in the settings of the softphone.

## Reload
Refresh the page so the list of devices is read afresh.
"""
BROWSER = """---
id: browser
title: Browser settings
summary: Browser fixes.
audience: end-user
---
## Site permission
Allow the site in the browser's settings, then refresh the page.
"""
OFF_TOPIC = ["what's the weather tomorrow", "how do i reset my password", "can i get a refund"]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    (directory / "headset.md").write_text(HEADSET)
    (directory / "browser.md").write_text(BROWSER)
    return directory


def test_a_section_is_found_by_the_way_people_ask_for_it(knowledge: Path, tmp_path: Path):
    build_index(knowledge, tmp_path / "kb.db")
    kb = KnowledgeBase(tmp_path / "kb.db")
    question = "i swapped earbuds mid conversation, now the next one fails"
    best = kb.search(question, limit=3)[0]
    assert (best.article, best.section) == ("headset", "reload")
    shown = kb.section("headset", "reload")
    assert shown is not None and "earbuds" not in shown.markdown and "earbuds" not in best.snippet
    assert "earbuds" not in str(kb.article("headset"))


def test_kb_build_reports_an_unknown_anchor_with_file_and_line(knowledge: Path, tmp_path: Path, capsys):
    (knowledge / "headset.md").write_text(HEADSET.replace("  reload:", "  reloading:"))
    assert main(["kb", "build", "--dir", str(knowledge), "--db", str(tmp_path / "kb.db")]) == 1
    error = capsys.readouterr().err
    assert "knowledge/headset.md:7: asked_as names no section 'reloading'" in error
    assert "the anchors are: intro, choose-it-again, reload" in error


def test_an_index_in_the_previous_layout_is_rebuilt(knowledge: Path, tmp_path: Path):
    db = tmp_path / "kb.db"
    with sqlite3.connect(db) as connection:  # the layout before asked-as questions, with a stale row
        connection.execute("create table sections (id text primary key, article text, body text)")
        connection.execute("insert into sections values ('gone#intro', 'gone', 'old text')")
        connection.execute("create table meta (key text primary key, value text)")
        connection.execute("insert into meta values ('schema', '1')")
    assert KnowledgeBase(db).search("swapped earbuds") == []  # not read in the old layout: no crash
    report = build_index(knowledge, db)
    assert sorted(report.added) == ["browser", "headset"] and not report.problems
    with sqlite3.connect(db) as connection:
        assert connection.execute("select value from meta where key = 'schema'").fetchone()[0] == str(SCHEMA_VERSION)
        ids = [row[0] for row in connection.execute("select id from sections order by id")]
        asked = connection.execute("select asked from sections where id = 'headset#reload'").fetchone()[0]
    assert "gone#intro" not in ids and "earbuds" in asked
    assert KnowledgeBase(db).search("swapped earbuds")[0].section == "reload"


def test_every_searchable_section_of_the_real_knowledge_base_lists_how_people_ask_for_it():
    articles, problems = load_articles(ROOT / "knowledge")
    assert problems == []
    thin = [
        f"{article.id}#{section.anchor}"
        for article in articles.values()
        for section in article.sections
        if section.anchor != "sources" and len(article.asked_as.get(section.anchor, [])) < 5
    ]
    assert thin == []


@pytest.mark.parametrize("question", OFF_TOPIC)
def test_off_topic_questions_are_still_refused(real_kb: KnowledgeBase, question: str):
    results = real_kb.search(question, limit=3)
    assert not (results and real_kb.is_good(results[0], question))


@pytest.mark.parametrize("question", ["what does testAudioInputDevice return", "is setInputDevice async?", "getUserMedia?"])
def test_api_names_written_in_camel_case_count_as_on_topic(question: str):
    assert on_topic(question)
    assert not on_topic(
        question.replace("Device", "Thing")
        .replace("Audio", "Grape")
        .replace("Input", "Tree")
        .replace("getUserMedia", "getUserName")
    )


def test_a_brand_name_with_a_capital_inside_is_not_split_into_topic_words():
    assert not on_topic("how do i back up my iPhone photos")


def test_a_plain_question_gets_a_good_answer_with_falling_scores(real_kb: KnowledgeBase):
    question = "zoom is open, could it be keeping my mic busy"
    results = real_kb.search(question, limit=5)
    assert results[0].article == "close-other-apps" and real_kb.is_good(results[0], question)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


@pytest.mark.parametrize(
    "question", ["chrome wont let me talk", "microfone 🎤 blokked!!", "", "zzzz qqqq", "Error 31201 NotReadableError " * 20]
)
def test_the_fast_question_vectors_equal_scikit_learns(question: str):
    texts = ["Chrome blocks the microphone", "Firefox remembers a block", "error 31201 NotReadableError", "🎤 test"]
    index = SimilarityIndex({"sections": [SectionText(str(i), text) for i, text in enumerate(texts)]})
    fast = index.vectorize(question)
    expected = index.transform([question]).toarray().ravel()
    if question.strip():
        for dense, vectorizer in zip(fast.dense, index.vectorizers, strict=True):
            assert np.allclose(dense, vectorizer.transform([question]).toarray().ravel())
    sparse = np.zeros_like(expected)
    sparse[fast.indices] = fast.values
    assert np.allclose(sparse, expected)  # the positions the linear models read are the same features


def test_an_excerpt_shows_the_words_around_the_question_terms():
    body = " ".join(f"w{i}" for i in range(40)) + " the site stays blocked in firefox settings " + "x " * 40
    shown = excerpt(body, ["firefox", "block"])
    assert "blocked in firefox" in shown and shown.startswith("…") and shown.endswith("…")
    assert len(shown.split()) == 16
    assert excerpt("short body", ["firefox"]) == "short body"
