"""Staff console: Analytics — how conversations end, as server-side SVG charts with the numbers as tables.

`GET /staff/analytics?since=YYYY-MM-DD` is the page; `GET /staff/api/report?since=…` the same report as JSON
(both behind the console's token check). The report is read from Rasa's tracker store ($BOT_TRACKER_DB,
default var/tracker.db) and the ticket store, read-only, in a worker thread so the server keeps serving.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.analytics.classify import OUTCOMES
from bot.analytics.records import AnalyticsError
from bot.analytics.report import Breakdown, Report, make_report, parse_since
from bot.app.http import error
from bot.app.paths import tracker_db
from bot.web.charts import Bar, Chart, Segment, horizontal_bars, single, stacked_columns
from bot.web.console import Console
from bot.web.question_groups import group_questions
from bot.web.staff_words import cause_title, step_title

OUTCOME_WORDS = {
    "resolved_confirmed": "resolved, confirmed",
    "resolved_assumed": "resolved, assumed",
    "escalated": "escalated",
    "abandoned": "abandoned",
    "in_progress": "in progress",
}
ROUTE_WORDS = {"error_text": "pasted error text", "mic_check": "microphone check", "questions": "questions"}
DROP_OFF_WORDS = {
    "(before any step)": "Before any step",
    "(knowledge answer)": "After a knowledge answer",
    "(no knowledge answer)": 'After "nothing good found"',
}


def register(app: Sanic, console: Console) -> None:
    async def report_for(request: Request) -> Report:
        since_text = (request.args.get("since") or "").strip()
        since = parse_since(since_text) if since_text else None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, lambda: make_report(tracker_db(), console.store.path, since=since))

    @app.get("/staff/api/report")
    async def report_json(request: Request) -> HTTPResponse:
        try:
            report = await report_for(request)
        except ValueError as problem:
            return error(400, str(problem))
        except AnalyticsError as problem:
            return error(503, str(problem))
        return response.json({"ok": True, "report": report.as_dict()})

    @app.get("/staff/analytics")
    async def analytics_page(request: Request) -> HTTPResponse:
        since = (request.args.get("since") or "").strip()

        def page(status: int = 200, **context: Any) -> HTTPResponse:
            return console.page("console_analytics.html", "Analytics", status=status, styles=(CSS,), since=since, **context)

        try:
            report = await report_for(request)
        except ValueError as problem:
            return page(400, problem=str(problem))
        except AnalyticsError as problem:
            return page(problem=f"No report yet: {problem}.")
        return page(problem="", report=report, cards=_cards(report), sections=_sections(report))


CSS = "/static/analytics.css"


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    label: str = "Numbers"


@dataclass(frozen=True)
class Section:
    """One part of the page: a chart with its caption, and its numbers as a table (or a line saying there are none)."""

    title: str
    chart: Chart | None = None
    caption: str = ""
    table: Table | None = None
    note: str = ""
    """A paragraph before the table (or instead of chart and table when there is nothing to show)."""


def _cards(report: Report) -> list[tuple[str, str, str]]:
    totals, outcomes = report.totals, report.outcomes
    turns, how = report.median_turns_to_resolution, report.resolved_how
    return [
        ("Conversations", str(totals.conversations), "people who wrote at least one message"),
        ("Resolved", str(totals.resolved), f"{how.measured} measured, {how.user_said} the user said so, {how.assumed} assumed"),
        ("Escalated", str(outcomes.escalated), "handed to a person, with or without a ticket yet"),
        ("Abandoned", str(outcomes.abandoned), "went quiet without a fix offered last"),
        ("Median messages to resolution", f"{turns:g}" if turns is not None else "–", "user messages, resolved conversations"),
    ]


def _sections(report: Report) -> list[Section]:
    return [
        _funnel(report),
        _days(report),
        _outcomes(report),
        _causes(report),
        _breakdown(
            "Per entry route",
            "by-route",
            "Outcomes per entry route",
            report.by_route,
            ROUTE_WORDS,
            "How the guided check was entered; each bar split by how it ended.",
        ),
        _drop_off(report),
        _phone(report),
        _gaps(report),
    ]


def _phone(report: Report) -> Section:
    phone = report.phone
    bars = [
        single("Resolved on the phone", phone.resolved, "resolved_confirmed"),
        single("Escalated", phone.escalated, "escalated"),
    ]
    about = "Calls an agent walked on the Script page and recorded an ending for, with or without a ticket; not part of the chat numbers above."
    chart = horizontal_bars("phone", "How recorded phone calls ended", about, bars)
    return Section("Phone calls walked on the Script page", chart, about, _pairs(["Outcome", "Calls"], bars, "Phone calls"))


def _pairs(header: list[str], bars: list[Bar], label: str) -> Table:
    return Table(header, [[b.label, str(b.value)] for b in bars], label)


def _funnel(report: Report) -> Section:
    funnel = report.funnel
    bars = [single("Conversations", funnel.conversations, kind="total"), single("Entered the guided check", funnel.entered)]
    bars += [single(step_title(f"{funnel.flow}/{step.step}"), step.count, kind=step.kind) for step in funnel.steps]
    bars += [
        single("Resolved, confirmed", funnel.resolved, "resolved_confirmed"),
        single("Escalated", funnel.escalated, "escalated"),
    ]
    about = (
        "Conversations that reached each step, in the order of the guided check; the last two bars count only "
        "conversations that entered it and were confirmed resolved or escalated (so they can be lower than the cards)."
    )
    chart = horizontal_bars("funnel", "Conversations that reached each step of the guided check", about, bars)
    return Section("Funnel over the guided check", chart, about, _pairs(["Step", "Conversations"], bars, "Funnel"))


def _days(report: Report) -> Section:
    title = "Outcomes over time"
    columns = [Bar(day.name, [Segment(name, getattr(day.outcomes, name)) for name in OUTCOMES]) for day in report.by_day]
    if not columns:
        return Section(title, note="No conversations in this period.")
    about = "Conversations per UTC day they started, each column split by how they ended."
    chart = stacked_columns("over-time", "Outcomes per day", about, columns, OUTCOME_WORDS)
    return Section(title, chart, about, _outcome_table("Day", report.by_day))


def _outcomes(report: Report) -> Section:
    bars = [single(OUTCOME_WORDS[name], getattr(report.outcomes, name), name) for name in OUTCOMES]
    about = "Every conversation once, by how it ended (the cards add the two kinds of resolved together)."
    chart = horizontal_bars("outcomes", "How conversations ended", about, bars)
    return Section("Outcomes", chart, about, _pairs(["Outcome", "Conversations"], bars, "Outcomes"))


def _causes(report: Report) -> Section:
    words = {row.name: cause_title(row.name) for row in report.by_cause}
    about = "Conversations by the last cause the bot worked on (for a confirmed resolution: the fix that worked)."
    return _breakdown("Per cause", "by-cause", "Outcomes per cause", report.by_cause, words, about)


def _breakdown(title: str, chart_id: str, chart_title: str, rows: list[Breakdown], words: dict[str, str], about: str) -> Section:
    bars = [Bar(words.get(row.name, row.name), [Segment(n, getattr(row.outcomes, n)) for n in OUTCOMES]) for row in rows]
    chart = horizontal_bars(chart_id, chart_title, about, bars, OUTCOME_WORDS)
    return Section(title, chart, about, _outcome_table("Group", rows, words))


def _drop_off(report: Report) -> Section:
    title = "Where abandoned conversations stopped"
    if not report.drop_off:
        return Section(title, note="No abandoned conversations.")
    bars = [single(DROP_OFF_WORDS.get(row.name) or step_title(row.name), row.count, "abandoned") for row in report.drop_off]
    about = "Abandoned conversations only, by the last thing the bot showed before the customer went quiet."
    chart = horizontal_bars("drop-off", "Last step shown in abandoned conversations", about, bars)
    return Section(title, chart, about, _pairs(["Step", "Abandoned conversations"], bars, "Drop-off steps"))


def _gaps(report: Report) -> Section:
    """The same question asked many times is one row with a count, most asked first."""
    gaps = report.kb_gaps
    intro = (
        f"{gaps.count} of {gaps.queries} questions: nothing good found {gaps.no_answer}, "
        f"answer did not help {gaps.not_helped}. The newest {len(gaps.examples)} are grouped below "
        "(same words, ignoring case and punctuation)."
    )
    rows = [[group.text, str(group.times), group.latest, group.why] for group in group_questions(gaps.examples)]
    table = Table(["Question", "Times", "Latest (UTC)", "Why"], rows, "Questions without a good answer") if rows else None
    return Section("Knowledge questions without a good answer", note=intro, table=table)


def _outcome_table(first: str, rows: list[Breakdown], words: dict[str, str] | None = None) -> Table:
    body = [[(words or {}).get(r.name, r.name), str(r.total), *(str(getattr(r.outcomes, n)) for n in OUTCOMES)] for r in rows]
    return Table([first, "Total", *(OUTCOME_WORDS[n].capitalize() for n in OUTCOMES)], body)
