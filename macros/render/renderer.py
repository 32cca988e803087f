"""The macros' core: Content + the current page -> HTML fragments, through autoescaping Jinja templates.

Knows nothing of MkDocs. Strings from the content only ever reach a template as data: they are escaped,
never compiled, so a summary containing '{{ 7*7 }}' shows exactly that."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup

from ..diagnostics import did_you_mean
from ..kinds import allowed, noun
from ..macro_calls import MACROS as MACRO_TABLE
from ..model import Actor, Claim, Content, Era, Event, Figure, Source
from ..paging import KIND_TITLES, LISTS, PEOPLE_ROLES, SIDE_TITLES, PagePlan, Part, Section, plan_lists
from .attribution import bare_value, credit_phrase, credited_to, day_text, preposition, short_date, value_hint
from .balance import ORIGINS, PUBLISHER_GROUPS, source_balance
from .charts import ChartError, ChartKind, one_line, render_claim_chart
from .citations import CitedBy, PageNotes, SitePages, citation_index
from .facets import TimelineFilters, era_span, tag_label, timeline_filters
from .format import date_range, format_quantity
from .links import relative_url, wayback_lookup_url
from .locator_map import MapError, render_locator_map
from .markup import plain_text, render_markdown, render_markdown_inline
from .people import PARTY_SIDES, current_role, earlier_roles, short_title
from .sparkline import render_sparkline
from .templates import make_environment

__all__ = ["MACROS", "Renderer", "RenderError", "PageContext", "error_admonition"]

# The Renderer's methods that pages call as macros, {{ cite("…") }}: each takes the page first. The list,
# with what each macro's arguments name and cite, is macro_calls.MACROS.
MACROS = tuple(MACRO_TABLE)

STATUS_LABELS = {status: status.capitalize() for status in allowed("figures", "claims", "status")}
LANGUAGE_NAMES = {"hy": "Armenian", "az": "Azerbaijani", "ru": "Russian"}
_OPEN_RANGE = re.compile(r",?\s*\d{4}\s*[–-]$")  # "…, 2024–": a title's own note that a period is still going on
# The timeline's filter bar and its period and year links only from this many events on a page: under it,
# the list is shorter than the controls (issue #16).
FILTER_MIN_EVENTS = 10
_NUMBER_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()


class RenderError(ValueError):
    """A page asked for something the content does not have (an unknown id)."""


@dataclass
class PageContext:
    """What a macro needs to know about the page it is called from; reset for every page."""

    src_path: str  # 'background/first-war.md'
    url: str  # site URL of the page: 'background/first-war/'
    notes: PageNotes = field(default_factory=PageNotes)


class Renderer:
    """Renders records for one build. Built once per content load; `page` arguments carry per-page state."""

    def __init__(
        self,
        content: Content,
        plans: Mapping[str, PagePlan] | None = None,
        prose_citations: Mapping[str, Iterable[CitedBy]] | None = None,
        *,
        use_directory_urls: bool = True,
        environment: jinja2.Environment | None = None,
    ):
        self.content = content
        # which page shows which record of the long lists (macros/paging.py); a list not given is on its one page
        self.plans = {**plan_lists(content, {}), **(plans or {})}
        self.pages = SitePages(use_directory_urls, {plan.list.kind: plan.pages for plan in self.plans.values()})
        self.env = environment or make_environment()
        self.cited_by = citation_index(content, self.pages, prose_citations)
        self._links: dict[tuple, Markup] = {}  # see _link_once
        self._events_by_era: dict[str, list[Event]] = {}
        for event in content.events_by_date:
            self._events_by_era.setdefault(event.era, []).append(event)
        self._events_by_actor: dict[str, list[Event]] = {}
        for event in content.events_by_date:
            for actor_id in event.all_actors:
                self._events_by_actor.setdefault(actor_id, []).append(event)

    # ---- lookups: an unknown id is an error that suggests the nearest one

    def record(self, kind: str, record_id: str):
        """The record of a kind (macros/kinds.py: 'events', 'glossary', …) with that id."""
        by_id = self.content.index(kind)
        record = by_id.get(record_id) if isinstance(record_id, str) else None
        if record is not None:
            return record
        raise RenderError(f"unknown {noun(kind)} '{record_id}'{did_you_mean(str(record_id), by_id)}")

    def era_label(self, era_id: str) -> str:
        """An era as the timeline's period filter names it; a period still going on says since when, in
        place of an open range its title may end with ("After the exodus, 2024–")."""
        era = self.record("eras", era_id)
        if era.end is not None:
            return era.title
        return f"{_OPEN_RANGE.sub('', era.title)}, since {era.start.human()}"

    # ---- helpers shared by the templates

    def _render(self, template: str, page: PageContext, **data) -> Markup:
        html = self.env.get_template(template).render(page=page, r=self, **data)
        return Markup(html.strip())

    def record_link(self, page: PageContext, kind: str, record_id: str) -> str:
        """A link to a record wherever the site shows it (SitePages.record_url)."""
        return relative_url(page.url, self.pages.record_url(kind, record_id))

    def rel(self, page: PageContext, site_url: str) -> str:
        return relative_url(page.url, site_url)

    def page_link(self, page: PageContext, src_path: str) -> str:
        return relative_url(page.url, self.pages.page_url(src_path))

    def quantity(self, claim: Claim, figure: Figure) -> str:
        return format_quantity(claim.value, figure.unit)

    def credited_to(self, claim: Claim) -> str:
        return credited_to(self.content, claim.claimed_by)

    def value_hint(self, claim: Claim, figure: Figure) -> str:
        return value_hint(self.content, claim, figure)

    day_text = staticmethod(day_text)
    preposition = staticmethod(preposition)
    short_date = staticmethod(short_date)
    bare_value = staticmethod(bare_value)

    @staticmethod
    def tooltip(text: str) -> str:
        """Text for a title attribute, escaped once, by the template: the browser shows it as typed, and so
        does the site's popover (assets/javascripts/notes.js), which reads it and puts it in as text."""
        return text

    filter_min_events = FILTER_MIN_EVENTS  # tests of the filters on a few events lower it
    tag_label = staticmethod(tag_label)
    date_range = staticmethod(date_range)
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
        sources = [self.record("sources", source_id) for source_id in source_ids]
        refs = [page.notes.reference(source.id) for source in sources]
        return self._render("cite.html", page, refs=refs)

    def notes(self, page: PageContext) -> Markup:
        """The page's numbered notes, in Python-Markdown's footnote markup (the note popover, notes.js, reads it)."""
        if not page.notes:
            return Markup("")
        notes = [
            (number, self.record("sources", source_id), ref_ids) for number, source_id, ref_ids in page.notes.notes()
        ]
        return self._render("notes.html", page, notes=notes)

    def note_source(self, page: PageContext, source: Source) -> Markup:
        """A note's text about its source: depends only on the source and the link to its details, the
        same on every page at one depth (the timeline's pages and the background pages cite the same
        sources), so each is rendered once per link (a profiled hot spot at 1,000 events)."""
        href = self.record_link(page, "sources", source.id)
        return self._link_once(
            ("note", href, source.id), lambda: self._render("note_source.html", page, source=source, href=href)
        )

    def event(self, page: PageContext, event_id: str, text: str | None = None) -> Markup:
        return self._render("event_link.html", page, event=self.record("events", event_id), text=text)

    def actor(self, page: PageContext, actor_id: str, text: str | None = None) -> Markup:
        return self._link_once(
            ("actor", page.url, actor_id, text),
            lambda: self._render("actor_link.html", page, actor=self.record("actors", actor_id), text=text),
        )

    def place(self, page: PageContext, place_id: str, native: bool = False) -> Markup:
        return self._link_once(
            ("place", page.url, place_id, native),
            lambda: self._render("place_link.html", page, place=self.record("places", place_id), native=native),
        )

    def _link_once(self, key: tuple, render) -> Markup:
        """A link depends only on the page's URL and the record: a timeline page names the same actors
        and places in many entries, so each link is rendered once per page (a profiled hot spot)."""
        cached = self._links.get(key)
        if cached is None:
            cached = self._links[key] = render()
        return cached

    def term(self, page: PageContext, term_id: str, text: str | None = None) -> Markup:
        return self._render("term_link.html", page, term=self.record("glossary", term_id), text=text)

    def period_count(self, page: PageContext) -> Markup:
        """How many periods the timeline is divided into, in words ("six periods"), for prose that counts them."""
        count = len(self.content.eras)
        number = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
        return Markup(f"{number} period{'' if count == 1 else 's'}")

    def periods(self, page: PageContext) -> Markup:
        """Every period in order, each linked to its background page, with its dates ("since …" for one
        still going on): prose that lists the periods stays true when one is added."""
        return self._render("periods.html", page, eras=self.content.eras)

    def value(self, page: PageContext, figure_id: str, credit: bool | str = True, date: bool = True) -> Markup:
        """The latest value in running text, credited briefly: "100,617 people, by the Armenian government's
        count on 3 October 2023²" (attribution.py). For a sentence that already says who gave the number,
        credit=False leaves out "by …'s count" ("Azerbaijan's Health Ministry counted 192 deaths on
        27 September 2023²"), and date=False the date too, for a sentence that gives it ("On 27 September
        the ministry counted …"). credit="according" credits a number that is no count, a target or a size
        set by a statement: "34,500 families, according to the Azerbaijani presidency on 23 November 2022".
        The full attribution stays in the value's hint, the note and the Figures page."""
        figure = self.record("figures", figure_id)
        claim = figure.latest
        if claim is None:
            raise RenderError(f"figure '{figure_id}' has no claim to show (every claim is a misreport)")
        if credit not in (True, False, "according"):
            raise RenderError(f'value(): credit must be True, False or "according", not {credit!r}')
        phrase = credit_phrase(self.content, claim, figure, according=credit == "according") if credit else ""
        return self._render("value.html", page, figure=figure, claim=claim, credit=phrase, date=date)

    # ---- macros: blocks

    def figure(self, page: PageContext, figure_id: str) -> Markup:
        figure = self.record("figures", figure_id)
        return self._render("figure_card.html", page, figure=figure, claim=figure.latest)

    def key_numbers(self, page: PageContext, *figure_ids: str) -> Markup:
        """A compact strip of headline numbers: each figure's latest value, its short label, who gave it and
        when in one line ("by the Armenian government · 3 Oct 2023"), and a link to its history, where the
        sources are (no note: the strip must fit a phone's first screen)."""
        if not figure_ids:
            raise RenderError("key_numbers() needs at least one figure id")
        items = []
        for figure_id in figure_ids:
            figure = self.record("figures", figure_id)
            if figure.latest is None:
                raise RenderError(f"figure '{figure_id}' has no claim to show (every claim is a misreport)")
            items.append((figure, figure.latest))
        return one_line(self._render("key_numbers.html", page, items=items))

    def claims(self, page: PageContext, figure_id: str) -> Markup:
        return self._render("claims.html", page, figure=self.record("figures", figure_id))

    def chart(
        self, page: PageContext, figure_id: str, kind: ChartKind = "step", annotations: dict[str, str] | None = None
    ) -> Markup:
        """The figure's claims as an SVG chart (render/charts.py), cited through the page's notes; annotations
        ({"2023-09-24": "road opened"}) mark dated events on a step chart's time axis."""
        try:
            chart = render_claim_chart(
                self.record("figures", figure_id),
                self.content,
                kind=kind,
                cite=lambda s: self.cite(page, s),
                annotations=annotations,
            )
        except (ChartError, KeyError) as error:
            raise RenderError(str(error)) from error
        return chart.html

    def claim_sparkline(self, figure: Figure, table_name: str) -> Markup:
        """A small dot chart of the figure's claims over their as-of dates (render/sparkline.py), for the
        Figures page; `table_name` says where the claims are in words. Not a macro: it cites nothing."""
        try:
            return render_sparkline(figure, table_name=table_name)
        except ChartError as error:
            raise RenderError(str(error)) from error

    def locator_map(self, page: PageContext, state: str = "2023") -> Markup:
        """The places of content/places.yaml on an SVG map (render/locator_map.py), linked to the Names page,
        showing the lines of one period (state="1994", "2020" or "2023") until the reader picks another."""
        try:
            return render_locator_map(
                self.content, place_url=lambda place_id: self.record_link(page, "places", place_id), state=state
            )
        except (MapError, KeyError) as error:
            raise RenderError(str(error)) from error

    def timeline(self, page: PageContext, era: str | None = None, part: str | None = None) -> Markup:
        """The events of one period (era=…), of one part page of a split timeline (part=…), or all.
        Past the budget (macros/paging.py) the timeline's page, and a period too big for one page, link to
        the part pages instead of listing the events. The filter bar and the period and year links are
        the timeline's own: a period shown on its background page links to the timeline instead."""
        for event in self.content.events:
            self.record("eras", event.era)  # an event in no known era would silently miss the timeline
        plan = self.plans["timeline"]
        if part is not None:
            shown = self._part(plan, part)
            eras = [self.record("eras", shown.section)]
            by_era = {shown.section: [self.record("events", event_id) for event_id in shown.record_ids]}
            head = self._render("timeline_part_head.html", page, plan=plan, part=shown)
            body = self._timeline_events(page, eras, by_era, headings=False, controls=True)
            return Markup(f"{head}\n\n{body}")
        eras = [self.record("eras", era)] if era is not None else list(self.content.eras)
        if not plan.shows_records(era):
            parts = {e.id: plan.parts_of(e.id) for e in eras}
            return self._render("timeline_index.html", page, eras=eras, parts=parts, headings=era is None)
        by_era = {e.id: self._events_by_era.get(e.id, []) for e in eras}
        return self._timeline_events(page, eras, by_era, headings=era is None, controls=era is None)

    def _timeline_events(
        self, page: PageContext, eras: list[Era], by_era: dict[str, list[Event]], headings: bool, controls: bool
    ) -> Markup:
        events = [event for e in eras for event in by_era[e.id]]
        filters = timeline_filters(
            events,
            era_title=self.era_label,
            actor_name=lambda i: self.record("actors", i).name,
            place_name=lambda i: self.record("places", i).name,
        )
        for anchor in filters.year_anchors.values():
            if anchor in self.content.index("events") or anchor in self.content.index("eras"):
                raise RenderError(f"the id '{anchor}' is the timeline's link to that year: rename the record")
        era_link = None
        if not controls and len(eras) == 1 and events:
            era_link = self._timeline_link(page, "era", eras[0].id) or (
                f"{self.page_link(page, self.plans['timeline'].list.page)}#{eras[0].id}"
            )
        return self._render(
            "timeline.html",
            page,
            eras=eras,
            by_era=by_era,
            headings=headings,
            filters=filters,
            controls=controls and len(events) >= self.filter_min_events,
            periods=[(e, era_span(e)) for e in eras if by_era[e.id]] if headings else [],
            era_link=era_link,
        )

    def _timeline_link(self, page: PageContext, facet: str, value: str) -> str | None:
        """The timeline filtered to one value (timeline/?actor=ilham-aliyev): where the timeline is one page.
        Split, its pages are too; None then, and the caller links to them instead."""
        plan = self.plans["timeline"]
        if plan.split:
            return None
        return f"{self.page_link(page, plan.list.page)}?{facet}={value}"

    def timeline_event(self, page: PageContext, event: Event, filters: TimelineFilters) -> Markup:
        """One event, compact (event.html), with its own notes: numbered from 1, its own sources first, then
        those its accounts add, listed at its end. Ids stay unique on the page: 'fn:ceasefire:1'."""
        own = PageContext(page.src_path, page.url, PageNotes(prefix=f"{event.id}:"))
        for source_id in event.sources:
            own.notes.number(self.record("sources", source_id).id)
        return self._render("event.html", own, event=event, filters=filters)

    # ---- index pages

    @staticmethod
    def _part(plan: PagePlan, key: str) -> Part:
        try:
            return plan.part(key)
        except KeyError:
            raise RenderError(f"no {plan.list.title} page '{key}'") from None

    def _index(
        self, page: PageContext, name: str, part: str | None, body: Callable[[list[tuple[Section, tuple]]], Markup]
    ) -> Markup:
        """An index page: `body` renders (section, records) in page order. Split, the index's own page lists
        its part pages instead; a part page (part=…) shows its heading and its records."""
        plan = self.plans[name]
        if part is None:
            if plan.split:
                return self._render("index_parts.html", page, plan=plan)
            return body([(section, section.records) for section in plan.sections])
        shown = self._part(plan, part)
        wanted = set(shown.record_ids)
        groups = [
            (s, tuple(r for r in s.records if r.id in wanted)) for s in plan.sections if s.anchor == shown.section
        ]
        head = self._render("index_part_head.html", page, plan=plan, part=shown)
        return Markup(f"{head}\n\n{body(groups)}")

    def people_index(self, page: PageContext, part: str | None = None) -> Markup:
        for actor in self.content.actors:
            if actor.kind not in KIND_TITLES:
                raise RenderError(f"actor '{actor.id}' has an unknown kind '{actor.kind}'")
            if actor.side not in SIDE_TITLES:
                raise RenderError(f"actor '{actor.id}' has an unknown side '{actor.side}'")

        def body(groups: list[tuple[Section, tuple]]) -> Markup:
            # sections are '<side>-<role>' (paging.sections): a heading per side, a subheading per role
            by_side: dict[str, list[tuple[str, str, tuple]]] = {}
            for section, records in groups:
                side, role = section.key.rsplit("-", 1)
                by_side.setdefault(side, []).append((section.anchor, PEOPLE_ROLES[role], records))
            return self._render(
                "people_index.html",
                page,
                groups=[(side, SIDE_TITLES[side], roles) for side, roles in by_side.items()],
                event_counts={actor_id: len(events) for actor_id, events in self._events_by_actor.items()},
                timeline=self.page_link(page, LISTS["timeline"].page),
                current_role=current_role,
                earlier_roles=earlier_roles,
                short_title=short_title,
                shown_affiliation=self._shown_affiliation,
            )

        return self._index(page, "people", part, body)

    def _shown_affiliation(self, actor: Actor) -> str | None:
        """What an institution is part of, on People, unless its heading names it already (Armenia's
        ministries are not 'part of Armenia' under Armenia); a person's role says it instead."""
        if actor.kind == "person" or actor.affiliation is None:
            return None
        parent = self.content.index("actors").get(actor.affiliation)
        if parent is not None and parent.affiliation is None and actor.side in PARTY_SIDES:
            return None
        return actor.affiliation

    def figures_index(self, page: PageContext, part: str | None = None) -> Markup:
        return self._index(
            page,
            "figures",
            part,
            lambda groups: self._render(
                "figures_index.html", page, groups=[(s.anchor, s.title, records) for s, records in groups]
            ),
        )

    def sources_index(self, page: PageContext, part: str | None = None) -> Markup:
        return self._index(
            page,
            "sources",
            part,
            lambda groups: self._render(
                "sources_index.html",
                page,
                sources=[source for _, records in groups for source in records],
                cited_by=self.cited_by,
            ),
        )

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
