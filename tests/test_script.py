"""Staff script mode: the session library, and `bot script` driven through its standard input."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.flows.engine import Engine
from bot.staff.script import ScriptError, ScriptSession, flows_version, parse_facts, script_flows
from bot.tickets.store import TicketStore
from tests.conftest import ROOT


def bot_script(stdin: str, *args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "script", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BOT_TICKETS_DB": str(db)},
    )


# --- the library ----------------------------------------------------------------------


def test_every_step_a_flow_walk_shows_has_staff_wording(engine: Engine):
    for flow in engine.flows.values():
        for step in flow.steps:
            if step.kind in ("collect", "instruct", "end"):
                assert step.staff, f"{flow.id}/{step.id}"
                assert all("{" not in v.text or "}" in v.text for v in step.staff)


def test_staff_wording_follows_the_facts_like_the_chat_text(engine: Engine):
    facts = {"browser": "chrome", "os": "windows", "app": "teams", "error_name": "NotReadableError"}
    session = ScriptSession.start(engine, "mic_31201", facts)
    view = session.view()
    assert view.step == "close_apps" and view.kind == "instruction"
    assert "Microsoft Teams" in view.staff and "system tray" in view.staff  # the Windows + known app variant
    assert view.staff != view.customer and "Have them" in view.staff
    assert [(c.number, c.title) for c in view.choices] == [(1, "Fixed: the test call works"), (2, "Still failing")]
    view = session.choose(2)  # "could not start" with the apps closed: the system's privacy switch next
    assert view.flow == "check_os_privacy" and view.step == "os_privacy"
    assert "Privacy & security › Microphone" in view.staff and "Have them" in view.staff  # the Windows variant


def test_a_resolved_walk_ends_with_a_summary(engine: Engine):
    session = ScriptSession.start(engine, "mic_31201", {"error_code": "31201", "browser": "chrome"})
    assert session.view().step == "ask_error_kind" and session.view().can_skip
    assert not session.view().can_back  # nothing before the first question
    assert session.choose(1).step == "ask_prompt"  # the message mentions the microphone: did the browser ask?
    assert session.choose(1).step == "site_permission"  # the permission is blocked
    assert session.choose(2).step == "os_privacy"  # the site permission did not help: the system's switch next
    view = session.choose(1)
    assert view.kind == "resolved" and view.ended and not view.choices
    assert "Google Chrome" in view.summary and "checking the site permission (not fixed)" in view.summary
    assert view.summary.endswith("Resolved by allowing the browser in the system privacy settings.")
    with pytest.raises(ScriptError, match="ended"):
        session.choose(1)


def test_back_undoes_an_answer_and_known_lists_facts_and_steps(engine: Engine):
    session = ScriptSession.start(engine, "permission_denied", {"error_code": "31208"})
    assert session.view().step == "ask_browser"
    session.skip()  # the customer doesn't know the browser
    known = session.known()
    assert [(f.title, f.value_title) for f in known.facts] == [("Error code", "31208")]
    assert known.unknown == ["Browser"]
    assert [(t.description, t.outcome_title) for t in known.tried] == [
        ("checking the site permission", "waiting for the customer"),
    ]
    assert "Browser: the customer doesn't know" in known.lines()
    assert "Likely causes:" in known.lines() and known.causes[0]["probability"] >= known.causes[-1]["probability"]
    assert session.back().step == "ask_browser"
    assert session.known().unknown == []
    assert not session.view().can_back  # nothing before the first question


def test_a_session_survives_a_round_trip_through_json(engine: Engine):
    session = ScriptSession.start(engine, "permission_denied", {"browser": "firefox"})
    session.choose(2)
    restored = ScriptSession.from_dict(engine, json.loads(json.dumps(session.to_dict())))
    assert restored.view() == session.view()
    assert restored.back().step == session.back().step


def test_a_session_saved_under_other_flows_is_refused(engine: Engine):
    # The console signs sessions (tests/test_web_script_session.py), so from_dict trusts their content; what a
    # signature cannot vouch for is that the flows are still the ones the session was saved under.
    data = ScriptSession.start(engine, "mic_31201", {"error_code": "31201"}).to_dict()
    assert data["flows"] == flows_version(engine)
    with pytest.raises(ScriptError, match="flows changed"):
        ScriptSession.from_dict(engine, {**data, "flows": "0123456789abcdef"})
    fewer_steps = copy.deepcopy(engine.flow_set)
    fewer_steps.flows["auth_error"].steps.pop()
    fewer_facts = copy.deepcopy(engine.flow_set)
    fewer_facts.vocabulary.facts["browser"].values.pop("firefox")
    versions = {flows_version(engine), flows_version(Engine(fewer_steps)), flows_version(Engine(fewer_facts))}
    assert len(versions) == 3


def test_a_state_the_flows_cannot_continue_from_changes_nothing(engine: Engine):
    session = ScriptSession.start(engine, "mic_31201", {"error_code": "31201", "prompt": "blocked"})
    assert session.view().flow == "check_site_permission"  # a blocked prompt: straight to the site permission fix
    data = session.to_dict()
    data["state"]["stack"] = []  # forged: nobody to return to
    broken = ScriptSession.from_dict(engine, data)
    before = broken.to_dict()
    with pytest.raises(ScriptError, match="cannot go on"):
        broken.choose(2)  # still failing: the called flow would return to nobody
    assert broken.to_dict() == before


def test_facts_are_parsed_and_checked_against_facts_yml(engine: Engine):
    assert parse_facts(engine, "browser=Chrome, os=mac") == {"browser": "chrome", "os": "macos"}
    with pytest.raises(ScriptError, match="unknown fact 'printer'"):
        parse_facts(engine, "printer=hp")
    with pytest.raises(ScriptError, match="not a value of 'browser'"):
        parse_facts(engine, "browser=netscape")
    with pytest.raises(ScriptError, match="fact=value"):
        parse_facts(engine, "browser")


def test_only_flows_with_something_to_walk_are_offered(engine: Engine):
    offered = [f.id for f in script_flows(engine)]
    assert offered[0] == "mic_31201" and {"permission_denied", "auth_error"} <= set(offered)
    assert "misunderstood" not in offered  # a lone chat ending
    with pytest.raises(ScriptError, match="no flow"):
        ScriptSession.start(engine, "check_https")  # only ever called from other flows


def test_a_ticket_carries_the_facts_steps_and_log(engine: Engine, tmp_path: Path):
    store = TicketStore(tmp_path / "tickets.db")
    session = ScriptSession.start(engine, "auth_error", {"browser": "edge", "os": "windows"})
    with pytest.raises(ScriptError, match="say why"):
        session.open_ticket(store, "ann@example.com")  # before an ending the agent gives a reason
    session.choose(2)
    assert session.view().kind == "escalated"
    with pytest.raises(ScriptError, match="not an email"):
        session.open_ticket(store, "ann at example")
    ticket = session.open_ticket(store, "Ann@Example.com", "Ann Lee", "called twice today")
    stored = store.get(ticket.reference)
    assert stored.trigger == "staff" and stored.contact_email == "ann@example.com" and stored.contact_name == "Ann Lee"
    assert stored.reason.startswith("authorization error not fixed") and "called twice today" in stored.reason
    assert stored.browser == "edge" and stored.os == "windows"
    assert [(s["fix"], s["outcome"]) for s in stored.steps_tried] == [("check_access_token", "not_fixed")]
    assert any(e["who"] == "agent" and "Still failing" in e["text"] for e in stored.transcript)
    assert "support agent" in stored.summary
    assert session.view().ticket == ticket.reference
    with pytest.raises(ScriptError, match="already open"):
        session.open_ticket(store, "ann@example.com")
    assert store.count() == 1


def test_a_resolved_case_is_not_escalated(engine: Engine, tmp_path: Path):
    session = ScriptSession.start(engine, "auth_error")
    session.choose(1)
    with pytest.raises(ScriptError, match="resolved"):
        session.open_ticket(TicketStore(tmp_path / "t.db"), "ann@example.com")


# --- `bot script` through standard input -------------------------------------------------------


@pytest.mark.slow  # runs `bot script` as a process
def test_bot_script_walks_to_a_resolved_ending_through_a_pipe(tmp_path: Path):
    # 1: pick the first script; 1: the error mentions the microphone; 1: the prompt was blocked; k: what we know;
    # 7: nonsense; b: back; 1: blocked again; 1: the site permission fixed it.
    result = bot_script("1\n1\n1\nk\n7\nb\n1\n1\n", "--facts", "error_code=31201, browser=chrome", db=tmp_path / "t.db")
    out = result.stdout
    assert result.returncode == 0, result.stderr + out
    assert "Which script?" in out and "1. Microphone cannot be opened (31201)" in out
    assert "Ask the customer to read you the whole error message" in out
    assert "What we know so far:" in out and "Error code: 31201" in out
    assert "there is no choice 7" in out
    assert out.count("── Fix step · check_site_permission/site_permission") == 2  # shown, then again after going back
    assert "chrome://settings/content/microphone" in out
    assert "── Resolved · check_site_permission/resolved" in out
    assert "Resolved by checking the site permission." in out
    assert not (tmp_path / "t.db").exists()  # nothing stored for a resolved case


@pytest.mark.slow  # runs `bot script` as a process
def test_bot_script_escalates_and_opens_a_ticket(tmp_path: Path):
    db = tmp_path / "tickets.db"
    # auth_error: 2 = still failing -> escalated ending; y: open a ticket; a bad email is asked again.
    result = bot_script("2\ny\nnot-an-email\nann@example.com\nAnn Lee\nq\n", "auth_error", "--facts", "os=macos", db=db)
    out = result.stdout
    assert result.returncode == 0, result.stderr + out
    assert "── Escalate · auth_error/escalate_auth" in out and "Open an escalation ticket now?" in out
    assert "'not-an-email' is not an email address" in out
    reference = out.split("Ticket ", 1)[1].split()[0]
    ticket = TicketStore(db).get(reference)
    assert ticket.trigger == "staff" and ticket.contact_name == "Ann Lee" and ticket.os == "macos"
    assert ticket.steps_tried[0]["outcome"] == "not_fixed"


@pytest.mark.slow  # runs `bot script` as a process
def test_bot_script_opens_a_ticket_before_the_end_with_a_note(tmp_path: Path):
    db = tmp_path / "tickets.db"
    result = bot_script("t\nbob@example.org\n\ncustomer has to leave\nq\n", "--flow", "permission_denied", db=db)
    assert result.returncode == 0, result.stderr + result.stdout
    [ticket] = TicketStore(db).list()
    assert "customer has to leave" in ticket.reason and ticket.contact_name is None


@pytest.mark.slow  # runs `bot script` as a process
def test_bot_script_reports_bad_input_and_running_out_of_input(tmp_path: Path):
    result = bot_script("", "nope", db=tmp_path / "t.db")
    assert result.returncode == 2 and "no flow 'nope'" in result.stderr
    result = bot_script("", "--facts", "browser=netscape", db=tmp_path / "t.db")
    assert result.returncode == 2 and "not a value of 'browser'" in result.stderr
    result = bot_script("2\n", "mic_31201", db=tmp_path / "t.db")
    assert result.returncode == 1 and "stopped at" in result.stdout and "before an ending" in result.stdout
