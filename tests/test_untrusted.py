"""Untrusted content strings: Markdown is rendered inert, template syntax stays literal, YAML limits hold."""

from __future__ import annotations

import dataclasses
import html as html_lib
import json
import re
import time

import jinja2
import pytest
from bs4 import Tag

from macros.render.markup import plain_text, render_markdown, render_markdown_inline
from macros.yaml_reader import parse_yaml_text
from tests import support
from tests.fixtures.hostile_content import (
    LONG_TEXT,
    MARKDOWN,
    MARKDOWN_SHOWN,
    PLAIN_SHOWN,
    TEXT,
    URL,
    URL_PAYLOAD,
    fill_nested,
    free_text_fields,
)
from tests.fixtures.payloads import MARKER, PAYLOADS

_FORBIDDEN_TAG = re.compile(r"<\s*(script|iframe|style|object|embed|svg|img)\b", re.I)
_EVENT_ATTR = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
_HREF = re.compile(r'href="([^"]*)"', re.I)


def _assert_inert(html: str) -> None:
    assert not _FORBIDDEN_TAG.search(html), html[:300]
    assert not _EVENT_ATTR.search(html), html[:300]
    for href in _HREF.findall(html):
        assert re.match(r"(https?:|/|#|\.|[a-z0-9_-]+(/|\.html|$))", href, re.I), href


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_markdown_renders_payload_inert(name: str) -> None:
    payload = PAYLOADS[name]
    for render in (render_markdown, render_markdown_inline):
        _assert_inert(str(render(payload)))


@pytest.mark.parametrize(
    "name", ["md_js_link", "md_js_link_mixed_case", "md_js_link_entity", "md_data_link", "md_vbscript_link"]
)
def test_dangerous_link_schemes_lose_their_href(name: str) -> None:
    html = str(render_markdown(PAYLOADS[name]))
    assert "href" not in html, html


def test_markdown_keeps_no_title_or_lang_attribute() -> None:
    # Material's tooltips insert a title as HTML; a Markdown link title could carry an entity-written tag.
    html = str(render_markdown(PAYLOADS["md_link_title_tag"] + ' [l](https://example.org/ "plain title")'))
    assert 'href="https://example.org/"' in html
    assert "title=" not in html and "lang=" not in html, html


def test_raw_html_is_shown_as_text_not_markup() -> None:
    html = str(render_markdown(PAYLOADS["script_tag"]))
    assert "&lt;script&gt;" in html and MARKER in html


@pytest.mark.parametrize("name", ["template_expr", "template_stmt", "template_comment", "template_raw"])
def test_template_syntax_survives_rendering_and_is_not_evaluated(name: str) -> None:
    payload = PAYLOADS[name]
    html = str(render_markdown_inline(payload))
    assert html == jinja2.utils.markupsafe.escape(payload) or payload in html
    # A macro's return value is placed in the page; embedding it in a template as a value never evaluates it.
    out = jinja2.Environment().from_string("{{ value }}").render(value=html)
    assert out == html
    assert "49" not in out and "loop" * 3 not in out


@pytest.mark.parametrize("name", ["armenian", "cyrillic", "azerbaijani"])
def test_every_script_survives_unchanged(name: str) -> None:
    assert PAYLOADS[name] in str(render_markdown_inline(PAYLOADS[name]))
    assert plain_text(PAYLOADS[name]) == PAYLOADS[name]


def test_tooltip_text_keeps_link_words_and_drops_their_targets() -> None:
    assert plain_text("[click](javascript:void) now") == "click now"
    assert plain_text("*Ստեփանակերտ* and **Xankəndi**") == "Ստեփանակերտ and Xankəndi"


def test_billion_laughs_is_refused_quickly() -> None:
    doc = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        doc += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    start = time.monotonic()
    result, diagnostics = parse_yaml_text(doc, "laughs.yaml")
    assert time.monotonic() - start < 2
    assert any(d.is_error for d in diagnostics)
    assert any("laughs.yaml" in str(d) for d in diagnostics)


def test_duplicate_keys_are_refused() -> None:
    _, diagnostics = parse_yaml_text("id: a\nid: b\n", "dup.yaml")
    assert any(d.is_error for d in diagnostics)


def test_bidi_control_in_an_id_is_an_error_and_in_text_flagged() -> None:
    _, id_diags = parse_yaml_text("id: ab\u202ecd\n", "bidi.yaml")
    assert any(d.is_error for d in id_diags)
    _, text_diags = parse_yaml_text("summary: ab\u202ecd\n", "bidi.yaml")
    assert text_diags and not any(d.is_error for d in text_diags)


def test_python_tags_are_refused() -> None:
    _, diagnostics = parse_yaml_text("x: !!python/object/apply:os.system ['true']\n", "tag.yaml")
    assert any(d.is_error for d in diagnostics)


# ---- the whole site built from a copy of the real content with a payload in every free-text field -------
# The fields come from the JSON Schemas (tests/fixtures/hostile_content.py), each with its own marker, so a
# field that is dropped, mangled or rendered as markup is named in the failure.

FIELDS = free_text_fields()
# Where each file's records are listed in full: every field of the file must reach that page.
INDEX_PAGE = {
    "eras": "timeline/index.html",
    "events": "timeline/index.html",
    "actors": "people/index.html",
    "figures": "figures/index.html",
    "sources": "sources/index.html",
    "places": "names/index.html",
    "glossary": "names/index.html",
}
# Fields that only shape how a record is named elsewhere: a number's credit in running text (short_name) and
# the overview's strip of key numbers (short_label). The overview shows both.
FIELD_PAGE = {"actors.short_name": "index.html", "figures.short_label": "index.html"}
_SCRIPT_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


@dataclasses.dataclass(frozen=True)
class _Parsed:
    """A page as the browser would read it (tests/support.py's reader): its text (character references
    decoded), every attribute, and what sits inside <script> elements."""

    text: str
    attributes: list[tuple[str, str, str]]  # (tag, name, value)
    scripts: list[str]

    @classmethod
    def of(cls, page: Tag) -> _Parsed:
        elements = page.find_all(True)
        return cls(
            text=support.text(page),
            attributes=[(el.name, name, value) for el in elements for name, value in el.attrs.items()],
            scripts=[script.get_text() for script in page.find_all("script")],
        )


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def payload_pages(payload_site) -> dict[str, _Parsed]:
    assert payload_site.returncode == 0, payload_site.output[-3000:]
    return {
        path.relative_to(payload_site.site_dir).as_posix(): _Parsed.of(support.read_page(path))
        for path in sorted(payload_site.site_dir.rglob("*.html"))
    }


def test_the_schemas_yield_every_kind_of_field() -> None:
    # A walk that found nothing would make every check below pass vacuously.
    files = {f.file for f in FIELDS}
    assert files == set(INDEX_PAGE), files
    assert {f.kind for f in FIELDS} == {TEXT, MARKDOWN, URL}
    assert {"events.title", "figures.claims.method", "actors.roles.title", "places.names.hy", "sources.url"} <= {
        f.name for f in FIELDS
    }


@pytest.mark.parametrize("field", [f for f in FIELDS if f.kind != URL], ids=lambda f: f.name)
def test_every_free_text_field_is_shown_whole_and_as_text(payload_pages, field) -> None:
    page = payload_pages[FIELD_PAGE.get(field.name, INDEX_PAGE[field.file])]
    shown = PLAIN_SHOWN if field.kind == TEXT else MARKDOWN_SHOWN
    assert f"{field.marker} {_norm(shown)}" in page.text, f"{field.name}: payload lost or turned into markup"


@pytest.mark.parametrize("field", [f for f in FIELDS if f.kind != URL], ids=lambda f: f.name)
def test_wherever_a_field_is_shown_it_is_whole_text(payload_pages, field) -> None:
    # Charts, cards, links and tables show fields too: every appearance must be the whole payload as text.
    expected = f"{field.marker} {_norm(PLAIN_SHOWN if field.kind == TEXT else MARKDOWN_SHOWN)}"
    for name, page in payload_pages.items():
        text, start = page.text, 0
        while (start := text.find(field.marker, start)) >= 0:
            assert text.startswith(expected, start), (name, text[start : start + 300])
            start += 1


@pytest.mark.parametrize("field", [f for f in FIELDS if f.kind == URL], ids=lambda f: f.name)
def test_every_url_field_stays_inside_its_href(payload_pages, field) -> None:
    page = payload_pages[INDEX_PAGE[field.file]]
    expected = URL_PAYLOAD.format(marker=field.marker)
    assert ("a", "href", expected) in page.attributes, f"{field.name}: the address was changed or broke out"


def test_no_page_carries_content_markup_handlers_or_script_links(payload_pages) -> None:
    for name, page in payload_pages.items():
        assert not any(MARKER in script or "__pwned" in script for script in page.scripts), name
        for tag, attribute, value in page.attributes:
            assert not attribute.startswith("on"), (name, tag, attribute)
            assert attribute != "id" or value not in ("evil", "injected"), (name, tag)
            if attribute in ("href", "src", "action", "formaction", "xlink:href"):
                assert not _SCRIPT_SCHEME.match(_INVISIBLE.sub("", value)), (name, tag, value)
            if tag in ("iframe", "object", "embed", "img"):
                assert "evil" not in value and value != "x", (name, tag, attribute, value)


def test_tooltips_and_titles_show_the_payload_as_text(payload_pages) -> None:
    # Place links carry the native names in title, term links the definition. The browser shows a title as
    # it is, and so does the site's popover (notes.js puts it in as text, never as HTML): the attribute,
    # decoded once by the parser, must be the text typed. (Material's tooltips, which inserted a title as
    # HTML and so needed it escaped twice, are switched off; tests/browser checks the popover.)
    hy = next(f for f in FIELDS if f.name == "places.names.hy")
    definition = next(f for f in FIELDS if f.name == "glossary.definition")
    titles = [
        value for page in payload_pages.values() for tag, attribute, value in page.attributes if attribute == "title"
    ]
    shown = [_norm(value) for value in titles]
    assert any(f"{hy.marker} {_norm(PLAIN_SHOWN)}" in value for value in shown)
    assert any(f"{definition.marker} {MARKDOWN_SHOWN[:40]}" in value for value in shown)  # cut at 240 characters


def test_the_long_string_is_shown_whole(payload_pages) -> None:
    text = payload_pages[INDEX_PAGE["places"]].text
    assert text.count(_norm(LONG_TEXT)) == 2  # the alias and the glossary definition


def test_nothing_is_silently_lost(payload_pages) -> None:
    everywhere = "\n".join(
        page.text + "\n" + "\n".join(v for _, _, v in page.attributes) for page in payload_pages.values()
    )
    lost = [f.name for f in FIELDS if f.marker not in everywhere]
    assert not lost, lost


def test_content_never_reaches_the_page_title_or_description(payload_site) -> None:
    head = re.compile(
        r'<title>[^<]*</title>|<meta name="description"[^>]*>|<meta (?:property|name)="(?:og|twitter):[^"]*"[^>]*>'
    )
    for path in payload_site.site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        document_title = head.findall(html[: html.find("</head>")])
        assert document_title and not any(re.search(r"Q\d{5}Q", t) for t in document_title), path


def test_search_index_keeps_every_field_as_escaped_text(payload_site) -> None:
    index = json.loads((payload_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [doc["title"] + "\n" + doc["text"] for doc in index["docs"]]
    joined = html_lib.unescape("\n".join(texts))
    for field in FIELDS:
        if field.kind != URL:
            assert field.marker in joined, f"{field.name} is not in the search index"
    assert "{{ 7*7 }} {% for i in range(3) %}loop{% endfor %} {# c #} {% raw %}r{% endraw %}" in joined
    for text in texts:  # Material inserts this text as HTML: only its own few tags, nothing from content
        assert not _FORBIDDEN_TAG.search(text) and not _EVENT_ATTR.search(text), text[:300]


def test_data_downloads_keep_every_string_exactly(payload_site) -> None:
    import yaml

    exported: set[str] = set()
    for path in (payload_site.site_dir / "data").glob("*.json"):
        _collect(json.loads(path.read_text(encoding="utf-8")), exported, lambda text: True)
    for path in (payload_site.site_dir.parent / "content").glob("*.yaml"):
        poisoned: set[str] = set()
        _collect(yaml.safe_load(path.read_text(encoding="utf-8")), poisoned, _is_poisoned)
        assert poisoned, path.name
        missing = sorted(text[:80] for text in poisoned - exported)
        assert not missing, (path.name, missing[:3])


def _is_poisoned(text: str) -> bool:
    return bool(re.search(r"Q\d{5}Q", text)) or text.startswith("LONG-START")


def _collect(value, into: set[str], keep) -> None:
    if isinstance(value, str) and keep(value):
        into.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, into, keep)
    elif isinstance(value, list):
        for item in value:
            _collect(item, into, keep)


def test_csv_downloads_run_no_formula_and_keep_the_text(payload_site) -> None:
    import csv

    rows = 0
    for path in (payload_site.site_dir / "data").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows += 1
                for column, cell in row.items():
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, column, cell[:60])
    assert rows
    claims = (payload_site.site_dir / "data" / "claims.csv").read_text(encoding="utf-8")
    assert "'=1+1 " in claims or "'+1+1 " in claims or "'-1+1 " in claims or "'@SUM(1) " in claims
    assert "{{ 7*7 }}" in claims and "Ստեփանակերտ Xankəndi ş ğ ı ə Степанакерт" in claims


def test_bidi_controls_in_text_are_flagged_to_editors(payload_site) -> None:
    # Shown in the build log and by `make check` (tested in test_validate), at file:line:column.
    assert re.search(
        r"events\.yaml:\d+:\d+: warning: invisible bidirectional control character U\+202E in text", payload_site.output
    )


def _with_place_name(content, place_id: str, name: str):
    places = tuple(dataclasses.replace(p, english=(name,)) if p.id == place_id else p for p in content.places)
    return dataclasses.replace(content, places=places)


def test_make_check_shows_editors_a_bidi_control_in_text_and_passes(tmp_path, capsys) -> None:
    import shutil

    from macros.__main__ import run_check
    from tests.support import ROOT

    shutil.copytree(ROOT / "content", tmp_path / "content")
    run_check(tmp_path / "content", ROOT / "docs")
    before = capsys.readouterr().out.count(": warning: ")
    path = tmp_path / "content" / "events.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("  title: "))
    lines[number] = lines[number].replace("title: ", "title: abc\u202e", 1)
    path.write_text("".join(lines), encoding="utf-8")
    assert run_check(tmp_path / "content", ROOT / "docs") == 0  # a warning: flagged, not refused
    out = capsys.readouterr().out
    assert f"events.yaml:{number + 1}:13: warning: invisible bidirectional control character U+202E in text" in out
    assert out.count(": warning: ") == before + 1


def test_map_labels_show_markup_and_template_syntax_as_text() -> None:
    from macros.loader import load_content_or_raise
    from macros.render.locator_map import render_locator_map
    from tests.support import ROOT

    # Yerevan: at the map's west edge, with room for a longer label (a crowded one may be left off the map).
    content = _with_place_name(load_content_or_raise(ROOT / "content"), "yerevan", "Yerevan<b>{{1}}ə")
    html = str(render_locator_map(content, place_url=lambda place_id: f"names/#{place_id}"))
    assert "<b>" not in html and "Yerevan&lt;b&gt;" in html
    assert html_lib.unescape(html).count("Yerevan<b>{{1}}ə") >= 2  # the label and the list of places


def test_a_place_name_too_long_for_the_map_is_refused_by_name() -> None:
    from macros.loader import load_content_or_raise
    from macros.render.locator_map import MapError, render_locator_map
    from tests.support import ROOT

    content = _with_place_name(load_content_or_raise(ROOT / "content"), "baku", "Baku " + "x" * 200)
    with pytest.raises(MapError, match="'baku'"):
        render_locator_map(content, place_url=lambda place_id: place_id)


# ---- refused before anything is built: script-scheme addresses, HTML and templates in Markdown ----------


def _load_with(tmp_path, field, value: str) -> str:
    """Load a copy of the real content whose first record filling `field` holds `value` there; returns
    the error text, after checking it points at the line where the value was written."""
    import shutil

    import yaml

    from macros.loader import ContentError, load_content_or_raise
    from tests.support import ROOT

    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / f"{field.file}.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    fill_nested(field.file, records, field.path)
    holders = [h for h in (_holder(r, field.path) for r in records) if h is not None]
    holder = next((h for h in holders if field.path[-1] in h), holders[0])  # one that fills it, if any
    holder[field.path[-1]] = [value] if isinstance(holder.get(field.path[-1]), list) else value
    text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "REFUSE-ME" in row)
    with pytest.raises(ContentError) as refused:
        load_content_or_raise(tmp_path / "content", ROOT / "docs")
    message = str(refused.value)
    assert re.search(rf"{field.file}\.yaml:{line}:\d+: error: ", message), message
    return message


def _holder(record: dict, path: tuple[str, ...]):
    """The mapping that holds (or can hold) the field's last key in this record, if any."""
    holder = record
    for step in path[:-1]:
        holder = holder.get(step) if isinstance(holder, dict) else None
        holder = holder[0] if isinstance(holder, list) and holder else holder
    return holder if isinstance(holder, dict) else None


_BAD_ADDRESSES = {
    "javascript": "javascript:alert(1)//REFUSE-ME",
    "javascript-case": "JaVaScRiPt:alert(1)//REFUSE-ME",
    "javascript-space": " javascript:alert(1)//REFUSE-ME",
    "data": "data:text/html,REFUSE-ME",
    "vbscript": "vbscript:msgbox(REFUSE-ME)",
    "http": "http://example.org/REFUSE-ME",
    "protocol-relative": "//evil.example/REFUSE-ME",
}


@pytest.mark.parametrize("address", sorted(_BAD_ADDRESSES))
@pytest.mark.parametrize("field", [f for f in FIELDS if f.kind == URL], ids=lambda f: f.name)
def test_script_scheme_addresses_are_refused_at_file_and_line(tmp_path, field, address) -> None:
    message = _load_with(tmp_path, field, _BAD_ADDRESSES[address])
    assert "https://" in message


@pytest.mark.parametrize(
    "payload",
    [
        "REFUSE-ME <b>bold</b>",
        "REFUSE-ME <img src=x onerror=alert(1)>",
        "REFUSE-ME </p>",
        "REFUSE-ME <!-- c -->",
        "REFUSE-ME <javascript:alert(1)>",
    ],
)
@pytest.mark.parametrize("field", [f for f in FIELDS if f.kind == TEXT], ids=lambda f: f.name)
def test_html_tags_in_plain_text_fields_are_refused_at_file_and_line(tmp_path, field, payload) -> None:
    # Material's tooltips put text into the page as HTML (a truncated heading in the table of contents
    # gets its own text as a tooltip), so plain text may not hold anything a browser reads as a tag.
    assert "plain text may not contain HTML tags" in _load_with(tmp_path, field, payload)


@pytest.mark.parametrize(
    "payload",
    [
        "REFUSE-ME <b>bold</b>",
        "REFUSE-ME {{ 7*7 }}",
        "REFUSE-ME {% if 1 %}x{% endif %}",
        "REFUSE-ME <script>alert(1)</script>",
        "REFUSE-ME <javascript:alert(1)>",
    ],
)
@pytest.mark.parametrize("field", [f for f in FIELDS if f.kind == MARKDOWN], ids=lambda f: f.name)
def test_html_and_template_syntax_in_markdown_fields_are_refused_at_file_and_line(tmp_path, field, payload) -> None:
    assert "raw HTML or {{" in _load_with(tmp_path, field, payload)
