"""Render article markdown for the web page (safe HTML) and for the terminal.

Raw HTML in an article is escaped, never passed through; links whose scheme is not http(s), mailto
or a relative path (javascript:, data:, vbscript:, ...) are dropped, keeping their text.
"""

from __future__ import annotations

import html
import re
import textwrap

from markdown_it.token import Token

from bot.kb.articles import Article, Section, markdown

SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*):", re.I)
ALLOWED_SCHEMES = ("http", "https", "mailto")


def link_allowed(href: str) -> bool:
    """Relative links and http(s)/mailto only."""
    match = SCHEME.match(href)
    return match is None or match[1].lower() in ALLOWED_SCHEMES


def _safe_tokens(tokens: list[Token]) -> list[Token]:
    """Turn links with unsafe targets into plain text (their children stay)."""
    for token in tokens:
        if token.children:
            kept: list[Token] = []
            dropping = 0
            for child in token.children:
                if child.type == "link_open":
                    if not link_allowed(str(child.attrs.get("href", ""))):
                        dropping += 1
                        continue
                if child.type == "link_close" and dropping:
                    dropping -= 1
                    continue
                kept.append(child)
            token.children = kept
    return tokens


def to_html(source: str) -> str:
    """Markdown to HTML that is safe to put in a page."""
    engine = markdown()
    # markdown-it already refuses javascript: in its validateLink; the token pass drops the rest.
    tokens = _safe_tokens(engine.parse(source))
    # Code blocks scroll sideways on a phone; tabindex lets keyboard users scroll them too.
    return engine.renderer.render(tokens, engine.options, {}).replace("<pre>", '<pre tabindex="0">')


def article_html(article: Article) -> str:
    parts = [f"<h1>{html.escape(article.title)}</h1>"]
    for section in article.sections:
        if section.anchor != "intro":
            parts.append(f'<h2 id="{html.escape(section.anchor)}">{html.escape(section.heading)}</h2>')
        else:
            parts.append('<div id="intro"></div>')
        parts.append(to_html(section.markdown))
    return "\n".join(parts)


def short_answer(section: Section, limit: int = 320) -> str:
    """The opening sentence(s) of a section: what the chat quotes."""
    first = section.text.split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > 80 else cut.rsplit(" ", 1)[0] + "…"


def to_terminal(article: Article, anchor: str | None = None, width: int = 88) -> str:
    """A readable plain-text rendering for `bot kb show`."""
    sections = [s for s in article.sections if anchor is None or s.anchor == anchor]
    out = [article.title, "=" * min(width, len(article.title)), ""]
    if anchor is None:
        out += [textwrap.fill(article.summary, width), ""]
    for section in sections:
        if section.anchor != "intro":
            out += [f"{section.heading}  (#{section.anchor})", "-" * min(width, len(section.heading)), ""]
        out += [section.markdown, ""]
    return "\n".join(out).rstrip() + "\n"
