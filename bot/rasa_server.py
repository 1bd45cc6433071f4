"""The `rasa` command, with the action-server response check done by a validator built once.

Rasa 3.6 checks every action-server response with `jsonschema.validate(result, schema)`, which first
validates the (constant) schema itself against the JSON Schema 2020-12 meta-schema: about 20 ms of
CPU per custom action call on this machine, in Rasa's event loop, so every other conversation waits
too. bench/load.py measured it as the largest single cost of a reply. Here the validator is built
once; valid responses are accepted by it, and an invalid one still goes through Rasa's own check, so
its error message is unchanged.

`bot serve` starts Rasa as `python -m bot.rasa_server run ...`; the arguments are `rasa`'s own. Two more
changes keep secrets out of sight and bodies small:

- The HTTP API token comes from `$RASA_AUTH_TOKEN` when `--auth-token` is not given, so it never shows on the
  process command line (`ps`), and the API also accepts it as `Authorization: Bearer <token>`, so callers
  need not put it in URLs (where logs and proxies keep it). `?token=` still works, as Rasa documents it.
- Request bodies are limited to `$BOT_MAX_BODY_BYTES` (bot/limits.py): Sanic answers 413 above it.
"""

from __future__ import annotations

import hmac
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

TOKEN_ENV = "RASA_AUTH_TOKEN"  # noqa: S105 - the variable's name, not a secret


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
        if validator.is_valid(result):
            return True
        return rasa_check(self, result)  # raises Rasa's usual ValidationError

    validate_action_result.cached_validator = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


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

    requires_auth.accepts_bearer = True  # type: ignore[attr-defined]
    rasa.server.requires_auth = requires_auth


def rasa_arguments(arguments: list[str]) -> list[str]:
    """`rasa`'s arguments, with the API token from the environment added inside this process only."""
    given = any(a == "--auth-token" or a.startswith("--auth-token=") for a in arguments)
    if arguments[:1] == ["run"] and not given and os.environ.get(TOKEN_ENV):
        return [*arguments, f"--auth-token={os.environ[TOKEN_ENV]}"]  # one word: a token may start with "-"
    return arguments


def main(argv: list[str] | None = None) -> None:
    from bot.limits import Limits

    cache_action_response_validation()
    accept_bearer_token()
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(Limits.from_env().max_body))
    from rasa.__main__ import main as rasa_main

    # Changing sys.argv here does not change what `ps` shows: that is the command line the process started with.
    sys.argv = ["rasa", *rasa_arguments(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
