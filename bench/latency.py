"""Median reply time through Rasa's REST channel, against an NLU-only baseline in the same run.

Starts the real action server and Rasa (as `make run` does) on free ports with a fresh SQLite
tracker store, plays whole troubleshooting conversations one message at a time, and times every
reply. The baseline is `POST /model/parse` on the same server: the NLU alone, without the
dialogue step, the action server round trip and the tracker store writes.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.provenance import stamp  # noqa: E402
from bot.app.serve import Servers, latest_model  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "latency.json"

CONVERSATION = [
    "hi",
    "my microphone doesn't work in the softphone",
    "no, still failing",
    "chrome",
    "no",
    "windows 11",
    "no it still fails",
    "go back",
    "no",
    "no",
]
ROUNDS = 20
TARGET_MEDIAN_MS = 100.0


def timed_post(url: str, body: dict) -> float:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    model = latest_model("models")
    if model is None:
        print("no trained model: run `make train`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as workdir:
        servers = Servers.on_free_ports(
            model,
            Path(workdir),
            env={"BOT_RATE_PER_SENDER": "0", "BOT_RATE_PER_ADDRESS": "0"},  # 200 messages from one address, fast
        )
        servers.start()
        try:
            servers.wait_healthy(timeout=240)
            webhook = f"{servers.rasa_url}/webhooks/rest/webhook"
            parse = f"{servers.rasa_url}/model/parse?token={servers.token}"
            for text in CONVERSATION[:3]:  # warm up both paths
                timed_post(webhook, {"sender": "warmup", "message": text})
                timed_post(parse, {"text": text})
            replies, baseline = [], []
            for round_number in range(ROUNDS):
                sender = f"bench-{round_number}"
                for text in CONVERSATION:
                    replies.append(timed_post(webhook, {"sender": sender, "message": text}))
                    baseline.append(timed_post(parse, {"text": text}))
        finally:
            servers.stop()
    median, base = statistics.median(replies), statistics.median(baseline)
    print(f"REST replies: {len(replies)} messages in {ROUNDS} conversations")
    print(f"{'path':<34}{'median ms':>10}{'p95 ms':>10}")
    print(f"{'full reply (webhook + action)':<34}{median:>10.1f}{percentile(replies, 0.95):>10.1f}")
    print(f"{'baseline: NLU only (/model/parse)':<34}{base:>10.1f}{percentile(baseline, 0.95):>10.1f}")
    print(f"ratio full/baseline (median): {median / base:.2f}x")
    print(f"target median <= {TARGET_MEDIAN_MS:.0f} ms: {'met' if median <= TARGET_MEDIAN_MS else 'NOT met'}")
    write_results(replies, baseline)
    return 0


def write_results(replies: list[float], baseline: list[float]) -> None:
    """bench/results/latency.json, which docs/benchmarks.md's table is rendered from (bench/report.py)."""
    paths = {"reply": replies, "nlu_only": baseline}
    numbers = {
        name: {
            "messages": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        }
        for name, times in paths.items()
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({**stamp(), "rounds": ROUNDS, "target_median_ms": TARGET_MEDIAN_MS, **numbers}, indent=2) + "\n"
    )
    print(f"written to {RESULTS.relative_to(RESULTS.parent.parent.parent)}")


if __name__ == "__main__":
    raise SystemExit(main())
