"""The `flow_state` slot's undo history, stored as differences (no Rasa import).

The engine keeps up to twelve snapshots of the state for "back" (bot/flows/engine.py). Stored whole, they were most
of the slot (18 of 21 KB late in a long fix chain) and so most of what each turn stored, loaded, replayed and
sent to the action server. Neighbouring snapshots differ in a field or two, and their lists (steps visited,
fixes tried) mostly start like the next one's, so the newest snapshot is stored whole and each older one as
what differs from the next newer one (so the stored history changes only when the history does):

    {"~absent": [the newer one's fields it does not have],
     "~prefix": {list field: how many first items of the newer one's list it starts with},
     "~tail": {list field: its items after those},
     field: value, ...}   (the other fields that differ; a field not named is the newer one's)

`expanded` restores the snapshots exactly; a snapshot stored whole (older conversations, or anything that is not
in this form) is read as it is, and a malformed slot is left for `State.from_dict` to refuse.
"""

from __future__ import annotations

from typing import Any

ABSENT, PREFIX, TAIL = "~absent", "~prefix", "~tail"
MARKS = (ABSENT, PREFIX, TAIL)


def shared_start(value: list[Any], other: list[Any]) -> int:
    """How many first items the two lists have in common."""
    count = 0
    for mine, theirs in zip(value, other, strict=False):  # lists of different lengths share a start
        if mine != theirs:
            break
        count += 1
    return count


def difference(snapshot: dict[str, Any], newer: dict[str, Any]) -> dict[str, Any]:
    """`snapshot` as what differs from `newer`."""
    entry: dict[str, Any] = {ABSENT: [name for name in newer if name not in snapshot]}
    prefix: dict[str, int] = {}
    tail: dict[str, list[Any]] = {}
    for name, value in snapshot.items():
        other = newer.get(name)
        if name in newer and other == value:
            continue
        if isinstance(value, list) and isinstance(other, list) and shared_start(value, other):
            prefix[name] = shared_start(value, other)
            tail[name] = value[prefix[name] :]
        else:
            entry[name] = value
    return {**entry, **({PREFIX: prefix, TAIL: tail} if prefix else {})}


def restored(entry: Any, newer: dict[str, Any]) -> Any:
    """The snapshot `entry` describes relative to `newer` (an entry stored whole is returned as it is)."""
    if not isinstance(entry, dict) or not isinstance(entry.get(ABSENT), list):
        return entry
    prefix, tail = entry.get(PREFIX) or {}, entry.get(TAIL) or {}
    if not isinstance(prefix, dict) or not isinstance(tail, dict):
        return entry
    snapshot = {name: value for name, value in newer.items() if name not in entry[ABSENT]}
    for name, length in prefix.items():
        if isinstance(newer.get(name), list) and isinstance(length, int) and isinstance(tail.get(name), list):
            snapshot[name] = newer[name][:length] + tail[name]
    snapshot.update({name: value for name, value in entry.items() if name not in MARKS})
    return snapshot


def compacted(state: dict[str, Any]) -> dict[str, Any]:
    """The state as stored in the slot: its newest snapshot whole, each older one as what differs from the next."""
    history = state.get("history")
    if not isinstance(history, list) or not all(isinstance(s, dict) for s in history) or not history:
        return state
    older = [difference(snapshot, newer) for snapshot, newer in zip(history, history[1:], strict=False)]
    return {**state, "history": [*older, history[-1]]}


def expanded(value: Any) -> Any:
    """The state as the engine reads it, from the slot's value."""
    if not isinstance(value, dict) or not isinstance(value.get("history"), list) or not value["history"]:
        return value
    newest = value["history"][-1]
    snapshots = [newest]
    for entry in reversed(value["history"][:-1]):
        if not isinstance(snapshots[-1], dict):
            return value  # malformed: State.from_dict decides
        snapshots.append(restored(entry, snapshots[-1]))
    return {**value, "history": snapshots[::-1]}
