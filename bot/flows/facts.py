"""The vocabulary of facts the assistant can learn (``flows/facts.yml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bot.flows.sourcefile import LineDict, SourceError, Where, load_yaml
from bot.glossary import MARKS, UNSPACED, with_glosses


@dataclass(frozen=True)
class FactValue:
    """One allowed value of a fact."""

    value: str
    title: str
    synonyms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    """Regular expressions that find the value in what people type (matched against `plain_words(text)`)."""


@dataclass(frozen=True)
class Fact:
    """A fact such as ``browser`` with its allowed values."""

    name: str
    title: str
    values: dict[str, FactValue]
    entity: bool = False
    """True when the NLU extracts it as an entity of the same name."""
    detect_in_text: bool = False
    """True when its synonyms are searched for in what users type (phrases an NLU entity would not catch)."""
    elsewhere: tuple[str, ...] = ()
    """Facts that a reply to this fact's question tells about somewhere else, not about the user's own setup ("safari
    does it too" to "does it work in another browser?" names the other browser, not the one they call from)."""
    answers: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """(value, pattern) in the order written: how a typed reply to this fact's own question reads, and only there
    ("not that i know of" says nothing anywhere else, but to "did anything change?" it is a no)."""


PUNCTUATION = re.compile(rf"[^\w{MARKS}\s-]")
APOSTROPHES = re.compile(r"['’`]")
NOT_WORDS = re.compile(rf"[^\w{MARKS}]+")
WORD_CHARACTER = re.compile(r"\w")
SCRIPT_BOUNDARY = re.compile(rf"(?<=[a-z0-9])(?=[{UNSPACED}])|(?<=[{UNSPACED}])(?=[a-z0-9])")
"""Where a Latin word meets Chinese, Japanese, Korean or Thai with no space between ("sonyのbluetoothヘッドホン"): read
as a word boundary, so the Latin word is a word of its own."""
MAX_SCANNED = 2000
"""Characters of a message searched for statements: patterns are bounded, and so is the text they run on."""
SENTENCE_END = re.compile(r"(?<=[.!?;。！？；])\s+|\n+|(?<=[。！？；])")
"""Where a sentence ends: a pattern reads within one sentence ("mic not working. on teams it works" does not say
the microphone fails in Teams), except one anchored at the start (`^`), which reads the whole message."""


EMOJI_WORDS = {
    **dict.fromkeys("👍👌✅✔☑🆗🙆", "yes"),
    **dict.fromkeys("👎❌✖❎🚫⛔🙅", "no"),
    **dict.fromkeys("🙏", "thanks"),
}
"""A reply of emoji alone says what these words say ("❌" to "did that fix it?" is a no)."""


def plain_words(text: str) -> str:
    """What patterns are matched against: lower case, "didn't" -> "didnt", other punctuation -> one space; a
    message of emoji alone as its word ("👍👍" -> "yes")."""
    lowered = text[:MAX_SCANNED].lower()
    if not WORD_CHARACTER.search(lowered):
        said = {EMOJI_WORDS[ch] for ch in lowered if ch in EMOJI_WORDS}
        lowered = said.pop() if len(said) == 1 else lowered
    return " " + NOT_WORDS.sub(" ", APOSTROPHES.sub("", SCRIPT_BOUNDARY.sub(" ", lowered))).strip() + " "


def _normalise_phrase(text: str) -> str:
    """Lower case, one space between words, no punctuation around ("(31402)" -> "31402")."""
    text = re.sub(r"[\s_\-]+", " ", text.strip().lower())
    return text.strip(" .,;:!?()[]{}'\"")


@cache
def _spaced_synonym(phrase: str) -> str:
    """A synonym as `find_in_text` looks for it; normalised once (it ran for every synonym on every message)."""
    return f" {_normalise_phrase(phrase)} "


NEGATED = (
    *(" not ", " not a ", " not an ", " not the ", " isnt ", " isnt a ", " non ", " never ", " instead of "),
    *(" kein ", " keine ", " keinen ", " nicht ", " pas ", " pas de ", " pas un ", " pas une ", " no es ", " no son "),
    *(" no uso ", " não é ", " nao e ", " não ", " nao ", " non è ", " όχι ", " δεν ", " не ", " ні ", " nie ", " niet "),
    *(" geen ", " ikke ", " inte ", " nu ", " ne ", " không phải ", " không ", " bukan ", " tidak ", " hindi ", " לא "),
    *(" ليس ", " مش ", " نه "),
)
"""Words right before a synonym that say it is not theirs ("wired headphones, not bluetooth", "kein bluetooth"). Not
"without": "it works without teams open" names the app that matters."""
MAYBE_NEGATED = (" no ",)
"""A "no" before a synonym puts it aside only when another value of the same fact is named ("usb headset, no bluetooth"):
in Portuguese it means "in the" ("conectei no bluetooth")."""
NEGATED_AFTER = (" değil ",)
"""The same right after it, where the language puts it there ("bluetooth değil"). Not the Hindi "नहीं": after a noun it
as often says the thing does not work ("bluetooth नहीं चल रहा")."""


def _named_at(words: str, synonym: str) -> list[tuple[int, bool]]:
    """Where `synonym` occurs in `words` without a negation right before or after it, each with whether a "maybe"
    negation comes right before it (see MAYBE_NEGATED)."""
    found, start = [], words.find(synonym)
    while start >= 0:
        end = start + len(synonym) - 1
        if not any(words.endswith(negation, 0, start + 1) for negation in NEGATED) and not any(
            words.startswith(negation, end) for negation in NEGATED_AFTER
        ):
            found.append((start, any(words.endswith(negation, 0, start + 1) for negation in MAYBE_NEGATED)))
        start = words.find(synonym, start + 1)
    return found


Span = tuple[int, int, str]
"""Where a synonym was found (start, end) and the value it names."""


def _named_values(words: str, fact: Fact) -> set[str]:
    """The values of `fact` a synonym names. A synonym inside a longer one of another value does not count: "wired
    earbuds" names a wired headset, although "earbuds" alone is a Bluetooth one."""
    spans: list[Span] = []
    after_maybe: list[Span] = []
    for value in fact.values.values():
        for spaced in map(_spaced_synonym, value.synonyms):
            for start, maybe in _named_at(words, spaced):
                (after_maybe if maybe else spans).append((start, start + len(spaced), value.value))
    return _unshadowed(spans) or _unshadowed(spans + after_maybe)


def _unshadowed(spans: list[Span]) -> set[str]:
    return {
        value
        for start, end, value in spans
        if not any(s <= start and end <= e and e - s > end - start and v != value for s, e, v in spans)
    }


@dataclass
class Vocabulary:
    """All facts; normalises what users type to canonical values."""

    facts: dict[str, Fact]
    source: str = "flows/facts.yml"
    _lookup: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for fact in self.facts.values():
            table: dict[str, str] = {}
            for value in fact.values.values():
                for phrase in (value.value, value.title, *value.synonyms):
                    table.setdefault(_normalise_phrase(phrase), value.value)
            self._lookup[fact.name] = table

    def normalise(self, fact: str, raw: object) -> str | None:
        """The canonical value for what was typed or extracted, or None if it means nothing here."""
        if fact not in self.facts or raw is None:
            return None
        return self._lookup[fact].get(_normalise_phrase(str(raw)))

    def title(self, fact: str, value: str | None) -> str:
        """How a value is shown to people ("teams" -> "Microsoft Teams")."""
        known = self.facts.get(fact)
        if known is None:
            return value or ""
        if value is None:
            return known.title
        entry = known.values.get(value)
        return entry.title if entry else value

    def find_in_text(self, text: str) -> dict[str, str]:
        """Facts marked `detect_in_text` whose synonym phrase occurs in `text` (first match wins)."""
        found: dict[str, str] = {}
        words = " " + _normalise_phrase(PUNCTUATION.sub(" ", SCRIPT_BOUNDARY.sub(" ", text[:5000].lower()))) + " "
        whole = [plain_words(text)]
        sentences = [plain_words(s) for s in SENTENCE_END.split(text[:MAX_SCANNED]) if s.strip()] or whole
        for fact in self.facts.values():
            if not fact.detect_in_text:
                continue
            named = _named_values(words, fact)
            for value in fact.values.values():
                if value.value in named or any(
                    p.search(part) for p in value.patterns for part in (whole if p.pattern.startswith("^") else sentences)
                ):
                    found[fact.name] = value.value
                    break
        return found

    def answer_in_text(self, fact: str, text: str) -> str | None:
        """The value a typed reply to `fact`'s question gives by its `answers` patterns (the first that matches)."""
        known = self.facts.get(fact)
        if known is None or not known.answers:
            return None
        # Their own words first, then with the English glosses of other languages' words ("lo permití" -> "allowed").
        for words in (plain_words(text), plain_words(with_glosses(text))):
            value = next((value for value, pattern in known.answers if pattern.search(words)), None)
            if value is not None:
                return value
        return None

    def entity_facts(self) -> list[Fact]:
        return [fact for fact in self.facts.values() if fact.entity]


def load_vocabulary(path: Path, display_name: str | None = None) -> Vocabulary:
    """Read facts.yml; raises SourceError naming file and line on a malformed entry."""
    name = display_name or str(path)
    data = load_yaml(path, name)
    if not isinstance(data, LineDict) or not isinstance(data.get("facts"), LineDict):
        raise SourceError(Where(name, 1), "expected a top-level 'facts:' mapping")
    facts: dict[str, Fact] = {}
    for fact_name, spec in data["facts"].items():
        where = Where(name, data["facts"].line_of(fact_name))
        if not isinstance(spec, LineDict) or not isinstance(spec.get("values"), LineDict):
            raise SourceError(where, f"fact {fact_name!r} needs a 'values:' mapping")
        values: dict[str, FactValue] = {}
        for value_name, value_spec in spec["values"].items():
            value_spec = value_spec or {}
            if not isinstance(value_spec, dict):
                raise SourceError(
                    Where(name, spec["values"].line_of(value_name)),
                    f"value {value_name!r} of {fact_name!r} must be a mapping",
                )
            values[value_name] = FactValue(
                value=value_name,
                title=str(value_spec.get("title", value_name)),
                synonyms=tuple(str(s).lower() for s in value_spec.get("synonyms", ()) or ()),
                patterns=_patterns(value_spec, Where(name, spec["values"].line_of(value_name)), f"{fact_name}={value_name}"),
            )
        facts[fact_name] = Fact(
            name=fact_name,
            title=str(spec.get("title", fact_name)),
            values=values,
            entity=bool(spec.get("entity", False)),
            detect_in_text=bool(spec.get("detect_in_text", False)),
            elsewhere=_elsewhere(spec, where, fact_name, data["facts"]),
            answers=_answers(spec, where, fact_name, values),
        )
    return Vocabulary(facts=facts, source=name)


def _elsewhere(spec: LineDict, where: Where, fact: str, known: LineDict) -> tuple[str, ...]:
    raw = spec.get("elsewhere") or []
    if not isinstance(raw, list) or any(str(name) not in known for name in raw):
        raise SourceError(Where(where.file, spec.line_of("elsewhere")), f"'elsewhere' of {fact} must list known facts")
    return tuple(str(name) for name in raw)


def _answers(spec: LineDict, where: Where, fact: str, values: dict[str, FactValue]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    raw = spec.get("answers")
    if raw is None:
        return ()
    if not isinstance(raw, LineDict):
        raise SourceError(Where(where.file, spec.line_of("answers")), f"'answers' of {fact} must map values to patterns")
    found: list[tuple[str, re.Pattern[str]]] = []
    for value, patterns in raw.items():
        here = Where(where.file, raw.line_of(value))
        if str(value) not in values:
            raise SourceError(here, f"'answers' of {fact} names unknown value {value!r} (one of {', '.join(values)})")
        found.extend((str(value), p) for p in _patterns({"answers": patterns}, here, f"{fact} answer {value}", "answers"))
    return tuple(found)


def _patterns(spec: dict, where: Where, owner: str, key: str = "patterns") -> tuple[re.Pattern[str], ...]:
    raw = spec.get(key) or []
    if not isinstance(raw, list):
        raise SourceError(where, f"'{key}' of {owner} must be a list of regular expressions")
    lines = getattr(raw, "item_lines", [where.line] * len(raw))
    compiled = []
    for source, line in zip(raw, lines, strict=True):
        try:
            compiled.append(re.compile(str(source)))
        except re.error as error:
            raise SourceError(Where(where.file, line), f"bad pattern for {owner}: {error}") from None
    return tuple(compiled)
