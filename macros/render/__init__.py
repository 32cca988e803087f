"""Content -> HTML fragments for the site's pages. Pure: no MkDocs here (see hooks/adapter.py)."""

from .citations import CitedBy, PageNotes, SitePages, citation_index
from .format import format_amount, format_number, format_quantity
from .links import page_url, relative_url, wayback_lookup_url
from .markup import ExternalLinks, render_markdown, render_markdown_inline
from .renderer import MACROS, PageContext, Renderer, RenderError, error_admonition

__all__ = [
    "MACROS",
    "ExternalLinks",
    "CitedBy",
    "PageContext",
    "PageNotes",
    "Renderer",
    "RenderError",
    "SitePages",
    "citation_index",
    "error_admonition",
    "format_amount",
    "format_number",
    "format_quantity",
    "page_url",
    "relative_url",
    "render_markdown",
    "render_markdown_inline",
    "wayback_lookup_url",
]
