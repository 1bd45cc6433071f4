"""Reading what people say about a fix and about their own tools, beyond what the NLU's intent tells.

"yes I allowed it but still nothing" is classified `affirm`, but it reports a failure; "that did it, calls go
through" confirms a fix without a yes-word. A message counts as "fixed" only if it says the problem is gone.
Patterns run on `plain_words` (bounded length, apostrophes dropped), so none can backtrack badly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.flows.facts import MAX_SCANNED, plain_words
from bot.flows.model import FIXED, NOT_FIXED
from bot.glossary import forms, is_unspaced, with_glosses

FOREIGN_FAILURE = "|".join(re.escape(form) for form in forms("not working"))
FOREIGN_MICROPHONE = "|".join(re.escape(form) for form in forms("microphone"))
"""Other languages' words for "not working" and "microphone", from the glossary the knowledge search uses."""


NEGATION = r"(nicht|nie|niet|не|no|nao|não|pas|plus|non|mehr)\b"
"""After a foreign "it works": "jetzt geht es nicht mehr" is the opposite."""


def _as_written(words: Iterable[str]) -> list[str]:
    """Forms as `plain_words` writes the text they are matched in (lower case, punctuation to spaces)."""
    return [plain_words(word).strip() for word in words]


def _foreign(gloss: str, unless_followed_by: str = "") -> re.Pattern[str]:
    """One gloss's forms as a pattern: whole words in Latin and Cyrillic, anywhere in Chinese, Japanese, Korean and Thai
    (written without spaces: "もう直りました")."""
    written = _as_written(forms(gloss))
    spaced = [re.escape(form) for form in written if not is_unspaced(form)]
    unspaced = [re.escape(form) for form in written if is_unspaced(form)]
    after = f"(?! {unless_followed_by})" if unless_followed_by else ""
    # Spaces, not \b: `plain_words` puts one around every word, and a word may end in a vowel sign ("नहीं").
    return re.compile(rf"(?<= )({'|'.join(spaced)})(?= ){after}|{'|'.join(unspaced)}")


FOREIGN_GONE = _foreign("works now", unless_followed_by=NEGATION)
FOREIGN_BROKEN = _foreign("not working")
FOREIGN_SAME = _foreign("same problem")
FOREIGN_UNCHANGED = _foreign("nothing changes")
"""At a fix, in the languages people write in: "ya funciona" is fixed; "sigue igual", "同じです" and "нічого не міняється"
are not."""
PAST = r"(\w+ )?(before|until|for (days|weeks|months|years|ages|a while)|yesterday|last|earlier|at first|once|then|when)\b"
"""After "it worked": the story of how things were ("it worked fine for months, then..."), not the fix working."""
STILL_BROKEN = re.compile(
    r"\b(still|same|unchanged|again|nope|no luck|no change|no difference|didnt (help|work|fix|change|do)|did not (help|work|fix)"
    r"|doesnt work|does not work|not working|isnt working|wont work|not fixed|nothing (changed|happens|happened)"
    r"|fails?|failing|failed|broken|error|31201|31402|31208|31401|cant|cannot|no sound|nobody|no one|doesnt|dont"
    r"|silence|silent|hears? nothing|no audio|no (mic|microphone) at all|stopped working|stops working"
    r"|not ((with|on|in|through) (my|the)|my) (usb |bluetooth |wireless )?(headset|mic|microphone|airpods|earbuds|headphones))\b"
)
"""In other languages: FOREIGN_BROKEN, FOREIGN_SAME and FOREIGN_UNCHANGED (see `_still_broken`)."""
NOT_YET = re.compile(
    r"\b(not (tried|done|tested|checked)( it| that| this)? yet|havent (tried|done|tested|checked)|not yet"
    r"|waiting (for|on)|will (try|test|check)|ill (try|test|check)|going to try|later today|tomorrow)\b"
)
"""The steps are not tried yet ("not tried yet, waiting for a call"): nothing to say about the fix so far."""
GONE = re.compile(
    r"\b(works now|working now|it works(?! (before|in|with|on|fine (in|with|on)|(any|every) other time|other times|otherwise|normally|usually|most of the time))|(that|it|this) worked(?! {PAST})|that did it|did the trick|fixed|solved|sorted|resolved"
    r"|yay|woo+hoo+|hooray|bingo|(rings?|ringing|connects?|connecting|connected|goes through) now|all good|good now"
    r"|calls? (go|goes|went|are going) through|can call now|they can hear me|it hears me|hears me now"
    r"|can hear me|back to normal|perfect now|success|problem gone|no more error|error (is )?gone|thats it"
    r"|seems (to work|to be working|ok|okay|fine|good)|(ok|okay|fine) now|(talking|speaking) (to|with) (us|me|them) now"
    r"|hears? (us|her|him|them) now)\b".replace("{PAST}", PAST)
)
ELSEWHERE_IT_WORKS = re.compile(
    r"\b(if|when|opened|open it|opening it|directly|outside|without|(in|on|with) (chrome|firefox|edge|safari|brave|opera|zoom|teams|skype|discord)"
    r"|in (a|another|the other|a new|a private|an incognito|a guest|guest) "
    r"(tab|window|browser|profile|mode)|on (my|another|a different|the other|that|this|his|her|their|our|a colleagues|my colleagues)"
    r"( \w+){0,2} (phone|laptop|pc|computer|machine|box|desktop|mac|tablet|ipad|iphone|server)"
    r"|(on|at) the( \w+){0,2} itself|(on|with|in|from) (my |the |a |our )?(local|localhost|dev|staging|test)\b"
    r"|(back )?on (v|version )?\d+( \d+)+|(the|an|my) (old|older|previous|earlier) (version|build|release)"
    r"|the (version|build|release) before|(normal|regular|phone|cell|mobile|whatsapp|zoom|teams|skype|discord|other) calls?)\b.{0,120}"
    r"\b((it|that|this|everything) ((seems|seemed|appears) to (work|be working|be fine)|works|worked|is fine|is ok|is okay"
    r"|ok|okay)|all good|works fine|back to normal|(the )?calls? (goes|go|went) through|(i|we) can call)\b"
)
"""Where or when it works ("opened directly in a tab it works", "on my localhost copy it works fine", "back on 4.14.4 it
works", "whatsapp calls go through fine"): evidence about the setup, not about the fix."""
WORKS_ELSEWHERE_AFTER = re.compile(
    r"\b(it|that|this|everything) (works|worked|is fine)( great| fine| perfectly| ok| okay)? (on|in|with|from) (my own|my other"
    r"|my home|my personal|my private|another|a different|the other|his|her|their|a colleagues|my colleagues|other)\b"
    r"|\b(works|worked|is fine|fine|ok|okay) (in|with|on) the (vendor|desktop|native|mobile|phone|official|other|manufacturers)"
    r"( \w+)? (app|application|client|software)\b"
    r"|\b(works|worked|fine|ok|okay) on (days|weekends|mornings|evenings|the days)\b"
)
"""The same, said the other way round ("it works great on my own laptop", "it worked in the vendor app", "seems fine on
days without teams meetings")."""
STATUS_OUTPUT = re.compile(
    r"\b(reports?|returns?|shows?|logs?|prints?|says|registration|registered) (success|successful|successfully)\b"
)
"""A log or a status line that says "success" ("registration reports success"): part of the story, not the fix."""
FOR_SOMEONE_ELSE = re.compile(
    r"\b(works?|working|worked|fine) for (him|her|them|others|other people|everyone( else)?|my (colleague|coworker|friend"
    r"|wife|husband|team|boss)s?)\b|\b(friend|friends|colleague|colleagues|coworker|coworkers|co worker|teammate|others"
    r"|other people|someone else|everyone else)\b.{0,40}\b(it )?(works|worked|is fine)\b"
)
"""It works for somebody else ("a friend says it works for him on pulseaudio"): a clue, not this user's fix."""
WISH = re.compile(
    r"\b(want|wants|wanted|need|needs|needed|like|get|getting|must|please|help|how|trying|try|cant|cannot"
    r"|not|isnt|wasnt|never|until|unless|if|before|hasnt|havent)( it| this| that| them| things| everything)?"
    r"( \w+)? (fixed|solved|sorted|resolved)\b"
)
"""A wish or a condition, not a success: "my manager wants this sorted", "how do I get it fixed", "not resolved"."""
BACK_THEN = re.compile(
    r"\b(before|used to|previously|back then|earlier|in the past|last (week|month|year|night)|on the old|yesterday"
    r"|(this|in the) morning|the other day|(days|weeks|a (day|week|month)) ago)\b"
)
"""A bare "it worked" in a message about earlier times is the story, not the fix ("before the move it worked")."""
BUT_ONLY = re.compile(
    r"\b(but|except|only|although|though|yet|while|as long as|unless|until|(and )?then|at first|for a (while|bit|minute|moment)"
    r"|(right|just|straight) after (i |they |we |you )?(log|login|logging|logged|sign|signing|signed|relog)\w*"
    r"|after that|afterwards|halfway)\b"
)
"""After a success word: "it works, but with the laptop mic", "it works while that tab is open", "it works right
after login" or "all good, then halfway they died" is a qualified or passing success, a clue rather than a fix."""
THANKS = (
    r"( (thank you|thanks|thx|ty|cheers|gracias|danke|merci|obrigado|obrigada|grazie|bedankt|dzieki|dzięki|спасибо|дякую"
    r"|tesekkurler|teşekkürler|ありがとう|谢谢|謝謝|감사합니다|cảm ơn|dakujem|ďakujem|dekuji|děkuji|köszönöm|koszonom|kiitos|tack"
    r"|takk|ευχαριστώ|multumesc|mulțumesc|hvala|благодаря|תודה|ممنون|شكرا|ধন্যবাদ|நன்றி|ขอบคุณ|terima kasih|asante|salamat"
    r"|gràcies|gracies|dhanyavaad|shukriya)( so much| very much| a lot| schön| sehr| mille| sana| banyak)?)?"
)


def _written(words: str) -> str:
    """The "|"-separated words as one alternation, written as `plain_words` writes the text."""
    return "|".join(re.escape(word) for word in _as_written(words.split("|")))


YES_WORDS = (
    "si|sí|ja|jep|oui|ouais|sim|да|так|tak|evet|はい|うん|是|是的|对|對|네|예|응|có|vâng|ναι|igen|kyllä|joo|haan|हाँ|हां|áno|ano"
    "|ndiyo|ndio|oo|opo|iya|da|نعم|آره|بله|כן|হ্যাঁ|ஆம்|ใช่"
)
NOT_LEADING = {"si", "так", "是", "jep", "oo"}
"""Yes-words that often start a sentence without meaning yes: Russian "так" ("so"), Chinese "是" ("is"); "jep" and
"oo" count only as a whole reply, and "si" leads only when no French subject follows ("si je..." is "if")."""
FOREIGN_YES = _written(YES_WORDS)
FOREIGN_NO = _written(
    "nein|nee|na|non|não|nao|nie|нет|ні|hayır|hayir|いいえ|不是|没有|沒有|아니요|아뇨|không|nej|nei|ei|όχι|nahi|नहीं|ne"
    "|hapana|hindi|tidak|gak|nggak|لا|نه|לא|না|இல்லை|ไม่"
)
"""A bare yes or no in the languages people write in ("sí", "nein", "はい")."""
BARE_YES = re.compile(
    r"^ (yes|yeah|yep|yup|ya|yes please|correct|affirmative|yes it does|yes it is|y|works|working|works now|it works|all good"
    rf"|{FOREIGN_YES}"
    rf"|perfect|great|excellent|yay|hooray|bingo|fixed|solved|sorted|that did it){THANKS} $"
)
"""A bare yes to "did that fix it?" ("ok" alone only acknowledges the steps: it is asked again)."""
PLAIN_YES = re.compile(
    rf"^ (yes|yeah|yep|yup|ya|y|correct|affirmative|yes it does|it does|yes it did|it did|{FOREIGN_YES}){THANKS} $"
)
"""A yes to a question (not "ok", which acknowledges as often as it agrees)."""
BARE_NO = re.compile(rf"^ (no|nope|nah|no it doesnt|no it didnt|n|not really|negative|{FOREIGN_NO}) $")
LEADING_YES = re.compile(
    r"^ (yes|yeah|yep|yup|ya|yea|correct|affirmative|si(?! (je|j|tu|il|elle|on|vous|nous|ça|ca)\b)|"
    + _written("|".join(word for word in YES_WORDS.split("|") if word not in NOT_LEADING))
    + r") (?!i think|maybe|not sure|dunno)\w"
)
"""A reply that starts with a yes and goes on ("yes but i put the old one back", "네 다른 데서는 다 잘 돼요"), not a hedged
one (a French "si je..." is an "if")."""
LEADING_NO = re.compile(
    rf"^ (no|nope|nah|not really|{FOREIGN_NO}) (?!idea|clue|sure|problem|luck|worries"
    r"|gravador|computador|celular|navegador|telefone|aplicativo|meu|minha|seu|sua|nosso|nossa|momento|entanto)\w"
)
"""A reply that starts with a no and goes on ("no its just the laptops own mic"); "no idea" is not a no, nor the
Portuguese "no" that means "in the" ("no gravador do chromebook funciona")."""
STATUS = re.compile(
    r"^ (ok|okay|okie|okey|oki|okie dokie|okey dokey|k|alright|all right|got it|sure|cool|roger|hm+|huh|eh|what|pardon|sorry|sorry what|afk|tell me more|more (info|details|detail)|explain"
    r"|ok cool|cool ok|ok great|great|fine|alright then|whatever|meh|perhaps|possibly|obviously|always)( thanks| thank you| please| pls)? $"
    r"|\b((one|a|just a) (sec|second|min|minute|moment)|sec|wait|hold on|brb|let me (check|try|see|look)|checking|trying"
    r"|doing (it|that|this)"
    r"|(cant|cannot|dont|do not|couldnt) (find|see|locate) (it|that|this|them|the \w+)|not there|no such"
    r"|will (try|do|check)|ill (try|do|check)|i did|did (it|that|this)|done|already|tried|still|same|not working|nothing|nope|nah"
    r"|no (change|difference|luck)|unchanged|where (is|are|do i find|can i find|would i find) (it|that|this|them|the \w+( \w+)?)"
    r"|(gonna|going to|about to) (try|check|test|do|look)|kinda|sorta|partly|partially|somewhat|a (bit|little)"
    r"|(dont|do not|didnt) (understand|get it|follow)|confus\w*|lost me"
    r"|idk|no idea|not sure|dont know|maybe|kind of|sort of|sometimes|probably|depends|varies|hard to say|both"
    r"|(its|it is|it s|much|slightly) better( now)?"  # "a bit better", "somewhat better": "a bit" and "somewhat" above
    r"|any ideas?|what now|now what|what next|what should i do|what do i do|not (very |that |too )?techy|(at|from) (home|work|the office) now)\b"
)
"""A short word on how it is going ("one sec", "did that already", "still nothing", "can't find it", "huh?", "any
idea?"): not an answer, not nonsense."""
RIVAL_SOFTPHONES = re.compile(r"\b(zoiper|bria|3cx|ringcentral|linphone|microsip|x lite|jitsi|dialpad|aircall)\b")
WORKS_ELSEWHERE = "mic_elsewhere"
ABOUT_THE_PROBLEM = re.compile(
    r"\b(mic|mics|microphone|headset|headphones|call|calls|calling|browser|error|problem|issue|work|works|worked|working"
    r"|help|helped|sound|hear|hears|audio|voice|settings|app|apps|computer|laptop|pc|mac|phone|reinstall\w*|restart\w*|tried"
    r"|dropdown|device|colleague|page|site|speakers?|volume|input|output|record\w*|callers?|customers?|agents?|dialer|softphone"
    r"|twilio|meeting|tab|popup|prompt|permissions?|allow\w*|block\w*|driver|usb|bluetooth|airpods|earbuds|webcam|camera"
    r"|reboot\w*|updated?|updates|upgraded?|upgrades|install\w*|plugged|unplugged|silent|silence|noise|echo|quiet|mute\w*|icon|talk\w*"
    r"|happen\w*|sometimes|every time|intermittent\w*|random\w*|refresh\w*|reload\w*|port|toggle|setting|switch\w*"
    r"|sdk|version|console|logs?|code|readme|env|config\w*|setup|set it up|list|lists|listed|card|detect\w*|privacy|security|antivirus"
    r"|https?|ssl|tls|certificates?|cert|domain|localhost|insecure|denied|refused|cache|cookies|cleared|managed|admin"
    r"|administrator|policy|policies|static|crackl\w*|buzz\w*|hiss\w*|dot|light|wireless|dongle|jack|aux|crm|salesforce"
    r"|zendesk|hubspot|freshdesk|zoho|flex|dell|lenovo|hp|asus|acer|surface|thinkpad|macbook|imac|chromebook|m1|m2|m3"
    r"|rdp|vdi|citrix|vmware|horizon|remote|yesterday|suddenly|gr[ae]y\w*|change|changed|changing|5mm|trrs|trs|wvd|avd|rds"
    r"|lock|padlock|address bar|link|whatsapp|telegram|wechat|viber|instagram|facebook|tiktok|snapchat|vpn"
    r"|kernel|firmware|bios|cable|cables|wire|wires|loose|desktop|tray|container|docker|pipewire|pulseaudio|alsa|bluez|wireplumber|linux|ubuntu|fedora|debian|mint"
    rf"|{FOREIGN_MICROPHONE}|{FOREIGN_FAILURE}|funktioniert|funciona"
    # A name with a dotted version ("bluez 5.56", "chrome 120.0.6099" read as "bluez 5 56"): a detail of their setup.
    r"|[a-z][a-z0-9]{2,20} v?\d+ \d+( \d+)*)\b"
)
"""Words about the calling setup or the problem: one of them makes even a one-word reply ("unplugged", "denied",
"citrix") part of the story rather than noise."""


SOUND_QUALITY = re.compile(
    r"\b(quiet|faint|low volume|volume is (very |too |really )?low|barely hear|hard to hear|robotic|robot|muffled"
    r"|far away|distant|tinny|metallic|echo|echoes|echoing|choppy|crackl\w*|static|distorted|garbled|breaking up"
    r"|(cutting|cuts) (in and )?out|(hear|hears|heard) (me|us|him|her|them),? (just |only |but )?(badly|poorly|barely))\b"
)
"""How a voice sounds once the microphone opens: the level or the processing, not the microphone error."""


def sounds_poor_after_fix(words: str) -> bool:
    """ "They can hear me now, but I sound really quiet": a success, then how the voice sounds (`words`: the
    message as `plain_words` gives it, which the readers already have)."""
    return _success(words) is not None and SOUND_QUALITY.search(words) is not None and not _still_broken(words)


def _success(claims: str) -> re.Match[str] | None:
    """Where a message says the problem is gone, in English or in another language ("ya funciona")."""
    return GONE.search(claims) or FOREIGN_GONE.search(claims)


def _still_broken(words: str) -> bool:
    """A message says the problem is still there ("still nothing", "sigue igual", "同じです")."""
    return any(pattern.search(words) for pattern in (STILL_BROKEN, FOREIGN_BROKEN, FOREIGN_SAME, FOREIGN_UNCHANGED))


def fix_outcome(text: str, intent: str | None) -> str | None:
    """FIXED, NOT_FIXED, or None when the message does not say how the fix went."""
    words = plain_words(text)
    if BARE_YES.match(words):
        return FIXED
    if BARE_NO.match(words):
        return NOT_FIXED
    claims = words
    for elsewhere in (STATUS_OUTPUT, ELSEWHERE_IT_WORKS, WORKS_ELSEWHERE_AFTER, FOR_SOMEONE_ELSE, WISH):
        claims = elsewhere.sub(" ", claims)
    success = _success(claims)
    broken, gone = _still_broken(words), success is not None
    if not gone and NOT_YET.search(words):
        return None
    if success is not None and BUT_ONLY.search(claims, success.end()):
        return NOT_FIXED if broken else None  # "it works for a while, then nobody hears me": still broken
    if success is not None and success.group().endswith("worked") and BACK_THEN.search(words):
        return NOT_FIXED if broken else None  # "it worked this morning, now it fails again": the story, and still broken
    if gone and not broken:
        return FIXED
    if broken and intent in ("deny", "affirm", "inform", None, "nlu_fallback", "out_of_scope", "request_human") and not gone:
        return NOT_FIXED
    if intent == "deny" and not gone:
        return NOT_FIXED
    return None  # a yes-word inside a story, or nothing about the fix: evidence, not a confirmation


SETUPS = (
    r"(android|iphone|iphones|ipad|ios|mac|macs|macos|macbook|macbooks|windows|linux|chromebook|chrome|chromium|firefox|safari"
    r"|edge|brave|opera)"
)
OTHERS = (
    r"(colleague|colleagues|coworker|coworkers|co workers|teammate|teammates|friend|friends|others|other people"
    r"|everyone else|the rest of the team)"
)
SOMEONE_ELSES_SETUP = re.compile(
    rf"\b{SETUPS}( \w+)? {OTHERS}\b|\b{OTHERS}( \w+)? (on|with|using|who use|that use|in) (an |a |the |their )?{SETUPS}\b"
)
"""The system or browser of somebody else ("android colleagues don't have it", "friends on a mac"), not the user's.
Customers, users and agents are left out: staff relaying a case describe the people who have the problem."""
ABOUT_SOMEONE_ELSE = ("os", "browser")
ANOTHER_BROWSER = "other_browser"
"""A fact about another browser: the browser the same message names is that one, not the user's."""
ANOTHER_MIC = "said_one_mic_fails"
"""A fact about another microphone that works: the device the same message names is that one, not the user's."""
WIRED_IN_WORDS = re.compile(r"\b(wired|jack|3 5 ?mm|35mm|aux|cable|cord|corded|inline|trrs|headphone jack)\b")
"""What says a headset is on a cable: "headphones" alone (read as wired) does not replace a known Bluetooth or USB one."""
SETUP_THAT_WORKS = re.compile(
    rf"\b{SETUPS}\b( \w+){{0,4}} (works|worked|is fine|is ok|is okay|has no (problem|issue)s?)\b"
    rf"|\b(it|that|this|everything) (works|worked|is fine)( fine| great| perfectly| ok| okay)? (on|in|with|from) (my |the |a )?{SETUPS}\b"
    rf"|\b{SETUPS}\b.{{0,60}}\b(too|as well|either|same problem|same thing)\b"
)
"""A system or browser named as where things work, or fail as well ("my iphone is fine", "it works in firefox",
"firefox does it too", "chromium: same problem"): another device or browser than the one already known."""
NEARBY_DEVICE = re.compile(
    r"\b(iphone|ipad|android|phone|tablet)\b.{0,40}\b(next to|beside|near|close to|on top of)\b( \w+)? (laptop|computer|pc|mac|macbook)"
    r"|\bon both\b|\bcontinuit(y|e|é|à|at|ät)\b|\b(iphone|ipad)\b.{0,12}\b(as|is) (the |my |a )?(default )?(mic|microphone|input|webcam|camera)\b"
)
"""Another device lying near the computer ("my iphone lies next to the laptop", "same apple id on both", an iPhone as
the Mac's microphone through Continuity): not the one the user calls from."""


def keep_known_setup(facts: dict[str, str], known: Mapping[str, str], text: str) -> dict[str, str]:
    """Drop a system or browser other than the one already `known` when the message names it as where things work,
    or fail as well ("my iphone is fine" from a Mac user: the iPhone is somewhere else, the Mac is still theirs); and
    a device named as the other microphone that works, or as "headphones" with nothing about a cable."""
    device_changed = "device" in known and facts.get("device", known["device"]) != known["device"]
    changed = [k for k in ABOUT_SOMEONE_ELSE if k in known and facts.get(k, known[k]) != known[k]]
    if not device_changed and not changed:
        return facts
    words = plain_words(text)
    if device_changed and (facts.get(ANOTHER_MIC) == "yes" or (facts["device"] == "wired" and not WIRED_IN_WORDS.search(words))):
        # "my usb headset works in the same dialer" names another one; "headphones" alone is no jack
        facts = {k: v for k, v in facts.items() if k != "device"}
    if not changed:
        return facts
    if "browser" in changed and ANOTHER_BROWSER in facts:  # "in chrome werkt het gewoon": chrome is the other one
        return {k: v for k, v in facts.items() if k != "browser"}
    if not any(p.search(words) for p in (ELSEWHERE_IT_WORKS, WORKS_ELSEWHERE_AFTER, SETUP_THAT_WORKS, NEARBY_DEVICE)):
        return facts
    return {k: v for k, v in facts.items() if k not in changed}


LIKE_AN_APP = r"(?<!would )(?<!id )(?<!i )(?<!we )\b(like|similar to|tipo|estilo|wie|comme|zoals|jak)\b (a |an |the )?{app}\b"
"""An app named to describe the user's own ("una app tipo discord", "a client like teams"), not a rival running."""


def not_a_rival_app(facts: dict[str, str], text: str) -> dict[str, str]:
    """Drop an "other app" that is not a rival (the user's own softphone, or an app the mic works in), and a system
    or browser that is somebody else's."""
    words = plain_words(text)
    if SOMEONE_ELSES_SETUP.search(words):
        facts = {k: v for k, v in facts.items() if k not in ABOUT_SOMEONE_ELSE}
    app = facts.get("app")
    if app is None:
        return facts
    if re.search(LIKE_AN_APP.format(app=re.escape(app)), words):
        return {k: v for k, v in facts.items() if k != "app"}
    own_softphone = app == "softphone" and not RIVAL_SOFTPHONES.search(words)
    # "works in Zoom" or "doesn't work in Zoom either": Zoom is where the microphone was tested, not a rival.
    works_there = WORKS_ELSEWHERE in facts and app not in ("browser_tab", "none")
    if own_softphone or works_there:
        return {k: v for k, v in facts.items() if k != "app"}
    return facts


LATIN_END = 0x24F
"""The last code point of the Latin scripts (accented letters included)."""
SENTENCE_WORDS = 4
"""Real words (Latin letters with a vowel) that make a sentence about their situation, whatever the words."""
STATEMENT_WORDS = 2
"""Words with a letter that make a sentence when the NLU already read the message as a statement, or when one of
them is a model number."""
MODEL_NUMBER_LETTERS = 12
"""The longest word read as a model number ("1000xm4"); longer mixes of letters and digits are ids or hashes."""
OTHER_SCRIPT_SENTENCE = 6
"""Letters of another script that make a sentence ("最近フリーソフトを入れた": some freeware was installed lately)."""


def tells_about_the_problem(text: str, any_sentence: bool = True, fewest_words: int = 1, statement: bool = False) -> bool:
    """A sentence about their situation (however little we can read from it), not noise or a stray word.
    Without `any_sentence`, only one that names something of the problem (a call, the microphone, an app...).
    Two words make one when one is a model number ("galaxy a52") or a word of the glossary ("sonra hata"), or when
    it is a `statement` (the NLU read it as one: "only then")."""
    words = plain_words(text).split()
    # Four or more real words are a sentence about their situation, whatever words it uses; a word or two about the
    # problem can be one too ("speakers work", "unplugged"). Japanese or Chinese puts no spaces between words, and
    # Cyrillic or Greek words have no Latin vowels: there, a few letters of the script make a sentence.
    if len(words) < fewest_words:
        return False
    if ABOUT_THE_PROBLEM.search(" " + " ".join(words) + " "):
        return True
    if len(words) >= STATEMENT_WORDS and (any(_a_model_number(w) for w in words) or with_glosses(text) != text):
        return True  # "galaxy a52", "win11 23h2": a device or a version; "bahar sab theek": words of the glossary
    if statement:
        real_words = [w for w in words if len(w) <= 15 and any(ch.isalpha() for ch in w)]
    else:
        real_words = [w for w in words if w.isalpha() and len(w) <= 15 and any(v in w for v in "aeiouy")]
    needed = STATEMENT_WORDS if statement else SENTENCE_WORDS
    return any_sentence and (len(real_words) >= needed or _other_script_letters(text) >= OTHER_SCRIPT_SENTENCE)


def _a_model_number(word: str) -> bool:
    """Letters and digits in one short word: "a52", "t14", "23h2", "1000xm4"."""
    return len(word) <= MODEL_NUMBER_LETTERS and any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _other_script_letters(text: str) -> int:
    return sum(ch.isalpha() and ord(ch) > LATIN_END for ch in text[:MAX_SCANNED])
