"""Forward compatibility: ProperDocs (the community fork of MkDocs 1.x) builds this Material + macros
site from the same mkdocs.yml, strictly, with every page and the full timeline."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import once_per_run

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "site", "node_modules", ".pytest_cache", ".hypothesis", "__pycache__", "shots", ".bench"
)


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may use `!!python/name:` or `!ENV` tags; only the nav matters here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_pages(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return []


def html_path(md_path: str) -> str:
    stem = md_path[: -len(".md")]
    return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"


def build(folder: Path) -> None:
    sources = folder / "sources"
    shutil.copytree(ROOT, sources, ignore=NOT_SOURCES)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(folder / "site")],
        cwd=sources,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ProperDocs" in result.stderr or "properdocs" in result.stderr.lower()


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    return once_per_run(tmp_path_factory, "properdocs", build) / "site"  # one build for all xdist workers


def test_every_page_in_the_nav_is_built(properdocs_site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    pages = nav_pages(config["nav"])
    assert "index.md" in pages and "timeline.md" in pages
    missing = [page for page in pages if not (properdocs_site / html_path(page)).is_file()]
    assert missing == []
    generator = re.search(r'<meta name="generator" content="([^"]+)"', (properdocs_site / "index.html").read_text())
    assert generator and "ProperDocs" in generator.group(1)


def test_the_timeline_has_every_era_and_event(properdocs_site):
    html = (properdocs_site / "timeline" / "index.html").read_text(encoding="utf-8")
    content = {
        name: yaml.safe_load((ROOT / "content" / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("eras", "events")
    }
    assert html.count('class="nk-timeline"') == len(content["eras"])
    shown = set(re.findall(r'<details class="nk-event" id="([^"]+)"', html))
    assert shown == {event["id"] for event in content["events"]}
    # Material's theme and the macros both ran: navigation, search and rendered macros, no raw Jinja.
    assert 'class="md-nav' in html and "{{" not in html
    assert (properdocs_site / "search" / "search_index.json").is_file()
