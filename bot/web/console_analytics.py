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

OUTCOME_WORDS = {
    "resolved_confirmed": "resolved, confirmed",
    "resolved_assumed": "resolved, assumed",
    "escalated": "escalated",
    "abandoned": "abandoned",
    "in_progress": "in progress",
}
ROUTE_WORDS = {"error_text": "pasted error text", "mic_check": "microphone check", "questions": "questions"}


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
    turns = report.median_turns_to_resolution
    cards = [
        ("Conversations", str(totals.conversations)),
        ("Resolved (confirmed + assumed)", str(totals.resolved)),
        ("Escalated", str(outcomes.escalated)),
        ("Abandoned", str(outcomes.abandoned)),
        ("Median user messages to resolution", f"{turns:g}" if turns is not None else "–"),
    ]
    summary = "".join(f'<div class="card"><span class="number">{escape(v)}</span> {escape(k)}</div>' for k, v in cards)
    when = f"As of {report.generated_at}" + (f", conversations started since {report.since}" if report.since else "")
    return (
        f'<p class="hint">{escape(when)}. A conversation is over after {report.idle_minutes:g} quiet minutes; '
        f'definitions in the README (Analytics). Same numbers as JSON: <a href="/staff/api/report">/staff/api/report</a>.</p>'
        f'<div class="cards">{summary}</div>'
        + _section("Funnel over the guided check", *_funnel(report))
        + _section("Outcomes over time", *_days(report))
        + _section("Outcomes", *_outcomes(report))
        + _section("Per cause", *_breakdown("by-cause", "Outcomes per cause", report.by_cause, {}))
        + _section("Per entry route", *_breakdown("by-route", "Outcomes per entry route", report.by_route, ROUTE_WORDS))
        + _section("Where abandoned conversations stopped", *_drop_off(report))
        + _section("Knowledge questions without a good answer", "", _gaps(report))
    )


def _funnel(report: Report) -> tuple[str, str]:
    funnel = report.funnel
    bars = [single("Conversations", funnel.conversations, kind="total"), single("Entered the guided check", funnel.entered)]
    bars += [single(f"{step.step} ({step.kind})", step.count, kind=step.kind) for step in funnel.steps]
    bars += [
        single("Resolved, confirmed", funnel.resolved, "resolved_confirmed"),
        single("Escalated", funnel.escalated, "escalated"),
    ]
    chart = horizontal_bars(
        "funnel",
        f"Conversations that reached each step of {funnel.flow}",
        "Bars in the order of the flow file; the last two count outcomes of those that entered the guided check.",
        bars,
    )
    return chart, _table(["Step", "Conversations"], [[b.label, str(b.value)] for b in bars])


def _days(report: Report) -> tuple[str, str]:
    columns = [Bar(day.name, [Segment(name, getattr(day.outcomes, name)) for name in OUTCOMES]) for day in report.by_day]
    if not columns:
        return "", "<p>No conversations in this period.</p>"
    chart = stacked_columns(
        "over-time",
        "Outcomes per day",
        "One column per UTC day the conversations started, split by outcome.",
        columns,
        OUTCOME_WORDS,
    )
    return chart, _outcome_table("Day", report.by_day)


def _outcomes(report: Report) -> tuple[str, str]:
    bars = [single(OUTCOME_WORDS[name], getattr(report.outcomes, name), name) for name in OUTCOMES]
    chart = horizontal_bars("outcomes", "How conversations ended", "Conversations per outcome.", bars)
    return chart, _table(["Outcome", "Conversations"], [[b.label, str(b.value)] for b in bars])


def _breakdown(chart_id: str, title: str, rows: list[Breakdown], words: dict[str, str]) -> tuple[str, str]:
    bars = [Bar(words.get(row.name, row.name), [Segment(n, getattr(row.outcomes, n)) for n in OUTCOMES]) for row in rows]
    chart = horizontal_bars(chart_id, title, "Conversations per group, split by outcome.", bars, OUTCOME_WORDS)
    return chart, _outcome_table("Group", rows, words)


def _drop_off(report: Report) -> tuple[str, str]:
    if not report.drop_off:
        return "", "<p>No abandoned conversations.</p>"
    bars = [single(row.name, row.count, "abandoned") for row in report.drop_off]
    chart = horizontal_bars("drop-off", "Last step shown in abandoned conversations", "Abandoned conversations per step.", bars)
    return chart, _table(["Step", "Abandoned conversations"], [[b.label, str(b.value)] for b in bars])


def _gaps(report: Report) -> str:
    gaps = report.kb_gaps
    intro = (
        f"<p>{gaps.count} of {gaps.queries} questions: nothing good found {gaps.no_answer}, "
        f"answer did not help {gaps.not_helped}.</p>"
    )
    words = {"no_answer": "nothing good found", "not_helped": "did not help"}
    rows = [[gap.at[:16].replace("T", " "), words.get(gap.reason, gap.reason), gap.text] for gap in gaps.examples]
    return intro + (_table(["When (UTC)", "Why", "Question"], rows) if rows else "")


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
