"""Browser tests: Python Playwright driving Debian's Chromium (/usr/bin/chromium).

Never `playwright install`: the browser is the system's. Without Chromium the tests are skipped
with a clear line on a developer's machine, and fail in CI (CI=true), where .ci/run installs it.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("BEREDSKAB_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Flags for a headless Chromium on a machine without outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=da-DK",
]

# Playwright's sync API runs an event loop in the test thread; the tests' own database access
# there is synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install it with 'apt-get install chromium'"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI. {message}")
        pytest.skip(f"browser tests skipped. {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, allerod_plan):
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot under test-artifacts/screenshots/ (to look at)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SCREENSHOTS / f"{request.node.name.split('[')[0]}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run 'make setup' (npm installs axe-core)")
    source = AXE.read_text(encoding="utf-8")

    def check(page):
        page.evaluate(source)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return check


@pytest.fixture
def signed_in_page(page, live_server, client):
    """A browser page signed in as staff with the given roles (session from the test client)."""
    from django.conf import settings

    from tests.factories import make_staff, sign_in

    def open_as(*roles, username="browser"):
        user = make_staff(username, *roles)
        sign_in(client, user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return open_as
