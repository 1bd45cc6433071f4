"""Questions in other languages: the English glosses they get, and that an English question is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.flows.evidence import BARE_NO
from bot.flows.facts import plain_words
from bot.glossary import with_glosses, with_glosses_by_clause
from bot.kb.service import KnowledgeBase

ROWS = yaml.safe_load((Path(__file__).parent / "fixtures" / "glossary.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ROWS, ids=[r["say"][:40] for r in ROWS])
def test_a_foreign_question_gets_the_english_words_it_uses(row: dict):
    glossed = with_glosses(row["say"])
    assert glossed.startswith(row["say"])
    added = glossed[len(row["say"]) :]
    for gloss in row["glosses"]:
        assert f" {gloss}" in added, added
    for gloss in row.get("not", []):
        assert f" {gloss}" not in added, added


@pytest.mark.parametrize(
    "text", ["the softphone says permission denied in chrome", "microsoft teams holds my headset", "mein computer"]
)
def test_english_or_unrelated_text_is_left_as_it_was(text: str):
    assert with_glosses(text) == text


@pytest.mark.parametrize("row", [r for r in ROWS if r.get("section")], ids=lambda r: r["section"])
def test_a_foreign_question_finds_its_section(real_kb: KnowledgeBase, row: dict):
    results = real_kb.search(row["say"], limit=3)
    assert results and f"{results[0].article}#{results[0].section}" == row["section"], [
        f"{r.article}#{r.section}" for r in results
    ]


@pytest.mark.parametrize("text", ["मेरा माइक्रोफोन", "মাইকটা কাজ করছে না", "என் மைக்கை", "ไมค์ใช้ไม่ได้"])
def test_a_word_keeps_its_vowel_signs(text: str):
    """`\\w` leaves out combining marks; a word split at each vowel sign ("म र म इक र फ न") matches nothing it should."""
    assert plain_words(text) == f" {text} "


@pytest.mark.parametrize("reply", ["नहीं", "না", "இல்லை", "ไม่"])
def test_a_bare_no_ending_in_a_vowel_sign_is_a_no(reply: str):
    assert BARE_NO.match(plain_words(reply))


def test_a_dot_between_digits_does_not_end_a_clause():
    glossed = with_glosses_by_clause("tai nghe cắm jack 3.5 vào laptop. khách không nghe")
    assert "jack 3.5 vào laptop headset." in glossed, glossed
