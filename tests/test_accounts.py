"""Contested events: each side's account stands beside the other's, attributed and cited."""

from __future__ import annotations

from fixtures.site.model_content import make_content

from macros.dates import parse_date
from macros.macro_calls import MacroCall, sources_cited_by
from macros.model import Account, Event
from macros.record_data import event_record
from macros.render import PageContext, Renderer
from tests.support import find, parse_html, text

ACCOUNTS_YAML = """  accounts:
    - by: some-minister
      text: The minister said the ceasefire was *broken* first by the other side.
      sources: [wire-2023-09-26-blast]
    - by: some-government
      text: The government denied it.
      sources: [wire-1994-05-12-ceasefire]
"""


def _contested_event() -> Event:
    return Event(
        "ceasefire",
        parse_date("1994-05-12"),
        "Ceasefire takes effect",
        "Fighting stops.",
        "war",
        ("src-a",),
        accounts=(
            Account("gov", "The government said *yes*.", ("src-b",)),
            Account("spokes", "She said no.", ("src-c",)),
        ),
    )


def _accounts_in_loader_fixture(sandbox) -> int:
    return sandbox.replace("events", "  actors: [some-minister]\n", "  actors: [some-minister]\n" + ACCOUNTS_YAML)


def test_accounts_load_with_their_actors_and_sources(sandbox):
    _accounts_in_loader_fixture(sandbox)
    result = sandbox.load()
    assert result.errors == ()
    event = result.content.event("ceasefire")
    assert [a.by for a in event.accounts] == ["some-minister", "some-government"]
    assert event.cited_sources == ("wire-2023-09-26-blast", "wire-1994-05-12-ceasefire")


def test_an_unknown_account_actor_or_source_is_an_error_at_its_line(sandbox):
    _accounts_in_loader_fixture(sandbox)
    line = sandbox.replace("events", "- by: some-government", "- by: some-govt")
    sandbox.expect(sandbox.load(), "content/events.yaml", line, "error", "unknown actor 'some-govt'")
    sandbox.replace("events", "- by: some-govt", "- by: some-government")
    line = sandbox.replace("events", "      sources: [wire-2023-09-26-blast]", "      sources: [wire-2023-09-26-blst]")
    sandbox.expect(sandbox.load(), "content/events.yaml", line, "error", "unknown source 'wire-2023-09-26-blst'")


def test_one_account_or_two_by_the_same_actor_is_an_error(sandbox):
    _accounts_in_loader_fixture(sandbox)
    line = sandbox.replace("events", "- by: some-government", "- by: some-minister")
    sandbox.expect(sandbox.load(), "content/events.yaml", line, "error", "two accounts by 'some-minister'")
    text = sandbox.text("events")
    start = text.index("    - by: some-minister\n      text: The government")
    sandbox.write("events", text[:start] + text[text.index("- id: depot-blast", start) :])
    line = sandbox.line_of("events", "  accounts:")
    errors = [d for d in sandbox.load().diagnostics if d.is_error]
    assert [(d.location.line, "accounts" in d.message) for d in errors] == [(line + 1, True)], errors  # its first item


def test_accounts_render_side_by_side_with_their_actor_and_notes():
    content = make_content(events=(_contested_event(),))
    renderer = Renderer(content)
    page = PageContext(src_path="timeline.md", url="timeline/")
    html = str(renderer.timeline(page))
    labels = [text(p) for p in find(parse_html(html), "span", class_="nk-account-by")]  # "Account by …:"
    assert labels == ["Account by Armenian government:", "Account by Nazeli Baghdasaryan:"]
    assert "<em>yes</em>" in html
    # The event lists its own notes, its sources first, then those of the accounts; the page has none.
    notes = find(parse_html(html), "ol", class_="nk-event-notes")[0]
    assert [li["id"] for li in find(notes, "li")] == ["fn:ceasefire:1", "fn:ceasefire:2", "fn:ceasefire:3"]
    assert [a["href"] for a in find(notes, "a", class_="nk-source-details")] == [
        "../sources/#src-a",
        "../sources/#src-b",
        "../sources/#src-c",
    ]
    assert [a["href"] for a in find(parse_html(html), "a", class_="footnote-ref")] == [
        "#fn:ceasefire:2",
        "#fn:ceasefire:3",
    ]
    assert str(renderer.notes(page)) == ""
    # The page's notes and the back-links follow the same sources as the card.
    assert sources_cited_by(content, MacroCall("timeline", (), ())) == ["src-b", "src-c", "src-a"]
    assert "Timeline: Ceasefire takes effect" in {c.label for c in renderer.cited_by["src-c"]}


def test_the_timeline_filter_knows_the_actors_of_accounts():
    content = make_content(events=(_contested_event(),))
    html = str(Renderer(content).timeline(PageContext(src_path="timeline.md", url="timeline/")))
    assert 'data-actors="gov spokes"' in html


def test_open_data_carries_the_accounts():
    record = event_record(_contested_event())
    assert record["accounts"] == [
        {"by": "gov", "text": "The government said *yes*.", "sources": ["src-b"]},
        {"by": "spokes", "text": "She said no.", "sources": ["src-c"]},
    ]
