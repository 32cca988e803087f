"""The hostile-content site in Chromium: no payload script runs, no dialog opens, no request leaves the site."""

from __future__ import annotations

import functools
import http.server
import os
import threading

import pytest
from playwright.sync_api import sync_playwright

from tests.test_untrusted import payload_site  # noqa: F401  (shared session fixture: one build)


@pytest.fixture(scope="module")
def served(payload_site):  # noqa: F811
    assert payload_site.returncode == 0, payload_site.output[-3000:]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(payload_site.site_dir))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield payload_site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_payload_runs_no_dialog_no_outside_request(served) -> None:
    site, base = served
    pages = sorted(p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*.html"))
    dialogs: list[str] = []
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=os.environ.get("BROWSER_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        for path in pages:
            page.goto(f"{base}/{path}", wait_until="load")
            assert page.evaluate("window.__pwned === undefined"), path
            for link in page.query_selector_all("a[href]"):
                assert not link.get_attribute("href").strip().lower().startswith(("javascript:", "data:", "vbscript:")), path
        browser.close()
    assert not dialogs, dialogs
    assert not outside, outside
