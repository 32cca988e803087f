"""Where the footer's "Content last changed" date comes from (hooks/content_date.py): the newest commit that
changed content/ or the pages' text in docs/ (not its assets); outside git, SOURCE_DATE_EPOCH; else none."""

from __future__ import annotations

import datetime
import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("content_date", ROOT / "hooks" / "content_date.py")
content_date = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(content_date)


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
    }
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def test_the_newest_change_to_the_records_or_the_pages_text_not_to_the_assets(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "content").mkdir()
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    git(tmp_path, "init", "-q")
    (tmp_path / "content" / "events.yaml").write_text("a\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "records", date="2026-03-01T10:00:00+00:00")
    (tmp_path / "docs" / "index.md").write_text("# Hi\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "a page", date="2026-04-02T10:00:00+00:00")
    (tmp_path / "docs" / "assets" / "site.css").write_text("a {}\n")
    (tmp_path / "Makefile").write_text("x:\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "style and tools", date="2026-05-03T10:00:00+00:00")
    assert content_date.content_date(tmp_path / "docs", tmp_path / "content") == datetime.date(2026, 4, 2)


def test_outside_git_the_build_date_or_none(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764590400")  # 2025-12-01T12:00:00Z
    assert content_date.content_date(tmp_path / "docs", tmp_path / "content") == datetime.date(2025, 12, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert content_date.content_date(tmp_path / "docs", tmp_path / "content") is None


def test_this_checkout_gives_the_date_git_gives():
    expected = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "content", "docs", ":(exclude)docs/assets"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if expected:  # an archive of the sources has no history
        assert content_date.content_date(ROOT / "docs", ROOT / "content").isoformat() == expected
