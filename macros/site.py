"""The site one build renders: the content loaded and checked, the pages its long lists are split into,
and the renderer the macros call. Pure: the MkDocs side is hooks/adapter.py, which builds one `Site` per
build from the settings in mkdocs.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from . import loader
from .index_split import IndexPlan, plan_indexes
from .render import CitedBy, Renderer, SitePages, macro_calls, page_url, sources_cited_by
from .timeline_split import INDEX_PAGE as TIMELINE_PAGE
from .timeline_split import TimelinePlan, plan_timeline

__all__ = ["GeneratedPage", "Site", "load_site"]

_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)

# The description (meta) of each generated page, by the list it is part of.
DESCRIPTIONS = {
    "timeline": "Part of the timeline, oldest event first, each event with its sources.",
    "sources": "Part of the bibliography: sources with where they were read and every place the site cites them.",
    "people": "Part of the index of people and institutions, with their roles and the events they took part in.",
    "figures": "Part of the figures: every number with who gave it, when, and how it changed.",
}


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
    timeline_plan: TimelinePlan | None = None
    index_plans: Mapping[str, IndexPlan] = field(default_factory=dict)

    def generated_pages(self) -> list[GeneratedPage]:
        """The part pages of every split list, in nav order; none when everything fits one page."""
        pages = []
        plan = self.timeline_plan
        if plan is not None and plan.split:
            pages += [_generated(p.src_path, p.title, TIMELINE_PAGE, "timeline", f"timeline(part={p.key!r})") for p in plan.parts]
        for kind, index_plan in self.index_plans.items():
            if index_plan.split:
                pages += [
                    _generated(p.src_path, p.title, index_plan.index_page, kind, f"{kind}_index(part={p.key!r})")
                    for p in index_plan.parts
                ]
        return pages

    def nav(self, nav: list) -> list:
        """The nav with each split list's entry turned into a section: its page, then one entry per part."""
        sections: dict[str, list[GeneratedPage]] = {}
        for page in self.generated_pages():
            sections.setdefault(page.index_page, []).append(page)
        return _with_parts(nav, sections) if sections else nav


def _generated(src_path: str, title: str, index_page: str, kind: str, call: str) -> GeneratedPage:
    return GeneratedPage(src_path, title, index_page, f"---\ndescription: {DESCRIPTIONS[kind]}\n---\n\n{{{{ {call} }}}}\n")


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
    timeline_budget: int,
    index_budgets: Mapping[str, int],
) -> Site:
    """Load and check the content once; with no error, plan the lists' pages and make the renderer."""
    result = loader.load_content(content_dir, docs_dir)
    errors = tuple(str(d) for d in result.errors)
    warnings = tuple(str(d) for d in result.warnings)
    if result.content is None or errors:
        return Site(None, errors, warnings)
    content = result.content
    plan = plan_timeline(content.eras, content.events_by_date, timeline_budget)
    index_plans = plan_indexes(content, index_budgets)
    pages = SitePages(
        use_directory_urls=use_directory_urls,
        event_pages=plan.event_pages,
        record_pages={kind: index_plan.record_pages for kind, index_plan in index_plans.items()},
    )
    prose = _prose_citations(content, docs_dir, use_directory_urls, plan, index_plans)
    renderer = Renderer(content, pages, prose, timeline_plan=plan, index_plans=index_plans)
    return Site(renderer, errors, warnings, plan, index_plans)


def _prose_citations(content, docs_dir: Path, use_directory_urls: bool, plan, index_plans) -> dict[str, list]:
    """Source id -> the pages whose macro calls cite it (read from the page sources once per load).
    A timeline() or figures_index() call that links to split pages instead of listing records cites nothing
    (the records' own back-links point to the generated pages)."""

    def cites(call) -> bool:
        if call.name == "figures_index":
            return not index_plans["figures"].split
        return call.name != "timeline" or plan.shows_events(call.argument(0, "era"))

    found: dict[str, list] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        ids = [source_id for call in macro_calls(text) if cites(call) for source_id in sources_cited_by(content, call)]
        if not ids:
            continue
        src_path = path.relative_to(docs_dir).as_posix()
        heading = _H1.search(text)
        title = heading.group(1) if heading else src_path
        for source_id in dict.fromkeys(ids):
            found.setdefault(source_id, []).append(CitedBy(f"Page: {title}", page_url(src_path, use_directory_urls)))
    return found
