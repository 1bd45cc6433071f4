"""The flows as one Graphviz graph: a cluster per flow, a node per step, labelled edges.

Every step's node has the id `<flow>.<step>`, which Graphviz keeps as the id of its `<g>` in the SVG, so a page
can highlight a step by id. Labels are quoted and escaped here; Graphviz escapes them again for SVG/XML, so
no flow text becomes markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from bot.flows.facts import Vocabulary
from bot.flows.model import END, Branch, Flow, FlowSet, Step, StepKind, entry_step
from bot.render.words import node_id, ordered_flows, plain_condition, shorten, step_title

LABEL_WIDTH = 26
EDGE_LIMIT = 48
TOOLTIP_LIMIT = 300
RETURN = "END"


@dataclass(frozen=True)
class Look:
    shape: str
    fill: str
    style: str = "filled"


# One look per kind of step; the console's legend (console.css) uses the same colours.
LOOKS = {
    StepKind.COLLECT: Look("box", "#dbe9ff", "rounded,filled"),
    StepKind.INSTRUCT: Look("box", "#fff3c4"),
    StepKind.ROUTE: Look("diamond", "#eeeeee"),
    "resolved": Look("oval", "#c9f0d0"),
    "escalated": Look("oval", "#ffd2cc"),
    StepKind.LINK: Look("cds", "#e7dcff"),
    StepKind.CALL: Look("box3d", "#e7dcff"),
    RETURN: Look("plaintext", "#ffffff", ""),
}


def quote(text: str) -> str:
    """A DOT double-quoted string; `\\n` in `text` stays a line break, everything else is literal."""
    lines = str(text).split("\n")
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def _attributes(values: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in values.items() if value != "")


def _look(step: Step) -> Look:
    return LOOKS[step.end or "escalated"] if step.kind == StepKind.END else LOOKS[step.kind]


def _label(flow_set: FlowSet, step: Step) -> str:
    """The step's title in staff words, on at most two lines."""
    return "\n".join(textwrap.wrap(step_title(step, flow_set), LABEL_WIDTH, max_lines=2, placeholder="…"))


def _tooltip(step: Step) -> str:
    text = step.ask[-1].text if step.ask else step.text[-1].text if step.text else ""
    return shorten(text or step.id, TOOLTIP_LIMIT)


def _branch_label(branch: Branch, vocabulary: Vocabulary, prefix: str = "") -> str:
    if branch.condition is None:
        return prefix
    condition = shorten(plain_condition(branch.condition, vocabulary), EDGE_LIMIT)
    return f"{prefix}, if {condition}" if prefix else f"if {condition}"


def _edges(flow_set: FlowSet, flow: Flow, step: Step) -> list[tuple[str, str, dict[str, str]]]:
    """(from, to, attributes) for every way out of `step`."""
    here = node_id(flow.id, step.id)
    edges: list[tuple[str, str, dict[str, str]]] = []

    def to(target: str) -> str:
        return node_id(flow.id, RETURN if target == END else target)

    words = flow_set.vocabulary
    onward = flow.onward(step)
    branched = len(onward) > 1 or any(b.condition for b in onward)
    for position, branch in enumerate(onward):
        if step.kind == StepKind.INSTRUCT:
            label = _branch_label(branch, words, "not fixed")
        elif step.kind == StepKind.COLLECT and not branched and step.choices:
            label = " / ".join(choice.title or choice.value for choice in step.choices)
        elif step.kind == StepKind.CALL:
            label = "afterwards"
        elif branched and branch.condition is None and position == len(onward) - 1:
            label = "else"
        elif branch.condition is not None and branch.condition.planned:
            label = "chosen from the evidence"  # the cause model picks it; the tooltip and the runbook say more
        else:
            label = _branch_label(branch, words)
        full = plain_condition(branch.condition, words) if branch.condition else label
        edges.append((here, to(branch.target), {"label": shorten(label, EDGE_LIMIT), "tooltip": full}))
    if step.kind == StepKind.INSTRUCT and (fixed := flow.fixed_target(step)) is not None:
        edges.append((here, to(fixed.target), {"label": "fixed", "color": "#2e7d32", "fontcolor": "#2e7d32"}))
    if step.kind in (StepKind.LINK, StepKind.CALL) and step.target_flow in flow_set.flows:
        kind = "continues in" if step.kind == StepKind.LINK else "runs"
        entry = entry_step(step, flow_set.flows)
        edges.append((here, node_id(step.target_flow, entry), {"label": kind, "style": "dashed", "color": "#6a4fb3"}))
    return edges


def flows_dot(flow_set: FlowSet, first_flow: str | None = "mic_31201") -> str:
    """The whole tree as DOT text (deterministic: same flows, same text)."""
    lines = [
        "digraph flows {",
        '  graph [rankdir="TB", fontname="Helvetica", fontsize="12", nodesep="0.3", ranksep="0.45", '
        'id="flows", compound="true"];',
        '  node [fontname="Helvetica", fontsize="10", margin="0.12,0.05"];',
        '  edge [fontname="Helvetica", fontsize="8", color="#5b6478", fontcolor="#39404f"];',
    ]
    edges: list[str] = []
    for number, flow in enumerate(ordered_flows(flow_set, first_flow)):
        title = flow.name + ("" if flow.entry else " (only from other flows)")
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(
            f"    graph [{_attributes({'label': title, 'id': f'flow-{flow.id}', 'style': 'rounded', 'color': '#9aa3b5'})}];"
        )
        returns = False
        for step in flow.steps:
            look = _look(step)
            attributes = {
                "id": node_id(flow.id, step.id),
                "label": _label(flow_set, step),
                "shape": look.shape,
                "style": look.style,
                "fillcolor": look.fill,
                "tooltip": _tooltip(step),
            }
            if step.article:
                article, _, section = step.article.partition("#")
                attributes["URL"] = f"/kb/{article}" + (f"#{section}" if section else "")
                attributes["target"] = "_blank"
            lines.append(f"    {quote(node_id(flow.id, step.id))} [{_attributes(attributes)}];")
            for source, target, attrs in _edges(flow_set, flow, step):
                returns = returns or target == node_id(flow.id, RETURN)
                edges.append(f"  {quote(source)} -> {quote(target)} [{_attributes(attrs)}];")
        if returns:
            back = {"id": node_id(flow.id, RETURN), "label": "back to the calling flow", "shape": "plaintext"}
            lines.append(f"    {quote(node_id(flow.id, RETURN))} [{_attributes(back)}];")
        lines.append("  }")
    return "\n".join([*lines, *edges, "}"]) + "\n"
