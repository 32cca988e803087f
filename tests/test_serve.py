"""`mkdocs serve` shows an edit without a restart: to the content, and to the code in macros/.

The server runs on a free local port in a copy of the project, so the edits never touch the working tree.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from macros import code_reload
from macros.render.format import format_number

ROOT = Path(__file__).resolve().parents[1]
# Everything a build reads; the rest (the virtualenv, git, built sites, npm packages) stays behind.
NOT_COPIED = (
    ".git",
    ".venv",
    "site",
    ".audit",
    ".bench",
    "shots",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
)
TIMEOUT = 90  # seconds for the first build or one rebuild on a loaded 2-core machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {text!r} within {TIMEOUT} s; server log:\n{log.read_text()[-3000:]}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def served_copy(tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*NOT_COPIED))
    port = free_port()
    base_path = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield project, f"http://127.0.0.1:{port}{base_path}", server, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


PROBE = "serve-probe-7f3a"


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def test_serve_shows_content_and_code_edits_without_a_restart(served_copy):
    """Both edits are additions, so the test depends on no sentence of the content or the code: a new event
    (a copy of the last one, so the file stays in date order), and a new definition of the function that
    writes every number."""
    project, base, server, log = served_copy
    timeline, figures = f"{base}timeline/", f"{base}figures/"
    wait_for(timeline, "nk-event", server, log)

    last = yaml.safe_load((project / "content" / "events.yaml").read_text(encoding="utf-8"))[-1]
    probe = {**last, "id": PROBE, "title": f"Added while serving {PROBE}"}
    append(project / "content" / "events.yaml", "\n" + yaml.safe_dump([probe], allow_unicode=True, sort_keys=False))
    wait_for(timeline, f"Added while serving {PROBE}", server, log)

    # Python code of the package: imported once by this process, so only a reload shows the edit.
    assert callable(format_number)  # what the probe redefines
    append(
        project / "macros" / "render" / "format.py",
        f"""

_format_number = format_number


def format_number(value):  # added by tests/test_serve.py
    return "{PROBE} " + _format_number(value)
""",
    )
    wait_for(figures, f"{PROBE} ", server, log)
    assert "reloading the package" in log.read_text()
    assert server.poll() is None, "the server restarted or died instead of rebuilding"


def test_a_stamp_changes_with_any_code_file_and_names_it(tmp_path: Path):
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "renderer.py").write_text("A = 1\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p></p>\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.py").write_text("")
    (tmp_path / "notes.txt").write_text("not code")
    before = code_reload.code_stamp(tmp_path)
    assert [entry[0] for entry in before] == ["render/renderer.py", "templates/page.html"]
    assert code_reload.changed_files(before, code_reload.code_stamp(tmp_path)) == []

    (tmp_path / "render" / "renderer.py").write_text("A = 22\n")  # a different size, whatever the clock
    (tmp_path / "templates" / "page.html").unlink()
    (tmp_path / "new.py").write_text("")
    assert code_reload.changed_files(before, code_reload.code_stamp(tmp_path)) == [
        "new.py",
        "render/renderer.py",
        "templates/page.html",
    ]


def test_forget_package_keeps_other_packages(monkeypatch):
    import types

    for name in ("pkg", "pkg.a", "pkg.a.b", "pkgother", "pkgother.x"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    assert code_reload.forget_package("pkg") == ["pkg", "pkg.a", "pkg.a.b"]
    assert "pkgother" in sys.modules and "pkgother.x" in sys.modules and "pkg.a" not in sys.modules
