"""Headless Chromium for the page tests: Debian's /usr/bin/chromium driven by Playwright (it downloads nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, Playwright, expect

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google's hosts, which this machine's closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium(playwright: Playwright, extra_args: tuple[str, ...] = ()) -> Iterator[Browser]:
    """Playwright allows one sync driver per process, so every browser comes from the session's `playwright`."""
    instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *extra_args])
    try:
        yield instance
    finally:
        instance.close()


@contextmanager
def new_page(browser: Browser) -> Iterator[Page]:
    """A fresh context and page that records alert/confirm dialogs (`page.dialogs`) and script errors
    (`page.errors`), so a test can assert that nothing a user typed ever ran."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    opened.errors = errors  # type: ignore[attr-defined]
    try:
        yield opened
    finally:
        context.close()


def screenshot(page: Page, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)


def log_in(page: Page, base: str, path: str, token: str, name: str = "Sam Staff") -> None:
    """Open a console `path` without a token: the console sends us to the login page, which sends us back."""
    page.goto(base + path)
    expect(page).to_have_url(f"{base}/staff/login?next={path.split('?')[0]}")
    page.fill("#token", token)
    page.fill("#name", name)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base + path.split("?")[0])
    # The URL changes when the navigation commits, before the page's deferred scripts have run: a click
    # that came first would find no handler (CI once saw the Script page ignore one).
    page.wait_for_load_state("load")


AXE = ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
BLOCKING = ("serious", "critical")


def wait_until(page: Page, condition: str, seconds: float = 15.0) -> bool:
    """Poll a JavaScript condition with `evaluate`: the pages' CSP (script-src 'self') forbids the eval that
    `wait_for_function` uses once it has to wait. True when it held before the time ran out."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(condition):
            return True
        page.wait_for_timeout(100)
    return bool(page.evaluate(condition))


def serious_violations(page: Page) -> list[str]:
    """axe-core (from the npm registry, `make axe`) run in the page: its serious and critical violations, each
    as "rule: target, target". The page's CSP allows no inline script, so axe is added by Playwright's isolated
    evaluation of the file's text, not as a script tag."""
    assert AXE.exists(), "axe-core is missing: run `make axe` (make test does)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
             id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))"""
    )
    return [f"{v['id']}: {', '.join(v['targets'])}" for v in found if v["impact"] in BLOCKING]


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the viewport (0: no horizontal scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def look_at(page: Page, name: str) -> dict[str, int]:
    """Screenshots at a phone (390×844, whole page) and a laptop (1366×768, what is above the fold) size, and how
    far each overflows sideways. Leaves the page at the laptop size."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    overflow = {}
    for label, size, whole in (("390x844", PHONE, True), ("1366x768", LAPTOP, False)):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)  # let the layout settle after the resize
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=whole)
        overflow[label] = sideways_overflow(page)
    return overflow
