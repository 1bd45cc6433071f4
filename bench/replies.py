"""Typed replies to the questions and to "did that fix it?": read right, or at least understood, against a baseline.

People often type an answer instead of pressing a button ("yep but only in teams", "she says it never popped up",
"yes it still fails"). bench/data/replies_heldout.yml holds 210 such replies to the six questions of the cause model
and to the check after a fix, each labelled with what a careful support agent would take it to mean. A helper who
never saw the project wrote them from public support threads; half are `split: dev` (look at the misses, decide),
half `split: test` (run only to report).

Each reply is sent through the real Rasa action with the trained NLU model's reading of it (intent and entities),
in a conversation placed at that question, or at a fix for "did that fix it?". A reply is
  - understood: no "Sorry, I didn't quite get that" and no "outside what I can help with";
  - read right: the fact learned is the labelled answer; for "not sure"-type answers (unknown, untested), learning
    nothing is right too; at a fix, the attempt is recorded as fixed / not fixed / still open as labelled;
  - misread: a different answer was learned (worse than not understood: the plan rests on it);
  - a false "fixed": the fix is recorded as having worked when the reply does not say so.
The baseline is the commit this work started from (BASELINE_COMMIT), checked out and run by its own code on the same
replies in the same run.

    python bench/replies.py --split dev --misses
    python bench/replies.py --split test
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.diagnosis import with_error_kind  # noqa: E402
from bench.older_commit import checkout  # noqa: E402
from bench.provenance import stamp  # noqa: E402
from bot.app.serve import latest_model  # noqa: E402

REPLIES = ROOT / "bench" / "data" / "replies_heldout.yml"
BASELINE_COMMIT = "a2ea179"
"""The end of session 6, before the replies set existed."""
AT_A_FIX = "the softphone cant get my microphone, NotReadableError, windows + chrome, teams is open"
"""An opening that goes straight to a fix (closing the app that holds the microphone) in every commit measured."""
UNSURE = {"unknown", "untested", "unclear"}

WORKER = r"""
import asyncio, json, logging, sys
logging.disable(logging.CRITICAL)
from rasa.core.agent import Agent
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from bot.app.loading import load_engine
from bot.rasa_adapter import actions

replies, model, at_a_fix, out = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
agent = Agent.load(model)
engine = load_engine()
misses = [engine.flow_set.messages[key].text for key in ("not_understood", "out_of_scope")]
flow_of = {s.id: f.id for f in engine.flows.values() for s in f.steps}
fact_of = {s.id: s.fact for f in engine.flows.values() for s in f.steps if s.fact}

def turn(state, text):
    parsed = asyncio.run(agent.parse_message(text))
    tracker = {"sender_id": "replies", "slots": {"flow_state": state},
               "latest_message": {"text": text, "intent": parsed["intent"], "entities": parsed.get("entities", [])},
               "events": [], "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "action_listen"}
    dispatcher = CollectingDispatcher()
    events = asyncio.run(actions.ActionTroubleshoot().run(dispatcher, Tracker.from_dict(tracker), {}))
    return " ".join(m.get("text") or "" for m in dispatcher.messages), events[0]["value"], parsed["intent"]["name"]

_, at_fix, _ = turn(None, at_a_fix)
fix_step = at_fix["step"]
results = []
for item in replies:
    question = item["question"]
    if question == "did_it_fix":
        start, fact = json.loads(json.dumps(at_fix)), None
    else:
        start, fact = {"flow": flow_of[question], "step": question}, fact_of[question]
    said, state, intent = turn(start, item["reply"])
    attempts = [a for a in state.get("attempts", []) if a["step"] == fix_step]
    results.append({
        "id": item["id"],
        "understood": not any(m[:30] in said for m in misses),
        "learned": (state.get("facts") or {}).get(fact) if fact else None,
        "facts": state.get("facts") or {},
        "outcome": attempts[0]["outcome"] if attempts else None,
        "intent": intent,
        "said": said[:160],
    })
with open(out, "w") as results_file:  # a file, not stdout: a library's stray output can split a long line there
    json.dump(results, results_file)
"""


def run_worker(tree: Path, model: Path, replies: list[dict]) -> dict[str, dict]:
    """The worker, run by the code of the checkout at `tree` (its own flows, readers and engine)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "results.json"
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "-c", WORKER, json.dumps(replies), str(model), AT_A_FIX, str(out)],
            cwd=tree,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not out.is_file():
            raise SystemExit(f"the replies worker failed in {tree}:\n{done.stderr[-3000:]}")
        return {r["id"]: r for r in json.loads(out.read_text())}


def judge(item: dict, result: dict) -> str:
    """right | understood (but not read as labelled) | misread | false_fixed | not_understood"""
    means = str(item["means"])
    if item["question"] == "did_it_fix":
        outcome = {"fixed": "fixed", "not_fixed": "not_fixed"}.get(result["outcome"] or "", "open")
        if outcome == "fixed" and means != "fixed":
            return "false_fixed"
        if outcome == means or (outcome == "open" and means == "unclear"):
            return "right"
        if outcome != "open":
            return "misread"
    else:
        learned = result["learned"]
        if item["question"] == "ask_error_kind" and learned is None:
            learned = with_error_kind(result["facts"]).get("error_kind")  # a pasted error read for its name or code
        if learned == means or (learned is None and means in UNSURE):
            return "right"
        if learned is not None:
            return "misread"
    return "understood" if result["understood"] else "not_understood"


def table(replies: list[dict], verdicts: dict[str, str]) -> dict[str, dict[str, int]]:
    rows: dict[str, Counter] = defaultdict(Counter)
    for item in replies:
        for key in (item["question"], "all"):
            rows[key]["replies"] += 1
            rows[key][verdicts[item["id"]]] += 1
    return {q: dict(c) for q, c in rows.items()}


def print_table(label: str, rows: dict[str, dict[str, int]]) -> None:
    header = ["question", "replies", "read right", "understood", "misread", "false 'fixed'", "not understood"]
    lines = []
    for question in report.all_last(rows):
        row, n = rows[question], rows[question]["replies"]
        understood = n - row.get("not_understood", 0)
        counts = [str(row.get(key, 0)) for key in ("misread", "false_fixed", "not_understood")]
        lines.append([question, str(n), f"{row.get('right', 0) / n:.0%}", f"{understood / n:.0%}", *counts])
    print(f"\n## {label}\n", *report.table(header, lines), sep="\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", action="store_true", help="list what the dev replies were read as (dev only)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline commit (quick checks)")
    parser.add_argument("--replies", type=Path, default=REPLIES, help=f"the replies file (default {REPLIES.relative_to(ROOT)})")
    args = parser.parse_args()
    if args.misses and args.split != "dev":
        parser.error("--misses is for the dev split only: the test split is not looked at")
    model = latest_model(ROOT / "models")
    if model is None:
        print("no trained model: run `make train`", file=sys.stderr)
        return 1
    source = args.replies.resolve()
    replies = [r for r in yaml.safe_load(source.read_text()) if args.split == "all" or r["split"] == args.split]
    print(f"# Typed replies: {len(replies)} {args.split} replies from {source.name}")
    record: dict[str, object] = {**stamp(), "split": args.split, "replies": source.name}
    commits = [("this commit", ROOT)] + (
        [] if args.no_baseline else [(f"baseline {BASELINE_COMMIT}", checkout(BASELINE_COMMIT, "bench-replies"))]
    )
    for label, tree in commits:
        results = run_worker(tree, model.resolve(), replies)
        verdicts = {item["id"]: judge(item, results[item["id"]]) for item in replies}
        rows = table(replies, verdicts)
        print_table(label, rows)
        record[label] = rows
        if args.misses and tree == ROOT:
            for item in replies:
                if verdicts[item["id"]] != "right":
                    r = results[item["id"]]
                    print(
                        f"{verdicts[item['id']]:<15} {item['question']:<18} means {item['means']!s:<16} "
                        f"learned {r['learned']} outcome {r['outcome']} ({r['intent']}): {item['reply']!r} -> {r['said'][:70]!r}"
                    )
    if args.no_baseline:
        return 0  # a quick check: the results files keep runs with their baseline only
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    name = "replies" if source == REPLIES else source.stem
    (out / f"{name}_{args.split}.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
