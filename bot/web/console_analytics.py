"""Staff console: Analytics — how conversations end, as server-side SVG charts with the numbers as tables.

`GET /staff/analytics?since=YYYY-MM-DD` is the page; `GET /staff/api/report?since=…` the same report as JSON
(both behind the console's token check). The report is read from Rasa's tracker store ($BOT_TRACKER_DB,
default var/tracker.db) and the ticket store, read-only, in a worker thread so the server keeps serving.
"""

from __future__ import annotations

import asyncio
from html import escape

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from bot.analytics.classify import OUTCOMES
from bot.analytics.records import AnalyticsError
from bot.analytics.report import Breakdown, Report, make_report, parse_since
from bot.paths import tracker_db
from bot.web.api import error
from bot.web.charts import Bar, Segment, horizontal_bars, single, stacked_columns
from bot.web.console import Console, scroll_box
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
    "(no knowledge answer)": "After \"nothing good found\"",
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
        try:
            report = await report_for(request)
        except ValueError as problem:
            return console.page("Analytics", _filter(since) + _problem(str(problem)), head=CSS, status=400)
        except AnalyticsError as problem:
            return console.page("Analytics", _filter(since) + _problem(f"No report yet: {problem}."), head=CSS)
        return console.page("Analytics", _filter(since) + page_body(report), head=CSS)


CSS = '<link rel="stylesheet" href="/static/analytics.css">'


def page_body(report: Report) -> str:
    totals, outcomes = report.totals, report.outcomes
    turns, how = report.median_turns_to_resolution, report.resolved_how
    cards = [
        ("Conversations", str(totals.conversations), "people who wrote at least one message"),
        ("Resolved", str(totals.resolved), f"{how.measured} measured, {how.user_said} the user said so, {how.assumed} assumed"),
        ("Escalated", str(outcomes.escalated), "handed to a person, with or without a ticket yet"),
        ("Abandoned", str(outcomes.abandoned), "went quiet without a fix offered last"),
        ("Median messages to resolution", f"{turns:g}" if turns is not None else "–", "user messages, resolved conversations"),
    ]
    summary = "".join(
        f'<div class="card"><span class="number">{escape(v)}</span> {escape(k)}<small>{escape(why)}</small></div>'
        for k, v, why in cards
    )
    when = f"As of {report.generated_at[:16].replace('T', ' ')} UTC" + (
        f", conversations started since {report.since[:10]}" if report.since else ""
    )
    return (
        f'<p class="hint">{escape(when)}. A conversation is over after {report.idle_minutes:g} quiet minutes. '
        "<em>Resolved, confirmed</em>: measured (the page's microphone check, run again after a fix, opened the "
        "microphone) or the customer said the fix worked; <em>resolved, assumed</em>: they left right after a fix "
        "without asking for more. Definitions in the README (Analytics); the same numbers as JSON: "
        '<a href="/staff/api/report">/staff/api/report</a>.</p>'
        f'<div class="cards">{summary}</div>'
        + _section("Funnel over the guided check", *_funnel(report))
        + _section("Outcomes over time", *_days(report))
        + _section("Outcomes", *_outcomes(report))
        + _section("Per cause", *_causes(report))
        + _section("Per entry route", *_breakdown("by-route", "Outcomes per entry route", report.by_route, ROUTE_WORDS,
                                                   "How the guided check was entered; each bar split by how it ended."))
        + _section("Where abandoned conversations stopped", *_drop_off(report))
        + _section("Phone calls walked on the Script page", *_phone(report))
        + _section("Knowledge questions without a good answer", "", _gaps(report))
    )


def _phone(report: Report) -> tuple[str, str]:
    phone = report.phone
    bars = [single("Resolved on the phone", phone.resolved, "resolved_confirmed"), single("Escalated", phone.escalated, "escalated")]
    about = "Calls an agent walked on the Script page and recorded an ending for, with or without a ticket; not part of the chat numbers above."
    chart = horizontal_bars("phone", "How recorded phone calls ended", about, bars)
    return chart + _caption(about), _table(["Outcome", "Calls"], [[b.label, str(b.value)] for b in bars], "Phone calls")


def _caption(text: str) -> str:
    return f'<p class="caption">{escape(text)}</p>'


def _funnel(report: Report) -> tuple[str, str]:
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
    return chart + _caption(about), _table(["Step", "Conversations"], [[b.label, str(b.value)] for b in bars], "Funnel")


def _days(report: Report) -> tuple[str, str]:
    columns = [Bar(day.name, [Segment(name, getattr(day.outcomes, name)) for name in OUTCOMES]) for day in report.by_day]
    if not columns:
        return "", "<p>No conversations in this period.</p>"
    about = "Conversations per UTC day they started, each column split by how they ended."
    chart = stacked_columns("over-time", "Outcomes per day", about, columns, OUTCOME_WORDS)
    return chart + _caption(about), _outcome_table("Day", report.by_day)


def _outcomes(report: Report) -> tuple[str, str]:
    bars = [single(OUTCOME_WORDS[name], getattr(report.outcomes, name), name) for name in OUTCOMES]
    about = "Every conversation once, by how it ended (the cards add the two kinds of resolved together)."
    chart = horizontal_bars("outcomes", "How conversations ended", about, bars)
    return chart + _caption(about), _table(["Outcome", "Conversations"], [[b.label, str(b.value)] for b in bars], "Outcomes")


def _causes(report: Report) -> tuple[str, str]:
    words = {row.name: cause_title(row.name) for row in report.by_cause}
    about = "Conversations by the last cause the bot worked on (for a confirmed resolution: the fix that worked)."
    return _breakdown("by-cause", "Outcomes per cause", report.by_cause, words, about)


def _breakdown(chart_id: str, title: str, rows: list[Breakdown], words: dict[str, str], about: str) -> tuple[str, str]:
    bars = [Bar(words.get(row.name, row.name), [Segment(n, getattr(row.outcomes, n)) for n in OUTCOMES]) for row in rows]
    chart = horizontal_bars(chart_id, title, about, bars, OUTCOME_WORDS)
    return chart + _caption(about), _outcome_table("Group", rows, words)


def _drop_off(report: Report) -> tuple[str, str]:
    if not report.drop_off:
        return "", "<p>No abandoned conversations.</p>"
    bars = [single(DROP_OFF_WORDS.get(row.name) or step_title(row.name), row.count, "abandoned") for row in report.drop_off]
    about = "Abandoned conversations only, by the last thing the bot showed before the customer went quiet."
    chart = horizontal_bars("drop-off", "Last step shown in abandoned conversations", about, bars)
    return chart + _caption(about), _table(["Step", "Abandoned conversations"], [[b.label, str(b.value)] for b in bars],
                                           "Drop-off steps")


def _gaps(report: Report) -> str:
    """The same question asked many times is one row with a count, most asked first."""
    gaps = report.kb_gaps
    intro = (
        f"<p>{gaps.count} of {gaps.queries} questions: nothing good found {gaps.no_answer}, "
        f"answer did not help {gaps.not_helped}. The newest {len(gaps.examples)} are grouped below "
        "(same words, ignoring case and punctuation).</p>"
    )
    rows = [[group.text, str(group.times), group.latest, group.why] for group in group_questions(gaps.examples)]
    return intro + (_table(["Question", "Times", "Latest (UTC)", "Why"], rows, "Questions without a good answer") if rows else "")


def _outcome_table(first: str, rows: list[Breakdown], words: dict[str, str] | None = None) -> str:
    body = [[(words or {}).get(r.name, r.name), str(r.total), *(str(getattr(r.outcomes, n)) for n in OUTCOMES)] for r in rows]
    return _table([first, "Total", *(OUTCOME_WORDS[n].capitalize() for n in OUTCOMES)], body)


def _table(header: list[str], rows: list[list[str]], label: str = "Numbers") -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return scroll_box(f'<table class="grid numbers"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>', label)


def _section(title: str, chart: str, table: str) -> str:
    return f'<section class="analytics"><h2>{escape(title)}</h2>{chart}{table}</section>'


def _filter(since: str) -> str:
    return (
        '<form class="filter" method="get" action="/staff/analytics"><label for="since">Conversations started since</label>'
        f'<input id="since" name="since" type="date" value="{escape(since)}"><button type="submit">Show</button>'
        '<a href="/staff/analytics">All time</a></form>'
    )


def _problem(text: str) -> str:
    return f'<p class="problem" role="alert">{escape(text)}</p>'
