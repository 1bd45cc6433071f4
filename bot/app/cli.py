"""The `bot` command line: a thin layer over the library, one click command per function.

Each command declares its options on the function that runs it and returns its exit code; the root group's
result callback turns that into the process's exit status. Every help text ends with an example
(tests/test_cli.py checks it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import click

from bot.app.paths import ROOT, flows_dir
from bot.app.retention import DAYS_ENV, DEFAULT_DAYS, default_days
from bot.chat.errortext import parse_error_text

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 120}
TICKETS_DB_HELP = "ticket database (default: var/tickets.db, or $BOT_TICKETS_DB)"


class Group(click.Group):
    """A command group: lists its commands in the order they are defined; run alone, prints its help and exits 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("context_settings", CONTEXT)
        super().__init__(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:  # a group is not a command: say what it has
            click.echo(ctx.get_help())
            ctx.exit(2)
        return super().parse_args(ctx, args)


def _echo_json(value: object) -> None:
    """`--json` output: indented, non-ASCII text as it is."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@click.group("bot", cls=Group)
def cli() -> None:
    """Troubleshooting assistant for Twilio Voice error 31201: flows, diagnostics and servers.

    \b
    Example:
      bot flows check
    """


@cli.result_callback()
def _exit_with(code: int | None) -> None:
    """Every command returns its exit code; this makes it the process's."""
    click.get_current_context().exit(code or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """The `bot` console script: run one command and return its exit code. A usage error says so on standard
    error and exits 2 (SystemExit), as it always did."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="bot", standalone_mode=False)
    except click.ClickException as problem:
        problem.show()
        raise SystemExit(problem.exit_code) from None
    except click.Abort:  # Ctrl-C or end of input at a prompt
        click.echo("Aborted!", err=True)
        return 1
    return code if isinstance(code, int) else 0


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


# --- bot flows ---------------------------------------------------------------------------------------------


@cli.group(cls=Group)
def flows() -> None:
    """Check and inspect the decision tree in flows/.

    \b
    Example:
      bot flows check
    """


@flows.command("check")
@click.option("--dir", "directory", metavar="DIR", help="folder with facts.yml and the flow files (default: flows/)")
def flows_check(directory: str | None) -> int:
    """Validate every flow file; print problems with file and line.

    \b
    Example:
      bot flows check --dir flows
    """
    from bot.app.loading import validate

    flow_set, findings = validate(_path(directory))
    for finding in findings:
        click.echo(str(finding), err=True)
    if findings:
        click.echo(f"{len(findings)} problem(s) in the flow files", err=True)
        return 1
    steps = sum(len(f.steps) for f in flow_set.flows.values())
    click.echo(f"ok: {len(flow_set.flows)} flows, {steps} steps, {len(flow_set.vocabulary.facts)} facts")
    return 0


@flows.command("paths")
@click.option("--dir", "directory", metavar="DIR", help="folder with the flow files (default: flows/)")
@click.option("--flow", help="only this entry flow (default: every entry flow)")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def flows_paths(directory: str | None, flow: str | None, as_json: bool) -> int:
    """Walk every path through the flows and summarise the endings.

    \b
    Example:
      bot flows paths --flow mic_31201 --json
    """
    from bot.app.loading import load_engine
    from bot.flows.walk import walk_all

    summary = walk_all(load_engine(directory), flow)
    click.echo(json.dumps(summary.as_dict(), indent=2) if as_json else summary.describe())
    return 0


@flows.command("render")
@click.option(
    "--format", "fmt", type=click.Choice(("svg", "md", "html", "dot")), help="one format (default: md on stdout; all with --out)"
)
@click.option("--out", metavar="DIR", help="write files into this folder instead of printing (flows.svg, runbook.md, ...)")
@click.option("--dir", "directory", metavar="DIR", help="folder with the flow files (default: flows/)")
def flows_render(fmt: str | None, out: str | None, directory: str | None) -> int:
    """Draw the whole tree (SVG via Graphviz, or DOT) and write the printable runbook (Markdown, HTML).

    \b
    Example:
      bot flows render --out var/render   (or: bot flows render --format md > runbook.md)
    """
    from bot.app.loading import load_engine
    from bot.render.files import FORMATS, render, write

    flow_set = load_engine(directory).flow_set
    formats = [fmt] if fmt else (list(FORMATS) if out else ["md"])
    try:
        if out:
            for path in write(flow_set, Path(out), formats):
                click.echo(f"wrote {path}")
        else:
            click.echo(render(flow_set, formats[0]), nl=False)
    except RuntimeError as problem:
        click.echo(f"error: {problem}", err=True)
        return 1
    return 0


# --- bot diagnose ------------------------------------------------------------------------------------------


@cli.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="print the facts as JSON")
def diagnose(text: str, as_json: bool) -> int:
    """Read a pasted error message: Twilio code, browser error name, SDK generation.

    TEXT is the error text, or - to read it from standard input.

    \b
    Example:
      bot diagnose 'Error occurred while accessing microphone: NotReadableError (Could not start audio source)'
    """
    parsed = parse_error_text(text if text != "-" else sys.stdin.read())
    if as_json:
        click.echo(json.dumps(parsed.facts, indent=2, sort_keys=True))
    elif not parsed.found:
        click.echo("No Twilio code or browser error name found in that text.")
    else:
        for key, value in parsed.facts.items():
            click.echo(f"{key}: {value}")
    return 0 if parsed.found else 1


# --- bot nlu -----------------------------------------------------------------------------------------------


@cli.group(cls=Group)
def nlu() -> None:
    """Keep the NLU data in step with flows/facts.yml.

    \b
    Example:
      bot nlu sync --check
    """


@nlu.command("sync")
@click.option("--check", is_flag=True, help="only report whether the file is up to date (exit 1 if not)")
def nlu_sync(check: bool) -> int:
    """Write data/lookups.yml (lookup tables and synonyms) from flows/facts.yml.

    \b
    Example:
      bot nlu sync --check
    """
    from bot.flows.facts import load_vocabulary
    from bot.rasa_adapter.nlu_sync import render_lookups

    target = ROOT / "data" / "lookups.yml"
    text = render_lookups(load_vocabulary(flows_dir() / "facts.yml"))
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if check:
        if current != text:
            click.echo(f"{target} is out of date: run `bot nlu sync`", err=True)
            return 1
        click.echo(f"{target} is up to date")
        return 0
    if current != text:
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target}")
    else:
        click.echo(f"{target} already up to date")
    return 0


# --- bot kb ------------------------------------------------------------------------------------------------


@cli.group(cls=Group)
def kb() -> None:
    """Build, search and read the knowledge base in knowledge/.

    \b
    Example:
      bot kb search "how do I allow the mic in Firefox"
    """


@kb.command("build")
@click.option("--dir", "directory", metavar="DIR", help="folder with the articles (default: knowledge/)")
@click.option("--db", metavar="FILE", help="index file (default: var/kb.db)")
def kb_build(directory: str | None, db: str | None) -> int:
    """Parse knowledge/*.md and update the search index (incremental, atomic).

    \b
    Example:
      bot kb build
    """
    from bot.app.paths import kb_index, knowledge_dir
    from bot.kb.index import build_index

    report = build_index(_path(directory) or knowledge_dir(), _path(db) or kb_index())
    for problem in report.problems:
        click.echo(str(problem), err=True)
    click.echo(f"knowledge index: {report.describe()}")
    return 1 if report.problems else 0


@kb.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="print a JSON array of results")
@click.option("--limit", type=int, default=5, show_default=True, help="how many results")
@click.option("--db", metavar="FILE", help="index file (default: var/kb.db)")
def kb_search(query: str, as_json: bool, limit: int, db: str | None) -> int:
    """Search the knowledge base with plain words; best sections first.

    QUERY is the question, in any words.

    \b
    Example:
      bot kb search "mic blocked on mac" --json --limit 3
    """
    from bot.app.paths import kb_index
    from bot.kb.service import KnowledgeBase

    knowledge = KnowledgeBase(_path(db) or kb_index())
    if not knowledge.available():
        click.echo("No up-to-date knowledge index: run `bot kb build`.", err=True)
        return 1
    results = knowledge.search(query, limit=limit)
    if as_json:
        _echo_json([r.as_dict() for r in results])
        return 0
    if not results:
        click.echo("No matching section.")
    for number, result in enumerate(results, 1):
        click.echo(f"{number}. {result.title} › {result.heading}  ({result.url}, score {result.score})")
        click.echo(f"   {result.snippet}")
    return 0


@kb.command("show")
@click.argument("ref")
@click.option("--html", "as_html", is_flag=True, help="print the safe HTML the web page shows")
def kb_show(ref: str, as_html: bool) -> int:
    """Print an article, or one section of it, in the terminal (or as safe HTML).

    REF is ARTICLE or ARTICLE#section.

    \b
    Example:
      bot kb show browser-site-permissions#firefox
    """
    from bot.app.paths import knowledge_dir
    from bot.flows.sourcefile import SourceError
    from bot.kb.articles import parse_article
    from bot.kb.render import article_html, to_html, to_terminal

    article_id, _, anchor = ref.partition("#")
    path = knowledge_dir() / f"{article_id}.md"
    if not path.exists():
        click.echo(f"No article {article_id!r} in {knowledge_dir()}", err=True)
        return 1
    try:
        article = parse_article(path)
    except SourceError as problem:
        click.echo(str(problem), err=True)
        return 1
    section = article.section(anchor) if anchor else None
    if anchor and section is None:
        anchors = ", ".join(s.anchor for s in article.sections)
        click.echo(f"Article {article_id!r} has no section {anchor!r}: {anchors}", err=True)
        return 1
    if as_html:
        click.echo(to_html(section.markdown) if section else article_html(article))
    else:
        click.echo(to_terminal(article, anchor or None), nl=False)
    return 0


@kb.command("gaps")
@click.option("--limit", type=int, default=20, show_default=True, help="how many questions")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def kb_gaps(limit: int, as_json: bool) -> int:
    """List questions with no good answer or negative feedback, most frequent first.

    \b
    Example:
      bot kb gaps --limit 10
    """
    from bot.app.paths import kb_feedback
    from bot.kb.feedback import FeedbackStore

    gaps = FeedbackStore(kb_feedback()).gaps(limit=limit)
    if as_json:
        _echo_json(gaps)
        return 0
    if not gaps:
        click.echo("No unanswered or unhelpful questions recorded.")
    for gap in gaps:
        click.echo(f"{gap['times']:>4}x  {gap['example']}  (no answer: {gap['unanswered']}, not helpful: {gap['not_helped']})")
    return 0


# --- bot handoff -------------------------------------------------------------------------------------------


@cli.group(cls=Group)
def handoff() -> None:
    """List, read, claim and resolve escalation tickets (var/tickets.db).

    \b
    Example:
      bot handoff list --status open
    """


def on_ticket_store(run: Callable[..., int]) -> Callable[..., int]:
    """A `bot handoff` command that works on the ticket store: adds its --db option and opens the store; a bad
    reference or status change is a message and exit 1."""

    @click.option("--db", metavar="FILE", help=TICKETS_DB_HELP)
    @wraps(run)
    def command(db: str | None, **options: Any) -> int:
        import sqlite3

        from bot.app.paths import tickets_db
        from bot.tickets.store import TicketError, TicketStore

        path = _path(db) or tickets_db()
        try:
            return run(TicketStore(path), **options)
        except TicketError as problem:
            click.echo(f"error: {problem}", err=True)
        except sqlite3.Error as problem:
            click.echo(f"error: ticket database {path}: {problem}", err=True)
        return 1

    return command


@handoff.command("list")
@click.option("--status", type=click.Choice(("open", "claimed", "resolved")), help="only tickets with this status")
@click.option("--json", "as_json", is_flag=True, help="print a JSON array of tickets")
@click.option("--limit", type=int, default=50, show_default=True, help="how many tickets")
@click.option("--offset", type=int, default=0, show_default=True, help="skip this many of the newest")
@on_ticket_store
def handoff_list(store: Any, status: str | None, as_json: bool, limit: int, offset: int) -> int:
    """List tickets, newest first, optionally only those with one status.

    \b
    Example:
      bot handoff list --status open --limit 20
    """
    tickets = store.list(status=status, limit=limit, offset=offset)
    if as_json:
        _echo_json([t.as_dict() for t in tickets])
        return 0
    total = store.count(status)
    kind = f"{status} tickets" if status else "tickets"
    if not tickets:
        click.echo(f"No {kind}." if total == 0 else f"No {kind} after the first {offset} ({total} in all).")
        return 0
    for t in tickets:
        summary = t.summary if len(t.summary) <= 70 else t.summary[:69] + "…"
        created = t.created_at[:16].replace("T", " ")
        click.echo(f"{t.reference}  {t.status:<8}  {created}  {t.trigger:<13}  {t.contact_email}  {summary}")
    click.echo(f"{offset + 1}-{offset + len(tickets)} of {total} {kind}, newest first")
    return 0


@handoff.command("show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@on_ticket_store
def handoff_show(store: Any, ref: str, as_json: bool) -> int:
    """Print a ticket: summary, facts, steps tried, transcript and history.

    REF is the ticket reference, such as MIC-7KQ2ZD.

    \b
    Example:
      bot handoff show MIC-7KQ2ZD
    """
    click.echo(store.export(ref, "json" if as_json else "md"), nl=as_json)
    return 0


@handoff.command("claim")
@click.argument("ref")
@click.option("--by", required=True, help="who takes it")
@on_ticket_store
def handoff_claim(store: Any, ref: str, by: str) -> int:
    """Take an open ticket so nobody else works on it.

    \b
    Example:
      bot handoff claim MIC-7KQ2ZD --by alice
    """
    ticket = store.claim(ref, by)
    click.echo(f"{ticket.reference} claimed by {ticket.claimed_by}")
    return 0


@handoff.command("resolve")
@click.argument("ref")
@click.option("--note", required=True, help="what was done")
@click.option("--by", help="who resolved it (default: whoever claimed it)")
@on_ticket_store
def handoff_resolve(store: Any, ref: str, note: str, by: str | None) -> int:
    """Close an open or claimed ticket with a note on what fixed it.

    \b
    Example:
      bot handoff resolve MIC-7KQ2ZD --note 'USB headset firmware update' --by alice
    """
    ticket = store.resolve(ref, note, by=by)
    click.echo(f"{ticket.reference} resolved" + (f" by {ticket.resolved_by}" if ticket.resolved_by else ""))
    return 0


@handoff.command("export")
@click.argument("ref")
@click.option("--format", "fmt", type=click.Choice(("md", "json")), default="md", show_default=True, help="md or json")
@on_ticket_store
def handoff_export(store: Any, ref: str, fmt: str) -> int:
    """Print a ticket with its history as markdown or JSON, for another tool or a colleague.

    \b
    Example:
      bot handoff export MIC-7KQ2ZD --format json > MIC-7KQ2ZD.json
    """
    text = store.export(ref, fmt)
    click.echo(text, nl=not text.endswith("\n"))
    return 0


# --- bot report --------------------------------------------------------------------------------------------


@cli.command()
@click.option("--since", metavar="DATE", help="only conversations that started on or after this UTC date (YYYY-MM-DD[THH:MM])")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON (stable keys)")
@click.option("--tracker-db", metavar="FILE", help="Rasa's SQLite tracker store (default: var/tracker.db, or $BOT_TRACKER_DB)")
@click.option("--tickets-db", metavar="FILE", help="the ticket store (default: var/tickets.db, or $BOT_TICKETS_DB)")
@click.option("--idle-minutes", type=float, default=30.0, show_default=True, help="quiet this long without an ending = over")
@click.option("--at", metavar="TIME", help="make the report as of this UTC time instead of now (for reproducible reports)")
def report(
    since: str | None, as_json: bool, tracker_db: str | None, tickets_db: str | None, idle_minutes: float, at: str | None
) -> int:
    """How conversations end, from Rasa's tracker store and the tickets (opened read-only).

    A conversation is one sender id (the help page's "Start over" begins a new one); a sender that only said
    hello is a page visit. Outcomes: resolved_confirmed (the user said a fix worked, or that a knowledge answer
    helped), resolved_assumed (quiet for the idle window right after a fix step or a knowledge answer),
    escalated (a ticket, or an escalation ending the user has not finished), in_progress (quiet for less than the
    idle window), abandoned (anything else that went quiet; its drop-off step is the last step shown).
    Entry route: how the first flow was entered (error_text: a pasted error message, mic_check: the page's
    microphone check, questions: anything else). Turns are user messages.

    \b
    Example:
      bot report --since 2026-11-01 --json
    """
    from bot.analytics.records import AnalyticsError
    from bot.analytics.report import make_report, parse_since
    from bot.analytics.text import render_text
    from bot.app.paths import tickets_db as default_tickets_db
    from bot.app.paths import tracker_db as default_tracker_db

    try:
        start = parse_since(since) if since else None
        now = parse_since(at).timestamp() if at else None
        if idle_minutes <= 0:
            raise ValueError("--idle-minutes must be more than 0")
        made = make_report(
            _path(tracker_db) or default_tracker_db(),
            _path(tickets_db) or default_tickets_db(),
            since=start,
            now=now,
            idle_minutes=idle_minutes,
        )
    except (ValueError, AnalyticsError) as problem:
        click.echo(f"error: {problem}", err=True)
        return 1
    click.echo(json.dumps(made.as_dict(), indent=2, ensure_ascii=False) if as_json else render_text(made), nl=as_json)
    return 0


# --- bot script --------------------------------------------------------------------------------------------


@cli.command()
@click.argument("flow", required=False)
@click.option("--flow", "flow_option", help="the same as FLOW")
@click.option("--facts", default="", help="what is already known, as fact=value pairs: browser=chrome,os=windows")
@click.option("--error", "error_text", help="the error text the customer read out or pasted (sets the error facts)")
@click.option("--dir", "directory", metavar="DIR", help="folder with the flow files (default: flows/)")
@click.option("--db", metavar="FILE", help=TICKETS_DB_HELP)
def script(
    flow: str | None, flow_option: str | None, facts: str, error_text: str | None, directory: str | None, db: str | None
) -> int:
    """Staff script mode: walk a flow with a customer on the phone, in the agent's words, from the terminal.

    FLOW is the flow to walk (default: choose from a list). Type a number to choose, s (customer doesn't know),
    b (back), k (what we know), t (open a ticket), ? (help), q (quit).

    \b
    Example:
      bot script mic_31201 --facts browser=chrome,os=windows
    """
    from bot.app.loading import load_engine
    from bot.app.paths import tickets_db
    from bot.staff.script import ScriptError
    from bot.staff.terminal import run_script

    engine = load_engine(directory)
    try:
        return run_script(
            engine,
            sys.stdin,
            sys.stdout,
            _path(db) or tickets_db(),
            flow=flow_option or flow,
            facts=facts,
            error_text=error_text,
        )
    except ScriptError as problem:
        click.echo(f"error: {problem}", err=True)
        return 2


# --- bot retention, serve, web -----------------------------------------------------------------------------


@cli.command()
@click.option("--days", type=int, default=default_days, help=f"keep this many days (default {DEFAULT_DAYS}, or ${DAYS_ENV})")
@click.option("--tracker-db", metavar="FILE", help="Rasa's SQLite tracker store (default: var/tracker.db, or $BOT_TRACKER_DB)")
@click.option("--tickets-db", metavar="FILE", help="the ticket store (default: var/tickets.db, or $BOT_TICKETS_DB)")
@click.option("--feedback-db", metavar="FILE", help="knowledge questions (default: var/kb_feedback.db, or $BOT_KB_FEEDBACK)")
def retention(days: int, tracker_db: str | None, tickets_db: str | None, feedback_db: str | None) -> int:
    """Delete conversations, knowledge questions and resolved tickets older than N days (open and claimed
    tickets stay). Run it daily, e.g. from cron.

    \b
    Example:
      bot retention --days 90
    """
    from bot.app.paths import kb_feedback
    from bot.app.paths import tickets_db as default_tickets_db
    from bot.app.paths import tracker_db as default_tracker_db
    from bot.app.retention import apply_retention

    if days < 1:
        click.echo("error: --days must be at least 1", err=True)
        return 2
    removed = apply_retention(
        days,
        _path(tracker_db) or default_tracker_db(),
        _path(tickets_db) or default_tickets_db(),
        _path(feedback_db) or kb_feedback(),
    )
    click.echo(f"Older than {days} days: {removed}.")
    return 0


@cli.command()
@click.option("--rasa-port", type=int, default=5005, show_default=True)
@click.option("--action-port", type=int, default=5055, show_default=True)
@click.option("--model", default="models", help="model file or folder (default: models/)")
@click.option("--web-port", type=int, default=8000, show_default=True, help="port of the web server (consultants' API)")
def serve(rasa_port: int, action_port: int, model: str, web_port: int) -> int:
    """Start the action server and Rasa, wait until both answer, print how to chat.

    \b
    Example:
      bot serve --rasa-port 5005 --action-port 5055
    """
    from bot.app.serve import serve as serve_all

    return serve_all(rasa_port=rasa_port, action_port=action_port, model=model, web_port=web_port)


@cli.command()
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--rasa-url", default="http://127.0.0.1:5005", show_default=True, help="where Rasa's REST channel listens")
def web(port: int, host: str, rasa_url: str) -> int:
    """Serve the help page with its chat, the articles (/kb) and the consultants' API (/api, bearer token).

    \b
    Example:
      bot web --port 8000
    """
    from bot.app.paths import knowledge_dir, tickets_db
    from bot.app.tokens import staff_token
    from bot.tickets.store import TicketStore
    from bot.web.api import create_app
    from bot.web.console import register_console
    from bot.web.pages import register_pages

    store, token = TicketStore(tickets_db()), staff_token()
    app = create_app(store, token)
    register_pages(app, rasa_url, knowledge_dir())
    register_console(app, store, token, rasa_url=rasa_url)
    app.run(host=host, port=port, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
