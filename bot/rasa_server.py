"""The `rasa` command, with the action-server response check done by a validator built once.

Rasa 3.6 checks every action-server response with `jsonschema.validate(result, schema)`, which first
validates the (constant) schema itself against the JSON Schema 2020-12 meta-schema: about 20 ms of
CPU per custom action call on this machine, in Rasa's event loop, so every other conversation waits
too. bench/load.py measured it as the largest single cost of a reply. Here the validator is built
once; valid responses are accepted by it, and an invalid one still goes through Rasa's own check, so
its error message is unchanged.

`bot serve` starts Rasa as `python -m bot.rasa_server run ...`; the arguments are `rasa`'s own.
"""

from __future__ import annotations

import sys
from typing import Any


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


def main(argv: list[str] | None = None) -> None:
    cache_action_response_validation()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
