"""Six per-message costs of Rasa 3.6 removed, found with cProfile and py-spy under bench/load.py (docs/benchmarks.md, Load).

- **Event types by name.** Rasa rebuilds the list of every `Event` subclass (recursively) for each event it reads
  back from the tracker store: about a tenth of Rasa's CPU per message, growing with the session's length.
  Here the name-to-class table is built once (classes defined later, e.g. by a plugin, are still found).
- **Deep copies for debug logs.** The message processor deep-copies every action's events, the slot values and the
  parse data only to pass them to `structlog.debug`, even when debug logging is off; with the `flow_state` slot
  that was a copy of the whole troubleshooting state per turn. The processor's `copy.deepcopy` is the identity
  here: the log only reads the values, at the moment of the call.
- **A new HTTP session per action call.** Rasa opens a new aiohttp session (and TCP connection) for every call to
  the action server. Here each endpoint keeps one session per event loop; its connections are reused for 15 s,
  less than the action server keeps them open (`ACTION_KEEP_ALIVE` in bot/app/serve.py). The action call itself now
  goes over connections of bot/rasa_adapter/action_client.py, one write per request; other requests keep aiohttp's session.
- **Garbage collection over the whole model.** The loaded model, TensorFlow and the rest of Rasa are about a million
  objects that live as long as the process, and every full collection walked all of them again; the JSON of a
  session, its events and the `flow_state` values allocate enough per message to set one off every few messages.
  py-spy put a fifth of the rule policy's time (itself a sixth of Rasa's) on one dict comprehension where the
  collector ran. Once the model is loaded its objects are frozen (`gc.freeze`): later collections skip them.

- **A replayed copy of the tracker for every action.** Before running an action, Rasa copies the tracker (replaying
  every event of the session) so that the policy's events can be dropped if the action is rejected. When the policy
  added no events (always, with this assistant's rules) the copy equals the tracker, and actions only read it: the
  tracker itself is passed. With its larger sessions this was 0.07 of the project's 2.0 py-spy samples per message.
- **Slot values formatted for disabled debug logs.** After every custom action and every message with entities,
  Rasa formats each slot's value into a string for `structlog.debug`, whether or not debug logging is on: the whole
  `flow_state` with its undo history. Now only when the processor logs at debug level.

`bot.rasa_adapter.server` installs this in the Rasa process before Rasa starts.
"""

from __future__ import annotations

import asyncio
import copy
import gc
import logging
import types
from collections.abc import Callable
from typing import Any


def _patch_once(owner: Any, name: str, wrap: Callable[[Any], Any], mark: str, *, static: bool = False) -> None:
    """Replace `owner.name` by `wrap(original)` and mark the replacement (an attribute named `mark`, set to True),
    unless it is marked already: installing twice keeps the first patch."""
    original = getattr(owner, name)
    if getattr(original, mark, False):
        return
    patched = wrap(original)
    setattr(patched, mark, True)
    setattr(owner, name, staticmethod(patched) if static else patched)


def cache_event_types() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    def wrap(lookup: Any) -> Any:
        table: dict[str, type] = {}

        def resolve_by_type(type_name: str, default: type | None = None) -> type | None:
            found = table.get(type_name)
            if found is None:
                table.update({cls.type_name: cls for cls in reversed(all_subclasses(Event)) if hasattr(cls, "type_name")})
                found = table.get(type_name)
            return found if found is not None else lookup(type_name, default)

        return resolve_by_type

    _patch_once(Event, "resolve_by_type", wrap, "cached", static=True)


def no_copies_for_logs() -> None:
    import rasa.core.processor as processor

    processor.copy = types.SimpleNamespace(deepcopy=lambda value, memo=None: value, copy=copy.copy)


class _KeptSession:
    """`async with` support for a session that outlives the block."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *_exc: object) -> None:
        return None


def keep_action_sessions() -> None:
    from rasa.utils.endpoints import EndpointConfig

    def wrap(new_session: Any) -> Any:
        def session(self: EndpointConfig) -> Any:
            loop = asyncio.get_running_loop()
            kept = getattr(self, "_kept_session", None)
            if kept is None or kept[0] is not loop or kept[1].closed:
                kept = (loop, new_session(self))
                self._kept_session = kept
            return _KeptSession(kept[1])

        return session

    _patch_once(EndpointConfig, "session", wrap, "kept")


def freeze_loaded_model() -> None:
    """`gc.freeze()` once Rasa has loaded the model: what is alive then lives as long as the process."""
    import rasa.core.run as run

    def wrap(load: Any) -> Any:
        async def load_agent_on_start(*args: Any, **kwargs: Any) -> Any:
            agent = await load(*args, **kwargs)
            gc.collect()
            gc.freeze()
            return agent

        return load_agent_on_start

    _patch_once(run, "load_agent_on_start", wrap, "freezes")


def no_tracker_copy_without_policy_events() -> None:
    """Rasa's `_run_action` with the tracker itself as its temporary copy when the policy added no events."""
    from rasa.core.processor import MessageProcessor

    def wrap(run_action: Any) -> Any:
        async def _run_action(
            self: MessageProcessor, action: Any, tracker: Any, output_channel: Any, nlg: Any, prediction: Any
        ) -> bool:
            if prediction.events:
                return await run_action(self, action, tracker, output_channel, nlg, prediction)

            def same_tracker() -> Any:
                del tracker.copy  # once: any later copy is a real one
                return tracker

            tracker.copy = same_tracker
            try:
                return await run_action(self, action, tracker, output_channel, nlg, prediction)
            finally:
                tracker.__dict__.pop("copy", None)

        return _run_action

    _patch_once(MessageProcessor, "_run_action", wrap, "uncopied")


def slots_logged_only_for_debug() -> None:
    from rasa.core.processor import MessageProcessor

    processor_log = logging.getLogger("rasa.core.processor")  # the logger structlog's level filter asks

    def wrap(log_slots: Any) -> Any:
        def _log_slots(tracker: Any) -> None:
            if processor_log.isEnabledFor(logging.DEBUG):
                log_slots(tracker)

        return _log_slots

    _patch_once(MessageProcessor, "_log_slots", wrap, "only_for_debug", static=True)


def install() -> None:
    from bot.rasa_adapter import action_client

    action_client.install()
    freeze_loaded_model()
    no_tracker_copy_without_policy_events()
    slots_logged_only_for_debug()
    cache_event_types()
    no_copies_for_logs()
    keep_action_sessions()
