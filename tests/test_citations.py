from fixtures.site.model_content import make_content

from macros.macro_calls import MacroCall, macro_calls, sources_cited_by
from macros.render import CitedBy, PageContext, PageNotes, Renderer, SitePages, citation_index


def test_a_source_keeps_its_number_and_repeats_get_python_markdown_ids():
    notes = PageNotes()
    first = notes.reference("a")
    second = notes.reference("b")
    again = notes.reference("a")
    third = notes.reference("a")
    assert (first.number, first.ref_id) == (1, "fnref:1")
    assert (second.number, second.ref_id) == (2, "fnref:2")
    assert (again.number, again.ref_id) == (1, "fnref2:1")
    assert third.ref_id == "fnref3:1"
    assert notes.notes() == [(1, "a", ["fnref:1", "fnref2:1", "fnref3:1"]), (2, "b", ["fnref:2"])]


def test_empty_page_has_no_notes():
    assert not PageNotes()
    assert Renderer(make_content()).notes(PageContext("index.md", "")) == ""


def test_index_lists_events_claims_corrections_terms_and_pages():
    prose = {"src-c": [CitedBy("Page: Overview", "")]}
    index = citation_index(make_content(), SitePages(), prose)
    assert [c.url for c in index["src-a"]] == [
        "timeline/#protests",
        "timeline/#ceasefire",
        "figures/#arrivals",
        "figures/#arrivals",
    ]
    assert index["src-a"][2].label == "Figures: Arrivals in Armenia (as of 26 September 2023)"
    assert (
        CitedBy("Figures: Arrivals in Armenia (as of 26 September 2023), correction", "figures/#arrivals")
        in index["src-b"]
    )
    assert CitedBy("Names and terms: Refugees", "names/#refugees") in index["src-c"]
    assert CitedBy("Page: Overview", "") in index["src-c"]


def test_the_same_place_is_listed_once():
    index = citation_index(make_content(), SitePages())
    urls = [c for c in index["src-a"]]
    assert len(urls) == len(set(urls))


def test_notes_match_python_markdown_footnotes_markup():
    renderer = Renderer(make_content())
    page = PageContext("background/war.md", "background/war/")
    refs = renderer.cite(page, "src-a", "src-b") + renderer.cite(page, "src-a")
    assert refs == (
        '<span class="nk-cites">'
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
        '<sup id="fnref:2">,<a class="footnote-ref" href="#fn:2">2</a></sup>'
        "</span>"
        '<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    )
    notes = str(renderer.notes(page))
    assert notes.startswith('<div class="footnote">\n<hr>\n<ol>')
    assert '<li id="fn:1">' in notes and '<li id="fn:2">' in notes
    assert '<a class="footnote-backref" href="#fnref:1"' in notes
    assert '<a class="footnote-backref" href="#fnref2:1"' in notes
    assert 'href="../../sources/#src-a"' in notes
    assert '(<time datetime="2023-09-27">27 September 2023</time>), via Reprint Daily.' in notes


def test_macro_calls_are_read_with_their_constant_arguments():
    page = 'Text{{ cite("a", "b") }} and {{ timeline(era="war") }}\n{{ value( "arrivals" ) }} {{ page.title }}'
    assert macro_calls(page) == [
        MacroCall("cite", ("a", "b")),
        MacroCall("timeline", (), (("era", "war"),)),
        MacroCall("value", ("arrivals",)),
    ]
    assert macro_calls("{{ broken(") == []


def test_sources_a_macro_call_puts_in_the_notes():
    content = make_content()
    assert sources_cited_by(content, MacroCall("cite", ("src-c", "src-a"))) == ["src-c", "src-a"]
    assert sources_cited_by(content, MacroCall("timeline", (), (("era", "exodus"),))) == ["src-b"]
    assert sorted(set(sources_cited_by(content, MacroCall("timeline")))) == ["src-a", "src-b"]
    assert sources_cited_by(content, MacroCall("value", ("arrivals",))) == ["src-b"]
    assert sorted(set(sources_cited_by(content, MacroCall("claims", ("arrivals",))))) == ["src-a", "src-b"]
    assert sources_cited_by(content, MacroCall("glossary_index")) == ["src-c"]
    assert sources_cited_by(content, MacroCall("figure", ("no-such-figure",))) == []
    assert sources_cited_by(content, MacroCall("actor", ("gov",))) == []


def test_a_page_already_linked_through_its_records_is_not_listed_again():
    prose = {"src-a": [CitedBy("Page: Timeline", "timeline/"), CitedBy("Page: The war", "background/war/")]}
    index = citation_index(make_content(), SitePages(), prose)
    assert CitedBy("Page: Timeline", "timeline/") not in index["src-a"]
    assert CitedBy("Page: The war", "background/war/") in index["src-a"]
