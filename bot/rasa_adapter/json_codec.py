"""JSON for what Rasa reads and writes on every message: ujson (already installed by Rasa and Sanic), Python's json
where ujson cannot.

The tracker store decodes every event of the current session and encodes a turn's new ones, and each action call
is encoded and its answer decoded: py-spy under bench/load.py put Python's json at about a tenth of the project's
Rasa time per message. ujson does the same in about half the time (bench/load.py, docs/benchmarks.md). Output
differs only in spacing (no space after `,` and `:`); anything ujson refuses (a lone surrogate escape such as
`"\\ud800"`, which Python's json reads, or an object it cannot encode) goes through Python's json, so results are
the same.
"""

from __future__ import annotations

import json
from typing import Any

import ujson


def dumps(value: Any) -> str:
    try:
        return ujson.dumps(value, ensure_ascii=True, escape_forward_slashes=False)
    except (TypeError, ValueError, OverflowError):  # UnicodeEncodeError is a ValueError
        return json.dumps(value)


def loads(text: str | bytes) -> Any:
    try:
        return ujson.loads(text)
    except ValueError:  # includes ujson's JSONDecodeError and UnicodeDecodeError/EncodeError
        return json.loads(text)
