"""Load and validate the flows once, for servers and commands."""

from __future__ import annotations

import functools
from functools import lru_cache
from pathlib import Path

from bot.app.paths import flows_dir, knowledge_dir
from bot.chat.conversation import MESSAGE_NAMES
from bot.flows.check import check_flows
from bot.flows.engine import Engine
from bot.flows.facts import Vocabulary, load_vocabulary
from bot.flows.model import MESSAGES_FILE, ArticleRef, Finding, FlowSet, load_flow_set
from bot.flows.sourcefile import SourceError, Where
from bot.kb.index import load_articles


class FlowsInvalid(RuntimeError):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def article_index(directory: Path) -> dict[str, ArticleRef]:
    """Id -> title and section anchors of every article that parses (what flow steps may link to)."""
    articles, _ = load_articles(directory) if directory.is_dir() else ({}, [])
    return {a.id: ArticleRef(a.title, frozenset(s.anchor for s in a.sections)) for a in articles.values()}


def validate(directory: Path | None = None, knowledge: Path | None = None) -> tuple[FlowSet, list[Finding]]:
    """Load the flows and report every problem (flows, facts, messages the chat needs)."""
    directory = directory or flows_dir()
    flow_set = load_flow_set(directory)
    flow_set.articles = article_index(knowledge or knowledge_dir())
    findings = check_flows(flow_set, flow_set.articles)
    messages_file = Where(str(directory / MESSAGES_FILE), 1)
    findings += [
        Finding(messages_file, f"message {name!r} is used by the chat but missing")
        for name in MESSAGE_NAMES
        if name not in flow_set.messages and flow_set.messages
    ]
    return flow_set, findings


@lru_cache(maxsize=4)
def load_engine(directory: str | None = None) -> Engine:
    """The engine over valid flows; raises FlowsInvalid listing every finding otherwise."""
    flow_set, findings = validate(Path(directory) if directory else None)
    if findings:
        raise FlowsInvalid(findings)
    return Engine(flow_set)


@functools.lru_cache(maxsize=4)
def _load(path: Path, _mtime_ns: int) -> Vocabulary:
    return load_vocabulary(path)


def vocabulary() -> Vocabulary:
    """flows/facts.yml (reloaded when it changes); an empty vocabulary if it cannot be read, so a ticket still shows."""
    path = flows_dir() / "facts.yml"
    try:
        return _load(path, path.stat().st_mtime_ns)
    except (OSError, SourceError):
        return Vocabulary(facts={})
