"""Analytics on generated conversations with known outcomes (tests/fixtures/analytics/conversations.yml).

The events are produced by our real action and stored by Rasa's own SQLTrackerStore (see
tests/generated_conversations.py); the report must return exactly the numbers worked out by hand.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from datetime import datetime, timezone

import pytest

from bot.analytics.classify import OUTCOMES, classify, greeting_only
from bot.analytics.records import AnalyticsError, read_conversations, read_tickets
from bot.analytics.report import Breakdown, Report, make_report, parse_since
from bot.app.cli import main
from tests.generated_conversations import Generated, generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory, built_kb) -> Generated:
    return generate(tmp_path_factory.mktemp("analytics"), index=built_kb)


@pytest.fixture(scope="module")
def expected(generated: Generated) -> dict:
    return generated.spec["expected_report"]


@pytest.fixture(scope="module")
def report(generated: Generated) -> Report:
    return make_report(generated.tracker_db, generated.tickets_db, now=generated.report_at)


def outcome_row(row: Breakdown) -> list:
    counts = {name: getattr(row.outcomes, name) for name in OUTCOMES if getattr(row.outcomes, name)}
    return [row.name, row.total, counts]


def test_each_conversation_is_classified_as_designed(generated: Generated):
    tickets = read_tickets(generated.tickets_db)
    logs = {log.sender: log for log in read_conversations(generated.tracker_db)}
    assert set(logs) == {c["id"] for c in generated.spec["conversations"]}
    for conversation in generated.spec["conversations"]:
        log, expect = logs[conversation["id"]], conversation["expect"]
        if expect.get("page_visit"):
            assert greeting_only(log), conversation["id"]
            continue
        found = classify(log, tickets.get(log.sender, []), generated.report_at, 30 * 60)
        actual = {
            "outcome": found.outcome,
            "route": found.route,
            "cause": found.cause,
            "turns_to_resolution": found.turns_to_resolution,
            "drop_off": found.drop_off,
            "trigger": found.trigger,
            "tickets": len(found.tickets),
        }
        wanted = {"turns_to_resolution": None, "drop_off": None, "trigger": None, "tickets": 0, **expect}
        assert actual == wanted, conversation["id"]


def test_totals_and_outcomes(report: Report, expected: dict):
    totals = report.as_dict()["totals"]
    assert totals == expected["totals"]
    assert report.as_dict()["outcomes"] == expected["outcomes"]
    assert report.median_turns_to_resolution == expected["median_turns_to_resolution"]


def test_per_cause_route_and_day(report: Report, expected: dict):
    assert [outcome_row(row) for row in report.by_cause] == expected["by_cause"]
    assert [outcome_row(row) for row in report.by_route] == expected["by_route"]
    assert [outcome_row(row) for row in report.by_day] == [[str(d), n, c] for d, n, c in expected["by_day"]]


def test_drop_off_steps_and_escalation_triggers(report: Report, expected: dict):
    assert [[row.name, row.count] for row in report.drop_off] == expected["drop_off"]
    assert [[row.name, row.count] for row in report.escalation_triggers] == expected["escalation_triggers"]


def test_funnel_over_the_main_flow(report: Report, expected: dict):
    funnel, wanted = report.funnel, expected["funnel"]
    assert (funnel.flow, funnel.conversations, funnel.entered) == ("mic_31201", wanted["conversations"], wanted["entered"])
    assert {step.step: step.count for step in funnel.steps} == wanted["steps"]
    assert [step.step for step in funnel.steps] == list(wanted["steps"])  # the flow file's order
    assert (funnel.resolved, funnel.escalated) == (wanted["resolved"], wanted["escalated"])


def test_knowledge_questions_without_a_good_answer(report: Report, expected: dict):
    gaps, wanted = report.kb_gaps, expected["kb_gaps"]
    assert (gaps.queries, gaps.count, gaps.no_answer, gaps.not_helped) == (
        wanted["queries"],
        wanted["count"],
        wanted["no_answer"],
        wanted["not_helped"],
    )
    assert [[gap.text, gap.reason] for gap in gaps.examples] == wanted["examples"]


def test_since_keeps_conversations_started_on_or_after_the_date(generated: Generated, expected: dict):
    later = make_report(generated.tracker_db, generated.tickets_db, since=parse_since("2026-11-03"), now=generated.report_at)
    wanted = expected["since_2026_11_03"]
    assert later.totals.conversations == wanted["conversations"]
    assert later.totals.page_visits == wanted["page_visits"]
    assert later.outcomes.resolved_confirmed == wanted["resolved_confirmed"]
    assert later.outcomes.resolved_assumed == wanted["resolved_assumed"]
    assert [row.name for row in later.by_day] == ["2026-11-03", "2026-11-04"]
    assert later.since == "2026-11-03T00:00:00+00:00"


def test_a_shorter_idle_window_ends_the_conversation_in_progress(generated: Generated, report: Report):
    # The in-progress conversation went quiet 19 minutes before the report, right after a fix step.
    short = make_report(generated.tracker_db, generated.tickets_db, now=generated.report_at, idle_minutes=10)
    assert short.outcomes.in_progress == 0
    assert short.outcomes.resolved_assumed == report.outcomes.resolved_assumed + 1


def test_the_report_reads_without_locking_or_writing(generated: Generated, tmp_path):
    copy = tmp_path / "tracker.db"
    shutil.copy(generated.tracker_db, copy)
    before = copy.read_bytes()
    writer = sqlite3.connect(copy, timeout=0, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a live Rasa in the middle of writing a turn
    writer.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('late', 'user', 0, '{}')")
    during = make_report(copy, generated.tickets_db, now=generated.report_at)
    writer.execute("COMMIT")  # the report held no lock that blocks the writer (timeout 0)
    assert during.totals.conversations == 14  # the uncommitted row was not read
    writer.execute("BEGIN EXCLUSIVE")  # and none is left behind afterwards
    writer.execute("ROLLBACK")
    writer.close()
    shutil.copy(generated.tracker_db, copy)
    copy.chmod(stat.S_IRUSR)
    assert make_report(copy, generated.tickets_db, now=generated.report_at).totals.conversations == 14
    assert copy.read_bytes() == before and not (tmp_path / "tracker.db-journal").exists()


def test_missing_or_foreign_databases_give_a_clear_error(tmp_path, generated: Generated):
    with pytest.raises(AnalyticsError, match="no tracker database at"):
        make_report(tmp_path / "nowhere.db", None)
    (tmp_path / "other.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(AnalyticsError, match="cannot read the tracker database"):
        make_report(tmp_path / "other.db", None)
    without_tickets = make_report(generated.tracker_db, tmp_path / "no-tickets.db", now=generated.report_at)
    assert without_tickets.totals.tickets == 0 and without_tickets.outcomes.escalated == 2  # both still ended escalated


def test_cli_prints_json_and_a_table(generated: Generated, expected: dict, capsys):
    at = datetime.fromtimestamp(generated.report_at, timezone.utc).isoformat()
    args = ["report", "--tracker-db", str(generated.tracker_db), "--tickets-db", str(generated.tickets_db), "--at", at]
    assert main([*args, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["outcomes"] == expected["outcomes"] and printed["totals"] == expected["totals"]
    assert list(printed) == [
        "generated_at",
        "since",
        "idle_minutes",
        "totals",
        "outcomes",
        "by_cause",
        "by_route",
        "by_day",
        "drop_off",
        "funnel",
        "escalation_triggers",
        "kb_gaps",
        "median_turns_to_resolution",
        "phone",
        "resolved_how",
    ]
    assert printed["phone"] == {"resolved": 0, "escalated": 0}  # no calls recorded on the Script page
    how = printed["resolved_how"]  # confirmed = measured + the user said so; the fixture measured none
    assert how["measured"] == 0 and how["user_said"] == expected["outcomes"]["resolved_confirmed"]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "  confirmed        5" in table and "  mic_31201/ask_error_kind                     1" in table
    assert "how do I change my billing address <script>alert(1)</script> on the invoice?" in table


@pytest.mark.parametrize(
    "extra,message",
    [
        (["--since", "last tuesday"], "is not a date"),
        (["--idle-minutes", "0"], "must be more than 0"),
        (["--tracker-db", "/nonexistent/tracker.db"], "no tracker database at /nonexistent/tracker.db"),
    ],
)
def test_cli_bad_input_is_a_message_and_exit_1(extra, message, capsys):
    assert main(["report", *extra]) == 1
    assert message in capsys.readouterr().err
