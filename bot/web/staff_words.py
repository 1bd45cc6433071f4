"""Flow ids in the words staff use: step titles and cause titles, read from flows/ (never shown as ids).

A step is named by what it does: a question by the fact it asks about ("Ask: which app"), a fix by its fix
("Fix: closing other apps"), a check by the flow it runs, an ending by its outcome. A cause is named by its
`cause_<id>` entry in flows/messages.yml.
"""

from __future__ import annotations

from functools import lru_cache

from bot.engine import DEFAULT_FLOW
from bot.flowmodel import FlowSet, Step
from bot.handoff.summary import FIXES

CAUSE_PREFIX = "cause_"


@lru_cache(maxsize=1)
def _flows() -> FlowSet | None:
    from bot.loading import FlowsInvalid, load_engine

    try:
        return load_engine().flow_set
    except FlowsInvalid:
        return None


def cause_title(cause: str, flow_set: FlowSet | None = None) -> str:
    """"exclusive_app" -> "Another app holds the microphone"; "" for no cause at all."""
    if not cause:
        return ""
    flows = flow_set or _flows()
    message = flows.messages.get(CAUSE_PREFIX + cause) if flows else None
    return message.text if message else cause.replace("_", " ").capitalize()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def describe(step: Step, flow_set: FlowSet) -> str:
    if step.kind == "collect":
        fact = flow_set.vocabulary.facts.get(step.fact or "")
        return f"Ask: {_lower_first(fact.title) if fact else (step.fact or step.id).replace('_', ' ')}"
    if step.kind == "instruct":
        fix = step.instruct or step.id
        return f"Fix: {FIXES.get(fix, fix.replace('_', ' '))}"
    if step.kind == "call":
        target = flow_set.flows.get(step.target_flow or "")
        return target.name if target and target.name else f"Check: {step.id.replace('_', ' ')}"
    if step.kind == "end":
        return f"Ending: {step.end}"
    return step.id.replace("_", " ").capitalize()


def step_title(mark: str, flow_set: FlowSet | None = None) -> str:
    """"mic_31201/close_apps" (or "mic_31201.close_apps") -> "Fix: closing other apps"; other labels unchanged."""
    flows = flow_set or _flows()
    flow_id, _, step_id = mark.replace(".", "/", 1).partition("/")
    flow = flows.flows.get(flow_id) if flows and step_id else None
    step = next((s for s in flow.steps if s.id == step_id), None) if flow else None
    if step is None:
        return mark
    title = describe(step, flows)
    return title if flow_id == DEFAULT_FLOW else f"{title} ({_lower_first(flow.name) or flow_id})"
