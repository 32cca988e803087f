"""Short Markdown from the content files to safe HTML: no raw HTML, a small allow-list, safe links."""

from __future__ import annotations

import html as html_lib
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .links import is_external

__all__ = ["ExternalLinks", "render_markdown", "render_markdown_inline", "plain_text"]

_ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "br", "code"}
# "*": nothing on every tag. Without it nh3 keeps title and lang everywhere, and a link title from
# '[x](url "…")' would reach Material's tooltips, which insert a title into the page as HTML.
_ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href", "rel"}}
_URL_SCHEMES = {"http", "https"}


class _MarkExternal(Treeprocessor):
    """rel="noopener" on links that leave the site: the print style sheet spells out their addresses."""

    def run(self, root):
        for link in root.iter("a"):
            if is_external(link.get("href", "")):
                link.set("rel", "noopener")


class _ExternalLinkRel(_MarkExternal):
    """For content text: as above, and no href at all when it hides whitespace or controls."""

    def run(self, root):
        for link in root.iter("a"):
            # Browsers drop tabs/newlines inside URLs ("java\tscript:" runs); a real URL has none.
            if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in link.get("href", "")):
                del link.attrib["href"]
        super().run(root)


class ExternalLinks(markdown.Extension):
    """The pages' own Markdown marks links that leave the site as the content's links are marked (after
    Material's instant navigation has made every link absolute, the mark is all that tells them apart)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkExternal(md), "external-link-rel", 0)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # Content files may not carry raw HTML: drop the parsers so '<b>' stays text (and is escaped).
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_ExternalLinkRel(md), "external-link-rel", 0)
    return md


def render_markdown(text: str | None) -> Markup:
    """Block Markdown (paragraphs, lists) to sanitised HTML."""
    if not text:
        return Markup("")
    return _render_markdown(text)


# The same summary or definition is shown on several pages (an event on the timeline and its period's
# page, a term's tooltip at every mention): convert each text once per process. Markup is immutable.
@lru_cache(maxsize=16384)
def _render_markdown(text: str) -> Markup:
    md = _converter()
    md.reset()
    html = md.convert(text)
    return Markup(
        nh3.clean(
            html,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=_URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
    )


def render_markdown_inline(text: str | None) -> Markup:
    """One short paragraph without its <p>: for table cells and running text."""
    html = str(render_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def plain_text(text: str | None, limit: int = 240) -> str:
    """Short Markdown as plain text (for a link's tooltip), cut at a word boundary after `limit` characters."""
    words = html_lib.unescape(nh3.clean(str(render_markdown(text)), tags=set())).split()
    result = " ".join(words)
    if len(result) > limit:
        result = result[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return result
