"""The conversations the simulated users of bench/load.py play, with what each reply must be.

Whole troubleshooting conversations as people have them: a greeting or a pasted error, answers given by
button payloads and in free text, a knowledge question on the way, and endings that are resolved or
escalated to a specialist with a ticket filed. Every turn names what the reply must show, so a wrong
step counts as an error, not as throughput.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    say: str
    kind: str | None = None
    """`custom.kind` of the last flow message in the reply (question, instruction, resolved, escalated, article)."""
    step: str | None = None
    """`custom.step` of that message."""
    text: str | None = None
    """A phrase the reply's text must contain (for turns outside the flow steps: greeting, handoff)."""


@dataclass(frozen=True)
class Script:
    name: str
    ending: str
    turns: tuple[Turn, ...]


def problem(replies: list[dict], turn: Turn) -> str | None:
    """Why `replies` is not the reply `turn` expects, or None when it is."""
    if not replies:
        return "empty reply"
    texts = "\n".join(str(r.get("text") or "") for r in replies)
    if not texts.strip():
        return "reply without text"
    flow = [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("kind")]
    last = flow[-1] if flow else {}
    if turn.kind and last.get("kind") != turn.kind:
        return f"expected a {turn.kind}, got {last.get('kind')} ({last.get('step')})"
    if turn.step and last.get("step") != turn.step:
        return f"expected step {turn.step}, got {last.get('step')}"
    if turn.text and turn.text.lower() not in texts.lower():
        return f"expected {turn.text!r} in the reply"
    return None


NOT_READABLE = "Error occurred while accessing microphone: NotReadableError: Could not start audio source"

SCRIPTS: tuple[Script, ...] = (
    Script(
        "greeting, buttons, fixed",
        "resolved",
        (
            Turn("hi", text="Hi!"),
            Turn("/inform", kind="question", step="ask_error_kind"),
            Turn('/inform{"choice": "mic_failure"}', kind="question", step="ask_prompt"),
            Turn('/inform{"choice": "allowed"}', kind="instruction", step="reselect_device"),
            Turn("/deny", kind="instruction", step="close_apps"),
            Turn("yes it works now", kind="resolved"),
            Turn("thanks", text="welcome"),
        ),
    ),
    Script(
        "pasted error, fixed",
        "resolved",
        (
            Turn(NOT_READABLE, kind="instruction", step="close_apps"),
            Turn("no, still failing", kind="instruction", step="security_software"),
            Turn("/affirm", kind="resolved"),
        ),
    ),
    Script(
        "known facts, every fix fails, ticket",
        "escalated",
        (
            Turn("Teams is open on my Windows laptop in Chrome and every call fails", kind="instruction", step="close_apps"),
            Turn("no", kind="instruction", step="reselect_device"),
            Turn("no", kind="instruction", step="site_permission"),
            Turn("no", kind="instruction", step="security_software"),
            Turn("no", kind="instruction", step="os_privacy"),
            Turn("/deny", kind="instruction", step="default_device"),
            Turn("no, the mic fails in zoom too", kind="instruction", step="hardware"),
            Turn("no", kind="instruction", step="bluetooth_profile"),
            Turn("no it still fails", kind="instruction", step="virtual_audio_driver"),
            Turn("nope", kind="instruction", step="browser_extension"),
            Turn("/deny", kind="instruction", step="https_page"),
            Turn("nope", kind="escalated", step="escalate_exhausted"),
            Turn("user@example.com", text="your name"),
            Turn('/inform{"choice": "handoff_skip"}', text="May I store"),
            Turn('/inform{"choice": "handoff_consent"}', text="case reference is MIC-"),
        ),
    ),
    Script(
        "error code, question on the way, asks for a person",
        "escalated",
        (
            Turn("I get error 31201", kind="question", step="ask_error_kind"),
            Turn('/inform{"choice": "permission_denied"}', kind="instruction", step="site_permission"),
            Turn("how do I allow the microphone in firefox?", kind="instruction", step="site_permission", text="back to where"),
            Turn("can I talk to a person", kind="escalated", step="escalate_requested"),
            Turn("sam@example.com", text="your name"),
            Turn("Sam", text="May I store"),
            Turn('/inform{"choice": "handoff_consent"}', text="case reference is MIC-"),
            Turn("bye", text="Goodbye"),
        ),
    ),
)


LONG_CYCLE = (
    "my microphone fails with error 31201 in chrome",
    "no, still failing",
    "not sure",
    "go back",
    "how do I allow the microphone in firefox?",
    "/deny",
    "start over",
    "thanks, that is all for now",
)
"""What one sender says over and over in a long conversation (bench/load.py's long level, tests/test_sessions.py): a
pasted error, answers, "go back", a question, a button, "start over" and thanks, so every kind of turn recurs."""
