"""Parse knowledge/*.md into articles and sections with markdown-it-py.

A section is an `##` heading and everything up to the next one; the text before the first heading is the
`intro` section. Anchors are derived from headings, so links and citations stay stable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.flows.sourcefile import LineDict, LineList, SourceError, Where, load_yaml_text

AUDIENCES = ("end-user", "staff", "developer")
REQUIRED = ("id", "title", "summary", "audience")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KB_LINK = re.compile(r"^/kb/([^#?/]+)(?:#([^?]*))?$")
INTRO = "intro"
ASKED_AS = "asked_as"
UNSEARCHED = ("sources",)
"""Sections kept out of the index: a list of sources answers no question (the page still shows it)."""
MAX_ASKED_LENGTH = 300


def slugify(heading: str) -> str:
    """'Windows 11 and 10' -> 'windows-11-and-10'."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-") or "section"


def markdown() -> MarkdownIt:
    """The one markdown-it configuration: CommonMark, raw HTML off, tables on."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


@dataclass
class Section:
    anchor: str
    heading: str
    position: int
    line: int
    markdown: str
    text: str
    """Plain text (for the index and short answers)."""


@dataclass
class Link:
    article: str
    anchor: str | None
    line: int


@dataclass
class Article:
    id: str
    path: str
    title: str
    summary: str
    audience: str
    content_hash: str
    applies_to: dict[str, list[str]] = field(default_factory=dict)
    causes: list[str] = field(default_factory=list)
    error_codes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    updated: str = ""
    sources: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    asked_as: dict[str, list[str]] = field(default_factory=dict)
    """Section anchor -> the ways people ask for that section (searched, never shown as the answer)."""

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def split_front_matter(text: str, where: Where) -> tuple[str, str, int]:
    """(front matter YAML, body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise SourceError(where, "an article must start with '---' front matter")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise SourceError(where, "front matter is not closed with '---'")


def parse_article(path: Path, display: str | None = None) -> Article:
    """Parse one article; raises SourceError naming file and line on anything malformed."""
    name = display or str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(Where(name, 1), "not UTF-8 text") from None
    front_text, body, body_line = split_front_matter(text, Where(name, 1))
    front = load_yaml_text(front_text, name, first_line=2)
    if not isinstance(front, LineDict):
        raise SourceError(Where(name, 2), "front matter must be a YAML mapping")
    for key in REQUIRED:
        if not front.get(key):
            raise SourceError(Where(name, front.line), f"front matter needs '{key}'")
    article_id = str(front["id"])
    if not ID_PATTERN.match(article_id):
        raise SourceError(Where(name, front.line_of("id")), f"id {article_id!r} must be lower-case words joined by dashes")
    if front["audience"] not in AUDIENCES:
        raise SourceError(Where(name, front.line_of("audience")), f"audience must be one of {', '.join(AUDIENCES)}")
    applies = front.get("applies_to") or {}
    if not isinstance(applies, dict):
        raise SourceError(Where(name, front.line_of("applies_to")), "applies_to must map browsers/os/sdk to lists")
    article = Article(
        id=article_id,
        path=name,
        title=str(front["title"]),
        summary=str(front["summary"]).strip(),
        audience=str(front["audience"]),
        content_hash=hashlib.sha256(raw).hexdigest(),
        applies_to={str(k): _strings(v) for k, v in applies.items()},
        causes=_strings(front.get("causes")),
        error_codes=_strings(front.get("error_codes")),
        tags=_strings(front.get("tags")),
        updated=str(front.get("updated") or ""),
        sources=_strings(front.get("sources")),
    )
    _read_body(article, body, body_line, name)
    if ASKED_AS in front:
        article.asked_as = _asked_as(front, article, name)
    return article


def _asked_as(front: LineDict, article: Article, name: str) -> dict[str, list[str]]:
    """`asked_as: {anchor: [phrasing, ...]}`, checked against the article's real section anchors."""
    value = front[ASKED_AS]
    if not isinstance(value, LineDict):
        raise SourceError(Where(name, front.line_of(ASKED_AS)), "asked_as must map section anchors to lists of questions")
    anchors = [section.anchor for section in article.sections]
    asked: dict[str, list[str]] = {}
    for anchor, phrasings in value.items():
        line = value.line_of(anchor)
        if anchor in UNSEARCHED:
            raise SourceError(Where(name, line), f"asked_as: the {anchor!r} section is never searched, so it takes no questions")
        if anchor not in anchors:
            raise SourceError(Where(name, line), f"asked_as names no section {anchor!r}; the anchors are: {', '.join(anchors)}")
        if not isinstance(phrasings, LineList) or not phrasings:
            raise SourceError(Where(name, line), f"asked_as {anchor!r} must be a non-empty list of questions")
        for item, item_line in zip(phrasings, phrasings.item_lines, strict=True):
            if not isinstance(item, str) or not item.strip():
                raise SourceError(Where(name, item_line), f"asked_as {anchor!r}: each question must be non-empty text")
            if len(item) > MAX_ASKED_LENGTH:
                raise SourceError(
                    Where(name, item_line), f"asked_as {anchor!r}: keep a question under {MAX_ASKED_LENGTH} characters"
                )
        asked[anchor] = [item.strip() for item in phrasings]
    return asked


def _read_body(article: Article, body: str, body_line: int, name: str) -> None:
    lines = body.splitlines(keepends=True)
    tokens = markdown().parse(body)
    starts: list[tuple[int, str, int]] = [(0, "", body_line)]  # (body line index, heading, file line)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            line = body_line + token.map[0]
            if token.tag == "h1":
                raise SourceError(Where(name, line), "use '##' for sections: the title comes from the front matter")
            if token.tag == "h2":
                starts.append((token.map[0], _inline_text(tokens[index + 1]).strip(), line))
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open":
                    match = KB_LINK.match(str(child.attrs.get("href", "")))
                    if match:
                        line = body_line + (token.map[0] if token.map else 0)
                        article.links.append(Link(match[1], match[2] or None, line))
    seen: set[str] = set()
    for position, (start, heading, line) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        chunk_lines = lines[start + (1 if heading else 0) : end]
        chunk = "".join(chunk_lines).strip()
        if not heading and not chunk:
            continue
        anchor = slugify(heading) if heading else INTRO
        if anchor in seen:
            raise SourceError(Where(name, line), f"two sections would share the anchor {anchor!r}: rename one heading")
        seen.add(anchor)
        article.sections.append(Section(anchor, heading or article.title, position, line, chunk, plain_text(chunk)))


def plain_text(source: str) -> str:
    """Markdown to plain text: what is indexed and quoted."""
    parts: list[str] = []
    for token in markdown().parse(source):
        if token.type == "inline":
            parts.append(_inline_text(token))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return "\n".join(p.strip() for p in parts if p.strip())
