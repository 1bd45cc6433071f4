"""`bot handoff ...` on a real ticket database in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.tickets.store import TicketStore
from tests.test_handoff_store import file_ticket, make_draft


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "tickets.db")


@pytest.fixture
def refs(db: str) -> list[str]:
    store = TicketStore(Path(db))
    return [file_ticket(store, make_draft(f"conv-{n}", contact_email=f"user{n}@example.com")).reference for n in range(3)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_on_an_empty_database(db, capsys):
    assert run(capsys, "handoff", "list", "--db", db) == (0, "No tickets.\n", "")
    assert run(capsys, "handoff", "list", "--status", "open", "--db", db)[1] == "No open tickets.\n"


def test_list_text_and_json(db, refs, capsys):
    code, out, _ = run(capsys, "handoff", "list", "--db", db)
    lines = out.splitlines()
    assert code == 0 and [line.split()[0] for line in lines[:3]] == refs[::-1]
    assert "open" in lines[0] and "user2@example.com" in lines[0] and "The user (an end user)" in lines[0]
    assert lines[-1] == "1-3 of 3 tickets, newest first"
    code, out, _ = run(capsys, "handoff", "list", "--json", "--limit", "1", "--offset", "1", "--db", db)
    data = json.loads(out)
    assert code == 0 and [t["reference"] for t in data] == [refs[1]]
    assert data[0]["facts"]["browser"] == "chrome" and data[0]["transcript"][0]["who"] == "user"


def test_show_prints_summary_facts_steps_and_transcript(db, refs, capsys):
    code, out, _ = run(capsys, "handoff", "show", refs[0].lower(), "--db", db)
    assert code == 0 and out.startswith(f"# Ticket {refs[0]}")
    for part in ("The user (an end user) reports Twilio error 31201", "- os: windows", "## Steps tried", "bot: Which browser"):
        assert part in out
    code, out, _ = run(capsys, "handoff", "show", refs[0], "--json", "--db", db)
    assert code == 0 and json.loads(out)["reference"] == refs[0]


def test_claim_and_resolve(db, refs, capsys):
    assert run(capsys, "handoff", "claim", refs[0], "--by", "alice", "--db", db) == (0, f"{refs[0]} claimed by alice\n", "")
    code, _, err = run(capsys, "handoff", "claim", refs[0], "--by", "bob", "--db", db)
    assert code == 1 and f"{refs[0]} is already claimed by alice" in err
    assert run(capsys, "handoff", "resolve", refs[0], "--note", "new headset", "--db", db)[:2] == (
        0,
        f"{refs[0]} resolved by alice\n",
    )
    code, _, err = run(capsys, "handoff", "resolve", refs[0], "--note", "again", "--db", db)
    assert code == 1 and "already resolved" in err
    assert run(capsys, "handoff", "resolve", refs[1], "--note", "fixed", "--by", "carol", "--db", db)[0] == 0
    code, out, _ = run(capsys, "handoff", "list", "--status", "resolved", "--json", "--db", db)
    assert {t["reference"]: t["resolved_by"] for t in json.loads(out)} == {refs[0]: "alice", refs[1]: "carol"}


def test_export_markdown_and_json(db, refs, capsys):
    code, out, _ = run(capsys, "handoff", "export", refs[2], "--format", "md", "--db", db)
    assert code == 0 and out.startswith(f"# Ticket {refs[2]}\n") and "## History" in out
    code, out, _ = run(capsys, "handoff", "export", refs[2], "--format", "json", "--db", db)
    data = json.loads(out)
    assert code == 0 and data["reference"] == refs[2] and data["events"][0]["kind"] == "created"


def test_errors_exit_1_with_a_message(db, refs, capsys):
    missing = "MIC-ZZZZZZ" if "MIC-ZZZZZZ" not in refs else "MIC-YYYYYY"
    for command in (["show", missing], ["claim", missing, "--by", "a"], ["resolve", missing, "--note", "n"]):
        code, out, err = run(capsys, "handoff", *command, "--db", db)
        assert (code, out) == (1, "") and err == f"error: no ticket {missing}\n"
    code, _, err = run(capsys, "handoff", "export", "nonsense", "--db", db)
    assert code == 1 and "not a ticket reference" in err
    code, _, err = run(capsys, "handoff", "resolve", refs[0], "--note", " ", "--db", db)
    assert code == 1 and "note" in err


def test_usage_errors(db, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["handoff", "claim", "MIC-ABCDEF", "--db", db])  # --by is required
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        main(["handoff", "export", "MIC-ABCDEF", "--format", "pdf", "--db", db])
    assert main(["handoff"]) == 2  # the group alone prints its help
    assert "claim" in capsys.readouterr().out


def test_default_database_comes_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BOT_TICKETS_DB", str(tmp_path / "env.db"))
    ref = TicketStore(tmp_path / "env.db").create(make_draft()).reference
    code, out, _ = run(capsys, "handoff", "list")
    assert code == 0 and out.startswith(ref)
