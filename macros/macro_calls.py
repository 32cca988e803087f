"""The macros pages may call, and the calls written in docs/**/*.md, read once, with Jinja's own parser (a
page is a Jinja template to mkdocs-macros).

`MACROS` is the one list of macros: for each, which of its arguments name a record of which kind
(macros/kinds.py), and which sources a call puts in its page's notes. From one parse of a page come
both the ids its calls refer to, with their file:line:column (checked by references.py), and the sources
it cites (the Sources page's back-links, site.py). render.Renderer has a method for each macro;
tests/test_macro_calls.py renders every one and checks that what it cites is what `cites` says."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from .diagnostics import display_path
from .model import Content

__all__ = [
    "MACROS",
    "Macro",
    "MacroCall",
    "Page",
    "Reference",
    "macro_calls",
    "parse_calls",
    "read_pages",
    "references",
    "sources_cited_by",
]


@dataclass(frozen=True, slots=True)
class MacroCall:
    """A call written in a page, with its constant arguments: cite("a", "b"), timeline(era="x")."""

    name: str
    args: tuple = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    # the line of each argument in the page (1-based), in the order of args then kwargs
    lines: tuple[int, ...] = field(default=(), compare=False)

    def argument(self, position: int, name: str) -> Any:
        if len(self.args) > position:
            return self.args[position]
        return dict(self.kwargs).get(name)


Cites = Callable[[Content, MacroCall], Iterable[str]]


@dataclass(frozen=True)
class Macro:
    name: str
    # (parameter, kind): the argument naming a record, by its name and position in the macro's signature
    # after the page; "*" + name for every positional argument (cite's source ids)
    names: tuple[tuple[str, str], ...] = ()
    cites: Cites = lambda content, call: ()


def _figure(content: Content, call: MacroCall):
    return content.index("figures").get(call.argument(0, "figure_id"))


def _latest_source(content: Content, call: MacroCall) -> list[str]:
    figure = _figure(content, call)
    latest = figure.latest if figure is not None else None
    return [latest.source] if latest is not None else []


def _claim_sources(figures) -> list[str]:
    return [s for figure in figures for claim in figure.claims for s in (claim.source, claim.correction) if s]


def _timeline_sources(content: Content, call: MacroCall) -> list[str]:
    era = call.argument(0, "era")
    return [s for event in content.events if era is None or event.era == era for s in event.cited_sources]


MACROS: dict[str, Macro] = {
    macro.name: macro
    for macro in (
        # inline
        Macro(
            "cite", (("*source_ids", "sources"),), lambda content, call: [a for a in call.args if isinstance(a, str)]
        ),
        Macro("event", (("event_id", "events"),)),
        Macro("actor", (("actor_id", "actors"),)),
        Macro("place", (("place_id", "places"),)),
        Macro("term", (("term_id", "glossary"),)),
        Macro("value", (("figure_id", "figures"),), _latest_source),
        Macro("period_count"),
        Macro("periods"),
        # blocks
        Macro("figure", (("figure_id", "figures"),), _latest_source),
        Macro("key_numbers", (("*figure_ids", "figures"),)),  # links to the histories, cites nothing
        Macro(
            "claims",
            (("figure_id", "figures"),),
            lambda content, call: _claim_sources(filter(None, [_figure(content, call)])),
        ),
        Macro("timeline", (("era", "eras"),), _timeline_sources),
        Macro(
            "chart",
            (("figure_id", "figures"),),
            lambda content, call: _claim_sources(filter(None, [_figure(content, call)])),
        ),
        Macro("locator_map"),
        # index pages
        Macro("people_index"),
        Macro("figures_index", cites=lambda content, call: _claim_sources(content.figures)),
        Macro("sources_index"),
        Macro("places_index"),
        Macro("glossary_index", cites=lambda content, call: [s for term in content.glossary for s in term.sources]),
        Macro("source_balance"),
    )
}


def parse_calls(page_source: str) -> list[MacroCall]:
    """Every call in a page's Markdown, in page order; raises jinja2.TemplateSyntaxError for a page that is
    not a valid template (a build would fail on it too)."""
    calls = []
    for call in jinja2.Environment().parse(page_source).find_all(nodes.Call):
        if isinstance(call.node, nodes.Name):
            args = [a for a in call.args if isinstance(a, nodes.Const)]
            kwargs = [(k.key, k.value) for k in call.kwargs if isinstance(k.value, nodes.Const)]
            calls.append(
                MacroCall(
                    call.node.name,
                    tuple(a.value for a in args),
                    tuple((key, value.value) for key, value in kwargs),
                    tuple(a.lineno for a in args) + tuple(value.lineno for _, value in kwargs),
                )
            )
    return calls


def macro_calls(page_source: str) -> list[MacroCall]:
    """parse_calls, or no call at all for a page that does not parse (the build reports it)."""
    try:
        return parse_calls(page_source)
    except jinja2.TemplateSyntaxError:
        return []


@dataclass(frozen=True)
class Page:
    """A page of docs/ as read once per load: its text and its macro calls."""

    src_path: str  # relative to docs/: 'background/first-war.md'
    file: str  # as an editor sees it: 'docs/background/first-war.md'
    text: str
    calls: tuple[MacroCall, ...]
    syntax_error: tuple[int, str] | None = None  # (line, message) when the page is not a valid template


def read_pages(docs_dir: Path) -> tuple[Page, ...]:
    """Every page of docs/**/*.md, in path order, with its calls read once (see parse_calls)."""
    pages = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        src_path, file = path.relative_to(docs_dir).as_posix(), display_path(path)
        try:
            pages.append(Page(src_path, file, text, tuple(parse_calls(text))))
        except jinja2.TemplateSyntaxError as exc:
            pages.append(Page(src_path, file, text, (), (exc.lineno or 1, exc.message or "cannot be parsed")))
    return tuple(pages)


@dataclass(frozen=True, slots=True)
class Reference:
    """An id written in a macro call, where it is written."""

    macro: str
    kind: str
    record_id: str
    line: int  # 1-based
    column: int  # 1-based, of the id's first character


def references(page_source: str, calls: Iterable[MacroCall]) -> list[Reference]:
    """The ids the calls name, each with its line and column in the page."""
    lines = page_source.splitlines()
    found = []
    for call in calls:
        macro = MACROS.get(call.name)
        if macro is None:
            continue
        values = [*call.args, *(value for _, value in call.kwargs)]
        keys: list[int | str] = [*range(len(call.args)), *(key for key, _ in call.kwargs)]
        for (key, value), line in zip(zip(keys, values), call.lines or [0] * len(values)):
            kind = _kind_of(macro, key)
            if kind is not None and isinstance(value, str):
                found.append(Reference(call.name, kind, value, line, _column(lines, line, value)))
    return found


def _kind_of(macro: Macro, key: int | str) -> str | None:
    """The kind of record the argument at `key` (a position, or a keyword) names, if any."""
    for position, (parameter, kind) in enumerate(macro.names):
        if parameter.startswith("*"):
            if isinstance(key, int):
                return kind
        elif key == position or key == parameter:
            return kind
    return None


def _column(lines: list[str], line: int, value: str) -> int:
    """Where the quoted value starts on its line (Jinja's nodes know their line only)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    for quote in ('"', "'"):
        at = text.find(f"{quote}{value}{quote}")
        if at >= 0:
            return at + 2
    return 1


def sources_cited_by(content: Content, call: MacroCall) -> list[str]:
    """The sources a macro call puts in its page's notes. Unknown ids are skipped: rendering reports them."""
    macro = MACROS.get(call.name)
    return list(macro.cites(content, call)) if macro is not None else []
