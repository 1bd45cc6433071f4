"""Read a pasted error message: Twilio code, DOMException name, detail and SDK generation.

The mapping follows the SDK source (see knowledge and ../shared/reference): SDK 1.x reports every
getUserMedia failure that is not a denial as 31201 "Error occurred while accessing microphone: <Name>",
and a denial as 31208; SDK 2.x reports them as 31402 AcquisitionFailedError / 31401 PermissionDeniedError;
31201 from signalling (and 20151 AuthenticationFailed in 2.x, "Authorization error" in the mobile SDKs)
is a token problem, not the microphone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Legacy Chrome names and the standard names they became.
DOM_NAMES = {
    "notreadableerror": "NotReadableError",
    "trackstarterror": "NotReadableError",
    "notallowederror": "NotAllowedError",
    "permissiondeniederror": "NotAllowedError",
    "notfounderror": "NotFoundError",
    "devicesnotfounderror": "NotFoundError",
    "overconstrainederror": "OverconstrainedError",
    "constraintnotsatisfiederror": "OverconstrainedError",
    "aborterror": "AbortError",
    "securityerror": "SecurityError",
    "typeerror": "TypeError",
    "notsupportederror": "NotSupportedError",
    "invalidstateerror": "InvalidStateError",
}
CODES = ("31201", "31208", "31401", "31402", "20151", "53405")

BY_THE_SYSTEM = r"by (the )?(system|operating system|os)\b"
"""Chrome's "Permission denied by system", and the way people retell it ("blocked by the OS")."""
THE_SYSTEM_REFUSED = r"\b(the )?(system|operating system|os) (denied|refused|blocked) (the )?(access|permission|mic|microphone)\b"
"""The same told the other way round ("it pops up that the system denied access")."""

# (pattern, facts it establishes). Checked in order; later patterns never undo earlier ones.
DETAIL_PATTERNS: list[tuple[re.Pattern[str], dict[str, str]]] = [
    (
        re.compile(rf"(denied|blocked) {BY_THE_SYSTEM}|{THE_SYSTEM_REFUSED}", re.I),
        {"error_detail": "denied_by_system", "error_name": "NotAllowedError"},
    ),
    (
        re.compile(r"concurrent mic(rophone)? process limit", re.I),
        {"error_detail": "concurrent_mic_limit", "error_name": "NotReadableError", "browser": "firefox"},
    ),
    (
        re.compile(r"does not currently support opening multiple audio input", re.I),
        {"error_detail": "concurrent_mic_limit", "error_name": "NotSupportedError", "browser": "firefox"},
    ),
    (
        re.compile(
            r"mediaDevices\s+(is\s+)?(undefined|null)|reading\s+'getUserMedia'|mediaDevices\s+(is\s+)?not\s+(defined|available)|getUserMedia is not (supported|a function)|undefined is not an object \(evaluating '?navigator\.mediaDevices"
            # The page's own words for the same ("media devices are only available in secure contexts").
            r"|(available|allowed|supported|works?) only in (a )?secure contexts?|only (available|allowed|supported) in (a )?secure contexts?"
            r"|issecurecontext\W+(is\W+)?false|not a secure context",
            re.I,
        ),
        {"error_detail": "no_media_devices"},
    ),
    (
        re.compile(r"could not start (audio|video) source|failed to allocate audiosource", re.I),
        {"error_detail": "could_not_start", "error_name": "NotReadableError"},
    ),
    # Chrome's wording for NotFoundError when there is no microphone at all (webrtc/samples#1097); a missing
    # exact id gives OverconstrainedError instead.
    (re.compile(r"requested device not found", re.I), {"error_detail": "no_input_devices", "error_name": "NotFoundError"}),
    # The 2.x SDK's setInputDevice() rejecting an id it does not know: InvalidArgumentError "Device not found: <id>".
    (re.compile(r"(?<!requested )device not found:\s*\S+", re.I), {"error_detail": "device_id_missing"}),
    (re.compile(r"the i/o read operation failed", re.I), {"error_name": "NotReadableError"}),
    (re.compile(r"the object can not be found here", re.I), {"error_name": "NotFoundError"}),
    (re.compile(r"constraints could (not be|be not) satisfied", re.I), {"error_name": "OverconstrainedError"}),
    (re.compile(r"not allowed by the user agent or the platform", re.I), {"error_name": "NotAllowedError"}),
    # A refusal in the page's or the person's own words ("microphone access denied"), with no error name to go by.
    (
        re.compile(
            r"\b(mic|microphone|audio|media) (access|permission)s? (was |is |got |has been )?(denied|refused|blocked)\b"
            r"|\b(access|permission) to (the |your |my )?(mic|microphone) (was |is )?(denied|refused|blocked)\b"
            rf"|\bpermission (was )?denied\b(?! {BY_THE_SYSTEM})"
            # The same in the languages our users write in (Spanish, Portuguese, French, German, Italian).
            r"|\b(permiso|acceso) denegado\b|\b(permissão|acesso) negad[oa]\b|\b(permission|accès) refusée?\b"
            r"|\b(zugriff|berechtigung) verweigert\b|\b(autorizzazione|accesso|permesso) negat[oa]\b",
            re.I,
        ),
        {"error_kind": "permission_denied"},
    ),
]
SDK1_MIC = re.compile(r"error occurred while accessing microphone", re.I)
SDK1_DENIED = re.compile(r"user denied access to microphone", re.I)
SDK2_FORMAT = re.compile(
    r"\b(AcquisitionFailedError|PermissionDeniedError|AuthorizationError|AuthenticationFailed)\s*\((\d{5})\)", re.I
)
AUTH = re.compile(
    r"authori[sz]ation error|authenticationfailed|authentication failed|jwt|access ?token (is )?(invalid|expired)", re.I
)
MOBILE = re.compile(r"\b(android|ios) (voice )?sdk\b|voice-quickstart|TVOError|CallException", re.I)
NAME_WORD = re.compile(r"\b([A-Za-z]+Error)\b")
CODE_WORD = re.compile(r"(?<!\d)(" + "|".join(CODES) + r")(?!\d)")


@dataclass
class ParsedError:
    """What a pasted message tells us, as facts (names from flows/facts.yml)."""

    facts: dict[str, str] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return bool(self.facts)

    def get(self, key: str) -> str | None:
        return self.facts.get(key)


def parse_error_text(text: str) -> ParsedError:
    """Facts from a console or SDK error message; empty when the text holds no error."""
    facts: dict[str, str] = {}
    if not text:
        return ParsedError(facts)
    sample = text[:20_000]  # error messages are short; never scan a huge paste in full

    def put(key: str, value: str) -> None:
        facts.setdefault(key, value)

    for pattern, implied in DETAIL_PATTERNS:
        if pattern.search(sample):
            for key, value in implied.items():
                put(key, value)

    sdk2 = SDK2_FORMAT.search(sample)
    if sdk2:
        name, code = sdk2.group(1).lower(), sdk2.group(2)
        put("error_code", code)
        put("sdk", "2.x")
        if name in ("authorizationerror", "authenticationfailed"):
            put("error_kind", "auth_error")
    code = CODE_WORD.search(sample)
    if code:
        put("error_code", code.group(1))
    for word in NAME_WORD.findall(sample):
        standard = DOM_NAMES.get(word.lower())
        # "PermissionDeniedError (31401)" is the 2.x Twilio class, not the legacy Chrome name.
        if standard and not (sdk2 and word.lower() == sdk2.group(1).lower()):
            put("error_name", standard)
            break
    if SDK1_MIC.search(sample):
        put("sdk", "1.x")
        put("error_code", "31201")
    if SDK1_DENIED.search(sample):
        put("sdk", "1.x")
        put("error_code", "31208")
    if MOBILE.search(sample):
        put("sdk", "mobile")
    if AUTH.search(sample) and not SDK1_MIC.search(sample):
        put("error_kind", "auth_error")
    if facts.get("error_code") == "20151":
        put("error_kind", "auth_error")
    if facts.get("error_code") == "31201" and facts.get("sdk") == "mobile":
        put("error_kind", "auth_error")
    _derive_kind(facts)
    return ParsedError(facts)


def _derive_kind(facts: dict[str, str]) -> None:
    """What the error is about, from the most specific evidence."""
    if "error_kind" in facts:
        return
    name, code, detail = facts.get("error_name"), facts.get("error_code"), facts.get("error_detail")
    if code in ("31208", "31401") or (name == "NotAllowedError" and detail != "denied_by_system"):
        facts["error_kind"] = "permission_denied"
    elif name or detail or code in ("31402",) or facts.get("sdk") == "1.x":
        facts["error_kind"] = "mic_failure"
