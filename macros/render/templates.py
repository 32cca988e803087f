"""The Jinja environment every renderer draws its templates (macros/templates/) from: autoescaping, strict
about undefined names, and with a `finalize` that keeps content strings inert inside Markdown pages.

Below the renderers (renderer.py, charts.py, locator_map.py), which all import it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

__all__ = ["TEMPLATES_DIR", "make_environment"]

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

# Characters Python-Markdown would still act on in inline text next to our HTML: written as entities,
# they display the same and mean nothing to Markdown (or to Jinja).
# A line break would end the heading or table row a string sits in and let the rest start its own block
# (plain-text fields are one line): it becomes a space.
_MARKDOWN_SIGNIFICANT = str.maketrans({**{c: f"&#{ord(c)};" for c in "*_`[]{}\\~^|"}, "\n": " ", "\r": " "})


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return Markup(str(escape(value)).translate(_MARKDOWN_SIGNIFICANT))


@lru_cache(maxsize=1)
def make_environment() -> jinja2.Environment:
    """The templates' environment, made once per process: Jinja caches each compiled template in it."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
