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


def log_in(page: Page, base: str, path: str, token: str) -> None:
    """Open a console `path` without a token: the console sends us to the login page, which sends us back."""
    page.goto(base + path)
    expect(page).to_have_url(f"{base}/staff/login?next={path.split('?')[0]}")
    page.fill("#token", token)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(base + path.split("?")[0])
