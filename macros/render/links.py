"""Relative links between built pages, so the site works when served under any sub-path."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote, urlsplit

__all__ = ["page_url", "relative_url", "is_external", "wayback_lookup_url"]


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives a docs file: 'background/first-war.md' -> 'background/first-war/'."""
    stem, ext = posixpath.splitext(src_path)
    if ext != ".md":
        return src_path
    head, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{head}/" if head else ""
    if use_directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


@lru_cache(maxsize=65536)  # called for every link on every page, with few distinct pairs per page
def relative_url(from_page: str, to: str) -> str:
    """A link from the page at site URL `from_page` to site URL `to` (which may carry a '#fragment')."""
    target, hash_, fragment = to.partition("#")
    if target == from_page and hash_:
        return f"#{fragment}"
    base = from_page.rsplit("/", 1)[0] if "/" in from_page else ""
    path = _relpath(target.rstrip("/") or ".", base or ".")
    if target.endswith("/") or target == "":
        path = "./" if path == "." else f"{path}/"
    return path + (f"#{fragment}" if hash_ else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for two site paths, without its os.getcwd() call per link (a profiled cost:
    every note, actor and figure link of every page comes here)."""
    to = [p for p in posixpath.normpath(path).split("/") if p and p != "."]
    base = [p for p in posixpath.normpath(start).split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def wayback_lookup_url(url: str) -> str:
    """The Wayback Machine's list of captures of a page, for sources without an archived copy."""
    return "https://web.archive.org/web/*/" + quote(url, safe=":/?&=%#~+,;@!$'()*")
