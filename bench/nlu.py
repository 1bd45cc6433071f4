"""NLU benchmark: train candidate pipelines on data/, measure them on the held-out set.

Each pipeline is trained NLU-only on data/nlu.yml + data/lookups.yml (copied to a temporary folder, so
data/rules.yml and anything else in data/ never reach it), then every example of
bench/data/nlu_heldout.yml is parsed once. The held-out file is only ever parsed, never trained on.

Pipelines: "light" is config.yml as it is; every bench/pipelines/<name>.yml is another candidate.
By default "light" and "diet" run; `--pipelines all` runs every config found, or name a list.

    .venv/bin/python bench/nlu.py                      # light + diet, table + bench/results/nlu.json
    .venv/bin/python bench/nlu.py --errors             # also list misclassified held-out examples
    .venv/bin/python bench/nlu.py --pipelines light    # a subset (comma-separated), or "all"
    .venv/bin/python bench/nlu.py --heldout bench/data/nlu_dev.yml --pipelines light   # tune on the dev set

Tuning (data, pipelines, thresholds) is done with `--heldout bench/data/nlu_dev.yml`, a dev set written
separately from the training data and never trained on; the real held-out set is only run to report.

Metrics: intent accuracy (a `nlu_fallback` prediction is wrong; "unseen" is the same on the held-out texts
that are not also verbatim training examples), macro-F1 over the gold intents, entity precision/recall/F1 (a
predicted entity is correct when its type and normalised value, compared case-insensitively, match a gold
annotation of the same message), training wall-clock seconds (in-process `train_nlu`, imports excluded,
Rasa's training cache disabled so every run trains from scratch) and median/p95 parse latency per message
after a short warm-up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import io
import json
import logging
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.provenance import stamp  # noqa: E402

CONFIG = ROOT / "config.yml"
DOMAIN = ROOT / "domain.yml"
TRAIN_FILES = (ROOT / "data" / "nlu.yml", ROOT / "data" / "lookups.yml")
HELDOUT = ROOT / "bench" / "data" / "nlu_heldout.yml"
PIPELINES_DIR = ROOT / "bench" / "pipelines"
RESULTS = ROOT / "bench" / "results" / "nlu.json"

TARGET_ACCURACY = 0.95
TARGET_TRAIN_SECONDS = 60.0
WARMUP_TEXTS = ("hello", "my microphone is not working in the browser", "thanks")
DEFAULT_PIPELINES = ("light", "diet")  # `--pipelines all` adds every other bench/pipelines/*.yml


@dataclass
class Example:
    """One held-out message with its gold intent and entities."""

    text: str
    intent: str
    entities: list[tuple[str, str]]
    in_training: bool = False


@dataclass
class Prediction:
    """What a model made of one held-out message."""

    text: str
    gold: str
    predicted: str
    confidence: float
    in_training: bool
    gold_entities: list[tuple[str, str]]
    predicted_entities: list[tuple[str, str]]
    latency_ms: float


@dataclass
class Result:
    """The numbers for one pipeline."""

    pipeline: str
    config: str
    intent_accuracy: float
    intent_accuracy_unseen: float
    intent_macro_f1: float
    entity_precision: float
    entity_recall: float
    entity_f1: float
    train_seconds: float
    load_seconds: float
    parse_ms_median: float
    parse_ms_p95: float
    n_examples: int
    n_misclassified: int
    n_fallback: int
    meets_targets: bool
    misclassified: list[dict[str, Any]] = field(default_factory=list)
    entity_errors: list[dict[str, Any]] = field(default_factory=list)


def quiet() -> None:
    """Silence Rasa, TensorFlow and telemetry before they are imported; keep everything offline."""
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ["LOG_LEVEL_LIBRARIES"] = "ERROR"
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"  # no .rasa/cache reuse: every pipeline trains from scratch
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    import rasa.engine.recipes.default_recipe  # noqa: F401  (imports every component, TensorFlow too)
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.ERROR)
    configure_structlog(logging.ERROR)  # else every parse prints a structlog debug line
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")


def discover_pipelines() -> dict[str, Path]:
    """Return pipeline name -> config file: "light" (config.yml) first, then bench/pipelines/*.yml."""
    pipelines = {"light": CONFIG}
    for path in sorted(PIPELINES_DIR.glob("*.yml")):
        pipelines.setdefault(path.stem, path)
    return pipelines


def norm(value: Any) -> str:
    """Normalise an entity value for comparison: lower case, collapsed whitespace."""
    return " ".join(str(value).lower().split())


def entity_pairs(entities: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(type, normalised value) for each entity; one per span when several extractors found the same one."""
    seen: set[tuple[Any, ...]] = set()
    pairs: list[tuple[str, str]] = []
    for ent in entities:
        pair = (str(ent.get("entity")), norm(ent.get("value")))
        key = (ent.get("start"), ent.get("end"), *pair)
        if key not in seen:
            seen.add(key)
            pairs.append(pair)
    return pairs


def load_heldout(path: Path, train_dir: Path) -> list[Example]:
    """Read the held-out examples with Rasa's own loader, marking those whose text is also a training example."""
    from rasa.shared.nlu.training_data.loading import load_data

    train_texts = {norm(m.get("text")) for m in load_data(str(train_dir)).intent_examples}
    return [
        Example(
            text=m.get("text"),
            intent=m.get("intent"),
            entities=entity_pairs(m.get("entities") or []),
            in_training=norm(m.get("text")) in train_texts,
        )
        for m in load_data(str(path)).intent_examples
    ]


def sha256(path: Path) -> str:
    """Short content hash of a file, so a results file says which data it measured."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def shown(path: Path) -> str:
    """A path relative to the project when it is inside it, else as given."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def train(name: str, config: Path, data_dir: Path, out_dir: Path) -> tuple[Path, float]:
    """Train one NLU-only model; return the archive path and the wall-clock training seconds."""
    from rasa.model_training import train_nlu

    captured = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        model = train_nlu(
            config=str(config),
            nlu_data=str(data_dir),
            output=str(out_dir),
            fixed_model_name=name,
            domain=str(DOMAIN),
        )
    seconds = time.perf_counter() - start
    if not model:
        sys.stderr.write(captured.getvalue())
        raise SystemExit(f"training pipeline {name!r} ({config}) failed")
    return Path(model), seconds


async def parse_all(model: Path, examples: list[Example]) -> tuple[list[Prediction], float]:
    """Load a model, warm it up, parse every example; return predictions and the load seconds."""
    from rasa.core.agent import Agent

    start = time.perf_counter()
    agent = Agent.load(str(model))
    load_seconds = time.perf_counter() - start
    for text in WARMUP_TEXTS:
        await agent.parse_message(text)

    predictions = []
    for ex in examples:
        start = time.perf_counter()
        parsed = await agent.parse_message(ex.text)
        latency_ms = (time.perf_counter() - start) * 1000.0
        intent = parsed.get("intent") or {}
        predictions.append(
            Prediction(
                text=ex.text,
                gold=ex.intent,
                predicted=str(intent.get("name")),
                confidence=float(intent.get("confidence") or 0.0),
                in_training=ex.in_training,
                gold_entities=ex.entities,
                predicted_entities=entity_pairs(parsed.get("entities") or []),
                latency_ms=latency_ms,
            )
        )
    return predictions, load_seconds


def ratio(num: float, den: float) -> float:
    """num / den, or 0.0 when den is 0."""
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall."""
    return ratio(2 * precision * recall, precision + recall)


def macro_f1(predictions: list[Prediction]) -> float:
    """Mean F1 over the gold intents (a fallback prediction only costs recall)."""
    labels = sorted({p.gold for p in predictions})
    scores = []
    for label in labels:
        tp = sum(p.gold == label and p.predicted == label for p in predictions)
        precision = ratio(tp, sum(p.predicted == label for p in predictions))
        recall = ratio(tp, sum(p.gold == label for p in predictions))
        scores.append(f1(precision, recall))
    return statistics.fmean(scores) if scores else 0.0


def entity_scores(predictions: list[Prediction]) -> tuple[float, float, float, list[dict[str, Any]]]:
    """Micro entity precision, recall, F1 and the per-message mismatches."""
    tp = n_pred = n_gold = 0
    errors = []
    for p in predictions:
        gold, pred = Counter(p.gold_entities), Counter(p.predicted_entities)
        hits = sum((gold & pred).values())
        tp += hits
        n_pred += sum(pred.values())
        n_gold += sum(gold.values())
        if gold != pred:
            errors.append(
                {
                    "text": p.text,
                    "missed": sorted((gold - pred).elements()),
                    "spurious": sorted((pred - gold).elements()),
                }
            )
    precision, recall = ratio(tp, n_pred), ratio(tp, n_gold)
    return precision, recall, f1(precision, recall), errors


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of values (pct in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]


def score(name: str, config: Path, predictions: list[Prediction], train_s: float, load_s: float) -> Result:
    """Turn one pipeline's predictions into a Result."""
    from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME

    wrong = [p for p in predictions if p.predicted != p.gold]
    accuracy = ratio(len(predictions) - len(wrong), len(predictions))
    unseen = [p for p in predictions if not p.in_training]
    precision, recall, ent_f1, ent_errors = entity_scores(predictions)
    latencies = [p.latency_ms for p in predictions]
    return Result(
        pipeline=name,
        config=str(config.relative_to(ROOT)),
        intent_accuracy=accuracy,
        intent_accuracy_unseen=ratio(sum(p.predicted == p.gold for p in unseen), len(unseen)),
        intent_macro_f1=macro_f1(predictions),
        entity_precision=precision,
        entity_recall=recall,
        entity_f1=ent_f1,
        train_seconds=train_s,
        load_seconds=load_s,
        parse_ms_median=statistics.median(latencies) if latencies else 0.0,
        parse_ms_p95=percentile(latencies, 95),
        n_examples=len(predictions),
        n_misclassified=len(wrong),
        n_fallback=sum(p.predicted == DEFAULT_NLU_FALLBACK_INTENT_NAME for p in predictions),
        meets_targets=accuracy >= TARGET_ACCURACY and train_s <= TARGET_TRAIN_SECONDS,
        misclassified=[
            {
                "text": p.text,
                "gold": p.gold,
                "predicted": p.predicted,
                "confidence": round(p.confidence, 3),
                "in_training": p.in_training,
            }
            for p in wrong
        ],
        entity_errors=ent_errors,
    )


def run_pipeline(name: str, config: Path, data_dir: Path, out_dir: Path, examples: list[Example]) -> Result:
    """Train, load and evaluate one pipeline."""
    print(f"[{name}] training on {', '.join(p.name for p in TRAIN_FILES)} ({config.relative_to(ROOT)}) ...", flush=True)
    model, train_s = train(name, config, data_dir, out_dir)
    predictions, load_s = asyncio.run(parse_all(model, examples))
    result = score(name, config, predictions, train_s, load_s)
    print(f"[{name}] trained in {train_s:.1f} s, intent accuracy {result.intent_accuracy:.3f}", flush=True)
    return result


def winner(results: list[Result]) -> Result:
    """Highest intent accuracy among the pipelines that train within the target time (all, if none does);
    ties broken by the shorter training time. A model that cannot be retrained quickly is not a candidate."""
    in_time = [r for r in results if r.train_seconds <= TARGET_TRAIN_SECONDS] or results
    return min(in_time, key=lambda r: (-r.intent_accuracy, r.train_seconds))


def print_table(results: list[Result]) -> None:
    """Print the comparison table."""
    header = (
        f"{'pipeline':<12} {'intent acc':>10} {'unseen':>6} {'macro-F1':>8} {'ent P':>6} {'ent R':>6} {'ent F1':>6} "
        f"{'train s':>8} {'parse ms p50':>12} {'p95':>6} {'wrong':>7} {'fallback':>8}"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.pipeline:<12} {r.intent_accuracy:>10.3f} {r.intent_accuracy_unseen:>6.3f} {r.intent_macro_f1:>8.3f} {r.entity_precision:>6.3f} "
            f"{r.entity_recall:>6.3f} {r.entity_f1:>6.3f} {r.train_seconds:>8.1f} {r.parse_ms_median:>12.1f} "
            f"{r.parse_ms_p95:>6.1f} {r.n_misclassified:>3}/{r.n_examples:<3} {r.n_fallback:>8}"
        )
    print("unseen = intent accuracy on the held-out examples whose text is not also in the training data")
    print()


def print_verdict(results: list[Result]) -> None:
    """Print the winner and whether each pipeline meets the targets."""
    best = winner(results)
    print(f"targets: intent accuracy >= {TARGET_ACCURACY:.2f} on held-out, training <= {TARGET_TRAIN_SECONDS:.0f} s")
    for r in results:
        acc_ok = "ok" if r.intent_accuracy >= TARGET_ACCURACY else "MISSED"
        time_ok = "ok" if r.train_seconds <= TARGET_TRAIN_SECONDS else "MISSED"
        print(f"  {r.pipeline:<12} accuracy {acc_ok:<6} training time {time_ok:<6} -> {'met' if r.meets_targets else 'not met'}")
    print(
        f"winner: {best.pipeline} (intent accuracy {best.intent_accuracy:.3f}, {best.train_seconds:.1f} s training); "
        f"targets {'met' if best.meets_targets else 'NOT met'}"
    )


def print_errors(results: list[Result]) -> None:
    """List each pipeline's misclassified held-out examples and entity mismatches."""
    for r in results:
        print(f"\n== {r.pipeline}: {r.n_misclassified} misclassified of {r.n_examples}")
        for e in sorted(r.misclassified, key=lambda e: (e["gold"], e["predicted"])):
            seen = " [in training data]" if e["in_training"] else ""
            print(f"  gold={e['gold']:<14} predicted={e['predicted']:<14} ({e['confidence']:.2f})  {e['text']}{seen}")
        confusions = Counter((e["gold"], e["predicted"]) for e in r.misclassified)
        if confusions:
            top = ", ".join(f"{g}->{p} x{n}" for (g, p), n in confusions.most_common(6))
            print(f"  most common confusions: {top}")
        print(f"-- {r.pipeline}: {len(r.entity_errors)} messages with entity mismatches (type, value)")
        for e in r.entity_errors:
            missed = ", ".join(f"{t}={v}" for t, v in e["missed"]) or "-"
            spurious = ", ".join(f"{t}={v}" for t, v in e["spurious"]) or "-"
            print(f"  missed: {missed:<40} spurious: {spurious:<30} {e['text']}")


def write_json(
    results: list[Result], examples: list[Example], hashes: dict[str, str], heldout: Path, path: Path, errors: bool = False
) -> None:
    """Write all numbers to path, and the error lists only with --errors: the results files are committed, and a
    held-out set's wrong answers are not for reading (the counts are kept)."""
    best = winner(results)
    payload = {
        **stamp(),
        "data_sha256": hashes,
        "n_heldout": len(examples),
        "n_heldout_in_training": sum(e.in_training for e in examples),
        "train_data": [str(p.relative_to(ROOT)) for p in TRAIN_FILES],
        "heldout": shown(heldout),
        "targets": {"intent_accuracy": TARGET_ACCURACY, "train_seconds": TARGET_TRAIN_SECONDS},
        "winner": best.pipeline,
        "winner_meets_targets": best.meets_targets,
        "pipelines": {r.pipeline: without_errors(asdict(r)) if not errors else asdict(r) for r in results},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def without_errors(numbers: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in numbers.items() if key not in ("misclassified", "entity_errors")}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified held-out examples per pipeline")
    parser.add_argument(
        "--pipelines",
        help=f"comma-separated pipelines, or 'all' (default: {','.join(DEFAULT_PIPELINES)}; "
        f"available: {','.join(discover_pipelines())})",
    )
    parser.add_argument(
        "--heldout",
        type=Path,
        default=HELDOUT,
        help=f"file to evaluate on (default: {HELDOUT.relative_to(ROOT)}; use bench/data/nlu_dev.yml while tuning)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        help=f"results file (default: {RESULTS.relative_to(ROOT)}, or nlu-<file>.json for another --heldout)",
    )
    args = parser.parse_args(argv)
    args.heldout = args.heldout.resolve()
    if not args.heldout.is_file():
        parser.error(f"--heldout: no such file: {args.heldout}")
    if args.json is None:
        args.json = RESULTS if args.heldout == HELDOUT else RESULTS.with_name(f"nlu-{args.heldout.stem}.json")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    args = parse_args(argv)
    available = discover_pipelines()
    if args.pipelines == "all":
        names = list(available)
    else:
        names = [n.strip() for n in args.pipelines.split(",")] if args.pipelines else list(DEFAULT_PIPELINES)
    unknown = [n for n in names if n not in available]
    if unknown:
        raise SystemExit(f"unknown pipeline(s): {', '.join(unknown)}; available: {', '.join(available)}")

    quiet()
    results = []
    with tempfile.TemporaryDirectory(prefix="nlu-bench-") as tmp:
        data_dir = Path(tmp, "data")
        data_dir.mkdir()
        for path in TRAIN_FILES:
            shutil.copy(path, data_dir / path.name)
        hashes = {shown(p): sha256(p) for p in (*TRAIN_FILES, args.heldout)}
        examples = load_heldout(args.heldout, data_dir)
        overlap = sum(e.in_training for e in examples)
        print(f"held-out: {len(examples)} examples, {len({e.intent for e in examples})} intents ({shown(args.heldout)})")
        print(f"data: {', '.join(f'{k} {v}' for k, v in hashes.items())}")
        if overlap:
            print(f"warning: {overlap} held-out texts also appear verbatim in the training data (see 'unseen')")
        for name in names:
            results.append(run_pipeline(name, available[name], data_dir, Path(tmp, "models"), examples))

    print_table(results)
    print_verdict(results)
    if args.errors:
        print_errors(results)
    write_json(results, examples, hashes, args.heldout, args.json, errors=args.errors)
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
