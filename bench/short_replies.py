"""Short typed replies mid-check ("one sec", "unplugged", "yay", "citrix"): understood, or "didn't quite get that"?

bench/data/short_replies_heldout.yml holds 210 replies of one to six words, 30 at each of the six questions of the
cause model and 30 at "did that fix it?", written by a helper who never saw the project, each labelled with whether
it tells the bot anything at all (`carries`). A reply that carries something must never get "Sorry, I didn't quite
get that" or "outside what I can help with"; noise may (and the fallback is there for it).

Each reply goes through the trained NLU model and the real Rasa action, in a conversation placed at its question or
at a fix, by the worker of bench/replies.py. The baseline is the commit this session started from (BASELINE_COMMIT),
run by its own code on the same replies in the same run. The set has no test split: its first run, before anything
was tuned on it, is the unseen estimate (docs/benchmarks.md); after that it is a dev set (`--misses`).

    python bench/short_replies.py
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.older_commit import checkout  # noqa: E402
from bench.provenance import stamp  # noqa: E402
from bench.replies import run_worker  # noqa: E402
from bot.app.serve import latest_model  # noqa: E402

REPLIES = ROOT / "bench" / "data" / "short_replies_heldout.yml"
BASELINE_COMMIT = "309364e"
"""The start of session 9, before short replies were read as stories, status words or outcomes."""


def table(replies: list[dict], results: dict[str, dict]) -> dict[str, dict[str, int]]:
    rows: dict[str, Counter] = defaultdict(Counter)
    for item in replies:
        kind = "carries" if item["carries"] else "noise"
        understood = results[item["id"]]["understood"]
        for key in (item["question"], "all"):
            rows[key][kind] += 1
            rows[key][f"{kind}_missed"] += not understood
    return {q: dict(c) for q, c in rows.items()}


def print_table(label: str, rows: dict[str, dict[str, int]]) -> None:
    header = ["question", "replies that carry something", "of them not understood", "noise", "of it given the fallback"]
    keys = ("carries", "carries_missed", "noise", "noise_missed")
    lines = report.table(
        header, [[question, *(str(rows[question].get(key, 0)) for key in keys)] for question in report.all_last(rows)]
    )
    print(f"\n## {label}\n", *lines, sep="\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline commit (quick checks)")
    parser.add_argument("--misses", action="store_true", help="list the replies that carry something and were missed")
    args = parser.parse_args()
    model = latest_model(ROOT / "models")
    if model is None:
        print("no trained model: run `make train`", file=sys.stderr)
        return 1
    replies = yaml.safe_load(REPLIES.read_text())
    print(f"# Short replies: {len(replies)} from {REPLIES.name}")
    record: dict[str, object] = {**stamp(), "replies": REPLIES.name}
    commits = [("this commit", ROOT)] + (
        [] if args.no_baseline else [(f"baseline {BASELINE_COMMIT}", checkout(BASELINE_COMMIT, "bench-short-replies"))]
    )
    for label, tree in commits:
        results = run_worker(tree, model.resolve(), replies)
        rows = table(replies, results)
        print_table(label, rows)
        record[label] = rows
        if args.misses and tree == ROOT:
            for item in replies:
                result = results[item["id"]]
                if item["carries"] and not result["understood"]:
                    print(f"missed {item['question']:<18} ({result['intent']}) {item['reply']!r}: {item['means']}")
    if args.no_baseline:
        return 0  # a quick check: the results file keeps runs with their baseline only
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "short_replies.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
