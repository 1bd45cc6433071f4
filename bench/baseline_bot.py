"""A bare Rasa bot to compare the project against: same NLU, no custom actions.

Built from the project's own config.yml (same pipeline and policies) and data/nlu.yml + data/lookups.yml,
with a domain of the same intents and entities, one `utter_<intent>` response per intent and one rule
per intent. The only change to config.yml: the core fallback runs Rasa's default fallback action,
since the bare bot has no `action_troubleshoot`. The trained model is cached in bench/results/,
keyed by a hash of everything that goes into it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

from bot.app.paths import ROOT
from bot.app.serve import BIN

CACHE = ROOT / "bench" / "results"
FALLBACK = "nlu_fallback"


def baseline_config() -> str:
    config = (ROOT / "config.yml").read_text(encoding="utf-8")
    return config.replace("core_fallback_action_name: action_troubleshoot", "core_fallback_action_name: action_default_fallback")


def baseline_domain() -> str:
    project = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents = list(project["intents"])
    domain = {
        "version": "3.1",
        "intents": intents,
        "entities": list(project.get("entities") or []),
        "responses": {f"utter_{name}": [{"text": f"(baseline) {name}"}] for name in [*intents, FALLBACK]},
        "session_config": project.get("session_config"),
    }
    return yaml.safe_dump(domain, sort_keys=False)


def baseline_rules() -> str:
    rules = [
        {"rule": name, "steps": [{"intent": name}, {"action": f"utter_{name}"}]}
        for name in [*yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"], FALLBACK]
    ]
    return yaml.safe_dump({"version": "3.1", "rules": rules}, sort_keys=False)


def baseline_files() -> dict[str, str]:
    """Relative path -> content of the bare bot's project."""
    return {
        "config.yml": baseline_config(),
        "domain.yml": baseline_domain(),
        "data/rules.yml": baseline_rules(),
        "data/nlu.yml": (ROOT / "data" / "nlu.yml").read_text(encoding="utf-8"),
        "data/lookups.yml": (ROOT / "data" / "lookups.yml").read_text(encoding="utf-8"),
    }


def baseline_responses() -> set[str]:
    """Every text the bare bot can say."""
    domain = yaml.safe_load(baseline_domain())
    return {variant["text"] for variants in domain["responses"].values() for variant in variants}


def baseline_model() -> Path:
    """The trained bare bot: from the cache when its inputs are unchanged, else trained now."""
    files = baseline_files()
    digest = hashlib.sha256("\0".join(f"{k}\0{v}" for k, v in sorted(files.items())).encode()).hexdigest()[:16]
    model = CACHE / f"baseline-{digest}.tar.gz"
    if model.exists():
        return model
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as project:
        for relative, content in files.items():
            path = Path(project) / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        print("Training the baseline bot (cached afterwards)...", flush=True)
        subprocess.run(
            [str(BIN / "rasa"), "train", "--fixed-model-name", "baseline", "--out", "models", "--quiet"],
            cwd=project,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(Path(project) / "models" / "baseline.tar.gz", model)
    return model
