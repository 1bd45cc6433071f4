"""Leave one writer's set out: the honest dev measure of bench/diagnosis.py.

The story leaning (flows/cause_stories.yml) is made from every dev case's messages, so bench/diagnosis.py on the dev
split is partly in-sample. Here each case file is replayed against servers whose stories were made from all the
*other* files (a copy of flows/ with its own cause_stories.yml, served through BOT_FLOWS_DIR), so every case is
answered by a model that never read it. The readings (flows/facts.yml, bot/) are still the ones tuned on the dev
sets; only a new set's first run, before anything is read from it, measures those on unseen text.

    python bench/folds.py --out var/folds/now                 # every set, two folds at a time (about 40 min)
    python bench/folds.py --out var/folds/x --only dev27      # one set (a quick look)
    python bench/folds.py --compare var/folds/before var/folds/now [--verbose]

Each fold writes <out>/<set>.json (one outcome per case and user mode); the summary is printed and written to
<out>/summary.md. --compare prints the cases whose outcome changed between two runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.diagnosis import CASE_FILES, Outcome, measure, this_commit, totals  # noqa: E402
from bench.stories import current_settings, dev_cases, render  # noqa: E402
from bot.app.serve import latest_model  # noqa: E402

MODES = ("scripted", "adaptive", "scripted+check", "adaptive+check")


def set_name(path: Path) -> str:
    return path.stem.removeprefix("diagnosis_cases_").removeprefix("diagnosis_cases") or "dev1"


def fold(held: Path, model: Path, out: Path) -> Path:
    """Replay `held`'s dev cases against servers whose stories leave `held` out; write and return <out>/<set>.json."""
    cases = dev_cases([held])
    with tempfile.TemporaryDirectory(prefix=f"fold-{set_name(held)}-") as scratch:
        flows = Path(scratch) / "flows"
        shutil.copytree(ROOT / "flows", flows)
        (flows / "cause_stories.yml").write_text(render(dev_cases(f for f in CASE_FILES if f != held), current_settings()))
        results = measure(partial(this_commit, env={"BOT_FLOWS_DIR": str(flows)}), model, cases, f"fold-{set_name(held)}")
    path = out / f"{set_name(held)}.json"
    payload = {
        "set": set_name(held),
        "causes": {c["id"]: c["cause"] for c in cases},
        "results": {mode: {case: asdict(o) for case, o in outcomes.items()} for mode, outcomes in results.items()},
    }
    path.write_text(json.dumps(payload, indent=1))
    print(f"{set_name(held)}: {sum(o.reached for o in results['scripted'].values())}/{len(cases)} scripted", flush=True)
    return path


def load_run(directory: Path) -> dict[str, dict[str, Outcome]]:
    """mode -> case id -> outcome, over every fold file of a run."""
    run: dict[str, dict[str, Outcome]] = {mode: {} for mode in MODES}
    for path in sorted(directory.glob("*.json")):
        for mode, outcomes in json.loads(path.read_text())["results"].items():
            run[mode].update({case: Outcome(**o) for case, o in outcomes.items()})
    return run


def summary(directory: Path) -> str:
    run = load_run(directory)
    lines = [
        f"# Leave one set out: {directory}",
        "",
        "| user | cases | right fix | first reply ok | median turns | mean turns | false resolutions | not understood |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for mode, outcomes in run.items():
        t = totals([{"id": case} for case in outcomes], outcomes)
        n = t["cases"] or 1
        lines.append(
            f"| {mode} | {t['cases']} | {t['reached'] / n:.1%} | {t['first_ok'] / n:.1%} | "
            f"{t['median_turns'] if t['median_turns'] is not None else '-'} | {t['mean_turns'] or 0:.2f} | "
            f"{t['false_resolutions']} | {t['not_understood']} |"
        )
    return "\n".join(lines) + "\n"


def compare(before: Path, after: Path, verbose: bool) -> None:
    """The cases whose outcome changed, per mode (reached, first reply), with the paths when --verbose."""
    old, new = load_run(before), load_run(after)
    for mode in MODES:
        common = sorted(set(old[mode]) & set(new[mode]))
        for label, key in (("right fix", "reached"), ("first reply", "first_ok")):
            gained = [c for c in common if getattr(new[mode][c], key) and not getattr(old[mode][c], key)]
            lost = [c for c in common if getattr(old[mode][c], key) and not getattr(new[mode][c], key)]
            if not gained and not lost:
                continue
            print(f"{mode} {label}: +{len(gained)} -{len(lost)} (of {len(common)} cases in both)")
            for sign, ids in (("+", gained), ("-", lost)):
                for case in ids:
                    path = f": {' > '.join(old[mode][case].path)}  =>  {' > '.join(new[mode][case].path)}" if verbose else ""
                    print(f"  {sign} {case}{path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="the run's folder (one JSON per set, and summary.md)")
    parser.add_argument("--only", action="append", default=[], help="only this set (dev1 for diagnosis_cases.yml, dev2, …)")
    parser.add_argument("--workers", type=int, default=2, help="folds served at the same time (each a Rasa + action server)")
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="the cases that changed between two runs"
    )
    parser.add_argument("--verbose", action="store_true", help="with --compare: each changed case's path before and after")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare, args.verbose)
        return 0
    if args.out is None:
        parser.error("--out is required (or --compare)")
    model = latest_model("models")
    if model is None:
        print("no trained model: run `make train`", file=sys.stderr)
        return 1
    held = [f for f in CASE_FILES if not args.only or set_name(f) in args.only]
    args.out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, args.workers)) as pool:
        list(pool.map(lambda f: fold(f, model, args.out), held))
    text = summary(args.out)
    (args.out / "summary.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
