"""Each output format as text, and writing them into a folder (what `bot flows render` does)."""

from __future__ import annotations

from pathlib import Path

from bot.flows.model import FlowSet
from bot.render.dot import flows_dot
from bot.render.page import runbook_html
from bot.render.runbook import runbook_markdown
from bot.render.svg import dot_to_svg

FORMATS = {"svg": "flows.svg", "md": "runbook.md", "html": "runbook.html", "dot": "flows.dot"}
"""Format -> file name written with --out."""


def render(flow_set: FlowSet, fmt: str) -> str:
    """One format as text; RenderError (a RuntimeError) when Graphviz is needed and missing."""
    if fmt == "md":
        return runbook_markdown(flow_set)
    if fmt == "dot":
        return flows_dot(flow_set)
    if fmt == "svg":
        return dot_to_svg(flows_dot(flow_set))
    if fmt == "html":
        return runbook_html(runbook_markdown(flow_set), dot_to_svg(flows_dot(flow_set)))
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def write(flow_set: FlowSet, folder: Path, formats: list[str]) -> list[Path]:
    """Render every format first, then write them, so a missing Graphviz leaves no half-written set."""
    texts = {fmt: render(flow_set, fmt) for fmt in formats}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, text in texts.items():
        path = folder / FORMATS[fmt]
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
