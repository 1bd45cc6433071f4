"""bot/rasa_adapter/json_codec.py: ujson where it can, Python's json where it cannot, the same values either way."""

from __future__ import annotations

import json

import pytest

from bot.rasa_adapter.json_codec import dumps, loads

EVENT = {
    "event": "user",
    "timestamp": 1733000000.123456,
    "text": "Teams is open on my Windows laptop in Chrome and every call fails — still “no mic” / 31201",
    "parse_data": {"intent": {"name": "inform", "confidence": 0.9364}, "entities": [], "intent_ranking": []},
    "metadata": {"client_tag": "a1b2", "mic_check": {"devices": [{"ok": False, "label": None}]}},
    "input_channel": None,
}


def test_events_read_back_as_python_json_reads_them():
    text = dumps(EVENT)
    assert loads(text) == json.loads(text) == EVENT == loads(json.dumps(EVENT))
    assert text.isascii() and "\\/" not in text  # escaped as json escapes: plain ASCII, slashes as they are


def test_what_ujson_refuses_goes_through_python_json():
    assert loads('{"text": "\\ud800 half a pair"}') == {"text": "\ud800 half a pair"}  # json reads it, ujson does not
    assert loads(dumps({"text": "\ud800"})) == {"text": "\ud800"}
    with pytest.raises(TypeError):
        dumps({"when": object()})
    with pytest.raises(json.JSONDecodeError):
        loads('{"not": json')
