"""The REST channel the help page and clients use: Rasa's own, plus two guarantees.

Registered in credentials.yml as `bot.rasa_adapter.channels.HelpRestInput`; its name is still "rest", so the URL stays
/webhooks/rest/webhook.

1. A malformed body (not UTF-8, not JSON, wrong field types, too deep) gets a 400 in the project's error
   shape `{"ok": false, "status", "error"}` instead of a server error. Messages are cut to
   `$BOT_MAX_MESSAGE_CHARS` (bot/app/limits.py) before Rasa parses and stores them, and lone UTF-16 surrogates
   (legal JSON escapes, not storable text) are replaced, so nothing downstream has to cope with them.
   Bodies must be sent as `application/json` (a page on another site cannot post a chat as text/plain), and
   each conversation and each client address may send only so many messages a minute (bot/app/limits.py):
   beyond that the answer is a 429 in the same shape saying to slow down. The web server's /chat proxy
   proves itself with a secret derived from Rasa's API token and passes on the visitor's address, so
   every visitor is counted on their own. The address reaches the action as a tag in the message metadata
   (`client_tag`, whatever the client sent there), for the ticket quota.
2. When the custom action fails (most often: the action server cannot be reached), Rasa 3.6 logs the error,
   drops the action's events and answers with an empty list. The user then hears nothing. Here such a turn
   is answered with flows/messages.yml `unavailable` ("try again in a moment"). Because the failed action
   wrote nothing, `flow_state` is untouched and the next message continues at the same step.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse

from bot.app.http import error
from bot.app.limits import (
    CLIENT_HEADER,
    MINUTE,
    PROXY_HEADER,
    SLOW_DOWN,
    Limits,
    address_tag,
    client_address,
    is_json,
    proxy_secret,
    rate_limiter,
)
from bot.app.paths import flows_dir
from bot.chat.protocol import CLIENT_KEY, MAX_MESSAGE, MAX_METADATA, MAX_SENDER, STATE_SLOT
from bot.flows.model import MESSAGES_FILE

logger = logging.getLogger(__name__)

ACTION = "action_troubleshoot"
UNAVAILABLE = "unavailable"
FALLBACK_UNAVAILABLE = "Sorry, I'm temporarily unavailable. Please try again in a moment."
SURROGATE = re.compile("[\ud800-\udfff]")


def unavailable_text(directory: Any = None) -> str:
    """The `unavailable` message from flows/messages.yml (a built-in sentence if the file cannot be read)."""
    try:
        data = yaml.safe_load((directory or flows_dir()).joinpath(MESSAGES_FILE).read_text(encoding="utf-8"))
        return str(data["messages"][UNAVAILABLE]["text"])
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return FALLBACK_UNAVAILABLE


def clean_text(value: str) -> str:
    return SURROGATE.sub("\ufffd", value)


def checked_body(raw: bytes, max_chars: int = MAX_MESSAGE) -> tuple[dict[str, Any] | None, str]:
    """The body as {"sender", "message", "metadata"} ready for Rasa, or None and what is wrong with it."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "the body must be UTF-8 encoded JSON"
    except (ValueError, RecursionError):
        return None, "the body is not valid JSON"
    if not isinstance(body, dict):
        return None, 'send a JSON object: {"sender": "<id>", "message": "<text>"}'
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER or SURROGATE.search(sender):
        return None, f'"sender" must be a non-empty string of at most {MAX_SENDER} characters'
    if not isinstance(message, str):
        return None, '"message" must be a string'
    if metadata is not None and not isinstance(metadata, dict):
        return None, '"metadata" must be an object'
    if metadata is not None and len(json.dumps(metadata)) > MAX_METADATA:
        return None, "metadata too large"
    return {
        "sender": sender,
        "message": clean_text(message[: min(max_chars or MAX_MESSAGE, MAX_MESSAGE)]),
        "metadata": metadata,
    }, ""


def turn_failed(events: list[Any]) -> bool:
    """The latest user turn ran the custom action, but the action left no state behind: it failed."""
    ran = wrote = False
    for event in reversed(events):
        if isinstance(event, UserUttered):
            break
        ran = ran or (isinstance(event, ActionExecuted) and event.action_name == ACTION)
        wrote = wrote or (isinstance(event, SlotSet) and event.key == STATE_SLOT)
    return ran and not wrote


class HelpRestInput(RestInput):
    """Rasa's REST channel that checks bodies and never answers a failed turn with silence."""

    app: Sanic | None = None

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(self._answering(on_new_message))
        limits = Limits.from_env()
        per_sender = rate_limiter(limits.messages_per_sender, MINUTE, "rest-sender")
        per_address = rate_limiter(limits.messages_per_address, MINUTE, "rest-address")
        proxy = proxy_secret(os.environ.get("RASA_AUTH_TOKEN", ""))

        @blueprint.middleware("request")
        async def check_body(request: Request) -> HTTPResponse | None:
            self.app = request.app
            if request.method != "POST":
                return None
            if not is_json(request.headers.get("content-type")):
                return error(415, "send the message as JSON (Content-Type: application/json)")
            body, problem = checked_body(request.body, limits.message_chars)
            if body is None:
                return error(400, problem)
            given = request.headers.get(PROXY_HEADER, "")
            proxied = bool(proxy and given) and hmac.compare_digest(given.encode(), proxy.encode())
            # Behind the /chat proxy, the proxy has already counted the visitor's address.
            address = request.headers.get(CLIENT_HEADER, "") if proxied else client_address(request)
            if not proxied and not per_address.allow(address):
                return error(429, SLOW_DOWN)
            if not per_sender.allow(body["sender"]):
                return error(429, SLOW_DOWN)
            body["metadata"] = {**(body["metadata"] or {}), CLIENT_KEY: address_tag(address)}
            request.parsed_json = body  # type: ignore[assignment]  # Sanic declares it None until parsed; RestInput reads it
            return None

        return blueprint

    def _answering(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[None]]:
        async def answering(message: UserMessage) -> None:
            try:
                await on_new_message(message)
                failed = await self._action_failed(message)
            except Exception:  # noqa: BLE001 - e.g. the tracker store stayed locked: the turn was not handled
                logger.exception("the message from %s could not be handled", message.sender_id)
                failed = True
            collector = message.output_channel
            if failed and isinstance(collector, CollectingOutputChannel) and isinstance(collector.messages, list):
                await collector.send_text_message(message.sender_id, unavailable_text())

        return answering

    async def _action_failed(self, message: UserMessage) -> bool:
        collector = message.output_channel
        if not isinstance(collector, CollectingOutputChannel) or not isinstance(collector.messages, list):
            return False  # a streamed reply cannot be inspected
        if collector.messages or self.app is None:
            return False
        tracker = await self.app.ctx.agent.tracker_store.retrieve(message.sender_id)
        return tracker is None or turn_failed(list(tracker.events))
