"""Shared fixtures for the browser tests: the real site, built once per session, served over HTTP on a free
local port, and Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support import BuiltSite

BROWSER_PATH = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Page, scope: str = "document", target_size: bool = True) -> list[dict]:
    """axe-core's violations on the page as it stands, or within the element the selector `scope` picks;
    with the touch-target rule, which Lighthouse runs and axe leaves off by default."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS)
    options = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": target_size}}}
    return page.evaluate(
        "([scope, options]) => axe.run(scope === 'document' ? document : scope, options)", [scope, options]
    )["violations"]


@dataclass(frozen=True)
class ServedSite:
    built: BuiltSite
    base: str  # 'http://127.0.0.1:PORT' (no trailing slash)

    @property
    def site_dir(self) -> Path:
        return self.built.site_dir

    def pages(self) -> list[str]:
        """Every built HTML page as a URL path below the base ('', 'timeline/', '404.html', …)."""
        paths = []
        for html in sorted(self.site_dir.rglob("*.html")):
            rel = html.relative_to(self.site_dir).as_posix()
            paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return paths

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path.lstrip('/')}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # a request after its test would print
        pass


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A quiet static server for `directory` on a free port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def served_site(real_site) -> Iterator[ServedSite]:
    assert real_site.returncode == 0, real_site.output[-3000:]
    server, base = serve_directory(real_site.site_dir)
    yield ServedSite(real_site, base)
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=BROWSER_PATH, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, served_site: ServedSite) -> Iterator[Page]:
    """A fresh page at 1280 px that fails the test on any console error, page error or request to another
    host (those are aborted, so a test never waits on the network)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def route(r):
        if r.request.url.startswith(served_site.base) or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            problems.append(f"request to another host: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    yield page
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def phone(browser: Browser, served_site: ServedSite) -> Iterator[Page]:
    """A 390 px touch phone that fails the test on any page error."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []
