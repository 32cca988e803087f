"""Helpers shared by the tests that build the site and read its HTML: the build (once per test run, shared
by the pytest-xdist workers), one HTML reader and one link checker.

The reader is BeautifulSoup on Python's html.parser. A built page is parsed once per test process
(`read_page` caches it: pages never change after their build), however many checks and links read it.
Attributes keep their text as written (`class` is one string, not a list), and an attribute written twice
keeps its first value, as browsers do.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from macros.loader import load_content_or_raise
from macros.model import Content

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
DATA_PAGES = ("timeline.md", "people.md", "figures.md", "sources.md", "names.md", "about.md")


# ---- building ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltSite:
    name: str
    site_dir: Path
    output: str
    returncode: int
    content: Content
    site_url: str

    def page(self, url: str) -> BeautifulSoup:
        return read_page(self.site_dir / url / "index.html")


def settings() -> dict:
    """The site's settings in mkdocs.yml (extra.explainer): the content folder and the page budgets."""
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["explainer"]


def _config(docs_dir: Path, content_dir: Path, nav_pages: set[str] | None, overrides: dict | None = None) -> dict:
    """The real mkdocs.yml pointed at these docs and content; `overrides` replace settings of extra.explainer."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs_dir)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"].get("custom_dir", "overrides"))
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["extra"]["explainer"].update(content_dir=str(content_dir), **(overrides or {}))
    config["watch"] = []
    if nav_pages is not None:
        config["nav"] = _filter_nav(config["nav"], nav_pages)
    return config


def _filter_nav(nav: list, keep: set[str]) -> list:
    result = []
    for item in nav:
        ((title, target),) = item.items()
        if isinstance(target, list):
            children = _filter_nav(target, keep)
            if children:
                result.append({title: children})
        elif target in keep:
            result.append(item)
    return result


def build_site(
    name: str,
    workdir: Path,
    docs_dir: Path,
    content_dir: Path,
    nav_pages: set[str] | None,
    overrides: dict | None = None,
) -> BuiltSite:
    """`mkdocs build --strict` of these docs and content with the project's mkdocs.yml, into workdir/site;
    nav_pages, when given, keeps only those pages in the nav; `overrides` replace settings of extra.explainer."""
    content = load_content_or_raise(content_dir, docs_dir)
    config = _config(docs_dir, content_dir, nav_pages, overrides)
    config_file = workdir / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site_dir = workdir / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return BuiltSite(
        name,
        site_dir,
        run.stdout + run.stderr,
        run.returncode,
        content,
        config["site_url"],
    )


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that `make` fills once per test run, however many pytest-xdist workers ask for it: the first
    makes it under a lock in the run's temporary folder, which the workers share; the others wait for it and
    use it. If `make` fails, the next to ask tries again (and fails the same way)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # pytest-N/, above each worker's popen-gwK/
    folder = root / f"once-{name}"
    with (root / f"once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


def build_once(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    prepare: Callable[[Path], tuple[Path, Path, set[str] | None]],
    overrides: dict | None = None,
) -> BuiltSite:
    """A site built once per test run (once_per_run): `prepare(workdir)` lays out its sources and returns the
    docs folder, the content folder and the nav pages to keep (None: all); then build_site builds it."""

    def make(workdir: Path) -> None:
        docs_dir, content_dir, nav_pages = prepare(workdir)
        built = build_site(name, workdir, docs_dir, content_dir, nav_pages, overrides)
        record = {
            "docs_dir": str(docs_dir),
            "content_dir": str(content_dir),
            "output": built.output,
            "returncode": built.returncode,
            "site_url": built.site_url,
        }
        (workdir / "build.json").write_text(json.dumps(record), encoding="utf-8")

    workdir = once_per_run(tmp_path_factory, name, make)
    record = json.loads((workdir / "build.json").read_text(encoding="utf-8"))
    content = load_content_or_raise(Path(record["content_dir"]), Path(record["docs_dir"]))
    return BuiltSite(name, workdir / "site", record["output"], record["returncode"], content, record["site_url"])


def real_sources(workdir: Path) -> tuple[Path, Path, None]:
    """For build_once: a snapshot of the real docs and content, so that the build and the checks see the same
    files while editors keep writing."""
    shutil.copytree(ROOT / "docs", workdir / "docs")
    shutil.copytree(ROOT / "content", workdir / "content")
    return workdir / "docs", workdir / "content", None


def build_with_budget(tmp_path_factory: pytest.TempPathFactory, name: str, budgets: dict) -> BuiltSite:
    """The real docs and content, copied and built once per run with page budgets set in extra.explainer
    (tests/test_timeline_split_build.py and tests/test_index_split_build.py)."""
    built = build_once(tmp_path_factory, name, real_sources, budgets)
    assert built.returncode == 0, built.output
    return built


# ---- reading HTML --------------------------------------------------------------------------------------


def parse_html(html: str) -> BeautifulSoup:
    """A page or a fragment of HTML as a tree."""
    return BeautifulSoup(str(html), "html.parser", multi_valued_attributes=None, on_duplicate_attribute="ignore")


@functools.cache
def read_page(path: Path) -> BeautifulSoup:
    """A built page, parsed once per test process. Shared between tests: read it, never change it."""
    return parse_html(path.read_text(encoding="utf-8"))


def find(root: Tag, tag: str | None = None, **attrs: str) -> list[Tag]:
    """The elements below `root` with this tag (any, if None) and exactly these attribute values; `class_`
    stands for `class` and is compared as the whole attribute ("admonition note")."""
    wanted = {key.rstrip("_"): value for key, value in attrs.items()}
    return [el for el in root.find_all(tag or True) if all(el.get(key) == value for key, value in wanted.items())]


def texts(root: Tag) -> Iterator[str]:
    """The text below `root` in document order, without the content of <script> and <style> or comments."""
    for node in root.descendants:
        if type(node) is NavigableString:
            yield node


def text(root: Tag) -> str:
    """The text below `root` with runs of white space made one space, as a reader sees it."""
    return " ".join("".join(texts(root)).split())


def text_after_heading(root: Tag, anchor: str) -> str:
    """Text from the h2 or h3 with this id up to the next heading of the same or a higher level."""
    heading = root.find(["h2", "h3"], id=anchor)
    if not isinstance(heading, Tag):
        raise AssertionError(f"no heading with id {anchor!r}")
    stops = ("h1", "h2") if heading.name == "h2" else ("h1", "h2", "h3")
    chunks = []
    for node in heading.next_elements:  # the heading's own text first
        if isinstance(node, Tag) and node.name in stops:
            break
        if type(node) is NavigableString:
            chunks.append(node)
    return " ".join("".join(chunks).split())


def ids(root: Tag) -> list[str]:
    """Every id below `root` in document order, and the name of every <a name>: what a #fragment can reach."""
    return [el["id"] for el in root.find_all(id=True)] + [el["name"] for el in root.find_all("a", attrs={"name": True})]


@functools.cache
def page_ids(path: Path) -> frozenset[str]:
    """The fragments a built page answers to, read once per process."""
    return frozenset(ids(read_page(path)))


def duplicate_ids(root: Tag) -> list[str]:
    seen: set[str] = set()
    repeated = []
    for el in root.find_all(id=True):
        if el["id"] in seen:
            repeated.append(el["id"])
        seen.add(el["id"])
    return repeated


# ---- links ---------------------------------------------------------------------------------------------


def resolve(site_dir: Path, page_file: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative link points to, or None for another scheme or host."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page_file, unquote(parts.fragment)
    assert not parts.path.startswith("/"), f"{page_file}: absolute link {href!r}"
    target = Path(posixpath.normpath(posixpath.join(page_file.parent.as_posix(), unquote(parts.path))))
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def html_pages(site_dir: Path) -> list[Path]:
    """Every built page but 404.html (whose links are written for wherever it is served)."""
    return [p for p in sorted(site_dir.rglob("*.html")) if p.name != "404.html"]


# Elements whose address attributes load or link something; xlink:href is the locator map's SVG links.
LINKING_TAGS = ("a", "link", "script", "img", "source", "iframe")
ADDRESS_ATTRIBUTES = ("href", "src", "xlink:href")


@dataclass(frozen=True)
class Link:
    page: Path  # the page the link is on
    tag: str
    href: str  # as written
    path: Path  # the file it reaches
    fragment: str  # decoded; '' for none

    def where(self, site_dir: Path) -> str:
        return f"{self.page.relative_to(site_dir)}: {self.href}"


def internal_links(site_dir: Path, pages: Iterable[Path], tags: Iterable[str] = LINKING_TAGS) -> Iterator[Link]:
    """Every address on these pages that stays on the site, resolved to a file and a fragment."""
    tags = list(tags)
    for page_file in pages:
        for el in read_page(page_file).find_all(tags):
            for attribute in ADDRESS_ATTRIBUTES:
                href = el.get(attribute)
                target = resolve(site_dir, page_file, href) if isinstance(href, str) and href else None
                if target is not None:
                    yield Link(page_file, el.name, href, *target)


def broken_links(site_dir: Path, pages: Iterable[Path] | None = None, tags: Iterable[str] = LINKING_TAGS) -> list[str]:
    """The internal links on these pages (default: every page) to a missing file, or to a fragment that no
    element of the target page has; each as 'page: href (no file|no anchor)'."""
    broken = []
    for link in internal_links(site_dir, html_pages(site_dir) if pages is None else pages, tags):
        if not link.path.exists():
            broken.append(f"{link.where(site_dir)} (no file)")
        elif link.fragment and link.path.suffix == ".html" and link.fragment not in page_ids(link.path):
            broken.append(f"{link.where(site_dir)} (no anchor)")
    return broken
