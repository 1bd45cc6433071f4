"""A ticket as console HTML: summary, facts, steps tried, microphone check, transcript, contact and history.

Everything that came from a user, a browser or a ticket is passed through `html.escape` here; the caller
puts the fragments into the console layout unchanged.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from html import escape
from typing import Any
from urllib.parse import quote

from bot.facts import Vocabulary
from bot.handoff.summary import FIXES, OUTCOMES
from bot.handoff.tickets import Ticket
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


def trigger_words(trigger: str) -> str:
    return TRIGGER_WORDS.get(trigger, trigger.replace("_", " "))


def when(stamp: str | None) -> str:
    """An ISO time as "2026-11-24 07:39 UTC" (what staff read), or "" when there is none."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return escape(stamp)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def clock(at: object) -> str:
    """A transcript time (unix seconds) as "07:39:12"."""
    try:
        return datetime.fromtimestamp(float(str(at)), timezone.utc).strftime("%H:%M:%S")
    except (TypeError, ValueError, OverflowError):
        return "?"


def status_badge(status: str) -> str:
    return f'<span class="badge status-{escape(status)}">{escape(STATUS_LABELS.get(status, status))}</span>'


def _section(title: str, body: str, section_id: str) -> str:
    return f'<section class="panel" id="{section_id}"><h2>{escape(title)}</h2>{body}</section>'


def _facts(ticket: Ticket, words: Vocabulary) -> str:
    if not ticket.facts:
        return '<p class="hint">Nothing was learned about the setup.</p>'
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(words.title(name, None))}</th><td>{escape(words.title(name, value))}</td></tr>"
        for name, value in sorted(ticket.facts.items(), key=lambda item: words.title(item[0], None).lower())
    )
    text = f"<h3>Error text as pasted</h3><pre class=\"said\">{escape(ticket.error_text)}</pre>" if ticket.error_text else ""
    return f'<table class="grid facts">{rows}</table>{text}'


def _steps(ticket: Ticket, words: Vocabulary) -> str:
    if not ticket.steps_tried:
        return '<p class="hint">No fix from the decision tree was tried.</p>'
    items = []
    for step in ticket.steps_tried:
        fix = str(step.get("fix") or step.get("step") or "?")
        outcome = str(step.get("outcome") or "")
        shown = OUTCOMES.get(outcome, outcome.replace("_", " ") or "no answer")
        cause = cause_title(str(step.get("cause") or ""))
        items.append(
            f'<li><strong>{escape(_sentence_case(FIXES.get(fix, fix.replace("_", " "))))}</strong> '
            f'<span class="outcome outcome-{escape(outcome or "none")}">{escape(shown)}</span>'
            + (f"<br><small>likely cause: {escape(cause)}</small>" if cause else "")
            + "</li>"
        )
    return f'<ol class="steps">{"".join(items)}</ol>'


def _likely_causes(ticket: Ticket) -> str:
    """The cause model's ranking when the case was filed, most likely first."""
    if not ticket.likely_causes:
        return '<p class="hint">Filed before the cause model, or without a ranking.</p>'
    items = "".join(
        f"<li>{escape(str(row.get('title') or cause_title(str(row.get('cause') or ''))))}: "
        f"<strong>{round(float(row.get('probability') or 0) * 100)}%</strong></li>"
        for row in ticket.likely_causes
    )
    return f'<ol class="causes">{items}</ol><p class="hint">Given everything the customer told the assistant and every fix that failed.</p>'


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _check(result: Any) -> str:
    if not isinstance(result, dict):
        return "not checked"
    if result.get("ok"):
        return "opened fine"
    problem = " ".join(str(part) for part in (result.get("error"), result.get("message")) if part)
    return f"failed: {problem}" if problem else "failed"


def _diagnostics(report: dict | None) -> str:
    if not report:
        return '<p class="hint">The microphone check was not run in this conversation.</p>'
    yes_no = {True: "yes", False: "no"}
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
    known = {"secure_context", "media_devices", "permission", "default", "devices", "saved_device", "level", "browser",
             "browser_version", "os"}
    extra = {key: value for key, value in report.items() if key not in known}
    body = "".join(f'<tr><th scope="row">{escape(name)}</th><td>{escape(str(value))}</td></tr>' for name, value in rows if value)
    rest = f"<pre>{escape(json.dumps(extra, indent=2, ensure_ascii=False, default=str))}</pre>" if extra else ""
    return f'<table class="grid">{body}</table>{rest}'


def _transcript(ticket: Ticket) -> str:
    if not ticket.transcript:
        return '<p class="hint">No transcript was stored.</p>'
    who = {"user": "Customer", "bot": "Bot"}
    lines = "".join(
        f'<li class="said-{escape(str(entry.get("who", "?")))}"><time>{clock(entry.get("at"))}</time>'
        f'<span class="who">{escape(who.get(str(entry.get("who")), str(entry.get("who", "?"))))}</span>'
        f'<span class="text">{escape(text)}</span></li>'
        for entry, text in readable(ticket.transcript)
    )
    return f'<ol class="transcript">{lines}</ol>'


def _contact(ticket: Ticket) -> str:
    name = f"{escape(ticket.contact_name)}, " if ticket.contact_name else ""
    email = escape(ticket.contact_email)
    return (
        f'<p>{name}<a href="mailto:{escape(quote(ticket.contact_email, safe="@.+"))}">{email}</a></p>'
        f'<p class="hint">Conversation <code>{escape(ticket.conversation_id)}</code> · '
        f'<a href="/staff/diagram?follow={escape(quote(ticket.conversation_id, safe=""))}">follow it on the diagram</a></p>'
    )


def _history(events: list[dict]) -> str:
    rows = "".join(
        f"<tr><td>{when(event.get('at'))}</td><td>{escape(str(event.get('kind') or ''))}</td>"
        f"<td>{escape(str(event.get('who') or ''))}</td><td>{escape(str(event.get('note') or ''))}</td></tr>"
        for event in events
    )
    return f'<table class="grid"><tr><th>When</th><th>What</th><th>Who</th><th>Note</th></tr>{rows}</table>'


def _articles(ticket: Ticket) -> str:
    if not ticket.kb_articles:
        return ""
    links = "".join(
        f'<li><a href="/kb/{escape(quote(article.partition("#")[0], safe=""))}">{escape(article)}</a></li>'
        for article in ticket.kb_articles
    )
    return _section("Articles shown", f"<ul>{links}</ul>", "articles")


def ticket_header(ticket: Ticket) -> str:
    """One line: status, when it was opened, why it was escalated (in words), who has it."""
    because = ticket.reason or trigger_words(ticket.trigger)
    return (
        f'<p class="ticket-meta">{status_badge(ticket.status)} opened {when(ticket.created_at)} · '
        f"escalated because <strong>{escape(because)}</strong>"
        + (f" · claimed by <strong>{escape(ticket.claimed_by)}</strong>" if ticket.claimed_by else "")
        + "</p>"
    )


def ticket_sections(ticket: Ticket, events: list[dict], words: Vocabulary) -> str:
    """Every part of the ticket below its actions, in the order staff read them."""
    resolution = ""
    if ticket.status == "resolved":
        resolution = _section(
            "Resolution",
            f"<p>{escape(ticket.resolution_note or '')}</p><p class=\"hint\">by {escape(ticket.resolved_by or 'unknown')}, "
            f"{when(ticket.resolved_at)}</p>",
            "resolution",
        )
    return "".join(
        [
            resolution,
            _section("Summary", f"<p>{escape(ticket.summary)}</p>", "summary"),
            _section("Contact", _contact(ticket), "contact"),
            _section("Facts", _facts(ticket, words), "facts"),
            _section("Likely causes", _likely_causes(ticket), "causes"),
            _section("Steps tried", _steps(ticket, words), "steps"),
            _section("Microphone check", _diagnostics(ticket.diagnostics), "diagnostics"),
            _articles(ticket),
            _section("Transcript", _transcript(ticket), "transcript"),
            _section("Status history", _history(events), "history"),
        ]
    )
