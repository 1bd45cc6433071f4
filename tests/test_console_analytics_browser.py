"""The console's Analytics page in real headless Chromium, against a real `bot web` reading a tracker store of
generated conversations (tests/generated_conversations.py) whose numbers are known. Screenshots go to
var/screenshots/."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Page, expect

from bot.web.console_analytics import DROP_OFF_WORDS
from bot.web.staff_words import cause_title, step_title
from tests.browser import SHOTS, log_in
from tests.chat import web_server
from tests.generated_conversations import Generated, generate, load_spec

pytestmark = pytest.mark.e2e
TOKEN = "analytics-console-token"


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    """`bot web` over conversations generated so that the report's "now" is the real time."""
    spec = load_spec()
    workdir = tmp_path_factory.mktemp("console-analytics")
    generated = generate(workdir, base=time.time() - float(spec["report_at_minutes"]) * 60)
    env = {"BOT_TRACKER_DB": str(generated.tracker_db), "BOT_TICKETS_DB": str(generated.tickets_db), "BOT_STAFF_TOKEN": TOKEN}
    with web_server(env) as base_url:
        yield base_url, generated.spec["expected_report"], started_per_day(generated)


def started_per_day(generated: Generated) -> list[tuple[str, int]]:
    """Conversations per UTC day they started, worked out from the fixture (its day 0 is not midnight here)."""
    days = Counter(
        datetime.fromtimestamp(generated.base + c["start_minutes"] * 60, timezone.utc).date()
        for c in generated.spec["conversations"]
        if not c["expect"].get("page_visit")
    )
    first, last = min(days), max(days)
    span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [(day.isoformat(), days.get(day, 0)) for day in span]


def bar(page: Page, chart: str, label: str):
    return page.locator(f"svg#{chart} g.bar[data-label={json.dumps(label)}]")


def test_without_a_token_the_page_redirects_to_login_and_the_json_is_refused(page: Page, console):
    base, _, _ = console
    page.goto(f"{base}/staff/analytics")
    page.wait_for_url("**/staff/login?next=/staff/analytics")
    expect(page.locator("#token")).to_be_visible()
    reply = page.request.get(f"{base}/staff/api/report")
    assert reply.status == 401 and reply.json() == {"ok": False, "status": 401, "error": "a valid staff token is required"}


def test_charts_show_the_known_numbers(page: Page, console):
    base, expected, days = console
    log_in(page, base, "/staff/analytics", TOKEN)
    expect(page.locator("h1")).to_have_text("Analytics")
    for chart in ("funnel", "over-time", "outcomes", "by-cause", "by-route", "drop-off"):
        expect(page.locator(f"svg#{chart}")).to_be_visible()
    funnel = expected["funnel"]
    expect(bar(page, "funnel", "Conversations")).to_have_attribute("data-value", str(funnel["conversations"]))
    expect(bar(page, "funnel", "Entered the guided check")).to_have_attribute("data-value", str(funnel["entered"]))
    for step, count in funnel["steps"].items():  # bars named in staff words: the step's title, not its id
        expect(bar(page, "funnel", step_title(f"mic_31201/{step}")).locator("text.value")).to_have_text(str(count))
    expect(bar(page, "funnel", "Resolved, confirmed")).to_have_attribute("data-value", str(funnel["resolved"]))
    # Outcomes over time: one stacked column per day the conversations started.
    columns = page.locator("svg#over-time g.bar")
    assert columns.evaluate_all("gs => gs.map(g => [g.dataset.label, +g.dataset.value])") == [list(d) for d in days]
    outcomes = expected["outcomes"]
    expect(bar(page, "outcomes", "resolved, confirmed").locator("text.value")).to_have_text(str(outcomes["resolved_confirmed"]))
    expect(bar(page, "outcomes", "in progress")).to_have_attribute("data-value", str(outcomes["in_progress"]))
    for name, total, _ in expected["by_cause"]:
        expect(bar(page, "by-cause", cause_title(name))).to_have_attribute("data-value", str(total))
    expect(bar(page, "by-route", "pasted error text")).to_have_attribute("data-value", "2")
    expect(bar(page, "by-route", "microphone check")).to_have_attribute("data-value", "1")
    for name, count in expected["drop_off"]:
        expect(bar(page, "drop-off", DROP_OFF_WORDS.get(name) or step_title(name))).to_have_attribute("data-value", str(count))
    # The numbers are there as tables too, and the tooltip names the outcome.
    expect(page.locator("table.numbers").first).to_contain_text("Fix: closing other apps")
    tip = bar(page, "by-cause", cause_title("exclusive_app")).locator("rect.seg-resolved_confirmed title")
    expect(tip).to_have_text(f"{cause_title('exclusive_app')}: 3 resolved, confirmed")
    # Staff words only, and a line under each figure saying what it counts.
    shown = page.locator("main").inner_text()
    assert not [word for word in ("ask_error_kind", "exclusive_app", "(question)", "os_privacy", "mic_31201") if word in shown]
    expect(page.locator("p.caption")).to_have_count(page.locator("svg.chart").count())
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-analytics.png"), full_page=True)


def test_a_question_with_html_is_shown_as_text(page: Page, console):
    base, expected, days = console
    log_in(page, base, "/staff/analytics", TOKEN)
    question = expected["kb_gaps"]["examples"][1][0]
    expect(page.locator("section.analytics table").last).to_contain_text(question)
    page.wait_for_load_state("load")  # every image has loaded or failed: an injected onerror would have run by now
    assert page.locator("main script, main img").count() == 0 and page.dialogs == []  # type: ignore[attr-defined]


def test_since_filter_and_the_json_endpoint(page: Page, console):
    base, expected, days = console
    log_in(page, base, "/staff/analytics", TOKEN)
    since, later = days[1][0], sum(count for _day, count in days[1:])
    page.fill("#since", since)
    page.click("form.filter button")
    page.wait_for_url(f"**/staff/analytics?since={since}")
    expect(page.locator("svg#over-time g.bar")).to_have_count(len(days) - 1)
    expect(bar(page, "funnel", "Conversations")).to_have_attribute("data-value", str(later))
    reply = page.request.get(f"{base}/staff/api/report?since={since}")
    assert reply.ok and reply.json()["report"]["totals"]["conversations"] == later
    bad = page.request.get(f"{base}/staff/api/report?since=yesterday")
    assert bad.status == 400 and bad.json()["error"].startswith("'yesterday' is not a date")
    page.goto(f"{base}/staff/analytics?since=yesterday")
    expect(page.locator(".problem")).to_contain_text("is not a date")
