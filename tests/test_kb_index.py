"""`bot kb build`: a real SQLite index from real markdown files; incremental, atomic, reports problems."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.kb import index as kb_index
from bot.kb.index import BuildReport, build_index
from bot.kb.search import search
from tests.conftest import ROOT

ARTICLE = """---
id: {id}
title: {title}
summary: Short summary.
audience: end-user
causes: [exclusive_app]
tags: [zoom]
---
Intro for {id}.

## Close Zoom
Quit Zoom from the menu bar, then call again. {extra}
"""


def write(directory: Path, article_id: str, title: str = "Title", extra: str = "") -> Path:
    path = directory / f"{article_id}.md"
    path.write_text(ARTICLE.format(id=article_id, title=title, extra=extra))
    return path


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    write(directory, "first", "First article")
    write(directory, "second", "Second article", extra="See [the first](/kb/first#close-zoom).")
    return directory


def sections(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("select id from sections order by id")]


def test_build_then_incremental_rebuild(knowledge: Path, tmp_path: Path):
    db = tmp_path / "kb.db"
    report = build_index(knowledge, db)
    assert sorted(report.added) == ["first", "second"] and not report.problems
    assert sections(db) == ["first#close-zoom", "first#intro", "second#close-zoom", "second#intro"]
    report = build_index(knowledge, db)
    assert sorted(report.unchanged) == ["first", "second"] and not report.added and not report.updated
    write(knowledge, "first", "First article, revised")
    report = build_index(knowledge, db)
    assert report.updated == ["first"] and report.unchanged == ["second"]
    (knowledge / "second.md").unlink()
    report = build_index(knowledge, db)
    assert report.removed == ["second"]
    assert sections(db) == ["first#close-zoom", "first#intro"]


@pytest.mark.parametrize(
    "name,content,line,message",
    [
        ("bad-front.md", "---\nid: bad-front\ntitle: [oops\n---\nText\n", 3, "YAML syntax"),
        ("second-copy.md", ARTICLE.format(id="first", title="Copy", extra=""), 2, "duplicate id 'first'"),
        (
            "linker.md",
            ARTICLE.format(id="linker", title="L", extra="[x](/kb/first#no-such-part)"),
            12,
            "broken link to /kb/first#no-such-part",
        ),
        ("no-title.md", "---\nid: no-title\nsummary: s\naudience: staff\n---\nText\n", 2, "front matter needs 'title'"),
    ],
)
def test_malformed_article_is_reported_and_the_others_still_index(knowledge: Path, tmp_path: Path, name, content, line, message):
    (knowledge / name).write_text(content)
    report = build_index(knowledge, tmp_path / "kb.db")
    [problem] = report.problems
    assert str(problem).startswith(f"knowledge/{name}:{line}: ") and message in str(problem)
    assert sorted(report.added) == ["first", "second"]


def test_a_malformed_revision_keeps_the_previous_version(knowledge: Path, tmp_path: Path):
    db = tmp_path / "kb.db"
    build_index(knowledge, db)
    (knowledge / "first.md").write_text("---\nid: first\ntitle: [broken\n---\n")
    report = build_index(knowledge, db)
    assert str(report.problems[0]).startswith("knowledge/first.md:3: YAML syntax")
    assert "first#close-zoom" in sections(db)  # the last good version stays searchable


def test_a_failed_build_leaves_the_previous_index_usable(knowledge: Path, tmp_path: Path, monkeypatch):
    db = tmp_path / "kb.db"
    build_index(knowledge, db)
    before = db.read_bytes()
    write(knowledge, "third", "Third")

    def explode(article):
        raise RuntimeError("disk trouble half way through")

    monkeypatch.setattr(kb_index, "_rows", explode)
    with pytest.raises(RuntimeError):
        build_index(knowledge, db)
    assert db.read_bytes() == before
    assert list(tmp_path.glob("kb.db.build-*")) == []
    with sqlite3.connect(db) as connection:
        assert search(connection, "close zoom")[0].article in ("first", "second")


def test_the_real_knowledge_base_builds_without_problems(kb_build: tuple[Path, BuildReport]):
    _index, report = kb_build  # the session's one build of knowledge/ into an empty file
    assert [str(p) for p in report.problems] == []
    assert len(report.added) >= 15 and report.updated == report.unchanged == report.removed == []


def test_a_copy_of_the_real_articles_rebuilds_incrementally(tmp_path: Path, built_kb: Path):
    copy = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", copy)
    shutil.copyfile(built_kb, tmp_path / "kb.db")  # built from the same texts in another folder
    report = build_index(copy, tmp_path / "kb.db")
    assert report.added == [] and report.updated == [] and len(report.unchanged) >= 15
