"""Search the knowledge index with user text (never FTS syntax) and synonyms.

Every query word is quoted before it reaches FTS5, so quotes, AND/OR/NOT, NEAR, *, -, :, parentheses,
emoji and any script are just words. Words expand to their synonyms; title and heading weigh more than
the body (bm25 column weights).
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from dataclasses import asdict, dataclass
from functools import lru_cache

# Groups of words that mean the same thing to someone asking about a microphone problem.
SYNONYM_GROUPS: list[tuple[str, ...]] = [
    ("mic", "microphone", "mike", "microfone", "microphon", "headset mic"),
    ("mac", "macos", "osx", "os x", "macbook", "imac"),
    ("teams", "microsoft teams", "ms teams"),
    ("bt", "bluetooth", "airpods", "wireless"),
    ("permission", "permissions", "access", "allow", "allowed", "blocked", "block", "denied"),
    ("windows", "win10", "win11", "pc"),
    ("firefox", "ff", "mozilla"),
    ("chrome", "chromium"),
    ("iphone", "ios", "ipad"),
    ("usb", "dongle"),
    ("https", "secure", "ssl", "http"),
    ("code", "javascript", "js", "snippet"),
    ("settings", "preferences"),
    ("error", "err"),
    ("driver", "drivers"),
    ("broken", "faulty", "dead"),
    # People's everyday words for what the articles name one way (from public reports, not from benchmark sets).
    ("hogging", "hog", "hogs", "holding", "holds", "grabbed", "grabs", "occupied", "in use", "busy"),
    ("rejoin", "redial", "call again", "call back", "reconnect"),
    ("reload", "reloaded", "refresh", "refreshed"),
    ("greyed", "grayed", "greyed out", "grayed out", "disabled", "locked"),
    ("mute", "muted", "mute button", "mute switch", "mute light"),
    ("task manager", "task mgr", "taskmgr"),
    ("avd", "azure virtual desktop", "windows virtual desktop", "wvd", "virtual desktop"),
    ("rdp", "remote desktop", "remoteapp", "mstsc"),
]
STOPWORDS = frozenset(
    "a an and are as at be but by can could do does for from get got have how i i'm im in into is it its it's "
    "me my of on or our please should so that the their them then there these this to was we what when where "
    "which who why will with would you your yours".split()
)
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
MAX_TERMS = 24
PUNCTUATION = "\"'`*()[]{},.:;!?"
WEIGHTS = (2.0, 4.0, 1.0, 1.0, 2.0)
"""bm25 weights for title, heading, body, keywords and the "asked as" questions (bot/kb/index.py
FTS_COLUMNS): the heading says most about a section."""


SNIPPET = "snippet(sections_fts, 2, '', '', '…', 16)"
"""Words of the body around the matched terms (column 2 of FTS_COLUMNS); the asked-as column is never shown."""


@dataclass
class Result:
    article: str
    section: str
    title: str
    heading: str
    snippet: str
    url: str
    score: float

    def as_dict(self) -> dict:
        return asdict(self)


def _synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            table[word] = group
    return table


SYNONYMS = _synonyms()


def query_terms(text: str, expand: bool = True) -> list[str]:
    """The words of a user's question (lower case, no stopwords), each with its synonyms if `expand`."""
    words = [w.lower() for w in WORD.findall(text[:2000])]
    phrase_text = " ".join(words)
    terms: list[str] = []
    for word in words:
        if word in STOPWORDS or word in terms:
            continue
        terms.append(word)
        if expand:
            terms.extend(s for s in SYNONYMS.get(word, ()) if s not in terms)
    if expand:  # multi-word synonyms typed as phrases ("os x", "ms teams")
        for phrase, group in SYNONYMS.items():
            if " " in phrase and phrase in phrase_text:
                terms.extend(s for s in group if s not in terms)
    return terms[:MAX_TERMS]


def fts_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression in which every term is a quoted string (no operators from users)."""
    return " OR ".join('"' + term.replace('"', "") + '"' for term in terms if term.replace('"', "").strip())


def search(
    connection: sqlite3.Connection,
    text: str,
    limit: int = 5,
    offset: int = 0,
    expand: bool = True,
    weights: tuple[float, ...] | None = WEIGHTS,
    snippets: bool = True,
) -> list[Result]:
    """Best sections first. Never raises on user text; an empty or stopword-only query finds nothing.

    Without `snippets` the results carry no snippet, which makes ranking many sections much cheaper."""
    match = fts_query(query_terms(text, expand))
    if not match:
        return []
    rank = f"bm25(sections_fts, {', '.join(str(w) for w in weights)})" if weights else "bm25(sections_fts)"
    snippet = SNIPPET if snippets else "''"
    sql = f"""
        select s.article, s.anchor, s.title, s.heading, {snippet} as snippet, {rank} as rank
        from sections_fts join sections s on s.rowid = sections_fts.rowid
        where sections_fts match ? order by rank limit ? offset ?
    """  # noqa: S608 - only our constant weights are formatted in; user text is a bound parameter
    try:
        rows = connection.execute(sql, (match, max(1, min(limit, 50)), max(0, offset))).fetchall()
    except sqlite3.OperationalError:
        return []
    return [Result(row[0], row[1], row[2], row[3], row[4], f"/kb/{row[0]}#{row[1]}", round(-row[5], 3)) for row in rows]


def excerpt(body: str, terms: list[str], words: int = 16) -> str:
    """About `words` words of `body` where most of the question's terms appear (for showing results).

    A term matches words that start like it ("block" finds "blocked"): a cheap stand-in for FTS5's
    snippet(), which would cost a second full-text query per search."""
    tokens, normalised, starts = _tokens(body)
    if len(tokens) <= words:
        return " ".join(tokens)
    prefixes = tuple(sorted({term[:5] for term in terms if len(term) >= 3}))
    hits = [bisect_left(starts, match.start(1)) for match in _word_starts(prefixes).finditer(normalised)] if prefixes else []
    best, start = 0, 0
    for hit in hits:
        first = max(0, hit - 3)
        count = bisect_left(hits, first + words) - bisect_left(hits, first)
        if count > best:
            best, start = count, first
    start = min(start, len(tokens) - words)
    return ("…" if start else "") + " ".join(tokens[start : start + words]) + ("…" if start + words < len(tokens) else "")


@lru_cache(maxsize=512)
def _tokens(body: str) -> tuple[list[str], str, list[int]]:
    """A body's words; the same in lower case without punctuation, joined by spaces; where each word starts in
    that text (bodies repeat: each is split once)."""
    tokens = body.split()
    normalised = [token.lower().strip(PUNCTUATION) for token in tokens]
    starts, position = [], 0
    for word in normalised:
        starts.append(position)
        position += len(word) + 1
    return tokens, " ".join(normalised), starts


@lru_cache(maxsize=256)
def _word_starts(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Words of a `_tokens` text that start with one of `prefixes`, found in one pass."""
    return re.compile(r"(?:^| )(" + "|".join(re.escape(prefix) for prefix in prefixes) + ")")
