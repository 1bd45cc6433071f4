"""The analytics report: classified conversations summed up into a typed, JSON-ready Report."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bot.analytics.classify import (
    ABANDONED,
    ASSUMED,
    CONFIRMED,
    ESCALATED,
    IN_PROGRESS,
    OUTCOMES,
    ROUTES,
    Classified,
    classify,
    greeting_only,
)
from bot.analytics.records import read_conversations, read_phone_outcomes, read_tickets
from bot.flows.engine import DEFAULT_FLOW
from bot.flows.model import StepKind

IDLE_MINUTES = 30.0
"""No activity for this long, and no ending: the conversation is over (abandoned or assumed resolved)."""
FUNNEL_KINDS = {StepKind.COLLECT: "question", StepKind.INSTRUCT: "fix", StepKind.CALL: "check"}
"""Main-flow steps a user stands at or passes through (route and link steps are invisible; endings often happen
inside a called check, so the funnel ends with outcomes instead of end steps)."""
MAX_LISTED_QUERIES = 50
MAX_QUERY_CHARS = 120


@dataclass
class OutcomeCounts:
    resolved_confirmed: int = 0
    resolved_assumed: int = 0
    escalated: int = 0
    abandoned: int = 0
    in_progress: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in OUTCOMES)


@dataclass
class Breakdown:
    """Outcomes of the conversations that share one cause, entry route or starting day."""

    name: str
    total: int = 0
    outcomes: OutcomeCounts = field(default_factory=OutcomeCounts)


@dataclass
class Count:
    name: str
    count: int


@dataclass
class FunnelStep:
    step: str
    kind: str
    """question, fix or check."""
    count: int
    """Conversations that reached this step of the main flow."""


@dataclass
class Funnel:
    flow: str
    conversations: int
    entered: int
    """Conversations that reached at least one step of the main flow."""
    steps: list[FunnelStep] = field(default_factory=list)
    resolved: int = 0
    """Of those that entered: resolved, confirmed by the user."""
    escalated: int = 0
    """Of those that entered: escalated to a person."""


@dataclass
class KbGap:
    at: str
    text: str
    reason: str
    """no_answer (the bot found nothing good) or not_helped (the user pressed "Get more help")."""


@dataclass
class KbGaps:
    queries: int
    """Every question the knowledge base was asked."""
    count: int
    no_answer: int
    not_helped: int
    examples: list[KbGap] = field(default_factory=list)
    """Newest first, at most 50, each text cut to 120 characters."""


@dataclass
class Totals:
    conversations: int
    page_visits: int
    """Sender ids that only greeted (the help page says hello on load): not counted as conversations."""
    user_messages: int
    tickets: int
    resolved: int


@dataclass
class ResolvedHow:
    """How the resolved conversations know they are resolved."""

    measured: int = 0
    """The page's microphone check, run again after a fix, opened the microphone."""
    user_said: int = 0
    """The user said the fix worked ("Yes, it works now", or "That helped" on a knowledge answer)."""
    assumed: int = 0
    """The user left right after a fix without asking for more."""


@dataclass
class PhoneCases:
    """Calls walked on the Script page whose ending an agent recorded (with or without a ticket)."""

    resolved: int = 0
    escalated: int = 0


@dataclass
class Report:
    generated_at: str
    since: str | None
    idle_minutes: float
    totals: Totals
    outcomes: OutcomeCounts
    by_cause: list[Breakdown]
    by_route: list[Breakdown]
    by_day: list[Breakdown]
    drop_off: list[Count]
    funnel: Funnel
    escalation_triggers: list[Count]
    kb_gaps: KbGaps
    median_turns_to_resolution: float | None
    phone: PhoneCases = field(default_factory=PhoneCases)
    """Phone cases, counted apart from chat conversations (they have no transcript in the tracker store)."""
    resolved_how: ResolvedHow = field(default_factory=ResolvedHow)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_since(text: str) -> datetime:
    """'2026-11-01' (midnight UTC) or an ISO date and time; naive times are UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def main_flow_steps(flows: Path | None = None) -> list[tuple[str, str]]:
    """(step id, kind) of the main flow's visible steps, in file order."""
    from bot.app.paths import flows_dir
    from bot.flows.model import load_flow_set

    flow = load_flow_set(flows or flows_dir()).flows.get(DEFAULT_FLOW)
    return [(s.id, FUNNEL_KINDS[s.kind]) for s in flow.steps if s.kind in FUNNEL_KINDS] if flow else []


def make_report(
    tracker_db: Path,
    tickets_db: Path | None,
    since: datetime | None = None,
    now: float | None = None,
    idle_minutes: float = IDLE_MINUTES,
    steps: list[tuple[str, str]] | None = None,
) -> Report:
    """Read the stores, classify each conversation, add them up."""
    now = time.time() if now is None else now
    logs = read_conversations(tracker_db, since.timestamp() if since else None)
    tickets = read_tickets(tickets_db)
    visits = [log for log in logs if greeting_only(log)]
    conversations = [classify(log, tickets.get(log.sender, []), now, idle_minutes * 60) for log in logs if not greeting_only(log)]
    report = summarise(conversations, len(visits), steps if steps is not None else main_flow_steps(), since, now, idle_minutes)
    measured = sum(1 for c in conversations if c.measured)
    report.resolved_how = ResolvedHow(measured, report.outcomes.resolved_confirmed - measured, report.outcomes.resolved_assumed)
    for outcome, _cause in read_phone_outcomes(tickets_db, since.timestamp() if since else None):
        if outcome in ("resolved", "escalated"):
            setattr(report.phone, outcome, getattr(report.phone, outcome) + 1)
    return report


def summarise(
    conversations: list[Classified],
    page_visits: int,
    steps: list[tuple[str, str]],
    since: datetime | None,
    now: float,
    idle_minutes: float,
) -> Report:
    outcomes = OutcomeCounts()
    for conversation in conversations:
        outcomes.add(conversation.outcome)
    resolved = [c.turns_to_resolution for c in conversations if c.outcome in (CONFIRMED, ASSUMED) and c.turns_to_resolution]
    return Report(
        generated_at=_iso(now),
        since=since.isoformat() if since else None,
        idle_minutes=idle_minutes,
        totals=Totals(
            conversations=len(conversations),
            page_visits=page_visits,
            user_messages=sum(c.turns for c in conversations),
            tickets=sum(len(c.tickets) for c in conversations),
            resolved=outcomes.resolved_confirmed + outcomes.resolved_assumed,
        ),
        outcomes=outcomes,
        by_cause=sorted(_breakdown(conversations, lambda c: c.cause).values(), key=lambda b: (-b.total, b.name)),
        by_route=list(_breakdown(conversations, lambda c: c.route, ROUTES).values()),
        by_day=_days(conversations),
        drop_off=_counted(c.drop_off for c in conversations if c.outcome == ABANDONED and c.drop_off),
        funnel=_funnel(conversations, steps),
        escalation_triggers=_counted(c.trigger for c in conversations if c.outcome == ESCALATED and c.trigger),
        kb_gaps=_kb_gaps(conversations),
        median_turns_to_resolution=float(statistics.median(resolved)) if resolved else None,
    )


def _breakdown(conversations: list[Classified], key, names: tuple[str, ...] = ()) -> dict[str, Breakdown]:  # noqa: ANN001
    groups = {name: Breakdown(name) for name in names}
    for conversation in conversations:
        group = groups.setdefault(key(conversation), Breakdown(key(conversation)))
        group.total += 1
        group.outcomes.add(conversation.outcome)
    return groups


def _days(conversations: list[Classified]) -> list[Breakdown]:
    """Outcomes by the UTC day each conversation started, every day from the first to the last (gaps as zero)."""
    days = _breakdown(conversations, lambda c: _day(c.started_at).isoformat())
    if not days:
        return []
    first, last = (date.fromisoformat(d) for d in (min(days), max(days)))
    span = [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
    return [days.get(day, Breakdown(day)) for day in span]


def _funnel(conversations: list[Classified], steps: list[tuple[str, str]]) -> Funnel:
    prefix = f"{DEFAULT_FLOW}/"
    entered = [c for c in conversations if any(mark.startswith(prefix) for mark in c.reached)]
    return Funnel(
        flow=DEFAULT_FLOW,
        conversations=len(conversations),
        entered=len(entered),
        resolved=sum(1 for c in entered if c.outcome == CONFIRMED),
        escalated=sum(1 for c in entered if c.outcome == ESCALATED),
        steps=[FunnelStep(step, kind, sum(1 for c in conversations if f"{prefix}{step}" in c.reached)) for step, kind in steps],
    )


def _kb_gaps(conversations: list[Classified]) -> KbGaps:
    queries = [q for c in conversations for q in c.kb_queries]
    gaps = sorted((q for q in queries if q.gap), key=lambda q: q.at, reverse=True)
    return KbGaps(
        queries=len(queries),
        count=len(gaps),
        no_answer=sum(1 for q in gaps if not q.answered),
        not_helped=sum(1 for q in gaps if q.answered),
        examples=[
            KbGap(_iso(q.at), _cut(q.text), "no_answer" if not q.answered else "not_helped") for q in gaps[:MAX_LISTED_QUERIES]
        ],
    )


def _counted(names) -> list[Count]:  # noqa: ANN001 - any iterable of names
    return [Count(name, count) for name, count in sorted(Counter(names).items(), key=lambda item: (-item[1], item[0]))]


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUERY_CHARS else text[: MAX_QUERY_CHARS - 1] + "…"


def _day(at: float) -> date:
    return datetime.fromtimestamp(at, timezone.utc).date()


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, timezone.utc).isoformat(timespec="seconds")


__all__ = ["ABANDONED", "ASSUMED", "CONFIRMED", "ESCALATED", "IN_PROGRESS", "Report", "make_report", "parse_since"]
