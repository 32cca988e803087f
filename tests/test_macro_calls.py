"""The one list of macros (macros/macro_calls.py) agrees with the renderer: every macro is a Renderer
method whose arguments are where the list says, and every macro cites exactly the sources the list says
it does (the Sources page's back-links depend on it: a new citing macro cannot lose them silently)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from macros.kinds import KINDS
from macros.loader import load_content_or_raise
from macros.macro_calls import MACROS, MacroCall, parse_calls, references, sources_cited_by
from macros.render import MACROS as RENDERER_MACROS
from macros.render import PageContext, Renderer

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "content"


@pytest.fixture(scope="module")
def content():
    return load_content_or_raise(FIXTURE)


def test_every_macro_is_a_renderer_method_taking_the_page_first():
    assert tuple(MACROS) == RENDERER_MACROS
    for name, macro in MACROS.items():
        parameters = list(inspect.signature(getattr(Renderer, name)).parameters)
        assert parameters[:2] == ["self", "page"], name
        for position, (parameter, kind) in enumerate(macro.names):
            assert kind in KINDS
            assert parameters[2 + position] == parameter.lstrip("*"), (name, parameter)


def _sample_call(name: str, content) -> MacroCall:
    """The macro called with the first record of each kind it names (a figure with a value to show)."""

    def first(kind: str) -> str:
        records = [r for r in getattr(content, kind) if kind != "figures" or r.latest is not None]
        return records[0].id

    if name == "cite":
        return MacroCall("cite", (content.sources[-1].id, content.sources[0].id))
    return MacroCall(name, tuple(first(kind) for _, kind in MACROS[name].names))


@pytest.mark.parametrize("name", MACROS)
def test_a_macro_cites_what_the_list_says(name, content):
    renderer = Renderer(content)
    page = PageContext("background/war.md", "background/war/")
    call = _sample_call(name, content)
    html = str(getattr(renderer, name)(page, *call.args, **dict(call.kwargs)))
    cited = [source_id for _, source_id, _ in page.notes.notes()]
    cited += re.findall(
        r'<li id="fn:[^"]+"><p>.*?href="\.\./\.\./sources/#([^"]+)"', html
    )  # a timeline event's own notes
    assert set(cited) == set(sources_cited_by(content, call))


def test_one_parse_gives_the_ids_with_their_positions():
    page = 'Intro\n\nSee {{ cite("a", \'b\') }} and {{ timeline(era="war") }}\n{{ figure(\n  figure_id="aid") }} {{ page.title }}\n'
    calls = parse_calls(page)
    assert [c.name for c in calls] == ["cite", "timeline", "figure"]
    found = references(page, calls)
    assert [(r.macro, r.kind, r.record_id, r.line) for r in found] == [
        ("cite", "sources", "a", 3),
        ("cite", "sources", "b", 3),
        ("timeline", "eras", "war", 3),
        ("figure", "figures", "aid", 5),
    ]
    lines = page.splitlines()
    assert all(lines[r.line - 1][r.column - 1 :].startswith(r.record_id) for r in found)
