"""Reproducible builds: two builds of the same sources, in different folders, are byte-identical.

The only dates MkDocs writes (the sitemap's lastmod and the gzip header of sitemap.xml.gz) follow
SOURCE_DATE_EPOCH, which the Makefile sets from the last commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import once_per_run

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Not part of the site's sources: tools, caches and earlier builds.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "site", "node_modules", ".pytest_cache", ".hypothesis", "__pycache__", "shots", ".bench"
)


def last_commit_epoch() -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def build_env(epoch: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    return env


def build_copy(sources: Path, workdir: Path, epoch: str) -> Path:
    """Copy the sources to `workdir` and build them there strictly; return the site folder."""
    shutil.copytree(sources, workdir)
    site = workdir / "site"
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=workdir,
        env=build_env(epoch),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_twice(folder: Path) -> None:
    epoch = last_commit_epoch()
    # One snapshot of the sources, so that edits made meanwhile in the checkout cannot reach one build only.
    snapshot = folder / "snapshot"
    shutil.copytree(ROOT, snapshot, ignore=NOT_SOURCES)
    build_copy(snapshot, folder / "one" / "checkout", epoch)
    build_copy(snapshot, folder / "two" / "elsewhere", epoch)
    (folder / "epoch").write_text(epoch, encoding="utf-8")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    folder = once_per_run(tmp_path_factory, "reproducible", build_twice)  # one pair for all xdist workers
    first, second = folder / "one" / "checkout" / "site", folder / "two" / "elsewhere" / "site"
    return (folder / "epoch").read_text(encoding="utf-8"), tree(first), tree(second)


def test_two_builds_are_byte_identical(two_builds):
    _, first, second = two_builds
    assert "index.html" in first and "sitemap.xml.gz" in first
    assert "data/events.json" in first and "data/claims.csv" in first  # the open data is compared too
    only_one = sorted(set(first) ^ set(second))
    differing = sorted(name for name in set(first) & set(second) if first[name] != second[name])
    assert not only_one and not differing, f"files in one build only: {only_one}; files that differ: {differing}"


def test_the_build_dates_come_from_source_date_epoch(two_builds):
    epoch, first, _ = two_builds
    day = datetime.fromtimestamp(int(epoch), UTC).date()
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", first["sitemap.xml"].decode()))
    assert lastmods == {day.isoformat()}
    # gzip header bytes 4-7: the modification time, little-endian; MkDocs uses the pages' lastmod day.
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert int.from_bytes(first["sitemap.xml.gz"][4:8], "little") == int(midnight.timestamp())


def test_the_makefile_sets_source_date_epoch_from_the_last_commit():
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        ["make", "-s", "--eval", 'print-epoch: ; @echo "$$SOURCE_DATE_EPOCH"', "print-epoch"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == last_commit_epoch()
