"""Small server-side SVG charts for the staff console: no chart library, no script, every text escaped.

Each bar is a `<g class="bar" data-label=… data-value=…>` with a visible label and value and a `<title>`
tooltip; the whole chart has a title and description for screen readers (pages put the numbers in a table too).
Colours come from CSS classes (the console's CSP allows no inline styles).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

WIDTH = 760
LABEL_WIDTH = 320
ROW = 28
BAR = 18
COLUMN_AREA = 220


@dataclass
class Segment:
    name: str
    """The series (such as an outcome) this part of a bar stands for; its CSS class is `seg-<name>`."""
    value: int


@dataclass
class Bar:
    label: str
    segments: list[Segment] = field(default_factory=list)
    kind: str = ""
    """An extra CSS class for the bar (such as the funnel step's kind)."""

    @property
    def value(self) -> int:
        return sum(s.value for s in self.segments)


def single(label: str, value: int, series: str = "count", kind: str = "") -> Bar:
    return Bar(label, [Segment(series, value)], kind)


def _segment(label: str, segment: Segment, legend: dict[str, str] | None, x: float, y: float, width: float, height: float) -> str:
    """One coloured piece of a bar, with a tooltip naming what it counts."""
    tip = f"{label}: {segment.value} {_words(legend, segment.name)}".strip()
    return (
        f'<rect class="seg seg-{escape(segment.name)}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
        f'height="{height:.1f}"><title>{escape(tip)}</title></rect>'
    )


def horizontal_bars(chart_id: str, title: str, description: str, bars: list[Bar], legend: dict[str, str] | None = None) -> str:
    """One row per bar, longest value = full width; segments side by side when a bar is stacked."""
    top = max((b.value for b in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 60
    height = ROW * len(bars) + 10
    rows = []
    for index, bar in enumerate(bars):
        y = 5 + index * ROW
        x = float(LABEL_WIDTH)
        parts = []
        for segment in bar.segments:
            width = span * segment.value / top
            if segment.value:
                parts.append(_segment(bar.label, segment, legend, x, y, max(width, 1), BAR))
            x += width
        rows.append(
            f'<g class="bar {escape(bar.kind)}" data-label="{escape(bar.label)}" data-value="{bar.value}">'
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + BAR - 5}" text-anchor="end">{escape(_cut(bar.label))}</text>'
            f"{''.join(parts)}"
            f'<text class="value" x="{x + 6:.1f}" y="{y + BAR - 5}">{bar.value}</text></g>'
        )
    return _svg(chart_id, title, description, WIDTH, height, "".join(rows)) + _legend(legend)


def stacked_columns(chart_id: str, title: str, description: str, columns: list[Bar], legend: dict[str, str]) -> str:
    """One stacked column per bar (such as a day), series stacked bottom to top in legend order."""
    top = max((c.value for c in columns), default=0) or 1
    step = max(min((WIDTH - 60) / max(len(columns), 1), 90), 14)
    width = max(WIDTH, int(60 + step * len(columns)))
    base = COLUMN_AREA + 24  # room for the tallest column's value above it
    items = []
    for index, column in enumerate(columns):
        x = 40 + index * step
        y = float(base)
        parts = []
        for segment in column.segments:
            tall = COLUMN_AREA * segment.value / top
            y -= tall
            if segment.value:
                parts.append(_segment(column.label, segment, legend, x, y, step * 0.7, tall))
        middle = x + step * 0.35
        items.append(
            f'<g class="bar column" data-label="{escape(column.label)}" data-value="{column.value}">{"".join(parts)}'
            f'<text class="value" x="{middle:.1f}" y="{y - 4:.1f}" text-anchor="middle">{column.value}</text>'
            f'<text class="label" x="{middle:.1f}" y="{base + 16}" text-anchor="middle">{escape(column.label[-5:])}</text></g>'
        )
    axis = f'<line class="axis" x1="30" y1="{base}" x2="{width - 10}" y2="{base}"/>'
    return _svg(chart_id, title, description, width, base + 26, axis + "".join(items)) + _legend(legend)


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: str) -> str:
    chart = escape(chart_id)
    return (
        f'<svg class="chart" id="{chart}" role="img" aria-labelledby="{chart}-title {chart}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart}-title">{escape(title)}</title><desc id="{chart}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _legend(legend: dict[str, str] | None) -> str:
    if not legend or len(legend) < 2:
        return ""
    keys = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true"><rect class="seg seg-{escape(name)}" width="12" height="12"/></svg> '
        f"{escape(words)}</li>"
        for name, words in legend.items()
    )
    return f'<ul class="legend">{keys}</ul>'


def _words(legend: dict[str, str] | None, name: str) -> str:
    return (legend or {}).get(name, "")


def _cut(label: str, size: int = 50) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"
