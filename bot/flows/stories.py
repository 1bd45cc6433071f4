"""How people tell each cause in their own words: a small naive Bayes model over labelled stories.

The patterns of facts.yml read what a message states ("the mic works in Zoom"). Many stories also carry softer
clues spread over words no pattern names ("since IT pushed something last night", "my streaming setup"). A
multinomial naive Bayes over the words of labelled stories (flows/cause_stories.yml) turns those into a leaning: a
likelihood ratio per cause, tempered and bounded, so that it tips close calls without outweighing what a message
states outright. Pure and deterministic; trained when the flows load (about 2,000 short messages: a third of a second,
most of it reading the YAML).

Naive Bayes hears only words it has seen in the stories. A second reader hears their meaning: a logistic regression
over the stories' word vectors (bot/vectors.py) gives each message a log-ratio per cause, summed over messages and
bounded like the words' leaning, by which it is multiplied, so a story told in words no other story used still
leans by what it means (leaving one writer's set out at a time, the top cause after the first message went from
50.5% to 55.9%). It trains with the flows (a quarter of a second); without the vectors installed it is left out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.flows.facts import plain_words
from bot.flows.sourcefile import LineDict, LineList, Where, is_number, load_mapping_file
from bot.vectors import WordVectors, installed_vectors

SMOOTHING = 0.5
"""Additive (Lidstone) smoothing of word counts: a word never seen with a cause is unlikely, not impossible."""
MIN_STORIES = 2
"""A word must occur in this many stories to count: one writer's odd word is not a clue."""
MAX_WORDS = 400
"""Words read from one message; a wall of pasted text is not a longer story."""
WEIGHT, MOST, LEAST = 0.3, 4.0, 0.5
"""The settings when cause_stories.yml gives none (chosen leaving one writer's set out at a time, docs/diagnosis.md)."""
MEANING = 0.3
"""The exponent that tempers the meaning's leaning (0 leaves it out); chosen the same way (0.6 gave sharper
posteriors that offered more wrong first fixes)."""
MEANING_REGULARISATION = 4.0
"""The logistic regression's C: how closely it may fit the stories (1 and 16 were within a point on the folds)."""
MEANING_KEY = "meaning:"
"""What the meaning's log-ratios are filed under in the summed `hear` results, beside the words' (`meaning:os_privacy`)."""


@dataclass(frozen=True)
class MeaningModel:
    """A multinomial logistic regression from a message's word vector to its cause, trained on the stories."""

    vectors: WordVectors
    causes: tuple[str, ...]
    coefficients: np.ndarray
    """causes x vector dimensions."""
    intercepts: np.ndarray
    log_share: np.ndarray
    """log share of the training stories per cause: the regression's odds against it are what a message adds."""

    @classmethod
    def train(cls, vectors: WordVectors, stories: list[tuple[str, str]]) -> MeaningModel | None:
        from sklearn.linear_model import LogisticRegression  # only when the flows load with stories

        labels = [cause for cause, _ in stories]
        if len(set(labels)) < 2:
            return None
        fitted = LogisticRegression(C=MEANING_REGULARISATION, max_iter=3000).fit(
            vectors.embed([text for _, text in stories]), labels
        )
        causes = tuple(str(c) for c in fitted.classes_)
        share = np.array([labels.count(c) / len(labels) for c in causes])
        return cls(vectors, causes, np.asarray(fitted.coef_), np.asarray(fitted.intercept_), np.log(share))

    def hear(self, text: str) -> dict[str, float]:
        """How much more likely each cause is given this message's meaning than before it (natural log)."""
        vector = self.vectors.embed([text])[0]
        if not vector.any():
            return {}
        logits = self.coefficients @ vector + self.intercepts
        top = float(logits.max())
        log_probability = logits - (top + np.log(np.exp(logits - top).sum()))
        return {
            f"{MEANING_KEY}{c}": round(float(v), 3) for c, v in zip(self.causes, log_probability - self.log_share, strict=True)
        }


@dataclass(frozen=True)
class StoryModel:
    causes: tuple[str, ...]
    log_prior: tuple[float, ...]
    """log share of the training stories per cause."""
    words: Mapping[str, tuple[float, ...]]
    """word -> log P(word | cause) per cause, centred on its mean (only differences between causes matter)."""
    weight: float = WEIGHT
    """The exponent that tempers the leaning: naive Bayes counts correlated words as independent clues."""
    most: float = MOST
    """The largest ratio a leaning may give a cause."""
    least: float = LEAST
    """The smallest: words can make a cause less likely, but a few words missing from a story rule nothing out."""
    why: str = ""
    """The reason shown when the leaning is what raised the chosen cause ("the way you describe it")."""
    source: str = "flows/cause_stories.yml"
    meaning: MeaningModel | None = None
    meaning_weight: float = MEANING
    stated: Mapping[str, Mapping[str, Mapping[str, float]]] = field(default_factory=dict)
    """fact -> value -> cause -> likelihood ratio of the user stating that value in their own words, counted over the
    stories' cases (bench/stories.py). What people say differs from what they would pick from a question's options:
    someone who once blocked the site tells "it never asks me"."""

    def hear(self, text: str) -> dict[str, float]:
        """The message's words as a log-likelihood per cause, and its meaning as a log-ratio per cause under
        `meaning:<cause>` (add them to what earlier messages gave)."""
        seen = sorted(set(plain_words(text).split()[:MAX_WORDS]))  # sorted: the same sum in every process
        totals = [0.0] * len(self.causes)
        for word in seen:
            logs = self.words.get(word)
            if logs is not None:
                for i, value in enumerate(logs):
                    totals[i] += value
        heard = {cause: round(total, 3) for cause, total in zip(self.causes, totals, strict=True) if total}
        return heard | self.meaning.hear(text) if self.meaning is not None and seen else heard

    def ratios(self, heard: Mapping[str, float], meaning: bool = True) -> dict[str, float]:
        """How much the words heard so far raise or lower each cause, as likelihood ratios within [least, most],
        times the same for their meaning (unless `meaning` is False)."""
        if not heard:
            return {}
        scores = [prior + heard.get(cause, 0.0) for cause, prior in zip(self.causes, self.log_prior, strict=True)]
        top = max(scores)
        norm = top + math.log(sum(math.exp(s - top) for s in scores))
        ratios = {
            cause: self._bounded(self.weight * (score - norm - prior))
            for cause, score, prior in zip(self.causes, scores, self.log_prior, strict=True)
        }
        if meaning:
            for key, value in heard.items():
                cause = key.removeprefix(MEANING_KEY)
                if cause != key and cause in ratios:
                    ratios[cause] *= self._bounded(self.meaning_weight * value)
        return ratios

    def _bounded(self, log_ratio: float) -> float:
        return math.exp(min(math.log(self.most), max(math.log(self.least), log_ratio)))


def train(
    stories: Iterable[tuple[str, str]],
    weight: float = WEIGHT,
    most: float = MOST,
    least: float = LEAST,
    why: str = "",
    source: str = "",
    meaning: float = MEANING,
    stated: Mapping[str, Mapping[str, Mapping[str, float]]] | None = None,
) -> StoryModel:
    """A model from (cause, message) pairs; each message counts its distinct words once. `meaning` > 0 adds the
    reader of their meaning when the word vectors are installed."""
    stories = list(stories)
    per_cause: dict[str, Counter[str]] = {}
    messages: Counter[str] = Counter()
    document_frequency: Counter[str] = Counter()
    for cause, text in stories:
        seen = set(plain_words(text).split()[:MAX_WORDS])
        per_cause.setdefault(cause, Counter()).update(seen)
        messages[cause] += 1
        document_frequency.update(seen)
    causes = tuple(per_cause)
    vocabulary = sorted(w for w, n in document_frequency.items() if n >= MIN_STORIES)
    totals = {c: sum(per_cause[c][w] for w in vocabulary) + SMOOTHING * len(vocabulary) for c in causes}
    words: dict[str, tuple[float, ...]] = {}
    for word in vocabulary:
        logs = [math.log((per_cause[c][word] + SMOOTHING) / totals[c]) for c in causes]
        mean = sum(logs) / len(logs)
        words[word] = tuple(value - mean for value in logs)
    count = sum(messages.values())
    log_prior = tuple(math.log(messages[c] / count) for c in causes)
    vectors = installed_vectors() if meaning > 0 else None
    understood = MeaningModel.train(vectors, stories) if vectors is not None else None
    return StoryModel(causes, log_prior, words, weight, most, least, why, source, understood, meaning, dict(stated or {}))


def load_story_model(
    path: Path, causes: Iterable[str], display: str | None = None
) -> tuple[StoryModel | None, list[tuple[Where, str]]]:
    """Read cause_stories.yml (settings, then cause -> list of messages); problems come back with file and line."""
    name = display or str(path)
    data, unreadable = load_mapping_file(path, name, "stories", " (cause -> list of messages)")
    if data is None:
        return None, unreadable
    problems: list[tuple[Where, str]] = []
    for key in data:
        if key not in ("settings", "stated", "stories"):
            problems.append((Where(name, data.line_of(key)), f"unknown key {key!r} (settings, stated, stories)"))
    settings = data.get("settings") or LineDict()
    weight = _setting(settings, "weight", WEIGHT, 0.0, 1.0, name, problems)
    most = _setting(settings, "most", MOST, 1.0, 100.0, name, problems)
    least = _setting(settings, "least", LEAST, 0.0, 1.0, name, problems)
    meaning = _setting(settings, "meaning", MEANING, 0.0, 2.0, name, problems, low_included=True)
    why = settings.get("why", "") if isinstance(settings, LineDict) else ""
    if not isinstance(why, str):
        problems.append((Where(name, settings.line_of("why")), "settings.why must be text"))
    known = set(causes)
    pairs: list[tuple[str, str]] = []
    for cause, messages in data["stories"].items():
        line = data["stories"].line_of(cause)
        if cause not in known:
            problems.append((Where(name, line), f"unknown cause {cause!r} (the causes of causes.yml)"))
            continue
        if not isinstance(messages, LineList) or not messages:
            problems.append((Where(name, line), f"{cause}: expected a list of messages"))
            continue
        for text, item_line in zip(messages, messages.item_lines, strict=True):
            if not isinstance(text, str) or not text.strip():
                problems.append((Where(name, item_line), f"{cause}: a story must be non-empty text"))
            else:
                pairs.append((cause, text))
    stated = _stated(data.get("stated"), known, name, problems)
    if problems:
        return None, problems
    return train(pairs, weight, most, least, str(why), name, meaning, stated), []


def _stated(
    raw: object, causes: set[str], name: str, problems: list[tuple[Where, str]]
) -> dict[str, dict[str, dict[str, float]]]:
    """The `stated` section: fact -> value -> {cause: positive ratio}."""
    if raw is None:
        return {}
    if not isinstance(raw, LineDict):
        problems.append((Where(name, 1), "stated: expected fact -> value -> {cause: ratio}"))
        return {}
    table: dict[str, dict[str, dict[str, float]]] = {}
    for fact, values in raw.items():
        if not isinstance(values, LineDict):
            problems.append((Where(name, raw.line_of(fact)), f"stated.{fact}: expected value -> {{cause: ratio}}"))
            continue
        for value, ratios in values.items():
            line = values.line_of(value)
            good = isinstance(ratios, dict) and all(cause in causes and is_number(r) and r > 0 for cause, r in ratios.items())
            if not good:
                problems.append(
                    (Where(name, line), f"stated.{fact}.{value}: expected {{cause: positive ratio}} over known causes")
                )
                continue
            table.setdefault(str(fact), {})[str(value)] = {str(c): float(r) for c, r in ratios.items()}
    return table


def _setting(
    settings: object,
    key: str,
    default: float,
    low: float,
    high: float,
    name: str,
    problems: list[tuple[Where, str]],
    low_included: bool = False,
) -> float:
    if not isinstance(settings, LineDict) or key not in settings:
        return default
    raw = settings[key]
    if not is_number(raw) or not (low <= raw if low_included else low < raw) or raw > high:
        bracket = "[" if low_included else "("
        problems.append((Where(name, settings.line_of(key)), f"settings.{key} must be a number in {bracket}{low:g}, {high:g}]"))
        return default
    return float(raw)
