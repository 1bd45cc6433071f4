"""`bot flows check`: each kind of bad flow file is rejected with file, line and reason.

Cases are fixture files (tests/fixtures/bad_flows/*.yml); each starts with
`# expect: LINE: TEXT` lines naming the findings it must produce.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.app.loading import validate
from tests.conftest import FIXTURES, ROOT, findings_for

CASES = sorted((FIXTURES / "bad_flows").glob("*.yml"))
EXPECT = re.compile(r"^# expect: (\d+): (.+)$", re.M)


def test_the_real_flows_are_valid():
    assert validate(ROOT / "flows", ROOT / "knowledge")[1] == []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_flow_is_reported_with_file_and_line(case: Path, flow_dir: Path):
    expectations = EXPECT.findall(case.read_text())
    assert expectations, f"{case.name} has no '# expect:' line"
    shutil.copy(case, flow_dir / case.name)
    findings = findings_for(flow_dir)
    rendered = [str(f) for f in findings]
    for line, text in expectations:
        wanted = f"flows/{case.name}:{line}: "
        assert any(r.startswith(wanted) and text in r for r in rendered), f"expected {wanted}...{text}; got {rendered}"


def test_a_good_file_next_to_a_bad_one_still_loads(flow_dir: Path):
    shutil.copy(FIXTURES / "bad_flows" / "yaml_syntax.yml", flow_dir / "broken.yml")
    shutil.copy(ROOT / "flows" / "human.yml", flow_dir / "human.yml")
    findings = findings_for(flow_dir)
    assert [f.where.file for f in findings] == ["flows/broken.yml"]


def test_malformed_facts_file_names_file_and_line(flow_dir: Path):
    (flow_dir / "facts.yml").write_text("facts:\n  os:\n    title: OS\n    values: [windows\n")
    rendered = [str(f) for f in findings_for(flow_dir)]
    assert any(r.startswith("flows/facts.yml:") and "YAML syntax" in r for r in rendered), rendered


FACTS_WITH_ANSWERS = """facts:
  prompt:
    title: Prompt
    elsewhere: {elsewhere}
    values:
      blocked: {{title: blocked}}
    answers:
      blocked:
        - {pattern}
"""


@pytest.mark.parametrize(
    ("elsewhere", "pattern", "line", "text"),
    [
        ("[]", "a(b", 9, "bad pattern for prompt answer blocked"),
        ("[no_such_fact]", "red x", 4, "'elsewhere' of prompt must list known facts"),
    ],
    ids=["bad answer pattern", "unknown elsewhere fact"],
)
def test_a_bad_answer_reading_in_facts_names_file_and_line(flow_dir: Path, elsewhere: str, pattern: str, line: int, text: str):
    (flow_dir / "facts.yml").write_text(FACTS_WITH_ANSWERS.format(elsewhere=elsewhere, pattern=pattern))
    rendered = [str(f) for f in findings_for(flow_dir)]
    assert any(r.startswith(f"flows/facts.yml:{line}: ") and text in r for r in rendered), rendered


def test_an_answer_for_a_value_the_fact_does_not_have_is_named(flow_dir: Path):
    (flow_dir / "facts.yml").write_text(
        FACTS_WITH_ANSWERS.format(elsewhere="[]", pattern="x").replace("      blocked:\n        -", "      allowed:\n        -")
    )
    rendered = [str(f) for f in findings_for(flow_dir)]
    assert any(r.startswith("flows/facts.yml:8: ") and "unknown value 'allowed'" in r for r in rendered), rendered


def test_every_fix_step_links_to_the_article_that_covers_it(engine):
    missing = [
        f"{flow.id}/{step.id}"
        for flow in engine.flows.values()
        for step in flow.steps
        if step.kind == "instruct" and not step.article
    ]
    assert missing == []
    for flow in engine.flows.values():
        for step in flow.steps:
            if step.article:
                article, _, anchor = step.article.partition("#")
                assert article in engine.flow_set.articles
                assert not anchor or anchor in engine.flow_set.articles[article].anchors
