"""Ticket transcripts in the words the customer saw: a pressed button's payload (`/deny`,
`/inform{"choice": "teams"}`) becomes the button's title, and the bot's light markdown becomes plain text.

Titles come first from the buttons the bot had just offered (stored with each bot line of newer transcripts),
then from every button the flows and messages can offer; a payload found nowhere is described in words, never
shown raw.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from bot.chat.knowledge import FLOW as KB_FLOW
from bot.chat.knowledge import HELPED as KB_HELPED
from bot.chat.knowledge import MORE as KB_MORE
from bot.chat.protocol import CHOICE_ENTITY
from bot.chat.replies import choice_payload
from bot.flows.model import FIX_CHOICES, FlowSet

PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z_]+)(?P<entities>\{.*\})?\s*$", re.S)
INTENT_WORDS = {
    "affirm": "Yes",
    "deny": "No",
    "greet": "(opened the chat)",
    "inform": "(pressed a button)",
    "request_human": "Talk to a person",
    "start_over": "Start over",
    "go_back": "Back",
}
CODE_WORDS = {KB_HELPED: "That helped", KB_MORE: "Get more help", KB_FLOW: "Walk me through the fixes"}
MARKDOWN = (
    (re.compile(r"\*\*([^*]+)\*\*"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)\s]+\)"), r"\1"),
)


def payload_key(text: str) -> str | None:
    """A payload in one spelling (`/inform{"choice": "x"}` however it is spaced), or None if it is not one."""
    found = PAYLOAD.match(text.strip())
    if found is None:
        return None
    intent, entities = found["intent"], found["entities"]
    if not entities:
        return f"/{intent}"
    try:
        values = json.loads(entities)
    except ValueError:
        return f"/{intent}"
    if isinstance(values, dict) and isinstance(values.get(CHOICE_ENTITY), str):
        return choice_payload(values[CHOICE_ENTITY]) if intent == "inform" else f"/{intent}"
    return f"/{intent}"


def _pairs(buttons: Iterable[object]) -> Iterable[tuple[str, str]]:
    for button in buttons:
        if isinstance(button, Mapping) and isinstance(button.get("payload"), str) and isinstance(button.get("title"), str):
            key = payload_key(button["payload"])
            if key:
                yield key, button["title"]


def known_titles(flow_set: FlowSet) -> dict[str, str]:
    """Every payload the flows and messages can put on a button, with the title people saw on it."""
    titles = {choice_payload(value): title for value, title in FIX_CHOICES}
    titles.update({choice_payload(code): words for code, words in CODE_WORDS.items()})
    for message in flow_set.messages.values():
        titles.update(_pairs(message.buttons))
    words = flow_set.vocabulary
    for flow in flow_set.flows.values():
        for step in flow.steps:
            for choice in step.choices:
                titles.setdefault(choice_payload(choice.value), choice.title or words.title(step.fact or "", choice.value))
    return titles


@lru_cache(maxsize=1)
def flow_titles() -> dict[str, str]:
    from bot.app.loading import FlowsInvalid, load_engine

    try:
        return known_titles(load_engine().flow_set)
    except FlowsInvalid:
        return {}


def as_seen(text: str, offered: Mapping[str, str], titles: Mapping[str, str]) -> str:
    """What a user line meant to the customer: the pressed button's title, or the typed text unchanged."""
    key = payload_key(text)
    if key is None:
        return text
    if key in offered or key in titles:
        return offered.get(key) or titles[key]
    intent, _, value = key.partition("{")
    if value:
        choice = json.loads("{" + value).get(CHOICE_ENTITY, "")
        return str(choice).replace("_", " ").capitalize()
    return INTENT_WORDS.get(intent[1:], intent[1:].replace("_", " ").capitalize())


def plain(text: str) -> str:
    """The bot's markdown subset as plain text (bold, code and link text kept, the markup dropped)."""
    for pattern, replacement in MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def readable(transcript: list[dict]) -> list[tuple[dict, str]]:
    """Each transcript line with the text staff should read for it."""
    titles = flow_titles()
    offered: dict[str, str] = {}
    lines = []
    for entry in transcript:
        text = str(entry.get("text", ""))
        if entry.get("who") == "bot":
            offered = dict(_pairs(entry.get("buttons") or [])) or offered
            lines.append((entry, plain(text)))
        else:
            lines.append((entry, as_seen(text, offered, titles)))
    return lines
