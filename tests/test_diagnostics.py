"""The microphone check's report -> facts -> the cause the flow starts with."""

from __future__ import annotations

import pytest

from bot.chat.diagnostics import clean_report, facts_from_report, healthy
from bot.flows.engine import Engine, State

OK = {"ok": True}


def report(**overrides):
    base = {
        "secure_context": True,
        "media_devices": True,
        "permission": "granted",
        "default": OK,
        "devices": [{"label": "USB headset", "ok": True}],
        "level": "sound",
        "browser": "chrome",
        "os": "windows",
    }
    return clean_report({**base, **overrides})


CASES = [
    ("healthy", report(), None),
    (
        "busy everywhere",
        report(
            default={"ok": False, "error": "NotReadableError"}, devices=[{"label": "a", "ok": False, "error": "NotReadableError"}]
        ),
        "exclusive_app",
    ),
    (
        "one device fails",
        report(devices=[{"label": "a", "ok": True}, {"label": "b", "ok": False, "error": "NotReadableError"}]),
        "device_changed",
    ),
    ("denied", report(default={"ok": False, "error": "NotAllowedError", "message": "Permission denied"}), "browser_site_setting"),
    (
        "denied by system",
        report(default={"ok": False, "error": "NotAllowedError", "message": "Permission denied by system"}),
        "os_privacy",
    ),
    # No microphone at all: a broken device, or a remote desktop or an extension that hides it. Whether it works in
    # other apps tells those apart, so that is asked before the hardware steps.
    ("no devices", report(default={"ok": False, "error": "NotFoundError"}, devices=[]), "ask_mic_elsewhere"),
    # Firefox lists device ids only after a capture worked: busy, with an empty list, is still busy.
    (
        "busy in firefox",
        report(default={"ok": False, "error": "NotReadableError"}, devices=[], browser="firefox"),
        "exclusive_app",
    ),
    ("insecure page", report(secure_context=False, media_devices=False), "insecure_context"),
    ("stale saved device", report(saved_device={"ok": False, "error": "OverconstrainedError"}), "device_changed"),
]


@pytest.mark.parametrize("name,data,cause", CASES, ids=[c[0] for c in CASES])
def test_report_routes_to_the_matching_cause(engine: Engine, name, data, cause):
    facts = {k: v for k, v in facts_from_report(data).items()}
    assert healthy(data) == (cause is None)
    state = State(facts=facts)
    first = engine.start(state)[-1]
    if cause is not None:  # the cause the first fix addresses, or the question asked first
        assert cause in (first.cause, first.step), first


@pytest.mark.parametrize("raw", [None, "x", [], 3])
def test_a_report_that_is_not_an_object_is_dropped(raw):
    assert clean_report(raw) is None


def test_malformed_fields_are_dropped_and_long_text_is_cut():
    assert clean_report({"devices": "nope"})["devices"] == []
    cleaned = clean_report({"devices": [1, {"label": "<b>" * 500}]})
    [device] = cleaned["devices"]  # the number is not a device
    assert device["label"] == ("<b>" * 500)[:80] and device["ok"] is False
