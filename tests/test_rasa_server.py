"""bot/rasa_server.py: action-server responses are checked by a validator built once, with Rasa's
own verdicts and error message."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_server import cache_action_response_validation

pytestmark = pytest.mark.slow  # imports Rasa's action module and with it TensorFlow: 10 s for two checks

VALID = {
    "events": [{"event": "slot", "timestamp": None, "name": "flow_state", "value": {"step": "close_apps"}}],
    "responses": [{"text": "Close the apps", "buttons": [{"title": "Yes", "payload": "/affirm"}]}],
}


def test_valid_responses_pass_and_invalid_ones_fail_with_rasas_message():
    cache_action_response_validation()
    action = RemoteAction("action_troubleshoot", EndpointConfig("http://127.0.0.1:1/webhook"))
    assert getattr(RemoteAction._validate_action_result, "cached_validator", False)
    assert action._validate_action_result(VALID) is True
    assert action._validate_action_result({"events": [], "responses": []}) is True
    for invalid in ({"events": [{"timestamp": None}]}, {"events": "not a list"}, {"responses": [1]}):
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(invalid)


def test_applying_twice_keeps_one_layer():
    cache_action_response_validation()
    first = RemoteAction._validate_action_result
    cache_action_response_validation()
    assert RemoteAction._validate_action_result is first
