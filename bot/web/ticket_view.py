"""A ticket as staff read it on its console page: the values `ticket.html` shows, in words.

This module only turns stored values into words (times, triggers, outcomes, the microphone check); the
template lays them out and escapes everything, so nothing from a user, a browser or a ticket becomes markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from bot.flows.facts import Vocabulary
from bot.flows.model import OUTCOME_WORDS
from bot.tickets.store import Ticket
from bot.tickets.summary import FIXES
from bot.web.staff_words import cause_title
from bot.web.transcript_words import readable

STATUS_LABELS = {"open": "Open", "claimed": "Claimed", "resolved": "Resolved"}
TRIGGER_WORDS = {
    "user_request": "customer asked for a person",
    "exhausted": "every fix was tried",
    "specialist": "needs a specialist",
    "misunderstood": "bot could not follow",
    "kb_unhelpful": "articles did not help",
    "staff": "opened by an agent",
}
"""Why a case was escalated, as a queue column and the ticket's header say it (the stored trigger is an id)."""
WHO = {"user": "Customer", "bot": "Bot"}
KNOWN_CHECK_KEYS = {
    "secure_context",
    "media_devices",
    "permission",
    "default",
    "devices",
    "saved_device",
    "level",
    "browser",
    "browser_version",
    "os",
}


def trigger_words(trigger: str) -> str:
    return TRIGGER_WORDS.get(trigger, trigger.replace("_", " "))


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def when(stamp: str | None) -> str:
    """An ISO time as "2026-11-24 07:39 UTC" (what staff read), or "" when there is none."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def clock(at: object) -> str:
    """A transcript time (unix seconds) as "07:39:12"."""
    try:
        return datetime.fromtimestamp(float(str(at)), timezone.utc).strftime("%H:%M:%S")
    except (TypeError, ValueError, OverflowError):
        return "?"


@dataclass(frozen=True)
class StepTried:
    fix: str
    outcome: str
    """The stored outcome id ("none" when there was no answer): the CSS class that colours it."""
    shown: str
    cause: str


@dataclass(frozen=True)
class Said:
    who: str
    """"user", "bot" or what the transcript stored: the CSS class of the line."""
    at: str
    speaker: str
    text: str


@dataclass
class TicketView:
    """Everything the ticket page shows below the actions, already in words."""

    ticket: Ticket
    facts: list[tuple[str, str]] = field(default_factory=list)
    causes: list[tuple[str, int]] = field(default_factory=list)
    steps: list[StepTried] = field(default_factory=list)
    check: list[tuple[str, str]] | None = None
    check_extra: str = ""
    transcript: list[Said] = field(default_factory=list)
    history: list[tuple[str, str, str, str]] = field(default_factory=list)
    articles: list[tuple[str, str]] = field(default_factory=list)

    @property
    def because(self) -> str:
        return self.ticket.reason or trigger_words(self.ticket.trigger)

    @property
    def mailto(self) -> str:
        return "mailto:" + quote(self.ticket.contact_email, safe="@.+")

    @property
    def follow(self) -> str:
        return "/staff/diagram?follow=" + quote(self.ticket.conversation_id, safe="")


def ticket_view(ticket: Ticket, events: list[dict], words: Vocabulary) -> TicketView:
    check = _check_rows(ticket.diagnostics)
    return TicketView(
        ticket=ticket,
        facts=[
            (words.title(name, None), words.title(name, value))
            for name, value in sorted(ticket.facts.items(), key=lambda item: words.title(item[0], None).lower())
        ],
        causes=[
            (str(row.get("title") or cause_title(str(row.get("cause") or ""))), round(float(row.get("probability") or 0) * 100))
            for row in ticket.likely_causes
        ],
        steps=[_step(step) for step in ticket.steps_tried],
        check=check,
        check_extra=_check_extra(ticket.diagnostics),
        transcript=[
            Said(
                str(entry.get("who", "?")),
                clock(entry.get("at")),
                WHO.get(str(entry.get("who")), str(entry.get("who", "?"))),
                text,
            )
            for entry, text in readable(ticket.transcript)
        ],
        history=[
            (when(event.get("at")), str(event.get("kind") or ""), str(event.get("who") or ""), str(event.get("note") or ""))
            for event in events
        ],
        articles=[("/kb/" + quote(article.partition("#")[0], safe=""), article) for article in ticket.kb_articles],
    )


def _step(step: dict) -> StepTried:
    fix = str(step.get("fix") or step.get("step") or "?")
    outcome = str(step.get("outcome") or "")
    shown = OUTCOME_WORDS.get(outcome, outcome.replace("_", " ") or "no answer")
    title = FIXES.get(fix, fix.replace("_", " "))
    return StepTried(title[:1].upper() + title[1:], outcome or "none", shown, cause_title(str(step.get("cause") or "")))


def _check(result: Any) -> str:
    if not isinstance(result, dict):
        return "not checked"
    if result.get("ok"):
        return "opened fine"
    problem = " ".join(str(part) for part in (result.get("error"), result.get("message")) if part)
    return f"failed: {problem}" if problem else "failed"


def _check_rows(report: dict | None) -> list[tuple[str, str]] | None:
    """The page's microphone check as (what, result) rows; None when it was not run."""
    if not report:
        return None
    yes_no: dict[object, str] = {True: "yes", False: "no"}
    rows = [
        ("Secure page (https)", yes_no.get(report.get("secure_context"), "?")),
        ("Microphone API available", yes_no.get(report.get("media_devices"), "?")),
        ("Permission", report.get("permission")),
        ("Default microphone", _check(report.get("default"))),
        *[(f"Device: {device.get('label') or 'unnamed'}", _check(device)) for device in report.get("devices") or []],
        ("Saved microphone", _check(report.get("saved_device")) if report.get("saved_device") else None),
        ("Input level", report.get("level")),
        ("Browser", " ".join(str(p) for p in (report.get("browser"), report.get("browser_version")) if p) or None),
        ("Operating system", report.get("os")),
    ]
    return [(name, str(value)) for name, value in rows if value]


def _check_extra(report: dict | None) -> str:
    """Whatever else the check reported, as indented JSON ("" if nothing)."""
    extra = {key: value for key, value in (report or {}).items() if key not in KNOWN_CHECK_KEYS}
    return json.dumps(extra, indent=2, ensure_ascii=False, default=str) if extra else ""
