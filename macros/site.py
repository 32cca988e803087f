"""The site one build renders: the content loaded and checked, the pages its long lists are split into,
and the renderer the macros call. Pure: the MkDocs side is hooks/adapter.py, which builds one `Site` per
build from the settings in mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import loader
from .macro_calls import Page, sources_cited_by
from .paging import PagePlan, plan_lists
from .render import CitedBy, Renderer, page_url

__all__ = ["GeneratedPage", "Site", "load_site"]

_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds to docs/: one part of a split list. Its Markdown is only a macro call, so its
    heading and records come from the renderer, escaped there."""

    src_path: str  # 'timeline/first-war.md'
    title: str  # its entry in the nav
    index_page: str  # the list's own page, which becomes a nav section holding the parts
    markdown: str


@dataclass(frozen=True)
class Site:
    renderer: Renderer | None  # None when the content has errors
    errors: tuple[str, ...]  # file:line:column diagnostics
    warnings: tuple[str, ...]
    plans: Mapping[str, PagePlan] = field(default_factory=dict)  # by list: 'timeline', 'sources', …

    def generated_pages(self) -> list[GeneratedPage]:
        """The part pages of every split list, in nav order; none when everything fits one page."""
        return [
            GeneratedPage(
                part.src_path,
                part.title,
                plan.list.page,
                f"---\ndescription: {plan.list.description}\n---\n\n{{{{ {plan.list.macro}(part={part.key!r}) }}}}\n",
            )
            for plan in self.plans.values()
            for part in plan.parts
        ]

    def nav(self, nav: list) -> list:
        """The nav with each split list's entry turned into a section: its page, then one entry per part."""
        sections: dict[str, list[GeneratedPage]] = {}
        for page in self.generated_pages():
            sections.setdefault(page.index_page, []).append(page)
        return _with_parts(nav, sections) if sections else nav


def _with_parts(nav: list, sections: dict[str, list[GeneratedPage]]) -> list:
    result = []
    for item in nav:
        if isinstance(item, dict):
            ((title, target),) = item.items()
            if isinstance(target, str) and target in sections:
                item = {title: [target, *({page.title: page.src_path} for page in sections[target])]}
            elif isinstance(target, list):
                item = {title: _with_parts(target, sections)}
        result.append(item)
    return result


def load_site(
    content_dir: Path,
    docs_dir: Path,
    *,
    use_directory_urls: bool,
    budgets: Mapping[str, int],
) -> Site:
    """Load and check the content once; with no error, plan the lists' pages and make the renderer.
    `budgets`: records a page for each list of macros/paging.py."""
    result = loader.load_content(content_dir, docs_dir)
    errors = tuple(str(d) for d in result.errors)
    warnings = tuple(str(d) for d in result.warnings)
    if result.content is None or errors:
        return Site(None, errors, warnings)
    content = result.content
    plans = plan_lists(content, budgets)
    prose = _prose_citations(content, result.pages, use_directory_urls, plans)
    renderer = Renderer(content, plans, prose, use_directory_urls=use_directory_urls)
    return Site(renderer, errors, warnings, plans)


def _prose_citations(
    content, pages: Iterable[Page], use_directory_urls: bool, plans: Mapping[str, PagePlan]
) -> dict[str, list]:
    """Source id -> the pages whose macro calls cite it (the calls as the loader read them).
    A timeline() or figures_index() call that links to split pages instead of listing records cites nothing
    (the records' own back-links point to the generated pages)."""

    def cites(call) -> bool:
        if call.name == "figures_index":
            return not plans["figures"].split
        return call.name != "timeline" or plans["timeline"].shows_records(call.argument(0, "era"))

    found: dict[str, list] = {}
    for page in pages:
        ids = [source_id for call in page.calls if cites(call) for source_id in sources_cited_by(content, call)]
        if not ids:
            continue
        # The page's own heading, not page.title: the home page's front matter names it "Overview".
        heading = _H1.search(page.text)
        title = heading.group(1) if heading else page.src_path
        for source_id in dict.fromkeys(ids):
            found.setdefault(source_id, []).append(
                CitedBy(f"Page: {title}", page_url(page.src_path, use_directory_urls))
            )
    return found
