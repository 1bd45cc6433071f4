"""What the chat sends back: messages with text, buttons (Rasa payloads) and custom JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.chat.protocol import CHOICE_ENTITY
from bot.flows.model import Message


@dataclass
class Out:
    """One bot message: text, buttons (title and Rasa payload), custom JSON."""

    text: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    custom: dict[str, Any] | None = None
    name: str | None = None
    """The messages.yml entry it came from, if any (not sent; lets the chat logic recognise replies)."""


def choice_payload(value: str) -> str:
    """The button payload that answers the current question with `value`."""
    return f"/inform{json.dumps({CHOICE_ENTITY: value})}"


def say(messages: Mapping[str, Message], name: str, **values: str) -> Out:
    """A flows/messages.yml message as a reply, with `{name}` placeholders filled in."""
    message = messages[name]
    text = message.text
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return Out(text=text, buttons=[dict(b) for b in message.buttons], name=name)
