"""The `bot` command line: every command documented with an example; real behaviour of each."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys

import pytest

from bot.app.cli import build_parser, main
from tests.conftest import FIXTURES, ROOT


def all_commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(((*prefix, name), sub))
                found.extend(all_commands(sub, (*prefix, name)))
    return found


COMMANDS = all_commands(build_parser())


def test_there_are_commands():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"flows check", "flows paths", "diagnose", "nlu sync", "serve"} <= names


@pytest.mark.parametrize("path,parser", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, parser: argparse.ArgumentParser):
    text = parser.format_help()
    assert parser.description and len(parser.description) > 10
    assert "Example:" in text
    example = text.split("Example:", 1)[1].strip().splitlines()[0]
    assert example.startswith("bot " + " ".join(path)), example


def test_flows_check_passes_on_the_real_flows(capsys):
    assert main(["flows", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_flows_check_names_file_line_and_reason(tmp_path, capsys):
    flows = tmp_path / "flows"
    flows.mkdir()
    for name in ("facts.yml", "messages.yml"):
        shutil.copy(ROOT / "flows" / name, flows / name)
    shutil.copy(FIXTURES / "bad_flows" / "unknown_target.yml", flows / "broken.yml")
    assert main(["flows", "check", "--dir", str(flows)]) == 1
    err = capsys.readouterr().err
    assert "flows/broken.yml:9: step 'start' goes to unknown step 'nowhere'" in err


def test_diagnose_prints_json_facts(capsys):
    assert main(["diagnose", "--json", "AcquisitionFailedError (31402): getting the media failed"]) == 0
    assert json.loads(capsys.readouterr().out) == {"error_code": "31402", "error_kind": "mic_failure", "sdk": "2.x"}
    assert main(["diagnose", "nothing to see"]) == 1


def test_nlu_lookups_are_in_step_with_facts():
    assert main(["nlu", "sync", "--check"]) == 0


def test_flows_paths_reports_no_violations(capsys):
    assert main(["flows", "paths", "--flow", "auth_error", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["violations"] == [] and summary["paths"] > 0


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
