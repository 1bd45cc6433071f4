"""Render article markdown for the web page (safe HTML) and for the terminal.

Raw HTML in an article is escaped, never passed through; links whose scheme is not http(s), mailto
or a relative path (javascript:, data:, vbscript:, ...) are dropped, keeping their text.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass

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


TABLE_OPEN = '<div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways)"><table>'


def to_html(source: str) -> str:
    """Markdown to HTML that is safe to put in a page."""
    engine = markdown()
    # markdown-it already refuses javascript: in its validateLink; the token pass drops the rest.
    tokens = _safe_tokens(engine.parse(source))
    # Code blocks and tables scroll sideways in their own box on a phone; tabindex lets keyboard users scroll them.
    return (
        engine.renderer.render(tokens, engine.options, {})
        .replace("<pre>", '<pre tabindex="0">')
        .replace("<table>", TABLE_OPEN)
        .replace("</table>", "</table></div>")
    )


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


@dataclass(frozen=True)
class Block:
    """One top-level block of a section's markdown: its kind and its source lines."""

    kind: str  # paragraph | ordered | bullet | code | other
    lines: list[str]


BLOCK_KINDS = {"paragraph_open": "paragraph", "ordered_list_open": "ordered", "bullet_list_open": "bullet", "fence": "code"}
ITEM_START = re.compile(r"^\s{0,3}(\d+[.)]|[-*+])\s+")
STEPS_LIMIT = 900
"""Characters of steps a chat answer shows; longer lists stop at a whole step and point to the article."""
CODE_LINES = 24


def blocks(markdown_source: str) -> list[Block]:
    """The section's top-level blocks in order (markdown-it's line maps, so the source is quoted as written)."""
    lines = markdown_source.split("\n")
    found = []
    for token in markdown().parse(markdown_source):
        if token.level == 0 and token.map and (token.nesting == 1 or token.type == "fence"):
            start, end = token.map
            found.append(Block(BLOCK_KINDS.get(token.type, "other"), lines[start:end]))
    return found


def _list_items(block: Block) -> list[str]:
    """One line per item: continuation lines are joined (the chat renders a list item per line)."""
    items: list[str] = []
    for line in block.lines:
        if ITEM_START.match(line) or not items:
            items.append(line.strip())
        elif line.strip():
            items[-1] += " " + line.strip()
    return items


def _bounded_steps(block: Block, budget: int) -> str:
    items = _list_items(block)
    kept: list[str] = []
    for item in items:
        if kept and sum(len(k) + 1 for k in kept) + len(item) > budget:
            break
        kept.append(item)
    more = len(items) - len(kept)
    return "\n".join(kept) + (f"\n(… {more} more in the article)" if more else "")


def _bounded_code(block: Block) -> str:
    fence, body, close = block.lines[0], block.lines[1:-1], block.lines[-1]
    if len(body) > CODE_LINES:
        body = [*body[:CODE_LINES], "// … the rest is in the article"]
    return "\n".join([fence.strip(), *body, close.strip()])


def chat_answer(section: Section, prefer_code: bool = False) -> str:
    """What the chat shows for a section: its opening sentence(s), then what the reader needs from it.

    That is the steps (the first numbered list, else a bulleted one) or, for a developer, the first code block;
    both bounded so an answer stays a chat message, never the whole article.
    """
    opening = short_answer(section)
    parts = blocks(section.markdown)
    by_kind = {kind: next((b for b in parts if b.kind == kind), None) for kind in ("ordered", "bullet", "code")}
    order = ("code", "ordered", "bullet") if prefer_code else ("ordered", "bullet", "code")
    chosen = next((by_kind[kind] for kind in order if by_kind[kind] is not None), None)
    if chosen is None:
        return opening
    body = _bounded_code(chosen) if chosen.kind == "code" else _bounded_steps(chosen, STEPS_LIMIT)
    return f"{opening}\n\n{body}"


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
