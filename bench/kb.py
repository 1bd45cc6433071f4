"""Knowledge-base retrieval quality and speed, against a plain FTS5 baseline measured in the same run.

Question sets (bench/data/kb_questions_*.yml) were written from the users' side, phrased unlike the articles,
each labelled with the section that answers it. The test set was written in the project; the held-out set was
written from real public reports by someone who never saw the articles or their asked-as questions, and is split
by position (every third question is `split: dev`). The second held-out set (heldout2) was written later by
another helper and labelled by reading the sections before any search ran on it. A third (dev3) was written by another
independent writer, labelled the same way and committed before its first run, whose number is the unseen estimate; after
that it is a tuning set. A fourth (heldout3, 2026-12-02) was written by a fourth writer and labelled by a separate
labelling helper who read only the questions and the sections, before any search ran on it; it is a test set, and so
is a fifth (heldout4, session 11), made the same way. Ranking is tuned on `dev`, `heldout-dev` and `dev3` only
(`--misses` refuses the other sets); `test`, `heldout-test`, `heldout2`, `heldout3` and `heldout4` are run only to report.
Baseline: FTS5 defaults (unicode61, no stemming), no column weights, no synonyms.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.provenance import stamp  # noqa: E402
from bot.kb.index import ARTICLE_COLUMNS, build_index, connect  # noqa: E402
from bot.kb.search import search  # noqa: E402
from bot.kb.service import KnowledgeBase  # noqa: E402

TARGETS = {"hit@3": 0.95, "mrr": 0.85, "median_ms": 5.0}
HELDOUT_TARGETS = {"hit@1": 0.90, "hit@3": 0.97, "median_ms": 5.0}
"""Issue 13's bar for questions nobody here tuned on."""
PROJECT_SETS = ("dev", "test")
"""Written in the project; every other set came from an outside writer and is held to `HELDOUT_TARGETS`."""
SETS: dict[str, tuple[str, str | None]] = {
    "dev": ("dev", None),
    "test": ("test", None),
    "heldout-dev": ("heldout", "dev"),
    "heldout-test": ("heldout", "test"),
    "heldout2": ("heldout2", None),
    "heldout3": ("heldout3", None),
    "heldout4": ("heldout4", None),
    "dev3": ("dev3", None),
    "dev4": ("dev4", None),
    "dev5": ("dev5", None),
}
"""Set name: (file kb_questions_<file>.yml, the `split` it keeps or None for all)."""
TUNING_SETS = ("dev", "heldout-dev", "dev3", "dev4", "dev5")
"""The only sets whose individual misses may be looked at."""


def build_baseline(project_db: Path, baseline_db: Path) -> None:
    """The same sections' article text (not the "asked as" questions), indexed with FTS5's defaults."""
    source = sqlite_utils.Database(project_db)
    target = sqlite_utils.Database(baseline_db)
    columns = ["id", "article", "anchor", *ARTICLE_COLUMNS]
    target["sections"].insert_all(({c: row[c] for c in columns} for row in source["sections"].rows), pk="id")
    target["sections"].enable_fts(ARTICLE_COLUMNS, fts_version="FTS5")


TIMINGS = 3
"""Each question is searched this many times and its fastest time kept: on a machine shared with other work, a
single timing mostly measures who else had the CPU (the median over questions is then reported)."""


def run_search(source: KnowledgeBase | sqlite3.Connection, question: str) -> list:
    if isinstance(source, KnowledgeBase):
        return source.search(question, limit=10)
    return search(source, question, limit=10, expand=False, weights=None)


def fastest(source: KnowledgeBase | sqlite3.Connection, question: str) -> tuple[list, float]:
    times = []
    for _ in range(TIMINGS):
        start = time.perf_counter()
        results = run_search(source, question)
        times.append((time.perf_counter() - start) * 1000)
    return results, min(times)


def evaluate(source: KnowledgeBase | sqlite3.Connection, questions: list[dict], project: bool) -> dict:
    ranks, latencies, no_answer_right, no_answer_total, false_answers = [], [], 0, 0, 0
    for item in questions:
        results, milliseconds = fastest(source, item["q"])
        latencies.append(milliseconds)
        if item["answer"] is None:
            no_answer_total += 1
            no_answer_right += (
                int(not (results and KnowledgeBase.is_good(results[0], item["q"]))) if project else int(not results)
            )
            continue
        correct = {item["answer"], *(item.get("also") or [])}
        rank = next((i + 1 for i, r in enumerate(results) if f"{r.article}#{r.section}" in correct), None)
        ranks.append(rank)
        if project and results and not KnowledgeBase.is_good(results[0], item["q"]) and rank == 1:
            false_answers += 1
    answered = len(ranks)
    return {
        "questions": answered,
        "hit@1": sum(1 for r in ranks if r == 1) / answered,
        "hit@3": sum(1 for r in ranks if r and r <= 3) / answered,
        "mrr": sum(1 / r for r in ranks if r) / answered,
        "median_ms": statistics.median(latencies),
        "off_topic_detected": f"{no_answer_right}/{no_answer_total}",
        "right_answer_below_threshold": false_answers,
    }


def load_set(name: str) -> list[dict]:
    file, split = SETS[name]
    questions = yaml.safe_load((ROOT / "bench" / "data" / f"kb_questions_{file}.yml").read_text())
    return [item for item in questions if split is None or item.get("split") == split]


@contextmanager
def both_searches() -> Iterator[tuple[KnowledgeBase, sqlite3.Connection]]:
    """The project's search over a fresh index of knowledge/, and the FTS5 baseline over the same sections."""
    with tempfile.TemporaryDirectory() as tmp:
        project_db, baseline_db = Path(tmp) / "kb.db", Path(tmp) / "baseline.db"
        report = build_index(ROOT / "knowledge", project_db)
        if report.problems:
            raise SystemExit("\n".join(map(str, report.problems)))
        build_baseline(project_db, baseline_db)
        yield KnowledgeBase(project_db), connect(baseline_db)


def measure(name: str, show_misses: bool) -> dict:
    """Both searches over one question set, the project's misses at rank 1 if asked, the table printed."""
    questions = load_set(name)
    with both_searches() as (project, baseline):
        evaluate(project, questions, True)  # warm the page cache and build the in-memory models
        evaluate(baseline, questions, False)
        rows = {"project": evaluate(project, questions, True), "baseline": evaluate(baseline, questions, False)}
        if show_misses:
            print_misses(project, questions)
    print(f"Knowledge-base search on the {name} set ({rows['project']['questions']} answerable questions)")
    print(f"{'':<10}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}{'median ms':>11}{'no-answer':>11}")
    for label, row in rows.items():
        print(
            f"{label:<10}{row['hit@1']:>8.3f}{row['hit@3']:>8.3f}{row['mrr']:>8.3f}{row['median_ms']:>11.3f}{row['off_topic_detected']:>11}"
        )
    p, b = rows["project"], rows["baseline"]
    print(
        f"ratios project/baseline: hit@3 {p['hit@3'] / max(b['hit@3'], 1e-9):.2f}x, MRR {p['mrr'] / max(b['mrr'], 1e-9):.2f}x, "
        f"latency {p['median_ms'] / max(b['median_ms'], 1e-9):.2f}x"
    )
    targets = TARGETS if name in PROJECT_SETS else HELDOUT_TARGETS
    met = all(p[key] <= bar if key == "median_ms" else p[key] >= bar for key, bar in targets.items())
    wanted = ", ".join(f"{key} {'<=' if key == 'median_ms' else '>='} {bar}" for key, bar in targets.items())
    print(f"targets {wanted}: {'met' if met else 'NOT met'}\n")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"kb_{name}.json").write_text(json.dumps({**stamp(), "set": name, **rows}, indent=2) + "\n")
    return rows


def print_misses(project: KnowledgeBase, questions: list[dict]) -> None:
    for item in questions:
        results = project.search(item["q"], limit=3)
        top = f"{results[0].article}#{results[0].section} ({results[0].score})" if results else "-"
        if item["answer"] and (
            not results or f"{results[0].article}#{results[0].section}" not in {item["answer"], *(item.get("also") or [])}
        ):
            print(f"MISS {item['q']!r}: want {item['answer']}, got {top}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="default: all sets, the tuning sets first")
    parser.add_argument(
        "--misses",
        action="store_true",
        help=f"list the questions the project search misses at rank 1 ({', '.join(TUNING_SETS)} only)",
    )
    args = parser.parse_args()
    names = (
        [n for n in SETS if (ROOT / "bench" / "data" / f"kb_questions_{SETS[n][0]}.yml").exists()]
        if args.set == "all"
        else [args.set]
    )
    if args.misses and any(name not in TUNING_SETS for name in names):
        parser.error(f"--misses is only for the tuning sets ({', '.join(TUNING_SETS)}): the others are not tuned on")
    for name in names:
        measure(name, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
