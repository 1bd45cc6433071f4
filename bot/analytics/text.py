"""The report as plain-text tables for the terminal (`bot report`)."""

from __future__ import annotations

from bot.analytics.classify import OUTCOMES
from bot.analytics.report import Breakdown, Count, Report

SHORT = {
    "resolved_confirmed": "confirmed",
    "resolved_assumed": "assumed",
    "escalated": "escalated",
    "abandoned": "abandoned",
    "in_progress": "in progress",
}


def render_text(report: Report) -> str:
    lines = [
        f"Conversations report, as of {report.generated_at}"
        + (f", started since {report.since}" if report.since else "")
        + f" (idle after {report.idle_minutes:g} minutes)",
        "",
        f"Conversations: {report.totals.conversations}   user messages: {report.totals.user_messages}   "
        f"tickets: {report.totals.tickets}   page visits without a conversation: {report.totals.page_visits}",
        "",
        "Outcomes",
    ]
    total = report.totals.conversations
    for name in OUTCOMES:
        count = getattr(report.outcomes, name)
        lines.append(f"  {SHORT[name]:<12}{count:>6}  {_share(count, total)}")
    how = report.resolved_how
    lines.append(
        f"  resolved: {how.measured} measured by the microphone check, {how.user_said} the user said so, {how.assumed} assumed"
    )
    turns = report.median_turns_to_resolution
    lines.append(f"  median user messages to resolution: {turns:g}" if turns is not None else "  no resolved conversations yet")
    lines += ["", *_breakdown_table("Per cause", report.by_cause), "", *_breakdown_table("Per entry route", report.by_route)]
    lines += ["", *_breakdown_table("Per day (day the conversation started, UTC)", report.by_day)]
    funnel = report.funnel
    lines += ["", f"Funnel over {funnel.flow}", f"  {'conversations':<28}{funnel.conversations:>6}"]
    lines.append(f"  {'entered the guided check':<28}{funnel.entered:>6}")
    lines += [f"  {step.step + ' (' + step.kind + ')':<28}{step.count:>6}" for step in funnel.steps]
    lines += [f"  {'resolved (confirmed)':<28}{funnel.resolved:>6}", f"  {'escalated':<28}{funnel.escalated:>6}"]
    lines += ["", *_counts("Drop-off steps of abandoned conversations", report.drop_off)]
    lines += ["", *_counts("Escalations by trigger", report.escalation_triggers)]
    lines += [
        "",
        f"Phone calls recorded on the Script page: resolved {report.phone.resolved}, escalated {report.phone.escalated}",
    ]
    gaps = report.kb_gaps
    lines += [
        "",
        f"Knowledge questions without a good answer: {gaps.count} of {gaps.queries} "
        f"(nothing found: {gaps.no_answer}, did not help: {gaps.not_helped})",
    ]
    lines += [f"  {gap.at[:16].replace('T', ' ')}  {gap.reason:<10}  {gap.text}" for gap in gaps.examples]
    return "\n".join(lines) + "\n"


def _breakdown_table(title: str, rows: list[Breakdown]) -> list[str]:
    if not rows:
        return [title, "  (none)"]
    header = f"  {'':<24}{'total':>7}" + "".join(f"{SHORT[name]:>13}" for name in OUTCOMES)
    body = [
        f"  {row.name[:24]:<24}{row.total:>7}" + "".join(f"{getattr(row.outcomes, name):>13}" for name in OUTCOMES)
        for row in rows
    ]
    return [title, header, *body]


def _counts(title: str, rows: list[Count]) -> list[str]:
    return [title, *([f"  {row.name:<40}{row.count:>6}" for row in rows] or ["  (none)"])]


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}%" if total else ""
