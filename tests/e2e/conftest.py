"""Browser journeys: Playwright (sync API) driving Debian's Chromium against `live_server`.

Every page a journey opens goes through one recording context, so the tests can assert
afterwards that the browser never spoke to another host, that every HTML response carried a
Content-Security-Policy header and that the browser reported no CSP violation.
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio loop in this thread; Django would otherwise refuse
# ORM calls made by the test body (fixtures, question bank look-ups).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PASSWORD = "demo12345"  # tests.factories.UserFactory


def pytest_collection_modifyitems(config, items):
    """Skip (not fail) the browser tests where no Chromium or Playwright is installed."""
    try:
        import playwright  # noqa: F401

        missing = not Path(CHROMIUM).exists()
    except ImportError:
        missing = True
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"needs Playwright and {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Screenshots go under pytest's temporary directory, never into the repository."""
    path = tmp_path_factory.mktemp("e2e-screenshots")
    print(f"\nE2E screenshots: {path}")
    return path


@dataclass
class Traffic:
    """What the browser asked for and got, across every page of one test."""

    origin: str
    requests: list[str] = field(default_factory=list)
    html_without_csp: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    html_responses: int = 0

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about")
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != self.origin
        ]

    def assert_clean(self) -> None:
        assert self.requests, "the browser made no requests at all"
        assert self.html_responses, "no HTML page was seen"
        assert self.foreign() == [], f"requests to other hosts: {self.foreign()}"
        assert self.html_without_csp == [], f"HTML without CSP: {self.html_without_csp}"
        assert self.csp_violations == [], f"CSP violations: {self.csp_violations}"


@dataclass
class Browse:
    """A logged-in (or anonymous) browser session against the live server."""

    base: str
    context: object
    page: object
    traffic: Traffic
    shots: Path
    name: str

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 400, (path, response and response.status)
        return response

    def shot(self, label: str) -> Path:
        target = self.shots / f"{self.name}_{label}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target

    def login(self, username: str) -> None:
        self.go("/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        with self.page.expect_navigation():
            self.page.click("form button[type=submit]")
        assert "/login/" not in self.page.url, f"login failed for {username}"


def _record(context, traffic: Traffic) -> None:
    def on_response(response) -> None:
        content_type = response.headers.get("content-type", "")
        if content_type.startswith("text/html"):
            traffic.html_responses += 1
            if "content-security-policy" not in response.headers:
                traffic.html_without_csp.append(response.url)

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            traffic.csp_violations.append(message.text)

    context.on("request", lambda request: traffic.requests.append(request.url))
    context.on("response", on_response)
    context.on("console", on_console)


@pytest.fixture
def browse(browser, live_server, shots, request):
    """`browse(name, width=1280)` opens a fresh recording context; all are checked at the
    end of the test (no other host, CSP on every HTML response, no CSP violation)."""
    opened: list[Browse] = []

    def make(name: str, width: int = 1280, bypass_csp: bool = False) -> Browse:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            accept_downloads=True,
            bypass_csp=bypass_csp,
            locale="id-ID",
        )
        traffic = Traffic(origin=live_server.url)
        _record(context, traffic)
        session = Browse(
            base=live_server.url,
            context=context,
            page=context.new_page(),
            traffic=traffic,
            shots=shots,
            name=f"{request.node.name}_{name}",
        )
        opened.append(session)
        return session

    yield make
    for session in opened:
        session.context.close()
    for session in opened:
        session.traffic.assert_clean()


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return the serious and critical violations."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.fixture
def downloads(tmp_path) -> Path:
    path = tmp_path / "downloads"
    path.mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)
