"""Everything Rasa-facing: the custom action and its server, the REST channel, the tracker and lock stores, the
intent classifier, the Rasa launcher and its per-turn patches, the NLU lookups generated from the facts."""
