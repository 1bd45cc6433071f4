"""The story leaning (bot/flows/stories.py over flows/cause_stories.yml): words people use for a cause raise it,
and so does what they mean in other words, within bounds; a broken stories file is reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.flows.diagnosis import Observations, plan, posterior
from bot.flows.engine import Engine, State
from bot.flows.stories import MEANING_KEY, train
from tests.conftest import broken_flows_findings

TINY = [
    ("os_privacy", "the privacy settings in windows had microphone access switched off"),
    ("os_privacy", "mac system settings privacy list, chrome was not ticked"),
    ("exclusive_app", "teams was still running in the tray and holding the headset"),
    ("exclusive_app", "zoom had the headset, closing zoom fixed it"),
    ("hardware_driver", "the headset is dead in every app, even the sound recorder"),
    ("hardware_driver", "no app hears the headset, the driver shows a yellow mark"),
]


def test_the_words_of_a_cause_raise_it_and_lower_the_others():
    stories = train(TINY, weight=1.0, most=100, least=0.01, meaning=0)
    ratios = stories.ratios(stories.hear("I think the privacy settings block it"))
    assert max(ratios, key=ratios.__getitem__) == "os_privacy"
    assert ratios["os_privacy"] > 1 > ratios["exclusive_app"]


def test_a_leaning_stays_within_its_bounds():
    stories = train(TINY, weight=1.0, most=2.0, least=0.5, meaning=0)
    heard = stories.hear("privacy settings privacy settings windows mac privacy list switched off ticked")
    ratios = stories.ratios({cause: value * 50 for cause, value in heard.items()})
    assert max(ratios.values()) == pytest.approx(2.0)
    assert min(ratios.values()) == pytest.approx(0.5)


def test_words_never_seen_lean_nowhere():
    stories = train(TINY, meaning=0)
    assert stories.hear("qwerty zxcvb") == {}
    assert stories.ratios({}) == {}


@pytest.mark.parametrize(
    "said,cause",
    [
        ("osx security preferences: browser unchecked for mic", "os_privacy"),
        ("microsoft teams keeps my earphones busy", "exclusive_app"),
    ],
)
def test_the_meaning_of_a_story_leans_towards_its_cause_when_its_words_say_nothing(said: str, cause: str):
    words_only, with_meaning = train(TINY, meaning=0), train(TINY, meaning=1.0)
    assert words_only.meaning is None and with_meaning.meaning is not None
    assert words_only.hear(said) == {}  # none of its words is in two stories: naive Bayes hears nothing
    heard = with_meaning.hear(said)
    assert heard and all(key.startswith(MEANING_KEY) for key in heard)
    ratios = with_meaning.ratios(heard)
    assert max(ratios, key=ratios.__getitem__) == cause and ratios[cause] > 1


def test_the_meaning_multiplies_the_words_leaning_within_the_same_bounds():
    stories = train(TINY, weight=1.0, most=2.0, least=0.5, meaning=1.0)
    ratios = stories.ratios({"os_privacy": 50.0, f"{MEANING_KEY}os_privacy": 50.0, f"{MEANING_KEY}exclusive_app": -50.0})
    assert ratios["os_privacy"] == pytest.approx(4.0)  # each reader gives at most 2
    assert ratios["exclusive_app"] == pytest.approx(0.25)
    assert stories.ratios({f"{MEANING_KEY}no_such_cause": 9.0}) == {c: 1.0 for c in stories.causes}


def test_the_leaning_moves_the_posterior_and_is_named_as_a_reason(engine: Engine):
    model = engine.causes
    assert model is not None and model.stories is not None
    state = State()
    engine.hear(state, "since the IT department pushed a new policy the setting is greyed out and locked")
    leaning = engine.leaning(state)
    facts = {"error_code": "31208"}
    assert posterior(model, facts, (), leaning)["managed_policy"] > posterior(model, facts)["managed_policy"]
    strong = {cause: 4.0 if cause == "os_privacy" else 1.0 for cause in model.causes}
    chosen = plan(model, Observations({"error_code": "31208", "prompt": "allowed"}, leaning=strong))
    assert chosen.cause == "os_privacy" and model.stories.why in chosen.reasons


def test_the_first_reply_is_sure_enough_for_a_fix_only_by_the_words_not_by_their_meaning(engine: Engine):
    model = engine.causes
    assert model is not None
    strong = {cause: 16.0 if cause == "os_privacy" else 1.0 for cause in model.causes}
    facts = {"error_code": "31201"}
    assert plan(model, Observations(facts, leaning=strong)).step == "os_privacy"
    cautious = plan(model, Observations(facts, leaning=strong, sure_leaning={}))
    assert cautious.kind == "question" and cautious.cause == "os_privacy"
    state = State()
    engine.hear(state, "osx security preferences: browser unchecked for mic")
    assert any(key.startswith(MEANING_KEY) for key in state.heard)
    assert engine.leaning(state) != engine.leaning(state, meaning=False)


def test_what_was_heard_survives_a_round_trip_and_a_malformed_value_is_dropped(engine: Engine):
    state = State()
    engine.hear(state, "my bluetooth earbuds switch to headset mode and the sound goes bad")
    assert state.heard and State.from_dict(state.to_dict()).heard == state.heard
    broken = {**state.to_dict(), "heard": {"bluetooth_profile": "lots"}}
    assert State.from_dict(broken).heard == {}
    assert State.from_dict({**state.to_dict(), "heard": [1, 2]}).heard == {}


def test_the_stories_file_is_the_dev_split_and_never_the_test_split():
    from bench.diagnosis import CASE_FILES
    from bench.stories import STORIES, current_settings, dev_cases, render

    assert STORIES.read_text() == render(dev_cases(CASE_FILES), current_settings())
    told = {m for messages in yaml.safe_load(STORIES.read_text())["stories"].values() for m in messages}
    cases = [c for path in CASE_FILES for c in yaml.safe_load(path.read_text())]
    said_in_dev = {m for c in cases if c.get("split") == "dev" for m in c["messages"]}
    # Only the test split's own lines: a few short ones ("windows 11") were typed in dev cases as well.
    test_lines = {m for c in cases if c.get("split") == "test" for m in c["messages"]} - said_in_dev
    assert test_lines and not test_lines & told


BROKEN = [
    ("  os_privacy:\n  - ", "  os_privasy:\n  - ", 0, "unknown cause 'os_privasy'"),
    ("  weight: 0.3\n", "  weight: 3\n", 0, "settings.weight must be a number in (0, 1]"),
    ("  meaning: 0.3\n", "  meaning: -1\n", 0, "settings.meaning must be a number in [0, 2]"),
    ("  least: 0.5\n", "  least: lots\n", 0, "settings.least must be a number"),
    ("stories:\n", "extra: 1\nstories:\n", 0, "unknown key 'extra'"),
    ("  os_privacy:\n  - ", "  os_privacy:\n  - ''\n  - ", 1, "os_privacy: a story must be non-empty text"),
    ("  os_privacy:\n  - ", "  os_privacy: none\n  other:\n  - ", 0, "os_privacy: expected a list of messages"),
    ("  why: your", "  why: [your", 1, "YAML syntax"),
    (
        "    never_asked:\n      auth_error: ",
        "    never_asked:\n      auth_errr: ",
        0,
        "stated.prompt.never_asked: expected {cause: positive ratio}",
    ),
    (
        "    never_asked:\n      auth_error: ",
        "    never_asked:\n      auth_error: -1\n      x_: ",
        0,
        "stated.prompt.never_asked",
    ),
    ("stated:\n  prompt:\n", "stated:\n  prompt: 3\n  other:\n", 1, "stated.prompt: expected value -> {cause: ratio}"),
]


@pytest.mark.parametrize("old,new,offset,message", BROKEN, ids=[m[3][:40] for m in BROKEN])
def test_a_broken_stories_file_is_reported_with_file_and_line(tmp_path: Path, old: str, new: str, offset: int, message: str):
    line, findings = broken_flows_findings(tmp_path, "cause_stories.yml", old, new)
    wanted = f"flows/cause_stories.yml:{line + offset}: "
    assert any(f.startswith(wanted) and message in f for f in findings), (wanted, findings)
