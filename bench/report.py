"""Render the benchmark tables of docs/benchmarks.md from bench/results/*.json, so no number there is typed by hand.

Each generated table sits between two markers in the page:

    <!-- bench:kb -->
    ...rendered from bench/results/kb_*.json...
    <!-- /bench:kb -->

    .venv/bin/python bench/report.py           # rewrite the tables in docs/benchmarks.md after a benchmark run
    .venv/bin/python bench/report.py --check   # exit 1 if a table differs from its results file (a fast test does this)

Numbers measured before a benchmark wrote JSON stay in the page as text with their date and commit.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAGE = ROOT / "docs" / "benchmarks.md"
BLOCK = re.compile(r"(<!-- bench:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /bench:(?P=name) -->)", re.S)

KB_SETS = (
    "dev",
    "heldout-dev",
    "dev3-first-run",
    "dev3",
    "dev4-first-run",
    "dev4",
    "dev5-first-run",
    "dev5",
    "test",
    "heldout-test",
    "heldout2",
    "heldout3",
    "heldout4",
)
"""In the page's order: the tuning sets first, each before the set it was not tuned on. `dev3-first-run` is dev3's
one run before anything was tuned on it (its unseen estimate); `dev3` is the same set now, tuned on (dev4 and dev5 likewise)."""
KB_TUNED = {"dev", "heldout-dev", "dev3", "dev4", "dev5"}
FIRST_RUN = "-first-run"
"""The suffix of a set's one run before anything was tuned on it ("dev5-first-run" is shown as "dev5 first run")."""
NLU_FILES = {"held-out": "nlu.json", "fresh held-out": "nlu-nlu_heldout_fresh.json", "dev": "nlu-nlu_dev.json"}
DIAGNOSIS_MODES = ("adaptive", "adaptive+check", "scripted", "scripted+check")


def read(name: str) -> dict[str, Any]:
    return json.loads((RESULTS / name).read_text(encoding="utf-8"))


def optional(name: str) -> dict[str, Any] | None:
    return read(name) if (RESULTS / name).is_file() else None


def all_last(questions: Iterable[str]) -> list[str]:
    """Questions in name order, the "all" row last (the replies tables)."""
    return sorted(questions, key=lambda q: (q == "all", q))


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header), *("| " + " | ".join(row) + " |" for row in rows)]


def provenance(*runs: dict[str, Any]) -> str:
    """When, on which commit and under what load the tables' files were written."""
    days = sorted({run["generated"][:16].replace("T", " ") for run in runs})
    commits = ", ".join(f"`{c}`" for c in sorted({run["commit"] for run in runs}))
    loads = sorted(run["load_average"] for run in runs)
    when = days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"
    load = f"{loads[0]}" if loads[0] == loads[-1] else f"{loads[0]}–{loads[-1]}"
    return f"Measured {when} UTC at commit {commits}, load average {load} (2 cores)."


def kb() -> list[str]:
    runs = {name: read(f"kb_{name}.json") for name in KB_SETS}
    rows = []
    for name, run in runs.items():
        shown = name.replace(FIRST_RUN, " first run")
        label = f"{shown} ({run['project']['questions']}{'; tuned' if name in KB_TUNED else ''})"
        for search in ("project", "baseline"):
            n = run[search]
            bold = "**" if search == "project" and name not in KB_TUNED else ""
            rows.append(
                [
                    label if search == "project" else shown,
                    search,
                    f"{bold}{n['hit@1']:.3f}{bold}",
                    f"{bold}{n['hit@3']:.3f}{bold}",
                    f"{n['mrr']:.3f}",
                    n["off_topic_detected"],
                    f"{n['median_ms']:.1f} ms",
                ]
            )
    header = ["set (answerable questions)", "search", "hit@1", "hit@3", "MRR", "no answer right", "median search"]
    return [*table(header, rows), "", provenance(*runs.values())]


def nlu() -> list[str]:
    runs = {label: optional(file) for label, file in NLU_FILES.items()}
    main = runs["held-out"]
    assert main is not None, "bench/results/nlu.json is missing: run bench/nlu.py"
    rows = []
    for name, p in main["pipelines"].items():
        others = []
        for label in ("fresh held-out", "dev"):
            other = (runs[label] or {}).get("pipelines", {}).get(name)
            others.append(f"{other['intent_accuracy']:.3f} ({other['intent_accuracy_unseen']:.3f})" if other else "not run")
        rows.append(
            [
                f"`{name}`",
                f"{p['intent_accuracy']:.3f} ({p['intent_accuracy_unseen']:.3f})",
                *others,
                f"{p['intent_macro_f1']:.3f}",
                f"{p['entity_precision']:.3f} / {p['entity_recall']:.3f} / {p['entity_f1']:.3f}",
                f"{p['train_seconds']:.1f} s",
                f"{p['parse_ms_median']:.1f} ms",
            ]
        )
    sizes = ", ".join(f"{label} {run['n_heldout']}" for label, run in runs.items() if run)
    header = [
        "pipeline",
        "held-out (unseen)",
        "fresh held-out (unseen)",
        "dev (unseen)",
        "macro-F1 (held-out)",
        "entity P / R / F1 (held-out)",
        "training",
        "parse p50",
    ]
    return [*table(header, rows), "", f"Messages: {sizes}. " + provenance(*(run for run in runs.values() if run))]


def latency() -> list[str]:
    run = read("latency.json")
    reply, nlu_only = run["reply"], run["nlu_only"]
    rows = [
        ["full reply (REST channel, action server, tracker store)", f"{reply['median_ms']:.1f} ms", f"{reply['p95_ms']:.1f} ms"],
        ["baseline: NLU only (`/model/parse`)", f"{nlu_only['median_ms']:.1f} ms", f"{nlu_only['p95_ms']:.1f} ms"],
    ]
    ratio = reply["median_ms"] / nlu_only["median_ms"]
    return [
        *table([f"{reply['messages']} messages in {run['rounds']} conversations", "median", "p95"], rows),
        "",
        f"Full reply / NLU alone: {ratio:.1f}× (target: median ≤ {run['target_median_ms']:.0f} ms). {provenance(run)}",
    ]


def diagnosis() -> list[str]:
    run = read("diagnosis_test.json")
    rows = []
    for mode in DIAGNOSIS_MODES:
        for label, key in (("cause model", "model"), (f"baseline (`{run['baseline_commit']}`)", "baseline")):
            if key not in run:
                continue
            t = run[key][mode]
            cases = t["cases"]
            rows.append(
                [
                    f"{mode}, {label}",
                    f"{t['reached']} ({t['reached'] / cases:.0%})",
                    f"{t['median_turns'] if t['median_turns'] is not None else '-'} / {t['mean_turns'] or 0:.1f}",
                    f"{t['first_ok'] / cases:.0%}",
                    str(t["false_resolutions"]),
                    str(t["escalations"]),
                    str(t["not_understood"]),
                ]
            )
    header = [
        f"{run['split']} split ({run['model']['adaptive']['cases']})",
        "right fix reached",
        "median / mean turns",
        "first reply right fix or a question",
        "false resolutions",
        "escalations",
        '"didn\'t quite get that"',
    ]
    return [*table(header, rows), "", provenance(run)]


def load() -> list[str]:
    run = read("load.json")
    levels: dict[tuple[int, float], dict[str, dict[str, Any]]] = {}
    for level in run["levels"]:
        levels.setdefault((level["users"], level["think_s"]), {})[level["target"]] = level
    rows = []
    for (users, think), pair in levels.items():
        ours, bare = pair.get("project"), pair.get("baseline")
        if ours is None or bare is None:
            continue
        rows.append(
            [
                f"{users} users, think {think:g} s",
                f"{ours['messages_per_s']:.1f} / {bare['messages_per_s']:.1f} = **{ours['messages_per_s'] / bare['messages_per_s']:.2f}×**",
                f"{ours['p50_ms']:.0f} / {ours['p95_ms']:.0f} ms",
                f"{bare['p50_ms']:.0f} / {bare['p95_ms']:.0f} ms",
                f"{ours['errors']} / {bare['errors']}",
            ]
        )
    header = ["level", "messages/s: this project / bare Rasa = ratio", "this project p50 / p95", "bare Rasa p50 / p95", "errors"]
    blocks: dict[int, dict[str, dict[str, Any]]] = {}
    for block in run["long_conversation"]:
        blocks.setdefault(block["first_turn"], {})[block["target"]] = block
    long_rows = []
    for first, by_target in sorted(blocks.items()):
        cells = [f"{first}–{first + next(iter(by_target.values()))['turns'] - 1}"]
        for target in ("project", "before", "baseline"):
            block = by_target.get(target)
            cells.append(f"{block['p50_ms']:.0f} ms, {block['bytes_per_turn']:,} B/turn" if block else "-")
        long_rows.append(cells)
    long_header = ["turns of one sender", "this project: median, stored per turn", "before bounded sessions", "bare Rasa"]
    when = f"Levels of {run['seconds_per_level']:g} s, {run['slices']} alternating slice(s) per bot."
    if "generated" in run:
        during = run.get("load_averages") or []
        when = f"{when} {provenance(run)}" + (f" Load average as the slices started: {during[0]}–{during[-1]}." if during else "")
    return [*table(header, rows), "", *table(long_header, long_rows), "", *(f"- {v}" for v in run.get("verdicts", [])), "", when]


REPLY_RUNS = (
    ("replies_test.json", "test split"),
    ("replies_dev.json", "dev split"),
    ("replies_heldout3-first-run.json", "replies3 first run (untuned)"),
    ("replies_heldout3_test.json", "replies3 test split"),
    ("replies_heldout3_dev.json", "replies3 dev split"),
    ("replies_heldout4-first-run.json", "replies4 first run (untuned)"),
    ("replies_heldout4_test.json", "replies4 test split"),
    ("replies_heldout4_dev.json", "replies4 dev split"),
)
"""The typed-reply runs the page shows, in its order: the first set's halves, then the third and fourth sets (other
languages): each one's first run and halves."""


def replies() -> list[str]:
    """Typed replies per question: this commit beside the baseline commit, for each run that was made."""
    out: list[str] = []
    for name, split in REPLY_RUNS:
        run = optional(name)
        if run is None:
            continue
        ours = run["this commit"]
        baseline_label = next(k for k in run if k.startswith("baseline"))
        theirs = run[baseline_label]
        rows = []
        for question in all_last(ours):
            a, b = ours[question], theirs[question]
            n = a["replies"]
            rows.append(
                [
                    f"**{question}**" if question == "all" else question,
                    str(n),
                    f"{a.get('right', 0) / n:.0%} / {b.get('right', 0) / n:.0%}",
                    f"{1 - a.get('not_understood', 0) / n:.0%} / {1 - b.get('not_understood', 0) / n:.0%}",
                    f"{a.get('misread', 0)} / {b.get('misread', 0)}",
                    f"{a.get('false_fixed', 0)} / {b.get('false_fixed', 0)}",
                ]
            )
        header = [
            split,
            "replies",
            f"read right: this / `{baseline_label.split()[-1]}`",
            "understood",
            "misread",
            'false "fixed"',
        ]
        out += [*table(header, rows), "", provenance(run), ""]
    return out[:-1]


def short_replies() -> list[str]:
    """Short replies per question: those that carry something and were not understood, this commit and the baseline."""
    run = read("short_replies.json")
    ours = run["this commit"]
    baseline_label = next(k for k in run if k.startswith("baseline"))
    theirs = run[baseline_label]
    rows = [
        [
            f"**{question}**" if question == "all" else question,
            str(ours[question].get("carries", 0)),
            f"{ours[question].get('carries_missed', 0)} / {theirs[question].get('carries_missed', 0)}",
            str(ours[question].get("noise", 0)),
            f"{ours[question].get('noise_missed', 0)} / {theirs[question].get('noise_missed', 0)}",
        ]
        for question in all_last(ours)
    ]
    baseline = f"`{baseline_label.split()[-1]}`"
    header = [
        "question",
        "replies that carry something",
        f"not understood: this / {baseline}",
        "noise",
        f"noise given the fallback: this / {baseline}",
    ]
    return [*table(header, rows), "", provenance(run)]


def agreement() -> list[str]:
    run = read("agreement.json")
    rows = [
        [
            f"{name} ({row['questions']})",
            f"{row['labeller2_hit@1']:.3f}",
            f"{row['reader_hit@1']:.3f} / {row['reader_hit@2']:.3f}",
            f"{row['project_hit@1']:.3f} / {row['project_hit@3']:.3f}",
            f"{row['baseline_hit@1']:.3f}",
        ]
        for name, row in run["sets"].items()
    ]
    header = [
        "set (answerable questions)",
        "second labeller, from `need`: hit@1",
        "reader, from the question alone: hit@1 / hit@2",
        "project search: hit@1 / hit@3",
        "FTS5: hit@1",
    ]
    return [*table(header, rows), "", provenance(run)]


RENDERERS: dict[str, Callable[[], list[str]]] = {
    "kb": kb,
    "agreement": agreement,
    "nlu": nlu,
    "latency": latency,
    "diagnosis": diagnosis,
    "load": load,
    "replies": replies,
    "short_replies": short_replies,
}
SOURCES = {
    "kb": "kb_*.json",
    "agreement": "agreement.json",
    "nlu": "nlu*.json",
    "latency": "latency.json",
    "diagnosis": "diagnosis_*.json",
    "load": "load.json",
    "replies": "replies_*.json",
    "short_replies": "short_replies.json",
}
"""Which results files each table is rendered from (a committed file that no table on the page shows is an error)."""


def tables(page: str) -> list[str]:
    """The names of the marked tables on the page, in order."""
    return [found.group("name") for found in BLOCK.finditer(page)]


def render(page: str) -> str:
    """The page with every marked table rendered again from its results file."""

    def fill(found: re.Match[str]) -> str:
        name = found.group("name")
        if name not in RENDERERS:
            raise SystemExit(f"docs/benchmarks.md: no renderer for <!-- bench:{name} --> (known: {', '.join(RENDERERS)})")
        return found.group(1) + "\n".join(RENDERERS[name]()) + "\n" + found.group(4)

    return BLOCK.sub(fill, page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare: exit 1 if a table is out of date")
    args = parser.parse_args(argv)
    page = PAGE.read_text(encoding="utf-8")
    rendered = render(page)
    if args.check:
        if rendered != page:
            print("docs/benchmarks.md differs from bench/results/: run .venv/bin/python bench/report.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(rendered, encoding="utf-8")
    print(f"rendered {len(tables(page))} tables into {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
