"""The `bot` command line (click): every command documented with an example; the command names, options,
defaults, outputs and exit codes it promises; real behaviour of each, in process through click's CliRunner
(no model, no servers), and the slow checks that need a process, make or the trained model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from bot.app.cli import cli, main
from bot.tickets.store import TicketStore
from tests.conftest import FIXTURES, ROOT
from tests.test_handoff_store import make_draft


def command_tree(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every group and command below `group`, with its path (("flows",), ("flows", "check"), ...)."""
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in group.commands.items():
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found.extend(command_tree(command, (*prefix, name)))
    return found


COMMANDS = [((), cli), *command_tree()]
LEAVES = sorted(" ".join(path) for path, command in COMMANDS if not isinstance(command, click.Group))
GROUPS = [path for path, command in COMMANDS if isinstance(command, click.Group)]


def bot(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:  # noqa: A002 - CliRunner's name
    return CliRunner().invoke(cli, list(args), input=input, env=env, prog_name="bot")


# --- the command tree and its help ------------------------------------------------------------------------


def test_the_commands_are_the_promised_ones():
    assert LEAVES == sorted(
        [
            "flows check", "flows paths", "flows render", "diagnose", "nlu sync",
            "kb build", "kb search", "kb show", "kb gaps",
            "handoff list", "handoff show", "handoff claim", "handoff resolve", "handoff export",
            "report", "script", "retention", "serve", "web",
        ]
    )  # fmt: skip


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=lambda path: " ".join(("bot", *path)))
def test_every_command_has_help_with_an_example(path: tuple[str, ...]):
    for flag in ("--help", "-h"):
        result = bot(*path, flag)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"Usage: {' '.join(('bot', *path))} ")
        assert "Example:" in result.stdout, result.stdout
        example = result.stdout.split("Example:", 1)[1].strip().splitlines()[0]
        assert example.startswith(" ".join(("bot", *path))), example
    summary = (COMMANDS[[p for p, _ in COMMANDS].index(path)][1].help or "").split("\n")[0]
    assert len(summary) > 10, "the first line says what the command does"


@pytest.mark.parametrize("path", GROUPS, ids=lambda path: " ".join(("bot", *path)))
def test_a_group_alone_prints_its_commands_and_exits_2(path: tuple[str, ...]):
    result = bot(*path)
    assert result.exit_code == 2 and result.stderr == ""
    group = cli if not path else COMMANDS[[p for p, _ in COMMANDS].index(path)][1]
    assert isinstance(group, click.Group)
    section = result.stdout.split("Commands:", 1)[1].splitlines()
    listed = [line.split()[0] for line in section if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(group.commands), "every command, in the order defined"


def parsed(path: tuple[str, ...], *args: str) -> dict[str, object]:
    """What the command's function is called with for these arguments: every option's value or default."""
    command = dict(COMMANDS)[path]
    with command.make_context(" ".join(("bot", *path)), list(args)) as ctx:
        return dict(ctx.params)


def test_options_and_defaults_are_the_promised_ones(monkeypatch: pytest.MonkeyPatch):
    assert parsed(("kb", "search"), "mic") == {"query": "mic", "as_json": False, "limit": 5, "db": None}
    assert parsed(("kb", "gaps")) == {"limit": 20, "as_json": False}
    assert parsed(("handoff", "list")) == {"status": None, "as_json": False, "limit": 50, "offset": 0, "db": None}
    assert parsed(("handoff", "export"), "MIC-ABCDEF") == {"ref": "MIC-ABCDEF", "fmt": "md", "db": None}
    assert parsed(("handoff", "resolve"), "MIC-ABCDEF", "--note", "n") == {
        "ref": "MIC-ABCDEF",
        "note": "n",
        "by": None,
        "db": None,
    }
    assert parsed(("report",))["idle_minutes"] == 30.0
    assert parsed(("serve",)) == {"rasa_port": 5005, "action_port": 5055, "model": "models", "web_port": 8000}
    assert parsed(("web",)) == {"port": 8000, "host": "127.0.0.1", "rasa_url": "http://127.0.0.1:5005"}
    assert parsed(("script",), "mic_31201", "--facts", "os=macos") == {
        "flow": "mic_31201", "flow_option": None, "facts": "os=macos", "error_text": None, "directory": None, "db": None,
    }  # fmt: skip
    monkeypatch.setenv("BOT_RETENTION_DAYS", "7")
    assert parsed(("retention",))["days"] == 7, "the default is read when the command runs"
    options = {opt for param in dict(COMMANDS)[("report",)].params for opt in param.opts}
    assert options == {"--since", "--json", "--tracker-db", "--tickets-db", "--idle-minutes", "--at"}


# --- exit codes and errors --------------------------------------------------------------------------------


def test_usage_errors_exit_2_with_a_message_on_standard_error(tmp_path: Path):
    db = str(tmp_path / "tickets.db")
    for args, message in [
        (["handoff", "claim", "MIC-ABCDEF", "--db", db], "Missing option '--by'"),
        (["handoff", "export", "MIC-ABCDEF", "--format", "pdf", "--db", db], "'pdf' is not one of 'md', 'json'"),
        (["kb", "search", "mic", "--limit", "many"], "'many' is not a valid integer"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["flows", "check", "--no-such-option"], "No such option '--no-such-option'"),
    ]:
        result = bot(*args)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert message in result.stderr and "Usage: bot " in result.stderr, result.stderr


def test_main_returns_the_exit_code_and_raises_on_usage_errors(capsys: pytest.CaptureFixture[str]):
    assert main(["diagnose", "nothing to see"]) == 1
    assert main(["flows", "check"]) == 0
    assert main(["kb"]) == 2 and "search" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["diagnose"])
    assert exit_info.value.code == 2 and "Missing argument 'TEXT'" in capsys.readouterr().err


# --- what each command does ----------------------------------------------------------------------------------


def test_flows_check_passes_on_the_real_flows():
    result = bot("flows", "check")
    assert result.exit_code == 0 and result.stdout.startswith("ok: ") and " flows, " in result.stdout


def test_flows_check_names_file_line_and_reason(tmp_path: Path):
    flows = tmp_path / "flows"
    flows.mkdir()
    for name in ("facts.yml", "messages.yml"):
        shutil.copy(ROOT / "flows" / name, flows / name)
    shutil.copy(FIXTURES / "bad_flows" / "unknown_target.yml", flows / "broken.yml")
    result = bot("flows", "check", "--dir", str(flows))
    assert result.exit_code == 1 and result.stdout == ""
    assert "flows/broken.yml:9: step 'start' goes to unknown step 'nowhere'" in result.stderr
    assert result.stderr.rstrip().endswith("problem(s) in the flow files")


def test_flows_paths_reports_no_violations():
    result = bot("flows", "paths", "--flow", "auth_error", "--json")
    summary = json.loads(result.stdout)
    assert result.exit_code == 0 and summary["violations"] == [] and summary["paths"] > 0


def test_flows_render_prints_the_markdown_runbook_by_default():
    result = bot("flows", "render")
    assert result.exit_code == 0 and result.stdout.startswith("# Runbook: ")
    assert bot("flows", "render", "--format", "md").stdout == result.stdout


def test_diagnose_reads_a_pasted_error_from_the_argument_or_standard_input():
    pasted = "Uncaught (in promise) AcquisitionFailedError (31402): getting the media failed"
    result = bot("diagnose", "--json", pasted)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"error_code": "31402", "error_kind": "mic_failure", "sdk": "2.x"}
    piped = bot("diagnose", "-", input=pasted + "\n")
    assert piped.exit_code == 0 and "error_code: 31402" in piped.stdout.splitlines()
    missing = bot("diagnose", "the call just drops after a few seconds, no idea why")
    assert (missing.exit_code, missing.stdout) == (1, "No Twilio code or browser error name found in that text.\n")


def test_nlu_lookups_are_in_step_with_facts():
    result = bot("nlu", "sync", "--check")
    assert result.exit_code == 0 and result.stdout.endswith("is up to date\n")


def test_kb_build_search_and_show(tmp_path: Path):
    index = str(tmp_path / "kb.db")
    missing = bot("kb", "search", "firefox never asks for the mic", "--db", index)
    assert missing.exit_code == 1 and "run `bot kb build`" in missing.stderr
    built = bot("kb", "build", "--db", index)
    assert built.exit_code == 0 and built.stdout.startswith("knowledge index: ")
    found = bot("kb", "search", "firefox never asks me for the mic??", "--json", "--limit", "2", "--db", index)
    results = json.loads(found.stdout)
    assert found.exit_code == 0 and 1 <= len(results) <= 2 and results[0]["url"].startswith("/kb/")
    shown = bot("kb", "show", "browser-site-permissions#firefox")
    assert shown.exit_code == 0 and "Firefox" in shown.stdout
    no_section = bot("kb", "show", "browser-site-permissions#netscape")
    assert no_section.exit_code == 1 and "has no section 'netscape'" in no_section.stderr and "firefox" in no_section.stderr
    no_article = bot("kb", "show", "no-such-article")
    assert no_article.exit_code == 1 and "No article 'no-such-article'" in no_article.stderr


def test_kb_gaps_on_an_empty_feedback_store():
    result = bot("kb", "gaps")
    assert (result.exit_code, result.stdout) == (0, "No unanswered or unhelpful questions recorded.\n")
    assert json.loads(bot("kb", "gaps", "--json").stdout) == []


def test_handoff_commands_on_a_real_ticket_store(tmp_path: Path):
    db = tmp_path / "tickets.db"
    reference = TicketStore(db).create(make_draft("conv-cli", contact_email="kim@example.com")).reference
    listed = bot("handoff", "list", "--status", "open", "--db", str(db))
    assert (
        listed.exit_code == 0
        and listed.stdout.startswith(reference)
        and listed.stdout.endswith("1-1 of 1 open tickets, newest first\n")
    )
    claimed = bot("handoff", "claim", reference, "--by", "alice", "--db", str(db))
    assert (claimed.exit_code, claimed.stdout) == (0, f"{reference} claimed by alice\n")
    resolved = bot("handoff", "resolve", reference, "--note", "unplugged the old dock", "--db", str(db))
    assert (resolved.exit_code, resolved.stdout) == (0, f"{reference} resolved by alice\n")
    exported = bot("handoff", "export", reference, "--format", "json", "--db", str(db))
    assert exported.exit_code == 0 and json.loads(exported.stdout)["status"] == "resolved"
    again = bot("handoff", "claim", reference, "--by", "bob", "--db", str(db))
    assert again.exit_code == 1 and again.stdout == "" and again.stderr.startswith("error: ")


def test_report_refuses_a_bad_idle_window_and_date(tmp_path: Path):
    stores = ["--tracker-db", str(tmp_path / "tracker.db"), "--tickets-db", str(tmp_path / "tickets.db")]
    idle = bot("report", "--idle-minutes", "0", *stores)
    assert (idle.exit_code, idle.stderr) == (1, "error: --idle-minutes must be more than 0\n")
    since = bot("report", "--since", "last tuesday", *stores)
    assert since.exit_code == 1 and since.stderr.startswith("error: ")


def test_script_walks_from_standard_input_and_refuses_an_unknown_flow(tmp_path: Path):
    db = str(tmp_path / "tickets.db")
    walked = bot("script", "auth_error", "--facts", "os=macos", "--db", db, input="")
    assert walked.exit_code == 1 and "This is not a microphone problem" in walked.stdout
    assert "No more input: stopped at auth_error/explain_auth" in walked.stdout
    unknown = bot("script", "--flow", "nope", "--db", db, input="")
    assert unknown.exit_code == 2 and "no flow 'nope'" in unknown.stderr


def test_retention_days_default_from_the_environment_and_bad_days_exit_2(tmp_path: Path):
    stores = [f"--{name}-db={tmp_path / name}.db" for name in ("tracker", "tickets", "feedback")]
    assert bot("retention", "--days", "0", *stores).exit_code == 2
    result = bot("retention", *stores, env={"BOT_RETENTION_DAYS": "7"})
    assert result.exit_code == 0 and result.stdout.startswith("Older than 7 days: removed 0 conversation(s)"), result.output
    assert bot("retention", *stores, env={"BOT_RETENTION_DAYS": ""}).stdout.startswith("Older than 90 days: ")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.slow  # runs make or bot serve; the last needs the trained model
def test_second_serve_says_it_is_already_running(tmp_path):
    (tmp_path / "serve.pid").write_text(str(os.getpid()))  # a live process holds the pid file
    result = run_cli("serve", env={"BOT_VAR_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "already running" in result.stderr


@pytest.mark.slow  # runs make or bot serve; the last needs the trained model
def test_make_run_refuses_a_malformed_flow_file(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    for name in ("facts.yml", "messages.yml"):
        shutil.copy(ROOT / "flows" / name, flows / name)
    (flows / "broken.yml").write_text("flows:\n  x:\n    steps:\n      - id: a\n       end: resolved\n")
    result = subprocess.run(
        ["make", "-s", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "BOT_FLOWS_DIR": str(flows)},
    )
    assert result.returncode != 0
    assert "flows/broken.yml:5: YAML syntax" in result.stderr


@pytest.mark.slow  # runs make or bot serve; the last needs the trained model
def test_training_is_skipped_when_nothing_changed():
    # `make test` trained before pytest runs: the stamp is newer than config, domain and data.
    result = subprocess.run(["make", "-n", "models/.trained"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "rasa train" not in result.stdout


@pytest.mark.e2e
def test_serve_starts_both_and_ctrl_c_stops_both(tmp_path):
    import signal
    import socket
    import time

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.app.cli",
            "serve",
            "--rasa-port",
            str(rasa_port),
            "--action-port",
            str(action_port),
            "--web-port",
            str(web_port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "BOT_VAR_DIR": str(tmp_path), "RASA_AUTH_TOKEN": "test-token"},
    )
    output = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        output.append(line)
        if "Press Ctrl-C" in line or process.poll() is not None:
            break
    assert "curl" in "".join(output) and "rasa shell" in "".join(output), "".join(output)
    second = run_cli(
        "serve", "--rasa-port", str(rasa_port), "--action-port", str(action_port), env={"BOT_VAR_DIR": str(tmp_path)}
    )
    assert second.returncode == 1 and "already running" in second.stderr
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    for port in (rasa_port, action_port, web_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after Ctrl-C"
    assert not (tmp_path / "serve.pid").exists()
