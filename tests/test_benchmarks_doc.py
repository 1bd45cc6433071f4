"""docs/benchmarks.md's tables are rendered from bench/results/*.json (bench/report.py): a number on the page that
differs from its results file, or a results file that no table shows, fails here."""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path

import pytest

from bench import report


def test_the_committed_tables_match_the_results_files():
    page = report.PAGE.read_text(encoding="utf-8")
    assert "kb" in report.tables(page)
    assert report.render(page) == page, "docs/benchmarks.md is out of date: run .venv/bin/python bench/report.py"


def test_every_committed_results_file_is_shown_by_a_table():
    shown = report.tables(report.PAGE.read_text(encoding="utf-8"))
    files = sorted(path.name for path in report.RESULTS.glob("*.json"))
    assert files, "no results files in bench/results/"
    unshown = [name for name in files if not any(fnmatch(name, report.SOURCES[table]) for table in shown)]
    assert unshown == []


def test_a_changed_number_is_a_different_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for path in report.RESULTS.glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    page = report.PAGE.read_text(encoding="utf-8")
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    assert report.render(page) == page
    changed = json.loads((tmp_path / "kb_heldout2.json").read_text(encoding="utf-8"))
    changed["project"]["hit@1"] = 0.999
    (tmp_path / "kb_heldout2.json").write_text(json.dumps(changed), encoding="utf-8")
    assert "| heldout2 (97) | project | **0.999** |" in report.render(page)


RUN = {"generated": "2026-12-01T15:00:00+00:00", "commit": "abc1234", "load_average": 1.5}


def test_the_latency_and_diagnosis_tables_render_from_their_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(report, "RESULTS", tmp_path)
    latency = {**RUN, "rounds": 20, "target_median_ms": 100.0}
    latency |= {
        "reply": {"messages": 200, "median_ms": 20.5, "p95_ms": 30.0},
        "nlu_only": {"messages": 200, "median_ms": 4.1, "p95_ms": 6.0},
    }
    (tmp_path / "latency.json").write_text(json.dumps(latency), encoding="utf-8")
    mode = {"cases": 116, "reached": 111, "median_turns": 2, "mean_turns": 3.7, "first_ok": 95}
    mode |= {"false_resolutions": 0, "escalations": 0, "not_understood": 0}
    modes = dict.fromkeys(report.DIAGNOSIS_MODES, mode)
    diagnosis = {**RUN, "split": "test", "baseline_commit": "be8ff8a", "model": modes, "baseline": modes}
    (tmp_path / "diagnosis_test.json").write_text(json.dumps(diagnosis), encoding="utf-8")
    page = "<!-- bench:latency -->\n<!-- /bench:latency -->\n<!-- bench:diagnosis -->\nold\n<!-- /bench:diagnosis -->\n"
    rendered = report.render(page)
    assert "| 200 messages in 20 conversations | median | p95 |" in rendered
    assert "| baseline: NLU only (`/model/parse`) | 4.1 ms | 6.0 ms |" in rendered and "5.0×" in rendered
    assert "| adaptive, cause model | 111 (96%) | 2 / 3.7 | 82% | 0 | 0 | 0 |" in rendered and "old" not in rendered
    assert "| scripted+check, baseline (`be8ff8a`) |" in rendered
    assert rendered.count("Measured 2026-12-01 15:00 UTC at commit `abc1234`, load average 1.5 (2 cores).") == 2


def test_an_unknown_table_name_is_refused():
    with pytest.raises(SystemExit, match="no renderer for <!-- bench:typo -->"):
        report.render("<!-- bench:typo -->\n<!-- /bench:typo -->\n")
