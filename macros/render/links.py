"""Relative links between built pages, so the site works when served under any sub-path. The URLs are
MkDocs' own (File.url, get_relative_url): the one place the package uses MkDocs code."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

__all__ = ["page_url", "relative_url", "is_external", "wayback_lookup_url"]


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives a docs file, as a page's `url` reads:
    'background/first-war.md' -> 'background/first-war/', 'index.md' -> ''."""
    url = File(src_path, None, "", use_directory_urls).url
    return "" if url in (".", "./") else url


def relative_url(from_page: str, to: str) -> str:
    """A link from the page at site URL `from_page` to site URL `to` (which may carry a '#fragment'), as
    MkDocs computes relative URLs; a link within the page is only its fragment."""
    target, hash_, fragment = to.partition("#")
    if target == from_page and hash_:
        return f"#{fragment}"
    return get_relative_url(target or "./", from_page) + (f"#{fragment}" if hash_ else "")


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def wayback_lookup_url(url: str) -> str:
    """The Wayback Machine's list of captures of a page, for sources without an archived copy."""
    return "https://web.archive.org/web/*/" + quote(url, safe=":/?&=%#~+,;@!$'()*")
