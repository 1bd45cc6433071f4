"""The `bot` command line: a thin layer over the library.

Every command has a help text with an example (tests/test_cli.py checks it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.app.paths import ROOT, flows_dir
from bot.chat.errortext import parse_error_text

Handler = Callable[[argparse.Namespace], int]
REPORT_HELP = """How conversations end, from Rasa's tracker store and the tickets (opened read-only).

A conversation is one sender id (the help page's "Start over" begins a new one); a sender that only said
hello is a page visit. Outcomes: resolved_confirmed (the user said a fix worked, or that a knowledge answer
helped), resolved_assumed (quiet for the idle window right after a fix step or a knowledge answer),
escalated (a ticket, or an escalation ending the user has not finished), in_progress (quiet for less than the
idle window), abandoned (anything else that went quiet; its drop-off step is the last step shown).
Entry route: how the first flow was entered (error_text: a pasted error message, mic_check: the page's
microphone check, questions: anything else). Turns are user messages."""


def _command(sub: argparse._SubParsersAction, name: str, summary: str, example: str, handler: Handler) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def _group(groups: argparse._SubParsersAction, name: str, summary: str, example: str) -> argparse._SubParsersAction:
    """A command group (`bot flows ...`); run without a command it prints its help."""
    parser = groups.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=lambda _args: _print_help(parser))
    return parser.add_subparsers(dest="command", metavar="COMMAND")


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_flows_check(args: argparse.Namespace) -> int:
    from bot.app.loading import validate

    flow_set, findings = validate(Path(args.dir) if args.dir else None)
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        print(f"{len(findings)} problem(s) in the flow files", file=sys.stderr)
        return 1
    steps = sum(len(f.steps) for f in flow_set.flows.values())
    print(f"ok: {len(flow_set.flows)} flows, {steps} steps, {len(flow_set.vocabulary.facts)} facts")
    return 0


def cmd_flows_paths(args: argparse.Namespace) -> int:
    from bot.app.loading import load_engine
    from bot.flows.walk import walk_all

    engine = load_engine(args.dir)
    summary = walk_all(engine, args.flow)
    print(json.dumps(summary.as_dict(), indent=2) if args.json else summary.describe())
    return 0


def cmd_flows_render(args: argparse.Namespace) -> int:
    from bot.app.loading import load_engine
    from bot.render.files import FORMATS, render, write

    flow_set = load_engine(args.dir).flow_set
    formats = [args.format] if args.format else (list(FORMATS) if args.out else ["md"])
    try:
        if args.out:
            for path in write(flow_set, Path(args.out), formats):
                print(f"wrote {path}")
        else:
            sys.stdout.write(render(flow_set, formats[0]))
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_diagnose(args: argparse.Namespace) -> int:
    text = args.text if args.text != "-" else sys.stdin.read()
    parsed = parse_error_text(text)
    if args.json:
        print(json.dumps(parsed.facts, indent=2, sort_keys=True))
    elif not parsed.found:
        print("No Twilio code or browser error name found in that text.")
    else:
        for key, value in parsed.facts.items():
            print(f"{key}: {value}")
    return 0 if parsed.found else 1


def cmd_nlu_sync(args: argparse.Namespace) -> int:
    from bot.flows.facts import load_vocabulary
    from bot.rasa_adapter.nlu_sync import render_lookups

    vocabulary = load_vocabulary(flows_dir() / "facts.yml")
    target = ROOT / "data" / "lookups.yml"
    text = render_lookups(vocabulary)
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if args.check:
        if current != text:
            print(f"{target} is out of date: run `bot nlu sync`", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    if current != text:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    else:
        print(f"{target} already up to date")
    return 0


def cmd_kb_build(args: argparse.Namespace) -> int:
    from bot.app.paths import kb_index, knowledge_dir
    from bot.kb.index import build_index

    report = build_index(Path(args.dir) if args.dir else knowledge_dir(), Path(args.db) if args.db else kb_index())
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"knowledge index: {report.describe()}")
    return 1 if report.problems else 0


def cmd_kb_search(args: argparse.Namespace) -> int:
    from bot.app.paths import kb_index
    from bot.kb.service import KnowledgeBase

    kb = KnowledgeBase(Path(args.db) if args.db else kb_index())
    if not kb.available():
        print("No up-to-date knowledge index: run `bot kb build`.", file=sys.stderr)
        return 1
    results = kb.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False))
        return 0
    if not results:
        print("No matching section.")
    for number, result in enumerate(results, 1):
        print(f"{number}. {result.title} › {result.heading}  ({result.url}, score {result.score})")
        print(f"   {result.snippet}")
    return 0


def cmd_kb_show(args: argparse.Namespace) -> int:
    from bot.app.paths import knowledge_dir
    from bot.flows.sourcefile import SourceError
    from bot.kb.articles import parse_article
    from bot.kb.render import article_html, to_html, to_terminal

    article_id, _, anchor = args.ref.partition("#")
    path = knowledge_dir() / f"{article_id}.md"
    if not path.exists():
        print(f"No article {article_id!r} in {knowledge_dir()}", file=sys.stderr)
        return 1
    try:
        article = parse_article(path)
    except SourceError as error:
        print(error, file=sys.stderr)
        return 1
    section = article.section(anchor) if anchor else None
    if anchor and section is None:
        print(
            f"Article {article_id!r} has no section {anchor!r}: {', '.join(s.anchor for s in article.sections)}", file=sys.stderr
        )
        return 1
    if args.html:
        print(to_html(section.markdown) if section else article_html(article))
    else:
        print(to_terminal(article, anchor or None), end="")
    return 0


def cmd_kb_gaps(args: argparse.Namespace) -> int:
    from bot.app.paths import kb_feedback
    from bot.kb.feedback import FeedbackStore

    gaps = FeedbackStore(kb_feedback()).gaps(limit=args.limit)
    if args.json:
        print(json.dumps(gaps, indent=2, ensure_ascii=False))
    elif not gaps:
        print("No unanswered or unhelpful questions recorded.")
    for gap in gaps if not args.json else []:
        print(f"{gap['times']:>4}x  {gap['example']}  (no answer: {gap['unanswered']}, not helpful: {gap['not_helped']})")
    return 0


def _handoff(run: Callable[[argparse.Namespace, Any], int]) -> Handler:
    """Run a `bot handoff` command on the ticket store; a bad reference or status change is a message and exit 1."""

    def handler(args: argparse.Namespace) -> int:
        import sqlite3

        from bot.app.paths import tickets_db
        from bot.tickets.store import TicketError, TicketStore

        path = Path(args.db) if args.db else tickets_db()
        try:
            return run(args, TicketStore(path))
        except TicketError as error:
            print(f"error: {error}", file=sys.stderr)
        except sqlite3.Error as error:
            print(f"error: ticket database {path}: {error}", file=sys.stderr)
        return 1

    return handler


def cmd_handoff_list(args: argparse.Namespace, store: Any) -> int:
    tickets = store.list(status=args.status, limit=args.limit, offset=args.offset)
    if args.json:
        print(json.dumps([t.as_dict() for t in tickets], indent=2, ensure_ascii=False))
        return 0
    total = store.count(args.status)
    kind = f"{args.status} tickets" if args.status else "tickets"
    if not tickets:
        print(f"No {kind}." if total == 0 else f"No {kind} after the first {args.offset} ({total} in all).")
        return 0
    for t in tickets:
        summary = t.summary if len(t.summary) <= 70 else t.summary[:69] + "…"
        print(
            f"{t.reference}  {t.status:<8}  {t.created_at[:16].replace('T', ' ')}  {t.trigger:<13}  {t.contact_email}  {summary}"
        )
    print(f"{args.offset + 1}-{args.offset + len(tickets)} of {total} {kind}, newest first")
    return 0


def cmd_handoff_show(args: argparse.Namespace, store: Any) -> int:
    print(store.export(args.ref, "json" if args.json else "md"), end="" if not args.json else "\n")
    return 0


def cmd_handoff_claim(args: argparse.Namespace, store: Any) -> int:
    ticket = store.claim(args.ref, args.by)
    print(f"{ticket.reference} claimed by {ticket.claimed_by}")
    return 0


def cmd_handoff_resolve(args: argparse.Namespace, store: Any) -> int:
    ticket = store.resolve(args.ref, args.note, by=args.by)
    print(f"{ticket.reference} resolved" + (f" by {ticket.resolved_by}" if ticket.resolved_by else ""))
    return 0


def cmd_handoff_export(args: argparse.Namespace, store: Any) -> int:
    text = store.export(args.ref, args.format)
    print(text, end="" if text.endswith("\n") else "\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from bot.analytics.records import AnalyticsError
    from bot.analytics.report import make_report, parse_since
    from bot.analytics.text import render_text
    from bot.app.paths import tickets_db, tracker_db

    try:
        since = parse_since(args.since) if args.since else None
        at = parse_since(args.at).timestamp() if args.at else None
        if args.idle_minutes <= 0:
            raise ValueError("--idle-minutes must be more than 0")
        report = make_report(
            Path(args.tracker_db) if args.tracker_db else tracker_db(),
            Path(args.tickets_db) if args.tickets_db else tickets_db(),
            since=since,
            now=at,
            idle_minutes=args.idle_minutes,
        )
    except (ValueError, AnalyticsError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_text(report), end="")
    return 0


def cmd_script(args: argparse.Namespace) -> int:
    from bot.app.loading import load_engine
    from bot.app.paths import tickets_db
    from bot.staff.script import ScriptError
    from bot.staff.terminal import run_script

    engine = load_engine(args.dir)
    try:
        return run_script(
            engine,
            sys.stdin,
            sys.stdout,
            Path(args.db) if args.db else tickets_db(),
            flow=args.flow_option or args.flow,
            facts=args.facts,
            error_text=args.error,
        )
    except ScriptError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.app.serve import serve

    return serve(rasa_port=args.rasa_port, action_port=args.action_port, model=args.model, web_port=args.web_port)


def cmd_retention(args: argparse.Namespace) -> int:
    from bot.app.paths import kb_feedback, tickets_db, tracker_db
    from bot.app.retention import apply_retention

    if args.days < 1:
        print("error: --days must be at least 1", file=sys.stderr)
        return 2
    removed = apply_retention(
        args.days,
        Path(args.tracker_db) if args.tracker_db else tracker_db(),
        Path(args.tickets_db) if args.tickets_db else tickets_db(),
        Path(args.feedback_db) if args.feedback_db else kb_feedback(),
    )
    print(f"Older than {args.days} days: {removed}.")
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    from bot.app.paths import knowledge_dir, tickets_db
    from bot.app.tokens import staff_token
    from bot.tickets.store import TicketStore
    from bot.web.api import create_app
    from bot.web.console import register_console
    from bot.web.pages import register_pages

    store, token = TicketStore(tickets_db()), staff_token()
    app = create_app(store, token)
    register_pages(app, args.rasa_url, knowledge_dir())
    register_console(app, store, token, rasa_url=args.rasa_url)
    app.run(host=args.host, port=args.port, access_log=False, motd=False)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bot",
        description="Troubleshooting assistant for Twilio Voice error 31201: flows, diagnostics and servers.",
        epilog="Example:\n  bot flows check",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    groups = parser.add_subparsers(dest="group", metavar="COMMAND")

    flows_sub = _group(groups, "flows", "Check and inspect the decision tree in flows/", "bot flows check")
    check = _command(
        flows_sub,
        "check",
        "Validate every flow file; print problems with file and line.",
        "bot flows check --dir flows",
        cmd_flows_check,
    )
    check.add_argument("--dir", help="folder with facts.yml and the flow files (default: flows/)")
    paths = _command(
        flows_sub,
        "paths",
        "Walk every path through the flows and summarise the endings.",
        "bot flows paths --flow mic_31201 --json",
        cmd_flows_paths,
    )
    paths.add_argument("--dir", help="folder with the flow files (default: flows/)")
    paths.add_argument("--flow", help="only this entry flow (default: every entry flow)")
    paths.add_argument("--json", action="store_true", help="print JSON")

    render = _command(
        flows_sub,
        "render",
        "Draw the whole tree (SVG via Graphviz, or DOT) and write the printable runbook (Markdown, HTML).",
        "bot flows render --out var/render   (or: bot flows render --format md > runbook.md)",
        cmd_flows_render,
    )
    render.add_argument("--format", choices=("svg", "md", "html", "dot"), help="one format (default: md on stdout; all with --out)")
    render.add_argument("--out", help="write files into this folder instead of printing (flows.svg, runbook.md, ...)")
    render.add_argument("--dir", help="folder with the flow files (default: flows/)")

    diagnose = _command(
        groups,
        "diagnose",
        "Read a pasted error message: Twilio code, browser error name, SDK generation.",
        "bot diagnose 'Error occurred while accessing microphone: NotReadableError (Could not start audio source)'",
        cmd_diagnose,
    )
    diagnose.add_argument("text", help="the error text, or - to read it from standard input")
    diagnose.add_argument("--json", action="store_true", help="print the facts as JSON")

    nlu_sub = _group(groups, "nlu", "Keep the NLU data in step with flows/facts.yml", "bot nlu sync --check")
    sync = _command(
        nlu_sub,
        "sync",
        "Write data/lookups.yml (lookup tables and synonyms) from flows/facts.yml.",
        "bot nlu sync --check",
        cmd_nlu_sync,
    )
    sync.add_argument("--check", action="store_true", help="only report whether the file is up to date (exit 1 if not)")

    kb_sub = _group(
        groups,
        "kb",
        "Build, search and read the knowledge base in knowledge/",
        'bot kb search "how do I allow the mic in Firefox"',
    )
    build = _command(
        kb_sub, "build", "Parse knowledge/*.md and update the search index (incremental, atomic).", "bot kb build", cmd_kb_build
    )
    build.add_argument("--dir", help="folder with the articles (default: knowledge/)")
    build.add_argument("--db", help="index file (default: var/kb.db)")
    search = _command(
        kb_sub,
        "search",
        "Search the knowledge base with plain words; best sections first.",
        'bot kb search "mic blocked on mac" --json --limit 3',
        cmd_kb_search,
    )
    search.add_argument("query", help="the question, in any words")
    search.add_argument("--json", action="store_true", help="print a JSON array of results")
    search.add_argument("--limit", type=int, default=5, help="how many results (default 5)")
    search.add_argument("--db", help="index file (default: var/kb.db)")
    show = _command(
        kb_sub,
        "show",
        "Print an article, or one section of it, in the terminal (or as safe HTML).",
        "bot kb show browser-site-permissions#firefox",
        cmd_kb_show,
    )
    show.add_argument("ref", help="ARTICLE or ARTICLE#section")
    show.add_argument("--html", action="store_true", help="print the safe HTML the web page shows")
    gaps = _command(
        kb_sub,
        "gaps",
        "List questions with no good answer or negative feedback, most frequent first.",
        "bot kb gaps --limit 10",
        cmd_kb_gaps,
    )
    gaps.add_argument("--limit", type=int, default=20)
    gaps.add_argument("--json", action="store_true", help="print JSON")

    handoff_sub = _group(
        groups, "handoff", "List, read, claim and resolve escalation tickets (var/tickets.db)", "bot handoff list --status open"
    )
    handoff_list = _command(
        handoff_sub,
        "list",
        "List tickets, newest first, optionally only those with one status.",
        "bot handoff list --status open --limit 20",
        _handoff(cmd_handoff_list),
    )
    handoff_list.add_argument("--status", choices=("open", "claimed", "resolved"), help="only tickets with this status")
    handoff_list.add_argument("--json", action="store_true", help="print a JSON array of tickets")
    handoff_list.add_argument("--limit", type=int, default=50, help="how many tickets (default 50)")
    handoff_list.add_argument("--offset", type=int, default=0, help="skip this many of the newest (default 0)")
    handoff_show = _command(
        handoff_sub,
        "show",
        "Print a ticket: summary, facts, steps tried, transcript and history.",
        "bot handoff show MIC-7KQ2ZD",
        _handoff(cmd_handoff_show),
    )
    handoff_show.add_argument("ref", help="the ticket reference, such as MIC-7KQ2ZD")
    handoff_show.add_argument("--json", action="store_true", help="print JSON")
    handoff_claim = _command(
        handoff_sub,
        "claim",
        "Take an open ticket so nobody else works on it.",
        "bot handoff claim MIC-7KQ2ZD --by alice",
        _handoff(cmd_handoff_claim),
    )
    handoff_claim.add_argument("ref", help="the ticket reference")
    handoff_claim.add_argument("--by", required=True, help="who takes it")
    handoff_resolve = _command(
        handoff_sub,
        "resolve",
        "Close an open or claimed ticket with a note on what fixed it.",
        "bot handoff resolve MIC-7KQ2ZD --note 'USB headset firmware update' --by alice",
        _handoff(cmd_handoff_resolve),
    )
    handoff_resolve.add_argument("ref", help="the ticket reference")
    handoff_resolve.add_argument("--note", required=True, help="what was done")
    handoff_resolve.add_argument("--by", help="who resolved it (default: whoever claimed it)")
    handoff_export = _command(
        handoff_sub,
        "export",
        "Print a ticket with its history as markdown or JSON, for another tool or a colleague.",
        "bot handoff export MIC-7KQ2ZD --format json > MIC-7KQ2ZD.json",
        _handoff(cmd_handoff_export),
    )
    handoff_export.add_argument("ref", help="the ticket reference")
    handoff_export.add_argument("--format", choices=("md", "json"), default="md", help="md (default) or json")
    for handoff_parser in (handoff_list, handoff_show, handoff_claim, handoff_resolve, handoff_export):
        handoff_parser.add_argument("--db", help="ticket database (default: var/tickets.db, or $BOT_TICKETS_DB)")

    report = _command(
        groups,
        "report",
        REPORT_HELP,
        "bot report --since 2026-11-01 --json",
        cmd_report,
    )
    report.add_argument("--since", help="only conversations that started on or after this UTC date (YYYY-MM-DD[THH:MM])")
    report.add_argument("--json", action="store_true", help="print the report as JSON (stable keys)")
    report.add_argument("--tracker-db", help="Rasa's SQLite tracker store (default: var/tracker.db, or $BOT_TRACKER_DB)")
    report.add_argument("--tickets-db", help="the ticket store (default: var/tickets.db, or $BOT_TICKETS_DB)")
    report.add_argument("--idle-minutes", type=float, default=30.0, help="quiet this long without an ending = over (default 30)")
    report.add_argument("--at", help="make the report as of this UTC time instead of now (for reproducible reports)")
    script = _command(
        groups,
        "script",
        "Staff script mode: walk a flow with a customer on the phone, in the agent's words, from the terminal. "
        "Type a number to choose, s (customer doesn't know), b (back), k (what we know), t (open a ticket), ? (help), q (quit).",
        "bot script mic_31201 --facts browser=chrome,os=windows",
        cmd_script,
    )
    script.add_argument("flow", nargs="?", help="the flow to walk (default: choose from a list)")
    script.add_argument("--flow", dest="flow_option", help="the same as FLOW")
    script.add_argument("--facts", default="", help="what is already known, as fact=value pairs: browser=chrome,os=windows")
    script.add_argument("--error", help="the error text the customer read out or pasted (sets the error facts)")
    script.add_argument("--dir", help="folder with the flow files (default: flows/)")
    script.add_argument("--db", help="ticket database (default: var/tickets.db, or $BOT_TICKETS_DB)")

    retention = _command(
        groups,
        "retention",
        "Delete conversations, knowledge questions and resolved tickets older than N days "
        "(open and claimed tickets stay). Run it daily, e.g. from cron.",
        "bot retention --days 90",
        cmd_retention,
    )
    from bot.app.retention import DAYS_ENV, default_days

    retention.add_argument(
        "--days", type=int, default=default_days(), help=f"keep this many days (default {default_days()}, or ${DAYS_ENV})"
    )
    retention.add_argument("--tracker-db", help="Rasa's SQLite tracker store (default: var/tracker.db, or $BOT_TRACKER_DB)")
    retention.add_argument("--tickets-db", help="the ticket store (default: var/tickets.db, or $BOT_TICKETS_DB)")
    retention.add_argument("--feedback-db", help="knowledge questions (default: var/kb_feedback.db, or $BOT_KB_FEEDBACK)")

    serve = _command(
        groups,
        "serve",
        "Start the action server and Rasa, wait until both answer, print how to chat.",
        "bot serve --rasa-port 5005 --action-port 5055",
        cmd_serve,
    )
    serve.add_argument("--rasa-port", type=int, default=5005)
    serve.add_argument("--action-port", type=int, default=5055)
    serve.add_argument("--model", default="models", help="model file or folder (default: models/)")
    serve.add_argument("--web-port", type=int, default=8000, help="port of the web server (consultants' API)")

    web = _command(
        groups,
        "web",
        "Serve the help page with its chat, the articles (/kb) and the consultants' API (/api, bearer token).",
        "bot web --port 8000",
        cmd_web,
    )
    web.add_argument("--port", type=int, default=8000)
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--rasa-url", default="http://127.0.0.1:5005", help="where Rasa's REST channel listens")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    return handler(args) if handler is not None else _print_help(parser)


if __name__ == "__main__":
    raise SystemExit(main())
