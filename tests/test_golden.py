"""A golden test: a small site (the fixture content and pages in tests/fixtures/site, the list pages in
tests/fixtures/golden/docs) is built, and what the site's own code produced, every page's Markdown after
the macros and the open data, must equal the committed tree in tests/fixtures/golden/expected byte for
byte. The timeline and the sources are split, so the part pages are covered too.

When a change to the output is intended: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
rewrites the expected tree; review its diff like any other change."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.build  # the test runs `mkdocs build` itself, through no build fixture

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures"
EXPECTED = FIXTURE / "golden" / "expected"
SETTINGS = {"timeline_page_events": 1, "index_page_records": {"sources": 2, "people": 100, "figures": 100}}


def build(workdir: Path) -> Path:
    """Build the golden site in `workdir`; return the tree to compare (pages/ and data/)."""
    docs = workdir / "docs"
    shutil.copytree(FIXTURE / "site" / "docs", docs)
    shutil.copytree(FIXTURE / "golden" / "docs", docs, dirs_exist_ok=True)
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": "Golden",
        "site_url": "https://example.org/golden/",
        "docs_dir": str(docs),
        "theme": {"name": "material", "custom_dir": str(ROOT / real["theme"]["custom_dir"]), "font": False},
        "plugins": real["plugins"],
        "hooks": [str(ROOT / hook) for hook in real["hooks"]] + [str(ROOT / "tests" / "golden_dump.py")],
        "markdown_extensions": real["markdown_extensions"],
        "extra": {"explainer": {"content_dir": str(FIXTURE / "site" / "content"), **SETTINGS}},
    }
    config_file = workdir / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dump = workdir / "dump"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config_file),
            "-d",
            str(workdir / "site"),
        ],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", GOLDEN_DUMP=str(dump)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    data = workdir / "site" / "data"
    shutil.copytree(data, dump / "data", ignore=shutil.ignore_patterns("schemas"))  # schemas are copied as they are
    return dump


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_golden_site_is_built_byte_for_byte_as_committed(tmp_path):
    built = build(tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(built, EXPECTED)
    got, expected = tree(built), tree(EXPECTED)
    assert sorted(got) == sorted(expected), "files added or missing (UPDATE_GOLDEN=1 to accept)"
    for name in sorted(got):
        if got[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode("utf-8", "replace").splitlines(),
                got[name].decode("utf-8", "replace").splitlines(),
                f"expected/{name}",
                f"built/{name}",
                lineterm="",
                n=2,
            )
            raise AssertionError("\n".join(list(diff)[:60]) + "\n(UPDATE_GOLDEN=1 to accept an intended change)")
