"""The macros' core: Content + the current page -> HTML fragments, through autoescaping Jinja templates.

Knows nothing of MkDocs. Strings from the content only ever reach a template as data: they are escaped,
never compiled, so a summary containing '{{ 7*7 }}' shows exactly that."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

import jinja2
from markupsafe import Markup, escape

from ..index_split import KIND_TITLES, IndexPlan, index_sections, plan_indexes
from ..model import Actor, Claim, Content, Era, Event, Figure, Place, Source, Term
from ..timeline_split import INDEX_PAGE, TimelinePlan, plan_timeline
from .balance import ORIGINS, PUBLISHER_GROUPS, source_balance
from .citations import CitedBy, PageNotes, SitePages, citation_index
from .facets import tag_label, timeline_filters
from .format import format_quantity
from .links import page_url, relative_url, wayback_lookup_url
from .markup import plain_text, render_markdown, render_markdown_inline

if TYPE_CHECKING:
    from ..charts import ChartKind

__all__ = ["Renderer", "RenderError", "PageContext", "TEMPLATES_DIR", "error_admonition"]

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

STATUS_LABELS = {
    "current": "Current",
    "superseded": "Superseded",
    "disputed": "Disputed",
    "misreport": "Misreport",
}
LANGUAGE_NAMES = {"hy": "Armenian", "az": "Azerbaijani", "ru": "Russian"}
_OPEN_RANGE = re.compile(r",?\s*\d{4}\s*[–-]$")  # "…, 2024–": a title's own note that a period is still going on
_NUMBER_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()

# Characters Python-Markdown would still act on in inline text next to our HTML: written as entities,
# they display the same and mean nothing to Markdown (or to Jinja).
# A line break would end the heading or table row a string sits in and let the rest start its own block
# (plain-text fields are one line): it becomes a space.
_MARKDOWN_SIGNIFICANT = str.maketrans(
    {**{c: f"&#{ord(c)};" for c in "*_`[]{}\\~^|"}, "\n": " ", "\r": " "}
)
# The same characters, to skip the translation for the many values (dates, numbers, names) with none.
_HAS_MARKDOWN_SIGNIFICANT = re.compile("[" + re.escape("".join(map(chr, _MARKDOWN_SIGNIFICANT))) + "]")


class RenderError(ValueError):
    """A page asked for something the content does not have (an unknown id)."""


@dataclass
class PageContext:
    """What a macro needs to know about the page it is called from; reset for every page."""

    src_path: str  # 'background/first-war.md'
    url: str  # site URL of the page: 'background/first-war/'
    notes: PageNotes = field(default_factory=PageNotes)


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    text = str(escape(value))
    return Markup(text.translate(_MARKDOWN_SIGNIFICANT) if _HAS_MARKDOWN_SIGNIFICANT.search(text) else text)


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


class Renderer:
    """Renders records for one build. Built once per content load; `page` arguments carry per-page state."""

    def __init__(
        self,
        content: Content,
        pages: SitePages = SitePages(),
        prose_citations: Mapping[str, Iterable[CitedBy]] | None = None,
        environment: jinja2.Environment | None = None,
        timeline_plan: TimelinePlan | None = None,
        index_plans: Mapping[str, IndexPlan] | None = None,
    ):
        self.content = content
        self.pages = pages
        # which page shows which event; must agree with pages.event_pages (macros/__init__.py builds both)
        self.timeline_plan = timeline_plan or plan_timeline(content.eras, content.events_by_date)
        # which page shows which source, actor, figure; must agree with pages.record_pages
        self.index_plans = dict(index_plans) if index_plans is not None else plan_indexes(content)
        self.env = environment or make_environment()
        self.cited_by = citation_index(content, pages, prose_citations)
        # id -> record per kind, so that a lookup costs the same however large the content grows
        self._records: dict[str, dict[str, object]] = {
            kind: {record.id: record for record in records}
            for kind, records in (
                ("era", content.eras),
                ("event", content.events),
                ("actor", content.actors),
                ("figure", content.figures),
                ("source", content.sources),
                ("place", content.places),
                ("term", content.glossary),
            )
        }
        self._links: dict[tuple, Markup] = {}  # see _link_once
        self._events_by_era: dict[str, list[Event]] = {}
        for event in content.events_by_date:
            self._events_by_era.setdefault(event.era, []).append(event)
        self._events_by_actor: dict[str, list[Event]] = {}
        for event in content.events_by_date:
            for actor_id in event.all_actors:
                self._events_by_actor.setdefault(actor_id, []).append(event)

    # ---- lookups: an unknown id is an error that suggests the nearest one

    def _lookup(self, kind: str, record_id: str):
        by_id = self._records[kind]
        record = by_id.get(record_id) if isinstance(record_id, str) else None
        if record is not None:
            return record
        close = difflib.get_close_matches(str(record_id), list(by_id), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise RenderError(f"unknown {kind} '{record_id}'{hint}")

    def era(self, era_id: str) -> Era:
        return self._lookup("era", era_id)

    def era_label(self, era_id: str) -> str:
        """An era as the timeline's period filter names it; a period still going on says since when, in
        place of an open range its title may end with ("After the exodus, 2024–")."""
        era = self.era(era_id)
        if era.end is not None:
            return era.title
        return f"{_OPEN_RANGE.sub('', era.title)}, since {era.start.human()}"

    def event_record(self, event_id: str) -> Event:
        return self._lookup("event", event_id)

    def actor_record(self, actor_id: str) -> Actor:
        return self._lookup("actor", actor_id)

    def figure_record(self, figure_id: str) -> Figure:
        return self._lookup("figure", figure_id)

    def source_record(self, source_id: str) -> Source:
        return self._lookup("source", source_id)

    def place_record(self, place_id: str) -> Place:
        return self._lookup("place", place_id)

    def term_record(self, term_id: str) -> Term:
        return self._lookup("term", term_id)

    # ---- helpers shared by the templates

    def _render(self, template: str, page: PageContext, **data) -> Markup:
        html = self.env.get_template(template).render(page=page, r=self, **data)
        return Markup(html.strip())

    def link(self, page: PageContext, site_page: str, anchor: str | None = None) -> str:
        return relative_url(page.url, self.pages.url(site_page, anchor))

    def event_link(self, page: PageContext, event_id: str) -> str:
        """A link to the event wherever the timeline shows it (SitePages.event_url)."""
        return relative_url(page.url, self.pages.event_url(event_id))

    def actor_link(self, page: PageContext, actor_id: str) -> str:
        """A link to the actor wherever the people index shows it (SitePages.actor_url)."""
        return relative_url(page.url, self.pages.actor_url(actor_id))

    def figure_link(self, page: PageContext, figure_id: str) -> str:
        return relative_url(page.url, self.pages.figure_url(figure_id))

    def source_link(self, page: PageContext, source_id: str) -> str:
        return relative_url(page.url, self.pages.source_url(source_id))

    def rel(self, page: PageContext, site_url: str) -> str:
        return relative_url(page.url, site_url)

    def page_link(self, page: PageContext, src_path: str) -> str:
        return relative_url(page.url, page_url(src_path, self.pages.use_directory_urls))

    def quantity(self, claim: Claim, figure: Figure) -> str:
        return format_quantity(claim.value, figure.unit)

    @staticmethod
    def tooltip(text: str) -> str:
        """Text for a title attribute, escaped once, by the template: the browser shows it as typed, and so
        does the site's popover (assets/javascripts/notes.js), which reads it and puts it in as text."""
        return text

    tag_label = staticmethod(tag_label)
    markdown = staticmethod(render_markdown)
    plain = staticmethod(plain_text)
    markdown_inline = staticmethod(render_markdown_inline)
    wayback = staticmethod(wayback_lookup_url)
    status_labels = STATUS_LABELS
    language_names = LANGUAGE_NAMES

    # ---- macros: inline

    def cite(self, page: PageContext, *source_ids: str) -> Markup:
        if not source_ids:
            raise RenderError("cite() needs at least one source id")
        sources = [self.source_record(source_id) for source_id in source_ids]
        refs = [page.notes.reference(source.id) for source in sources]
        return self._render("cite.html", page, refs=refs)

    def notes(self, page: PageContext) -> Markup:
        """The page's numbered notes, in Python-Markdown's footnote markup (the note popover, notes.js, reads it)."""
        if not page.notes:
            return Markup("")
        notes = [(number, self.source_record(source_id), ref_ids) for number, source_id, ref_ids in page.notes.notes()]
        return self._render("notes.html", page, notes=notes)

    def note_source(self, page: PageContext, source: Source) -> Markup:
        """A note's text about its source: depends only on the source and the link to its details, the
        same on every page at one depth (the timeline's pages and the background pages cite the same
        sources), so each is rendered once per link (a profiled hot spot at 1,000 events)."""
        href = self.source_link(page, source.id)
        return self._link_once(("note", href, source.id), lambda: self._render("note_source.html", page, source=source, href=href))

    def event(self, page: PageContext, event_id: str, text: str | None = None) -> Markup:
        return self._render("event_link.html", page, event=self.event_record(event_id), text=text)

    def actor(self, page: PageContext, actor_id: str, text: str | None = None) -> Markup:
        return self._link_once(("actor", page.url, actor_id, text), lambda: self._render(
            "actor_link.html", page, actor=self.actor_record(actor_id), text=text))

    def place(self, page: PageContext, place_id: str, native: bool = False) -> Markup:
        return self._link_once(("place", page.url, place_id, native), lambda: self._render(
            "place_link.html", page, place=self.place_record(place_id), native=native))

    def _link_once(self, key: tuple, render) -> Markup:
        """A link depends only on the page's URL and the record: a timeline page names the same actors
        and places in many entries, so each link is rendered once per page (a profiled hot spot)."""
        cached = self._links.get(key)
        if cached is None:
            cached = self._links[key] = render()
        return cached

    def term(self, page: PageContext, term_id: str, text: str | None = None) -> Markup:
        return self._render("term_link.html", page, term=self.term_record(term_id), text=text)

    def period_count(self, page: PageContext) -> Markup:
        """How many periods the timeline is divided into, in words ("six periods"), for prose that counts them."""
        count = len(self.content.eras)
        number = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
        return Markup(f"{number} period{'' if count == 1 else 's'}")

    def periods(self, page: PageContext) -> Markup:
        """Every period in order, each linked to its background page, with its dates ("since …" for one
        still going on): prose that lists the periods stays true when one is added."""
        return self._render("periods.html", page, eras=self.content.eras)

    def value(self, page: PageContext, figure_id: str) -> Markup:
        figure = self.figure_record(figure_id)
        claim = figure.latest
        if claim is None:
            raise RenderError(f"figure '{figure_id}' has no claim to show (every claim is a misreport)")
        return self._render("value.html", page, figure=figure, claim=claim)

    # ---- macros: blocks

    def figure(self, page: PageContext, figure_id: str) -> Markup:
        figure = self.figure_record(figure_id)
        return self._render("figure_card.html", page, figure=figure, claim=figure.latest)

    def claims(self, page: PageContext, figure_id: str) -> Markup:
        return self._render("claims.html", page, figure=self.figure_record(figure_id))

    def chart(self, page: PageContext, figure_id: str, kind: ChartKind = "step") -> Markup:
        """The figure's claims as an SVG chart (macros/charts.py), cited through the page's notes."""
        from ..charts import ChartError, render_claim_chart

        try:
            chart = render_claim_chart(self.figure_record(figure_id), self.content, kind=kind, cite=lambda s: self.cite(page, s))
        except (ChartError, KeyError) as error:
            raise RenderError(str(error)) from error
        return chart.html

    def locator_map(self, page: PageContext, state: str = "2023") -> Markup:
        """The places of content/places.yaml on an SVG map (macros/locator_map.py), linked to the Names page,
        showing the lines of one period (state="1994", "2020" or "2023") until the reader picks another."""
        from ..locator_map import MapError, render_locator_map

        try:
            return render_locator_map(self.content, place_url=lambda place_id: self.link(page, "names", place_id), state=state)
        except (MapError, KeyError) as error:
            raise RenderError(str(error)) from error

    def timeline(self, page: PageContext, era: str | None = None, part: str | None = None) -> Markup:
        """The events of one period (era=…), of one generated page of a split timeline (part=…), or all.
        Past the budget (macros/timeline_split.py) the index page and an oversized period's page list
        links to the generated pages instead of the events."""
        for event in self.content.events:
            self._lookup("era", event.era)  # an event in no known era would silently miss the timeline
        plan = self.timeline_plan
        if part is not None:
            try:
                shown = plan.part(part)
            except KeyError:
                raise RenderError(f"no timeline page '{part}'") from None
            eras = [self.era(shown.era)]
            by_era = {shown.era: [self.event_record(event_id) for event_id in shown.event_ids]}
            head = self._render("timeline_part_head.html", page, part=shown, index=INDEX_PAGE)
            return Markup(f"{head}\n\n{self._timeline_events(page, eras, by_era, headings=False)}")
        eras = [self.era(era)] if era is not None else list(self.content.eras)
        if not plan.shows_events(era):
            parts = {e.id: plan.parts_of(e.id) for e in eras}
            return self._render("timeline_index.html", page, eras=eras, parts=parts, headings=era is None)
        by_era = {e.id: self._events_by_era.get(e.id, []) for e in eras}
        return self._timeline_events(page, eras, by_era, headings=era is None)

    def _timeline_events(self, page: PageContext, eras: list[Era], by_era: dict[str, list[Event]], headings: bool) -> Markup:
        filters = timeline_filters(
            [event for e in eras for event in by_era[e.id]],
            era_title=self.era_label,
            actor_name=lambda i: self.actor_record(i).name,
            place_name=lambda i: self.place_record(i).name,
        )
        for anchor in filters.year_anchors.values():
            if anchor in self._records["event"] or anchor in self._records["era"]:
                raise RenderError(f"the id '{anchor}' is the timeline's link to that year: rename the record")
        return self._render("timeline.html", page, eras=eras, by_era=by_era, headings=headings, filters=filters)

    # ---- index pages

    def _index(self, page: PageContext, kind: str, part: str | None):
        """The sections (anchor, title, records) this call shows, or the rendered list of part pages when
        the index is split and this is its index page."""
        plan = self.index_plans[kind]
        sections = index_sections(kind, self.content)
        if part is None:
            if plan.split:
                return self._render("index_parts.html", page, plan=plan, sections=sections)
            return [(s.anchor, s.title, list(s.records)) for s in sections], None
        try:
            shown = plan.part(part)
        except KeyError:
            raise RenderError(f"no {plan.title} page '{part}'") from None
        wanted = set(shown.record_ids)
        chosen = [(s.anchor, s.title, [r for r in s.records if r.id in wanted]) for s in sections if s.anchor == shown.section]
        head = self._render("index_part_head.html", page, plan=plan, part=shown)
        return chosen, head

    @staticmethod
    def _with_head(head: Markup | None, body: Markup) -> Markup:
        return body if head is None else Markup(f"{head}\n\n{body}")

    def people_index(self, page: PageContext, part: str | None = None) -> Markup:
        for actor in self.content.actors:
            if actor.kind not in KIND_TITLES:
                raise RenderError(f"actor '{actor.id}' has an unknown kind '{actor.kind}'")
        shown = self._index(page, "people", part)
        if isinstance(shown, Markup):
            return shown
        groups, head = shown
        groups = [(anchor.removeprefix("kind-"), title, actors) for anchor, title, actors in groups]
        return self._with_head(head, self._render("people_index.html", page, groups=groups, events_by_actor=self._events_by_actor))

    def figures_index(self, page: PageContext, part: str | None = None) -> Markup:
        shown = self._index(page, "figures", part)
        if isinstance(shown, Markup):
            return shown
        groups, head = shown
        return self._with_head(head, self._render("figures_index.html", page, groups=groups))

    def sources_index(self, page: PageContext, part: str | None = None) -> Markup:
        shown = self._index(page, "sources", part)
        if isinstance(shown, Markup):
            return shown
        groups, head = shown
        sources = [source for _, _, records in groups for source in records]
        return self._with_head(head, self._render("sources_index.html", page, sources=sources, cited_by=self.cited_by))

    def source_balance(self, page: PageContext) -> Markup:
        balance = source_balance(self.content)
        return self._render("source_balance.html", page, balance=balance, origins=ORIGINS, groups=PUBLISHER_GROUPS)

    def places_index(self, page: PageContext) -> Markup:
        places = sorted(self.content.places, key=lambda p: p.name.casefold())
        return self._render("places_index.html", page, places=places)

    def glossary_index(self, page: PageContext) -> Markup:
        terms = sorted(self.content.glossary, key=lambda t: t.term.strip("\"'“”").casefold())
        return self._render("glossary_index.html", page, terms=terms)



def error_admonition(messages: Iterable[str], environment: jinja2.Environment | None = None) -> Markup:
    """An admonition listing content errors, shown on every page under `mkdocs serve` (a build fails instead)."""
    env = environment or make_environment()
    return Markup(env.get_template("errors.html").render(messages=list(messages)).strip())
