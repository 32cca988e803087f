"""Helpers shared by the tests that read built HTML: one HTML reader and one link checker.

The reader is BeautifulSoup on Python's html.parser. A built page is parsed once per test process
(`read_page` caches it: pages never change after their build), however many checks and links read it.
Attributes keep their text as written (`class` is one string, not a list), and an attribute written twice
keeps its first value, as browsers do.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

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
