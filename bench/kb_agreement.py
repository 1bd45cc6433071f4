"""How often people agree on the knowledge base's best section: the ceiling under bench/kb.py's hit@1.

Issue 13 asks for hit@1 >= 0.90 on questions nobody tuned on. Each set's labels are one labeller's reading of the
question's `need` (what a correct answer must contain) against the sections. Two more readings of the same questions
(bench/data/kb_agreement_<set>.yml, made without seeing the labels or any search result) say what that number means:

- **a second labeller**, with the same inputs and rule as the first (`need` and the sections): how often their answer
  is one the labels accept (`answer` or `also`);
- **a reader from the question alone** (its words and audience, no `need`), who read every section first: what a
  careful person at the help desk picks, scored the same way; `hit@2` counts their second choice too.

The search sees only the question, so the reader is the fair comparison; the project's search and the plain FTS5
baseline are scored in the same run on the same questions. heldout4 is a test set (its misses are never listed),
dev5 a tuning set.

    .venv/bin/python bench/kb_agreement.py     # prints the table, writes bench/results/agreement.json
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kb import both_searches, load_set, run_search  # noqa: E402
from bench.provenance import stamp  # noqa: E402
from bot.kb.service import KnowledgeBase  # noqa: E402

SETS = ("heldout4", "dev5")


def accepted(item: dict) -> set[str]:
    return {item["answer"], *(item.get("also") or [])} if item.get("answer") else set()


def readings(name: str) -> list[tuple[dict, dict]]:
    """Each labelled question with the other two readings of it, checked to be in the same order."""
    questions = load_set(name)
    others = yaml.safe_load((ROOT / "bench" / "data" / f"kb_agreement_{name}.yml").read_text(encoding="utf-8"))
    if len(others) != len(questions):
        raise SystemExit(f"kb_agreement_{name}.yml has {len(others)} items, the set {len(questions)}")
    for question, other in zip(questions, others, strict=True):
        if not question["q"].startswith(other["q"]):
            raise SystemExit(f"kb_agreement_{name}.yml is out of order at {other['q']!r}")
    return list(zip(questions, others, strict=True))


def rate(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else 0.0


def agreement(name: str, project: KnowledgeBase, baseline: sqlite3.Connection) -> dict:
    """Each question searched once by each search; every reading scored against the labels' accepted sections."""
    rows = []
    for question, other in readings(name):
        wanted = accepted(question)
        if wanted:
            found = [f"{r.article}#{r.section}" for r in run_search(project, question["q"])[:3]]
            plain = [f"{r.article}#{r.section}" for r in run_search(baseline, question["q"])[:1]]
            rows.append((wanted, other, found, plain))
    total = len(rows)
    return {
        "questions": total,
        "labeller2_hit@1": rate(sum(o.get("labeller2") in w for w, o, _, _ in rows), total),
        "reader_hit@1": rate(sum(o.get("reader") in w for w, o, _, _ in rows), total),
        "reader_hit@2": rate(sum(bool({o.get("reader"), o.get("reader_second")} & w) for w, o, _, _ in rows), total),
        "project_hit@1": rate(sum(bool(set(f[:1]) & w) for w, _, f, _ in rows), total),
        "project_hit@3": rate(sum(bool(set(f) & w) for w, _, f, _ in rows), total),
        "baseline_hit@1": rate(sum(bool(set(p) & w) for w, _, _, p in rows), total),
    }


def main() -> int:
    with both_searches() as (project, baseline):
        rows = {name: agreement(name, project, baseline) for name in SETS}
    print(f"{'set':<10}{'answerable':>11}{'labeller 2':>12}{'reader':>8}{'reader@2':>10}{'search':>8}{'search@3':>10}{'FTS5':>7}")
    for name, row in rows.items():
        print(
            f"{name:<10}{row['questions']:>11}{row['labeller2_hit@1']:>12.3f}{row['reader_hit@1']:>8.3f}"
            f"{row['reader_hit@2']:>10.3f}{row['project_hit@1']:>8.3f}{row['project_hit@3']:>10.3f}{row['baseline_hit@1']:>7.3f}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "agreement.json").write_text(json.dumps({**stamp(), "sets": rows}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
