"""The `rasa` command, with the action-server response check done by a validator built once.

Rasa 3.6 checks every action-server response with `jsonschema.validate(result, schema)`, which first
validates the (constant) schema itself against the JSON Schema 2020-12 meta-schema on every custom
action call, in Rasa's event loop, so every other conversation waits too. bench/load.py measured it as
the largest single cost of a reply (docs/benchmarks.md, Load). Here the validator is built
once; valid responses are accepted by it, and an invalid one still goes through Rasa's own check, so
its error message is unchanged. Even built once, the validator tried each event against the schema's 23
event kinds (`oneOf`): still a fifth of an action call's cost in Rasa (py-spy at 50 users). What our action
returns (`SlotSet` events and messages) is recognised by a plain check first (`plainly_valid`); anything
else goes through the validator.

`bot serve` starts Rasa as `python -m bot.rasa_adapter.server run ...`; the arguments are `rasa`'s own. More
changes keep the cost of a turn flat, secrets out of sight and bodies small:

- Sessions end after a bounded number of user messages and carry the troubleshooting state and the end of
  the transcript (bot/rasa_adapter/sessions.py).
- Three of Rasa's own per-message costs are gone (bot/rasa_adapter/fast.py).
- An action call carries the tracker's state without its events, plus only the user and bot messages of the
  current session, reduced to what a ticket's transcript needs (time, who, text, buttons). Rasa's own call
  serialised every event of the session (each turn's `flow_state` with its undo history among them), which
  made a turn cost more the longer the conversation. The messages and the `earlier_transcript` slot go only
  into calls that may file a ticket (a handoff under way, `transcript_wanted` in bot/chat/transcript.py): they
  were half of every other call's body, encoded by Rasa and decoded by the action server for nothing.

- The HTTP API token comes from `$RASA_AUTH_TOKEN` when `--auth-token` is not given, so it never shows on the
  process command line (`ps`), and the API also accepts it as `Authorization: Bearer <token>`, so callers
  need not put it in URLs (where logs and proxies keep it). `?token=` still works, as Rasa documents it.
- Request bodies are limited to `$BOT_MAX_BODY_BYTES` (bot/app/limits.py): Sanic answers 413 above it.
"""

from __future__ import annotations

import hmac
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

TOKEN_ENV = "RASA_AUTH_TOKEN"  # noqa: S105 - the variable's name, not a secret


def plainly_valid(result: Any) -> bool:
    """True only for a response that Rasa's schema certainly accepts: messages that are objects, and events that
    are all slot events (`SLOT_SET`, the only one of the schema's event kinds with `event: slot`)."""
    if not isinstance(result, dict):
        return False
    responses, events = result.get("responses", []), result.get("events", [])
    if not isinstance(responses, list) or not all(isinstance(r, dict) and isinstance(r.get("text", ""), str) for r in responses):
        return False
    return isinstance(events, list) and all(plain_slot_event(event) for event in events)


def plain_slot_event(event: Any) -> bool:
    return (
        isinstance(event, dict)
        and event.get("event") == "slot"
        and isinstance(event.get("name"), str)
        and "value" in event
        and (
            event.get("timestamp") is None
            or (isinstance(event["timestamp"], (int, float)) and not isinstance(event["timestamp"], bool))
        )
        and (event.get("metadata") is None or isinstance(event["metadata"], dict))
    )


def cache_action_response_validation() -> None:
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction._validate_action_result, "cached_validator", False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_check = RemoteAction._validate_action_result

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if plainly_valid(result) or validator.is_valid(result):
            return True
        return rasa_check(self, result)  # raises Rasa's usual ValidationError

    validate_action_result.cached_validator = True  # type: ignore[attr-defined]  # an attribute on a function, read back later: mypy allows none
    RemoteAction._validate_action_result = validate_action_result


def said_event(event: Any) -> dict[str, Any]:
    """A user or bot message as the action sees it: what bot/chat/transcript.py reads and nothing more."""
    said: dict[str, Any] = {"event": event.type_name, "timestamp": event.timestamp, "text": event.text}
    buttons = event.data.get("buttons") if event.type_name == "bot" and isinstance(event.data, dict) else None
    if buttons:
        said["data"] = {"buttons": buttons}
    return said


def slim_action_calls() -> None:
    """Action calls with the tracker's state and its messages only (see the module's docstring)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import EventVerbosity

    from bot.chat.protocol import EARLIER_SLOT, STATE_SLOT
    from bot.chat.transcript import transcript_wanted
    from bot.rasa_adapter.sessions import current_session

    if getattr(RemoteAction._action_call_format, "slim", False):
        return
    full_call = RemoteAction._action_call_format

    def action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
        state = tracker.current_state(EventVerbosity.NONE)
        state["events"] = []
        if transcript_wanted(tracker.get_slot(STATE_SLOT)):
            said = [e for e in current_session(tracker.events) if isinstance(e, (UserUttered, BotUttered)) and e.text]
            state["events"] = [said_event(e) for e in said]
        else:
            state["slots"] = {**state["slots"], EARLIER_SLOT: None}
        call = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state, "version": rasa_version()}
        if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
            call["domain"] = domain.as_dict()
        return call

    action_call_format.slim = True  # type: ignore[attr-defined]  # an attribute on a function, read back later: mypy allows none
    action_call_format.full = full_call  # type: ignore[attr-defined]  # an attribute on a function, read back later: mypy allows none
    RemoteAction._action_call_format = action_call_format


def rasa_version() -> str:
    import rasa

    return str(rasa.__version__)


def accept_bearer_token() -> None:
    """Rasa's token check, also satisfied by `Authorization: Bearer <token>`."""
    import rasa.server

    original = rasa.server.requires_auth
    if getattr(original, "accepts_bearer", False):
        return

    def requires_auth(app: Any, token: str | None = None) -> Callable[[Any], Any]:
        checked = original(app, token)

        def decorator(handler: Any) -> Any:
            guarded = checked(handler)

            @wraps(handler)
            async def decorated(request: Any, *args: Any, **kwargs: Any) -> Any:
                given = request.headers.get("authorization", "")
                if token and given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode()):
                    result = handler(request, *args, **kwargs)
                    return await result if hasattr(result, "__await__") else result
                return await guarded(request, *args, **kwargs)

            return decorated

        return decorator

    requires_auth.accepts_bearer = True  # type: ignore[attr-defined]  # an attribute on a function, read back later: mypy allows none
    rasa.server.requires_auth = requires_auth


def rasa_arguments(arguments: list[str]) -> list[str]:
    """`rasa`'s arguments, with the API token from the environment added inside this process only."""
    given = any(a == "--auth-token" or a.startswith("--auth-token=") for a in arguments)
    if arguments[:1] == ["run"] and not given and os.environ.get(TOKEN_ENV):
        return [*arguments, f"--auth-token={os.environ[TOKEN_ENV]}"]  # one word: a token may start with "-"
    return arguments


def main(argv: list[str] | None = None) -> None:
    from bot.app.limits import Limits
    from bot.rasa_adapter import fast as rasa_fast
    from bot.rasa_adapter import sessions as rasa_sessions

    cache_action_response_validation()
    slim_action_calls()
    rasa_sessions.install()
    rasa_fast.install()
    accept_bearer_token()
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(Limits.from_env().max_body))
    from rasa.__main__ import main as rasa_main

    # Changing sys.argv here does not change what `ps` shows: that is the command line the process started with.
    sys.argv = ["rasa", *rasa_arguments(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
