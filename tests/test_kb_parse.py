"""Article parsing, data-driven from tests/fixtures/kb_sections.md (markdown-it-py style fixtures).

Each case: a title line, '.', the article, '.', the expected sections ('anchor | heading | line | text')
or 'ERROR line: message', '.'.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.flows.sourcefile import SourceError
from bot.kb.articles import parse_article
from tests.conftest import FIXTURES


def read_fixture_file(path: Path) -> list[tuple[str, str, str]]:
    cases, lines, index = [], path.read_text().splitlines(), 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title = lines[index]
        assert lines[index + 1] == ".", f"line {index + 2}: expected '.'"
        parts, current, index = [], [], index + 2
        while len(parts) < 2:
            if lines[index] == ".":
                parts.append("\n".join(current))
                current = []
            else:
                current.append(lines[index])
            index += 1
        cases.append((title, parts[0] + "\n", parts[1]))
    return cases


CASES = read_fixture_file(FIXTURES / "kb_sections.md")


@pytest.mark.parametrize("title,source,expected", CASES, ids=[c[0] for c in CASES])
def test_article_to_sections(tmp_path: Path, title: str, source: str, expected: str):
    path = tmp_path / "sample.md"
    path.write_text(source)
    if expected.startswith("ERROR"):
        line, message = expected[len("ERROR ") :].split(": ", 1)
        with pytest.raises(SourceError) as error:
            parse_article(path, "knowledge/sample.md")
        assert error.value.where.line == int(line)
        assert message in error.value.message
        assert str(error.value).startswith(f"knowledge/sample.md:{line}: ")
        return
    article = parse_article(path, "knowledge/sample.md")
    got = [f"{s.anchor} | {s.heading} | {s.line} | {s.text}".replace("\n", "\\n") for s in article.sections]
    assert got == expected.splitlines()


def test_internal_links_are_collected_with_their_line(tmp_path: Path):
    source = CASES[2][1]
    path = tmp_path / "sample.md"
    path.write_text(source)
    links = parse_article(path).links
    assert [(link.article, link.anchor, link.line) for link in links] == [("other", "part", 8)]


def test_asked_as_questions_are_kept_per_section(tmp_path: Path):
    source = next(c[1] for c in CASES if c[0] == "asked-as questions do not change the sections")
    path = tmp_path / "sample.md"
    path.write_text(source)
    assert parse_article(path).asked_as == {"intro": ["what is this about"], "chrome": ["chrome wont let me talk"]}
