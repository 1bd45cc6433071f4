"""Flow ids in the words staff use: step titles and cause titles, read from flows/ (never shown as ids).

Steps are named as on the diagram (bot/render/words.py `step_title`). A cause is named by its title in
flows/causes.yml; causes older tickets may carry that the model no longer has ("permission_denied") and "no cause
found yet" have a `cause_<id>` entry in flows/messages.yml.
"""

from __future__ import annotations

from functools import lru_cache

from bot.flows.engine import DEFAULT_FLOW
from bot.flows.model import FlowSet
from bot.render.words import step_title as step_title_of

CAUSE_PREFIX = "cause_"


@lru_cache(maxsize=1)
def _flows() -> FlowSet | None:
    from bot.app.loading import FlowsInvalid, load_engine

    try:
        return load_engine().flow_set
    except FlowsInvalid:
        return None


def cause_title(cause: str, flow_set: FlowSet | None = None) -> str:
    """ "exclusive_app" -> "Another app holds the microphone"; "" for no cause at all."""
    if not cause:
        return ""
    flows = flow_set or _flows()
    if flows and flows.causes and cause in flows.causes.causes:
        return flows.causes.causes[cause].title
    message = flows.messages.get(CAUSE_PREFIX + cause) if flows else None
    return message.text if message else cause.replace("_", " ").capitalize()


def step_title(mark: str, flow_set: FlowSet | None = None) -> str:
    """ "mic_31201/close_apps" (or "mic_31201.close_apps") -> "Fix: closing other apps"; other labels unchanged."""
    flows = flow_set or _flows()
    flow_id, _, step_id = mark.replace(".", "/", 1).partition("/")
    flow = flows.flows.get(flow_id) if flows and step_id else None
    step = next((s for s in flow.steps if s.id == step_id), None) if flow else None
    if flows is None or flow is None or step is None:
        return mark
    title = step_title_of(step, flows)
    return title if flow_id == DEFAULT_FLOW else f"{title} (in: {flow.name or flow_id})"
