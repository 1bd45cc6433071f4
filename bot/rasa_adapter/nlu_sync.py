"""Generate data/lookups.yml (lookup tables and synonyms) from flows/facts.yml.

facts.yml is the single source of what users may call a browser, an OS, an app or a device;
the NLU's RegexEntityExtractor and EntitySynonymMapper get the same words from this file.
"""

from __future__ import annotations

import json

from bot.flows.facts import Vocabulary

HEADER = "# Generated from flows/facts.yml by `bot nlu sync`: edit facts.yml, not this file.\n"


def render_lookups(vocabulary: Vocabulary) -> str:
    """The YAML text of data/lookups.yml (deterministic, so a check can compare it)."""
    lines = [HEADER.rstrip("\n"), 'version: "3.1"', "nlu:"]
    for fact in vocabulary.entity_facts():
        phrases = sorted({p for v in fact.values.values() for p in (v.value.lower(), *v.synonyms) if v.value != "other"})
        lines.append(f"- lookup: {fact.name}")
        lines.append("  examples: |")
        lines.extend(f"    - {p}" for p in phrases)
    for fact in vocabulary.entity_facts():
        for value in fact.values.values():
            synonyms = sorted({s for s in value.synonyms if s != value.value.lower()})
            if not synonyms:
                continue
            lines.append(f"- synonym: {json.dumps(value.value)}")
            lines.append("  examples: |")
            lines.extend(f"    - {s}" for s in synonyms)
    return "\n".join(lines) + "\n"
