"""Small server-side SVG charts for the staff console: no chart library, no script.

This module only lays the charts out (where each bar, segment and label goes); `templates/charts.html` draws
them, escaping every text. Each bar is a `<g class="bar" data-label=… data-value=…>` with a visible label and
value and a `<title>` tooltip; the whole chart has a title and description for screen readers (pages put the
numbers in a table too). Colours come from CSS classes (the console's CSP allows no inline styles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Box:
    """One coloured piece of a bar, with the tooltip that names what it counts."""

    series: str
    x: float
    y: float
    width: float
    height: float
    tip: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = ""
    """SVG text-anchor ("end", "middle"), or "" for the default."""


@dataclass(frozen=True)
class PlacedBar:
    bar: Bar
    boxes: list[Box]
    label: Text
    value: Text
    column: bool = False


@dataclass(frozen=True)
class Chart:
    """A laid-out chart: what charts.html's `chart` macro draws."""

    id: str
    title: str
    description: str
    width: int
    height: int
    bars: list[PlacedBar]
    legend: dict[str, str]
    axis: tuple[int, int, int, int] | None = None
    """x1, y1, x2, y2 of the columns' base line."""


def horizontal_bars(chart_id: str, title: str, description: str, bars: list[Bar], legend: dict[str, str] | None = None) -> Chart:
    """One row per bar, longest value = full width; segments side by side when a bar is stacked."""
    top = max((b.value for b in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 60
    placed = []
    for index, bar in enumerate(bars):
        y = 5 + index * ROW
        x = float(LABEL_WIDTH)
        boxes = []
        for segment in bar.segments:
            width = span * segment.value / top
            if segment.value:
                boxes.append(_box(bar.label, segment, legend, x, y, max(width, 1), BAR))
            x += width
        label = Text(LABEL_WIDTH - 8, y + BAR - 5, _cut(bar.label), "end")
        placed.append(PlacedBar(bar, boxes, label, Text(round(x + 6, 1), y + BAR - 5, str(bar.value))))
    return Chart(chart_id, title, description, WIDTH, ROW * len(bars) + 10, placed, legend or {})


def stacked_columns(chart_id: str, title: str, description: str, columns: list[Bar], legend: dict[str, str]) -> Chart:
    """One stacked column per bar (such as a day), series stacked bottom to top in legend order."""
    top = max((c.value for c in columns), default=0) or 1
    step = max(min((WIDTH - 60) / max(len(columns), 1), 90), 14)
    width = max(WIDTH, int(60 + step * len(columns)))
    base = COLUMN_AREA + 24  # room for the tallest column's value above it
    placed = []
    for index, column in enumerate(columns):
        x = 40 + index * step
        y = float(base)
        boxes = []
        for segment in column.segments:
            tall = COLUMN_AREA * segment.value / top
            y -= tall
            if segment.value:
                boxes.append(_box(column.label, segment, legend, x, y, step * 0.7, tall))
        middle = round(x + step * 0.35, 1)
        value = Text(middle, round(y - 4, 1), str(column.value), "middle")
        placed.append(PlacedBar(column, boxes, Text(middle, base + 16, column.label[-5:], "middle"), value, column=True))
    return Chart(chart_id, title, description, width, base + 26, placed, legend, axis=(30, base, width - 10, base))


def _box(label: str, segment: Segment, legend: dict[str, str] | None, x: float, y: float, width: float, height: float) -> Box:
    tip = f"{label}: {segment.value} {(legend or {}).get(segment.name, '')}".strip()
    return Box(segment.name, round(x, 1), round(y, 1), round(width, 1), round(height, 1), tip)


def _cut(label: str, size: int = 50) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"
