"""A crawl of the product as each demo user sees it: starting at the home page, follow
every link on the same host, breadth first, and open each page in Chromium.

The `browse` fixture then checks every response the browser saw: no request to another
host, a Content-Security-Policy header on every HTML page, no CSP violation. The crawl
itself asserts that no page it reached fails (status 400 or more, other than a link
the role may see but not open, which must answer 403 or 404 and never 5xx)."""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from tests.demo import seed_or_restore

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Not pages: signing out, Django's admin (a separate product), the API and its schema
# browser (fuzzed elsewhere), the language switch (a POST form) and static files.
SKIP = re.compile(r"^/(logout|admin|api|i18n|static|media)/")
SAME_PATTERN_LIMIT = 3  # /modules/1/, /modules/2/ … are one page to a crawler
LIMIT = 120


def pattern(path: str) -> str:
    return re.sub(r"/[0-9a-zA-Z_-]{16,}/|/\d+/", "/{id}/", path)


def crawl(session) -> dict[str, int]:
    """Status of every page reached from "/" (HTML pages opened in the browser; other
    same-host links, such as PDF or XLSX downloads, fetched with the session's cookies)."""
    statuses: dict[str, int] = {}
    per_pattern: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(statuses) < LIMIT:
        path = queue.popleft()
        if path in statuses:
            continue
        fetched = session.context.request.get(session.base + path, max_redirects=0)
        statuses[path] = fetched.status
        if 300 <= fetched.status < 400:
            hrefs = [urljoin(session.base + path, fetched.headers["location"])]
        elif fetched.status < 300 and fetched.headers.get("content-type", "").startswith(
            "text/html"
        ):
            session.page.goto(session.base + path)
            hrefs = session.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        else:
            continue
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != session.base or SKIP.match(parts.path):
                continue
            key = pattern(parts.path)
            if parts.path not in statuses and per_pattern.get(key, 0) < SAME_PATTERN_LIMIT:
                per_pattern[key] = per_pattern.get(key, 0) + 1
                queue.append(parts.path)
    return statuses


@pytest.mark.parametrize(
    ("username", "at_least"),
    [(None, 1), ("pegawai", 10), ("leader", 12), ("hr", 20), ("admin", 20)],
)
def test_crawl_finds_no_broken_page_and_no_foreign_request(browse, username, at_least, capsys):
    seed_or_restore()  # the world `seed_demo` makes, seeded once per worker
    session = browse(username or "anonymous", width=360 if username == "pegawai" else 1280)
    if username:
        session.login(username)
    statuses = crawl(session)
    failing = {
        path: status
        for path, status in statuses.items()
        if status >= 500 or (status >= 400 and status not in (403, 404))
    }
    assert failing == {}
    opened = [path for path, status in statuses.items() if status < 300]
    assert len(opened) >= at_least, statuses
    with capsys.disabled():
        print(
            f"\ncrawl as {username or 'anonymous'}: {len(statuses)} links, "
            f"{len(opened)} pages opened, {session.traffic.html_responses} HTML responses"
        )
