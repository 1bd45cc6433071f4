"""`bot flows render`: the diagram and the runbook, checked against every step of the real flows."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from bot.app.loading import validate
from bot.flows.conditions import parse_condition
from bot.flows.model import load_flow_set
from bot.render.dot import flows_dot
from bot.render.files import render
from bot.render.svg import RenderError, check_svg, dot_to_svg
from bot.render.words import condition_words
from tests.conftest import ROOT

SVG_NS = "{http://www.w3.org/2000/svg}"
FLOW_SET = validate(ROOT / "flows")[0]
STEP_IDS = [f"{flow.id}.{step.id}" for flow in FLOW_SET.flows.values() for step in flow.steps]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "flows", "render", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture(scope="module")
def svg_root() -> ET.Element:
    return ET.fromstring(dot_to_svg(flows_dot(FLOW_SET)))  # noqa: S314 - our own output under test


@pytest.fixture(scope="module")
def runbook() -> str:
    return render(FLOW_SET, "md")


def test_the_real_flows_have_steps_to_check():
    assert len(FLOW_SET.flows) >= 8 and len(STEP_IDS) >= 30


def test_svg_has_one_node_per_step_with_its_flow_dot_step_id(svg_root):
    nodes = {g.get("id"): g for g in svg_root.iter(f"{SVG_NS}g") if g.get("class") == "node"}
    missing = [step for step in STEP_IDS if step not in nodes]
    assert not missing, missing
    clusters = {g.get("id") for g in svg_root.iter(f"{SVG_NS}g") if g.get("class") == "cluster"}
    assert clusters == {f"flow-{flow}" for flow in FLOW_SET.flows}


def test_node_shapes_and_edges_follow_the_step_kinds(svg_root):
    dot = flows_dot(FLOW_SET)
    assert '"mic_31201.next_cause" [id="mic_31201.next_cause", label="Route: next cause", shape="diamond"' in dot
    assert 'label="Fix: closing other apps"' in dot and "tried(" not in dot  # staff words, not ids or code
    assert 'shape="oval", style="filled", fillcolor="#ffd2cc"' in dot  # an escalated ending
    assert '"mic_31201.close_apps" -> "mic_31201.resolved" [label="fixed"' in dot
    assert '"mic_31201.site_permission" -> "check_site_permission.site_permission" [label="runs", style="dashed"' in dot
    edges = [g for g in svg_root.iter(f"{SVG_NS}g") if g.get("class") == "edge"]
    labels = {"".join(t.itertext()) for g in edges for t in g.iter(f"{SVG_NS}text")}
    assert "fixed" in labels and "else" in labels and any(label.startswith("not fixed") for label in labels)
    assert any(label.startswith("if ") and label.endswith("…") for label in labels)  # long conditions are shortened


def test_runbook_has_every_step_question_fix_text_ending_and_article(runbook):
    for flow in FLOW_SET.flows.values():
        assert f"## {flow.name} (`{flow.id}`)" in runbook
        for step in flow.steps:
            assert f"`{flow.id}.{step.id}`" in runbook
            for variant in [*step.ask, *step.text, *step.staff]:
                first_line = variant.text.strip().splitlines()[0]
                assert f"> {first_line}" in runbook, (flow.id, step.id)
            for choice in step.choices:
                assert f"(`{choice.value}`)" in runbook
            if step.reason:
                assert step.reason in runbook
            if step.article:
                article, _, anchor = step.article.partition("#")
                url = f"/kb/{article}" + (f"#{anchor}" if anchor else "")
                assert f"[{FLOW_SET.articles[article].title}]({url})" in runbook
    # steps appear in file order within each flow
    main = FLOW_SET.flows["mic_31201"]
    positions = [runbook.index(f"`mic_31201.{step.id}`") for step in main.steps]
    assert positions == sorted(positions)


def test_conditions_are_worded_for_people():
    words = FLOW_SET.vocabulary
    assert condition_words(parse_condition('os == "macos" and not tried("close_apps")'), words) == (
        "*Operating system* is macOS and `close_apps` has not been tried yet"
    )
    assert condition_words(parse_condition('browser in ["chrome", "edge"] or app == null'), words) == (
        "*Browser* is Google Chrome or Microsoft Edge or *Other application using the microphone* is not known"
    )
    assert condition_words(parse_condition('device not in ["usb", "bluetooth"]'), words) == (
        "*Microphone type* is neither USB headset or microphone nor Bluetooth headset"
    )
    assert condition_words(parse_condition('planned("close_apps")'), words) == (
        "the evidence so far makes `close_apps` the best next move"
    )


def test_runbook_explains_why_the_check_has_no_fixed_order(runbook):
    why = runbook[runbook.index("## Why this order") : runbook.index("## ", runbook.index("## Why this order") + 5)]
    assert "no fixed order" in why and "asks a question first only when" in why
    for cause in FLOW_SET.causes.causes.values():
        assert f"| {cause.title} | {round(cause.prior * 100)}% | `{cause.fix}` |" in why
    for step in FLOW_SET.causes.questions:
        assert f"- `{step}`:" in why


HOSTILE = """flows:
  hostile:
    name: Hostile <b>name</b> & "quotes"
    entry: true
    steps:
      - id: ask
        collect: browser
        ask: 'Is this </text><script>alert(1)</script> \\N escaped?'
        choices:
          - {value: chrome, title: '<img src=x onerror=alert(2)>'}
          - {value: firefox, title: 'plain "quoted" \\G'}
        next: done
      - id: done
        end: resolved
        text: <iframe src="javascript:alert(3)"></iframe>
"""


def test_flow_text_cannot_become_markup_in_the_svg_or_the_html(flow_dir):
    (flow_dir / "hostile.yml").write_text(HOSTILE, encoding="utf-8")
    flow_set = load_flow_set(flow_dir)
    svg = dot_to_svg(flows_dot(flow_set))
    root = check_svg(svg)
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not names & {"script", "img", "iframe", "b", "foreignObject"}
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
    assert "<img src=x onerror=alert(2)>" in texts and 'Hostile <b>name</b> & "quotes"' in texts
    page = render(flow_set, "html")
    assert "<script" not in page and "<iframe" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;iframe" in page


def test_check_svg_refuses_scripts_and_handlers():
    with pytest.raises(RenderError):
        check_svg('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    with pytest.raises(RenderError):
        check_svg('<svg xmlns="http://www.w3.org/2000/svg"><g onclick="alert(1)"/></svg>')


@pytest.mark.slow  # runs `bot flows render` as a process
def test_cli_writes_every_format_with_out(tmp_path):
    result = run_cli("--out", str(tmp_path / "render"))
    assert result.returncode == 0, result.stderr
    written = {path.name for path in (tmp_path / "render").iterdir()}
    assert written == {"flows.svg", "runbook.md", "runbook.html", "flows.dot"}
    svg = (tmp_path / "render" / "flows.svg").read_text(encoding="utf-8")
    assert all(f'id="{step}"' in svg for step in STEP_IDS)
    html_page = (tmp_path / "render" / "runbook.html").read_text(encoding="utf-8")
    assert "<svg" in html_page and "<h3>1. <code>triage</code>: routing</h3>" in html_page


@pytest.mark.slow  # runs `bot flows render` as a process
def test_cli_prints_the_markdown_runbook_by_default(runbook):
    result = run_cli()
    assert result.returncode == 0 and result.stdout == runbook


@pytest.mark.slow  # runs `bot flows render` as a process
def test_cli_one_format_into_a_folder(tmp_path):
    result = run_cli("--format", "svg", "--out", str(tmp_path))
    assert result.returncode == 0 and [p.name for p in tmp_path.iterdir()] == ["flows.svg"]


@pytest.mark.slow  # runs `bot flows render` as a process
def test_cli_says_how_to_install_graphviz_when_dot_is_missing(tmp_path):
    result = run_cli("--out", str(tmp_path / "none"), env={"PATH": "/nonexistent"})
    assert result.returncode == 1
    assert "`dot` program is not installed: run `make graphviz`" in result.stderr
    assert not (tmp_path / "none").exists()  # nothing half-written
    markdown = run_cli("--format", "md", env={"PATH": "/nonexistent"})
    assert markdown.returncode == 0 and "# Runbook" in markdown.stdout  # the runbook alone needs no Graphviz
