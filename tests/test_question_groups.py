"""Unanswered questions grouped for the Analytics page: the same question in other case, spacing or punctuation
is one row with a count."""

from __future__ import annotations

from bot.analytics.report import KbGap
from bot.web.question_groups import group_questions


def test_the_same_question_asked_many_ways_is_one_row_counted_most_asked_first():
    gaps = [
        KbGap("2026-11-30T10:00:00+00:00", "Does this work on a Chromebook??", "no_answer"),
        KbGap("2026-11-30T09:00:00+00:00", "can i use a bluetooth headset", "not_helped"),
        *[KbGap(f"2026-11-29T0{n}:00:00+00:00", "does this work on a  chromebook", "no_answer") for n in range(5)],
        KbGap("2026-11-28T08:00:00+00:00", "Can I use a Bluetooth headset?", "no_answer"),
    ]
    groups = group_questions(gaps)
    assert [(g.text, g.times, g.latest) for g in groups] == [
        ("Does this work on a Chromebook??", 6, "2026-11-30 10:00"),
        ("can i use a bluetooth headset", 2, "2026-11-30 09:00"),
    ]
    assert groups[1].why == "did not help, nothing good found"
