"""Conditions, steps and links in plain words, for the runbook and the diagram's labels."""

from __future__ import annotations

import ast
import re

from bot.flows.conditions import Condition
from bot.flows.facts import Vocabulary
from bot.flows.model import END, Flow, FlowSet, Step, StepKind

KIND_NAMES = {
    StepKind.COLLECT: "question",
    StepKind.INSTRUCT: "fix",
    StepKind.ROUTE: "routing",
    StepKind.LINK: "hand-over to another flow",
    StepKind.CALL: "check in another flow",
}


def step_kind(step: Step) -> str:
    """The kind as staff say it: question, fix, routing, ending (resolved/escalated), hand-over, check."""
    if step.kind == StepKind.END:
        return f"ending ({step.end})"
    return KIND_NAMES.get(step.kind, step.kind)


def _lower_first(text: str) -> str:
    """ "Which app" -> "which app", but "HTTPS page" stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def step_title(step: Step, flow_set: FlowSet) -> str:
    """A step as staff name it: "Ask: which browser", "Fix: closing other apps", the checked flow's name, an
    ending; a routing step by its id in words. Fix phrases come from the handoff summary's wording."""
    from bot.tickets.summary import FIXES  # the one place fixes are worded; imported late (it loads facts.yml)

    if step.kind == StepKind.COLLECT:
        fact = flow_set.vocabulary.facts.get(step.fact or "")
        return f"Ask: {_lower_first(fact.title) if fact else (step.fact or step.id).replace('_', ' ')}"
    if step.kind == StepKind.INSTRUCT:
        fix = step.instruct or step.id
        return f"Fix: {FIXES.get(fix, fix.replace('_', ' '))}"
    if step.kind in (StepKind.CALL, StepKind.LINK):
        target = flow_set.flows.get(step.target_flow or "")
        name = target.name if target and target.name else (step.target_flow or step.id).replace("_", " ")
        return name if step.kind == StepKind.CALL else f"Go to: {_lower_first(name)}"
    if step.kind == StepKind.END:
        return f"Ending: {step.end}"
    return "Route: " + step.id.replace("_", " ")


def plain_condition(condition: Condition, vocabulary: Vocabulary) -> str:
    """A condition for a drawing: no markdown marks, and a tried fix by its words ("closing other apps has not
    been tried yet"), not its id."""
    from bot.tickets.summary import FIXES

    text = re.sub(r"`([a-z0-9_]+)`", lambda m: FIXES.get(m[1], m[1].replace("_", " ")), condition_words(condition, vocabulary))
    return text.replace("`", "").replace("*", "")


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def node_id(flow_id: str, step_id: str) -> str:
    """The id of a step in the diagram (and in the SVG): `<flow>.<step>`."""
    return f"{flow_id}.{step_id}"


def target_words(target: str) -> str:
    return "return to the flow that called this one" if target == END else f"`{target}`"


def condition_words(condition: Condition, vocabulary: Vocabulary) -> str:
    """`os == "macos" and not tried("close_apps")` -> 'operating system is macOS and `close_apps` has not been tried'."""
    return _words(condition.tree, vocabulary, top=True)


def _values(node: ast.expr) -> list[object]:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [element.value for element in node.elts if isinstance(element, ast.Constant)]
    return [node.value] if isinstance(node, ast.Constant) else []


def fact_words(vocabulary: Vocabulary, name: str) -> str:
    """A fact's title in italics, like a form field ("*Operating system*"), so titles keep their capitals."""
    fact = vocabulary.facts.get(name)
    return f"*{fact.title if fact else name.replace('_', ' ')}*"


CALL_WORDS = {
    "planned": ("the evidence so far makes `{}` the best next move", "`{}` is not the best next move"),
    "likely": ("the likeliest cause is still `{}`", "the likeliest cause is no longer `{}`"),
    "tried": ("`{}` was already tried", "`{}` has not been tried yet"),
}
"""How each function of the condition language reads, said and negated."""


def _call_words(call: ast.Call, negated: bool) -> str:
    name = call.func.id if isinstance(call.func, ast.Name) else "tried"
    return CALL_WORDS[name][negated].format(_values(call.args[0])[0])


def _either(titles: list[str], joiner: str) -> str:
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + f" {joiner} " + titles[-1]


def _words(node: ast.expr, vocabulary: Vocabulary, top: bool = False) -> str:
    if isinstance(node, ast.BoolOp):
        joiner = " and " if isinstance(node.op, ast.And) else " or "
        text = joiner.join(_words(value, vocabulary) for value in node.values)
        return text if top else f"({text})"
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Call):
        return _call_words(node.operand, negated=True)
    if isinstance(node, ast.UnaryOp):
        return f"not {_words(node.operand, vocabulary)}"
    if isinstance(node, ast.Call):
        return _call_words(node, negated=False)
    if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name):
        name, op = node.left.id, node.ops[0]
        values = _values(node.comparators[0])
        if values == [None]:
            known = isinstance(op, ast.NotEq)
            return f"{fact_words(vocabulary, name)} is {'known' if known else 'not known'}"
        titles = [vocabulary.title(name, str(value)) for value in values]
        if isinstance(op, ast.Eq):
            return f"{fact_words(vocabulary, name)} is {titles[0]}"
        if isinstance(op, ast.NotEq):
            return f"{fact_words(vocabulary, name)} is not {titles[0]}"
        if isinstance(op, ast.In):
            return f"{fact_words(vocabulary, name)} is {_either(titles, 'or')}"
        return (
            f"{fact_words(vocabulary, name)} is neither {_either(titles, 'nor')}"
            if len(titles) > 1
            else (f"{fact_words(vocabulary, name)} is not {titles[0]}")
        )
    if isinstance(node, ast.Constant):
        return "always" if node.value else "never"
    return ast.unparse(node)


def callers(flow_set: FlowSet) -> dict[str, list[tuple[str, str, str]]]:
    """Flow id -> every (kind, flow, step) that links to or calls it."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for flow in flow_set.flows.values():
        for step in flow.steps:
            if step.kind in (StepKind.LINK, StepKind.CALL) and step.target_flow:
                found.setdefault(step.target_flow, []).append((step.kind, flow.id, step.id))
    return found


def ordered_flows(flow_set: FlowSet, first: str | None = None) -> list[Flow]:
    """The main flow first, then the other entry flows, then flows only reached from others (each in file order)."""
    flows = list(flow_set.flows.values())
    return sorted(flows, key=lambda flow: (flow.id != first, not flow.entry))
