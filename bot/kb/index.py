"""`bot kb build`: articles and sections into SQLite with an FTS5 index (sqlite-utils).

Incremental: an article whose content hash is unchanged is not touched. Atomic: the build works on a copy
and renames it over the index only when it succeeded, so a failed build leaves the previous index usable.
A malformed article is reported with file and line; the others still index (and a malformed article's
previous version stays, so nothing is lost).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from bot.flows.sourcefile import SourceError, Where
from bot.kb.articles import UNSEARCHED, Article, parse_article
from bot.kb.models import read_rows
from bot.kb.models import store as store_models

ARTICLE_COLUMNS = ["title", "heading", "body", "keywords"]
"""What the articles say (the plain FTS5 baseline in bench/kb.py indexes only these)."""
FTS_COLUMNS = [*ARTICLE_COLUMNS, "asked"]
"""`asked` holds the section's "asked as" questions, one a line: searched, never shown."""
SCHEMA_VERSION = 2


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[SourceError] = field(default_factory=list)

    def describe(self) -> str:
        counts = ", ".join(f"{len(v)} {k}" for k, v in self.__dict__.items() if k != "problems")
        return f"{counts}, {len(self.problems)} problem(s)"


def load_articles(directory: Path, root: Path | None = None) -> tuple[dict[str, Article], list[SourceError]]:
    """Parse every article; duplicates and broken internal links are problems too."""
    root = root or directory.parent
    articles: dict[str, Article] = {}
    problems: list[SourceError] = []
    for path in sorted(directory.glob("*.md")):
        display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        try:
            article = parse_article(path, display)
        except SourceError as error:
            problems.append(error)
            continue
        if article.id in articles:
            problems.append(
                SourceError(Where(display, 2), f"duplicate id {article.id!r}, already used by {articles[article.id].path}")
            )
            continue
        if path.stem != article.id:
            problems.append(SourceError(Where(display, 2), f"id {article.id!r} does not match the file name {path.name!r}"))
            continue
        articles[article.id] = article
    broken: set[str] = set()
    for article in articles.values():
        for link in article.links:
            target = articles.get(link.article)
            if target is None or (link.anchor and target.section(link.anchor) is None):
                where = f"{link.article}#{link.anchor}" if link.anchor else link.article
                problems.append(SourceError(Where(article.path, link.line), f"broken link to /kb/{where}"))
                broken.add(article.id)
    for article_id in broken:
        articles.pop(article_id)
    return articles, problems


def _rows(article: Article) -> list[dict]:
    # Tags describe the whole article; the summary says what its introduction answers.
    tags = " ".join(article.tags)
    return [
        {
            "id": f"{article.id}#{section.anchor}",
            "article": article.id,
            "anchor": section.anchor,
            "position": section.position,
            "line": section.line,
            "title": article.title,
            "heading": section.heading,
            "body": section.text,
            "markdown": section.markdown,
            "keywords": f"{tags} {article.summary}" if section.anchor == "intro" else tags,
            "asked": "\n".join(article.asked_as.get(section.anchor, [])),
        }
        for section in article.sections
        if section.anchor not in UNSEARCHED
    ]


def _prepare(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        {
            "id": str,
            "path": str,
            "hash": str,
            "title": str,
            "summary": str,
            "audience": str,
            "applies_to": str,
            "causes": str,
            "error_codes": str,
            "tags": str,
            "updated": str,
            "sources": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("sections").create(
        {
            "id": str,
            "article": str,
            "anchor": str,
            "position": int,
            "line": int,
            "title": str,
            "heading": str,
            "body": str,
            "markdown": str,
            "keywords": str,
            "asked": str,
        },
        pk="id",
        foreign_keys=[("article", "articles", "id")],
        if_not_exists=True,
    )
    if "sections_fts" not in db.table_names():
        db.table("sections").enable_fts(FTS_COLUMNS, fts_version="FTS5", tokenize="porter", create_triggers=True)
    db.table("meta").insert({"key": "schema", "value": str(SCHEMA_VERSION)}, pk="key", replace=True)


def build_index(knowledge: Path, db_path: Path) -> BuildReport:
    """Bring the index at `db_path` up to date with `knowledge/`; see the module docstring."""
    report = BuildReport()
    articles, report.problems = load_articles(knowledge)
    failed_ids = {_guess_id(p) for p in report.problems}
    db_path.parent.mkdir(parents=True, exist_ok=True)
    work = db_path.with_name(db_path.name + f".build-{os.getpid()}")
    try:
        if db_path.exists() and schema_version(db_path) == SCHEMA_VERSION:
            shutil.copyfile(db_path, work)  # otherwise rebuild from scratch in the current layout
        db = sqlite_utils.Database(work)
        _prepare(db)
        known = {row["id"]: row["hash"] for row in db.query("select id, hash from articles")}
        with db.conn:
            for article in articles.values():
                if known.get(article.id) == article.content_hash:
                    report.unchanged.append(article.id)
                    continue
                (report.updated if article.id in known else report.added).append(article.id)
                db.table("sections").delete_where("article = ?", [article.id])
                db.table("articles").insert(
                    {
                        "id": article.id,
                        "path": article.path,
                        "hash": article.content_hash,
                        "title": article.title,
                        "summary": article.summary,
                        "audience": article.audience,
                        "applies_to": json.dumps(article.applies_to),
                        "causes": json.dumps(article.causes),
                        "error_codes": json.dumps(article.error_codes),
                        "tags": json.dumps(article.tags),
                        "updated": article.updated,
                        "sources": json.dumps(article.sources),
                    },
                    replace=True,
                )
                db.table("sections").insert_all(_rows(article))
            for article_id in known.keys() - articles.keys() - failed_ids:
                if not (knowledge / f"{article_id}.md").exists():
                    db.table("sections").delete_where("article = ?", [article_id])
                    db.table("articles").delete(article_id)
                    report.removed.append(article_id)
        with db.conn:
            store_models(db.conn, read_rows(db.conn))
        db.conn.execute("insert into sections_fts(sections_fts) values('optimize')")
        db.conn.commit()
        db.close()
        os.replace(work, db_path)
    finally:
        if work.exists():
            work.unlink()
    return report


def schema_version(db_path: Path) -> int | None:
    """The layout version of the index at `db_path` (None when it is missing or unreadable)."""
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection:
            row = connection.execute("select value from meta where key = 'schema'").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and str(row[0]).isdigit() else None


def _guess_id(problem: SourceError) -> str:
    return Path(problem.where.file).stem


def connect(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to the index."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return connection
