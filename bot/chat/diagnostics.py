"""What the help page's microphone check found, turned into facts the flow routes on.

The report comes from the user's browser (message metadata), so it is treated as untrusted input: only
known fields are read, strings are cut short, and anything malformed is ignored.
"""

from __future__ import annotations

from typing import Any

from bot.chat.errortext import DOM_NAMES
from bot.flows.engine import Engine, Prompt, State
from bot.flows.facts import Vocabulary
from bot.flows.model import FIXED, NOT_FIXED, StepKind

MAX_DEVICES = 16


def _name(value: object) -> str | None:
    return DOM_NAMES.get(str(value).lower()) if value else None


def clean_report(raw: object) -> dict[str, Any] | None:
    """The report with known fields only (what a ticket stores), or None if it is not a report."""
    if not isinstance(raw, dict):
        return None
    devices = found if isinstance(found := raw.get("devices"), list) else []
    return {
        "secure_context": bool(raw.get("secure_context")),
        "media_devices": bool(raw.get("media_devices")),
        "permission": str(raw.get("permission") or "unknown")[:20],
        "default": _result(raw.get("default")),
        "devices": [
            {"label": str(d.get("label") or "")[:80], **_result(d)} for d in devices[:MAX_DEVICES] if isinstance(d, dict)
        ],
        "saved_device": _result(raw.get("saved_device")) if raw.get("saved_device") else None,
        "level": str(raw.get("level") or "")[:20] or None,
        "browser": str(raw.get("browser") or "")[:40] or None,
        "browser_version": str(raw.get("browser_version") or "")[:20] or None,
        "os": str(raw.get("os") or "")[:40] or None,
    }


def _result(value: object) -> dict[str, Any]:
    value = value if isinstance(value, dict) else {}
    return {"ok": bool(value.get("ok")), "error": _name(value.get("error")), "message": str(value.get("message") or "")[:200]}


def facts_from_report(report: dict[str, Any]) -> dict[str, str]:
    """Facts for the flow: what failed, and the browser/OS the page saw. Empty when the microphone works."""
    facts: dict[str, str] = {}
    for key in ("browser", "os"):
        if report.get(key):
            facts[key] = str(report[key]).lower()
    default = report["default"]
    devices = report["devices"]
    if not report["secure_context"] or not report["media_devices"]:
        return {**facts, "error_detail": "no_media_devices", "error_kind": "mic_failure"}
    if report.get("saved_device") and report["saved_device"]["error"] == "OverconstrainedError":
        return {**facts, "error_name": "OverconstrainedError", "error_detail": "device_id_missing", "error_kind": "mic_failure"}
    if default["error"] == "NotAllowedError":
        if "system" in default["message"].lower():
            return {**facts, "error_name": "NotAllowedError", "error_detail": "denied_by_system", "error_kind": "mic_failure"}
        return {**facts, "error_name": "NotAllowedError", "error_kind": "permission_denied"}
    # An empty device list means "no microphone" only when nothing else explains it: Firefox lists device ids only
    # after a capture succeeded, so a busy default microphone there also leaves the list empty.
    if default["error"] == "NotFoundError" or (not devices and not default["ok"] and not default["error"]):
        return {**facts, "error_name": "NotFoundError", "error_detail": "no_input_devices", "error_kind": "mic_failure"}
    working = [d for d in devices if d["ok"]]
    failing = [d for d in devices if not d["ok"]]
    if failing and (working or default["ok"]):
        return {**facts, "error_detail": "some_devices_fail", "error_kind": "mic_failure"}
    if not default["ok"]:
        return {**facts, "error_name": default["error"] or "NotReadableError", "error_kind": "mic_failure"}
    return facts


def healthy(report: dict[str, Any]) -> bool:
    return not {"error_name", "error_detail"} & facts_from_report(report).keys()


PLAIN_ERRORS = {
    "NotReadableError": "the microphone is busy or not responding (another app may be using it)",
    "NotAllowedError": "the microphone is blocked for this page",
    "NotFoundError": "the browser sees no microphone",
    "OverconstrainedError": "the microphone the page asked for is no longer there",
    "AbortError": "the microphone stopped before it opened",
    "SecurityError": "the browser does not allow microphones on this page",
}
"""Browser error names in the words people use: end users never see a DOMException name."""


def plain_findings(found: dict[str, str], vocabulary: Vocabulary) -> str:
    """What the check found, for the user: the detail's title if there is one, else the error in plain words."""
    if found.get("error_detail"):
        return vocabulary.title("error_detail", found["error_detail"])
    return PLAIN_ERRORS.get(found.get("error_name") or "", "the microphone could not be opened")


def measured_fix(engine: Engine, state: State, report: dict[str, Any]) -> tuple[str, list[Prompt]] | None:
    """The check run again at a fix step ("Test my microphone again") answers "Did that fix it?" by measurement:
    yes when the microphone now opens, no when it still fails (the flow moves on as after "No, still failing").
    Returns the messages.yml name of what to say first and the prompts, or None when not at a fix step."""
    here = engine.current(state)
    if here is None or here[1].kind != StepKind.INSTRUCT:
        return None
    if healthy(report):
        return "mic_check_fixed", engine.answer(state, FIXED) or []
    return "mic_check_still_failing", engine.answer(state, NOT_FIXED) or []
