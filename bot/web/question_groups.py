"""Unanswered knowledge questions grouped for staff: the same question asked 18 times is one row with 18."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analytics.report import KbGap

WHY = {"no_answer": "nothing good found", "not_helped": "did not help"}
NOT_WORDS = re.compile(r"[^\w]+")


@dataclass
class QuestionGroup:
    text: str
    """The newest wording of the question."""
    times: int
    latest: str
    """When it was last asked, "YYYY-MM-DD HH:MM"."""
    why: str
    """Why it counts as unanswered, in words (both reasons when both happened)."""


def question_key(text: str) -> str:
    """Case, punctuation and spacing do not make a different question."""
    return " ".join(NOT_WORDS.sub(" ", text.lower()).split())


def group_questions(gaps: list[KbGap]) -> list[QuestionGroup]:
    """Groups in order of how often they were asked, then how recently (gaps come newest first)."""
    groups: dict[str, QuestionGroup] = {}
    for gap in gaps:
        key = question_key(gap.text) or gap.text
        why = WHY.get(gap.reason, gap.reason)
        group = groups.get(key)
        if group is None:
            groups[key] = QuestionGroup(gap.text, 1, gap.at[:16].replace("T", " "), why)
            continue
        group.times += 1
        if why not in group.why:
            group.why = f"{group.why}, {why}"
    return sorted(groups.values(), key=lambda g: -g.times)
