"""Does the assistant reach the fix for the true cause, and in how many user turns?

Replays held-out cases (bench/data/diagnosis_cases.yml: written from real public reports by a writer who never
saw data/, flows/ or knowledge/) through the real REST channel of a real Rasa + action server, as two simulated
users:
- scripted: sends the case's messages in order, whatever the bot asks;
- adaptive: answers truthfully: the button matching the case's facts for a question, "No, still failing" for a
  wrong fix, "Yes" only for the right one, the next story line otherwise.
Each runs without and with the help page's microphone check (a report built from the case's facts, sent as
message metadata with the first message, as the page does).

Baseline in the same run: the commit before the cause model (`BASELINE_COMMIT`, the fixed order), checked out
into var/bench-baseline and served with the same trained model.

    .venv/bin/python bench/diagnosis.py --split dev      # for decisions
    .venv/bin/python bench/diagnosis.py --split test     # to report (make bench)
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import urllib.request
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.older_commit import checkout, older_servers  # noqa: E402
from bench.provenance import stamp  # noqa: E402
from bot.app.loading import load_engine  # noqa: E402
from bot.app.serve import Servers, free_port, latest_model  # noqa: E402

CASE_FILES = tuple(
    ROOT / "bench" / "data" / name
    for name in (
        "diagnosis_cases.yml",
        "diagnosis_cases_dev2.yml",
        "diagnosis_cases_dev3.yml",
        "diagnosis_cases_dev4.yml",
        "diagnosis_cases_dev5.yml",
        "diagnosis_cases_dev6.yml",
        "diagnosis_cases_dev7.yml",
        "diagnosis_cases_dev8.yml",
        "diagnosis_cases_dev9.yml",
        "diagnosis_cases_dev10.yml",
        "diagnosis_cases_dev11.yml",
        "diagnosis_cases_dev12.yml",
        "diagnosis_cases_dev13.yml",
        "diagnosis_cases_dev14.yml",
        "diagnosis_cases_dev15.yml",
        "diagnosis_cases_dev16.yml",
        "diagnosis_cases_dev17.yml",
        "diagnosis_cases_dev18.yml",
        "diagnosis_cases_dev19.yml",
        "diagnosis_cases_dev20.yml",
        "diagnosis_cases_dev21.yml",
        "diagnosis_cases_dev22.yml",
        "diagnosis_cases_dev23.yml",
        "diagnosis_cases_dev24.yml",
        "diagnosis_cases_dev25.yml",
        "diagnosis_cases_dev26.yml",
        "diagnosis_cases_dev27.yml",
        "diagnosis_cases_dev28.yml",
        "diagnosis_cases_dev29.yml",
        "diagnosis_cases_dev30.yml",
        "diagnosis_cases_dev31.yml",
        "diagnosis_cases_dev32.yml",
        "diagnosis_cases_dev33.yml",
        "diagnosis_cases_dev34.yml",
        "diagnosis_cases_dev35.yml",
    )
)
"""The first set has a dev and a test split; the others (written later by other writers, the same way) are dev only."""
RESULTS = ROOT / "bench" / "results"
BASELINE_COMMIT = "be8ff8a"
"""The last commit with the fixed order (flows/mic_31201.yml `next_cause` as an if-chain)."""
MAX_TURNS = 12
NOT_UNDERSTOOD = "didn't quite get that"
"""The start of the not_understood reply in flows/messages.yml (the fixed-order commit says it the same way)."""
SPECIALIST_ENDINGS = {"managed_policy": "escalate_managed"}
"""Causes whose right "fix" is a hand-over to a specialist, and the ending that does it."""


def post(url: str, body: dict) -> list[dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"[]")


MIC_WORKS = frozenset({"auth_error"})
"""Causes under which the page's own capture succeeds: an authorization error is not a microphone problem. (The
writers filled `error_name` of those cases with NotAllowedError as a placeholder, which the check would never see.)"""


def mic_report(facts: dict, cause: str) -> dict:
    """What the help page's microphone check would send for this case (the browser's answer depends on what is
    really wrong, so the true cause shapes the simulated check; the bot never sees it)."""
    name, message = facts.get("error_name"), str(facts.get("error_message") or "")
    if cause in MIC_WORKS:
        name, message = None, ""
    secure = facts.get("error_name") not in ("TypeError", "SecurityError")
    result = {"ok": name is None, "error": name, "message": message}
    return {
        "secure_context": secure,
        "media_devices": secure,
        "permission": {"blocked": "denied", "allowed": "granted"}.get(str(facts.get("prompt")), "prompt"),
        "default": result,
        "devices": [{"label": "Microphone", **result}],
        "browser": facts.get("browser"),
        "os": facts.get("os"),
    }


def with_error_kind(facts: dict[str, str]) -> dict[str, str]:
    """What the rest of the error message is about, as the user would answer it from what they see (the case's
    code, error name and message; never its cause)."""
    if "error_kind" in facts:
        return facts
    message = facts.get("error_message", "").lower()
    if facts.get("error_code") == "20151" or "auth" in message:
        kind = "auth_error"
    elif facts.get("error_code") in ("31208", "31401") or facts.get("error_name") == "NotAllowedError":
        kind = "permission_denied"
    elif facts.get("error_name") or facts.get("error_code"):
        kind = "mic_failure"
    else:
        return facts
    return {**facts, "error_kind": kind}


@dataclass
class Outcome:
    reached: bool = False
    turns: int = 0
    false_resolution: bool = False
    escalated: bool = False
    first_ok: bool = False
    not_understood: int = 0
    """Replies of "Sorry, I didn't quite get that" (every message of these stories carries something)."""
    path: list[str] = field(default_factory=list)
    """What the bot showed after each user turn (flow/step), for --trace."""


@dataclass
class Simulation:
    webhook: str
    questions: dict[tuple[str, str], str]
    """(flow, step) -> fact, for every question step."""
    question_steps: set[str] = field(default_factory=set)

    def run(self, case: dict, adaptive: bool, with_check: bool, sender: str) -> Outcome:
        facts = with_error_kind({k: str(v) for k, v in (case.get("facts") or {}).items()})
        story = list(case["messages"])
        outcome = Outcome()
        text = story.pop(0)
        metadata = {"mic_check": mic_report(facts, case["cause"])} if with_check else {}
        for turn in range(1, MAX_TURNS + 1):
            replies = post(self.webhook, {"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})})
            metadata = {}
            outcome.not_understood += sum(NOT_UNDERSTOOD in (r.get("text") or "") for r in replies)
            customs = [r["custom"] for r in replies if isinstance(r.get("custom"), dict) and r["custom"].get("kind")]
            last = customs[-1] if customs else None
            outcome.path.append(f"{last.get('step')}[{last.get('cause') or ''}]" if last else "-")
            if turn == 1:
                outcome.first_ok = last is not None and (
                    self._right(case, last) or (last.get("kind") == "question" and last.get("step") in self.question_steps)
                )
            if any(self._right(case, c) for c in customs):
                outcome.reached, outcome.turns = True, turn
                return outcome
            if last is not None and last.get("kind") == "resolved":
                outcome.false_resolution = True
                return outcome
            if last is not None and last.get("kind") == "escalated":
                outcome.escalated = True
                return outcome
            reply = self._adaptive(last, facts, replies) if adaptive else None
            if reply is None:
                if not story:
                    return outcome
                reply = story.pop(0)
            text = reply
        return outcome

    def _right(self, case: dict, custom: dict) -> bool:
        cause = case["cause"]
        if cause in SPECIALIST_ENDINGS:
            return custom.get("kind") == "escalated" and custom.get("step") == SPECIALIST_ENDINGS[cause]
        return custom.get("kind") == "instruction" and custom.get("cause") == cause

    def _adaptive(self, last: dict | None, facts: dict, replies: list[dict]) -> str | None:
        if last is None:
            return None
        if last.get("kind") == "instruction":
            return "/deny"
        if last.get("kind") != "question":
            return None
        fact = self.questions.get((str(last.get("flow")), str(last.get("step"))))
        value = facts.get(fact or "")
        buttons = [b for r in replies for b in r.get("buttons") or []]
        for button in buttons:
            if value is not None and json.dumps({"choice": value}) in button.get("payload", ""):
                return button["payload"]
        return "I'm not sure"


def questions_of(engine) -> dict[tuple[str, str], str]:
    return {(f.id, s.id): s.fact for f in engine.flows.values() for s in f.steps if s.kind == "collect" and s.fact}


UNLIMITED = {
    "BOT_RATE_PER_SENDER": "0",
    "BOT_RATE_PER_ADDRESS": "0",
    "BOT_TICKETS_PER_CONVERSATION": "0",
    "BOT_TICKETS_PER_ADDRESS": "0",
}
"""Hundreds of conversations from one address in a few minutes: the abuse limits are off for the benchmark."""


@contextmanager
def this_commit(model: Path, workdir: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Rasa and the action server of this commit (with `env` added to their environment); yields Rasa's URL."""
    servers = Servers.on_free_ports(model, workdir, env={**UNLIMITED, **(env or {})})
    servers.start()
    try:
        servers.wait_healthy(timeout=240)
        yield servers.rasa_url
    finally:
        servers.stop()


@contextmanager
def baseline(model: Path, workdir: Path) -> Iterator[str]:
    """The fixed-order commit's own servers, started by its own code from its own checkout, on its own model (`model`,
    this commit's, is for `this_commit`)."""
    rasa_port = free_port()
    with older_servers(checkout(BASELINE_COMMIT, "bench-baseline"), rasa_port, free_port(), workdir, {**os.environ, **UNLIMITED}):
        yield f"http://127.0.0.1:{rasa_port}"


def measure(serve, model: Path, cases: list[dict], label: str) -> dict:
    engine = load_engine()
    questions = (set(engine.causes.questions) if engine.causes else set()) | {"ask_error_kind"}
    results: dict[str, dict[str, Outcome]] = defaultdict(dict)
    with tempfile.TemporaryDirectory() as workdir, serve(model, Path(workdir)) as rasa_url:
        sim = Simulation(f"{rasa_url}/webhooks/rest/webhook", questions_of(engine), questions)
        for mode in ("scripted", "adaptive", "scripted+check", "adaptive+check"):
            for case in cases:
                sender = f"{label}-{mode}-{case['id']}-{secrets.token_hex(3)}"
                results[mode][case["id"]] = sim.run(case, mode.startswith("adaptive"), mode.endswith("check"), sender)
    return results


def totals(cases: list[dict], outcomes: dict[str, Outcome]) -> dict[str, float | int | None]:
    """One user mode's numbers over the cases (what the table shows and the results file keeps)."""
    values = [outcomes[c["id"]] for c in cases]
    turns = [o.turns for o in values if o.reached]
    return {
        "cases": len(values),
        "reached": sum(o.reached for o in values),
        "median_turns": statistics.median(turns) if turns else None,
        "mean_turns": round(statistics.mean(turns), 2) if turns else None,
        "first_ok": sum(o.first_ok for o in values),
        "false_resolutions": sum(o.false_resolution for o in values),
        "escalations": sum(o.escalated for o in values),
        "not_understood": sum(o.not_understood for o in values),
    }


def summarise(label: str, cases: list[dict], results: dict[str, dict[str, Outcome]]) -> list[str]:
    lines = [
        f"## {label}",
        "",
        "| user | right fix | median turns | mean turns | first message ok | false resolutions | escalations | not understood |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for mode, outcomes in results.items():
        t = totals(cases, outcomes)
        lines.append(
            f"| {mode} | {t['reached']}/{t['cases']} ({t['reached'] / t['cases']:.0%}) | "
            f"{t['median_turns'] if t['median_turns'] is not None else '-'} | {t['mean_turns'] or 0:.2f} | "
            f"{t['first_ok'] / t['cases']:.0%} | {t['false_resolutions']} | {t['escalations']} | {t['not_understood']} |"
        )
    lines += ["", "Per cause (adaptive / scripted, right fix reached):", ""]
    by_cause: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        by_cause[case["cause"]].append(case)
    for cause, group in sorted(by_cause.items()):
        adaptive = sum(results["adaptive"][c["id"]].reached for c in group)
        scripted = sum(results["scripted"][c["id"]].reached for c in group)
        turns = [results["adaptive"][c["id"]].turns for c in group if results["adaptive"][c["id"]].reached]
        median = statistics.median(turns) if turns else "-"
        lines.append(f"- {cause}: adaptive {adaptive}/{len(group)} (median {median} turns), scripted {scripted}/{len(group)}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--no-baseline", action="store_true", help="skip the fixed-order baseline")
    parser.add_argument("--limit", type=int, default=0, help="only the first N cases (quick checks)")
    parser.add_argument("--trace", action="store_true", help="print each adaptive conversation's steps")
    parser.add_argument("--cases", type=Path, action="append", help="only these case files (default: CASE_FILES, every set)")
    args = parser.parse_args()
    files = tuple(path.resolve() for path in args.cases) if args.cases else CASE_FILES
    model = latest_model("models")
    if model is None:
        print("no trained model: run `make train`", file=sys.stderr)
        return 1
    cases = [c for path in files for c in yaml.safe_load(path.read_text()) if args.split == "all" or c["split"] == args.split]
    cases = cases[: args.limit] if args.limit else cases
    print(f"# Diagnosis benchmark: {len(cases)} {args.split} cases from {', '.join(str(p.relative_to(ROOT)) for p in files)}\n")
    results = measure(this_commit, model, cases, "model")
    print("\n".join(summarise("cause model (this commit)", cases, results)))
    written = {"model": {mode: totals(cases, outcomes) for mode, outcomes in results.items()}}
    if args.trace:
        for case in cases:
            for mode in ("scripted", "scripted+check", "adaptive", "adaptive+check"):
                o = results[mode][case["id"]]
                print(
                    f"{case['id']} {mode:<15} {case['cause']:<22} {'ok ' + str(o.turns) if o.reached else 'FALSE-RESOLVED' if o.false_resolution else 'MISS'} {'first-ok' if o.first_ok else 'first-MISS'}: {' > '.join(o.path)}"
                )
    if not args.no_baseline:
        results = measure(baseline, model, cases, "baseline")
        print()
        print("\n".join(summarise(f"baseline: fixed order ({BASELINE_COMMIT})", cases, results)))
        written["baseline"] = {mode: totals(cases, outcomes) for mode, outcomes in results.items()}
    if not args.limit and not args.cases:  # a quick check is not a result
        path = RESULTS / f"diagnosis_{args.split}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {**stamp(), "split": args.split, "baseline_commit": BASELINE_COMMIT, **written}
        path.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"\nwritten to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
