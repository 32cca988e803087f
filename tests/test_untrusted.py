"""Untrusted content strings: Markdown is rendered inert, template syntax stays literal, YAML limits hold."""

from __future__ import annotations

import html as html_lib
import re
import time

import jinja2
import pytest

from macros.render.markup import plain_text, render_markdown, render_markdown_inline
from macros.yaml_reader import parse_yaml_text
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


@pytest.mark.parametrize("name", ["md_js_link", "md_js_link_mixed_case", "md_js_link_entity", "md_data_link", "md_vbscript_link"])
def test_dangerous_link_schemes_lose_their_href(name: str) -> None:
    html = str(render_markdown(PAYLOADS[name]))
    assert "href" not in html, html


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


# ---- the whole site built from content whose free text is hostile ---------------------------------------

_PLAIN_TEXT = {"title", "label"}
_MARKDOWN_TEXT = {"note", "summary", "description", "definition"}
# Markdown fields refuse raw HTML and template syntax outright; they get what Markdown allows, hostile links.
_MARKDOWN_PAYLOAD = "[x](javascript:alert(1)) [y](JaVa&#115;cript:alert(1)) &lt;script&gt; *Ստեփանակերտ* Xankəndi"
_SITE_PAYLOAD = (
    f"<script>window.__pwned='{MARKER}'</script> <img src=x onerror=alert(1)> "
    "[x](javascript:alert(1)) {{ 7*7 }} {% raw %}r{% endraw %} {# c #} Ստեփանակերտ Xankəndi ş ğ ı ə Степанакерт"
)


def _poison_field(key, value, html_payload: str):
    if isinstance(value, str) and key in _PLAIN_TEXT:
        return value + " " + html_payload
    if isinstance(value, str) and key in _MARKDOWN_TEXT:
        return value + " " + _MARKDOWN_PAYLOAD
    return _poison(value, html_payload)


def _poison(value, html_payload: str = _SITE_PAYLOAD):
    if isinstance(value, dict):
        return {k: _poison_field(k, v, html_payload) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, html_payload) for v in value]
    return value


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory):
    import shutil

    import yaml

    from tests.test_site_build import ROOT, _build

    workdir = tmp_path_factory.mktemp("payload")
    shutil.copytree(ROOT / "docs", workdir / "docs")
    shutil.copytree(ROOT / "content", workdir / "content")
    for path in (workdir / "content").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return _build("payload", workdir, workdir / "docs", workdir / "content", None)


def test_payload_site_builds_and_every_page_is_inert(payload_site) -> None:
    assert payload_site.returncode == 0, payload_site.output[-3000:]
    pages = list(payload_site.site_dir.rglob("*.html"))
    assert pages
    seen_payload = False
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f"<script>window.__pwned='{MARKER}'" not in html, page
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), page
        assert 'href="javascript:' not in html.lower(), page
        if MARKER in html:
            seen_payload = True
            # Shown literally (the site entity-encodes braces), never evaluated.
            text = html_lib.unescape(html)
            assert "{{ 7*7 }}" in text and "{% raw %}r{% endraw %}" in text and "{# c #}" in text, page
    assert seen_payload, "the payload text appears on no page"


def test_payload_text_in_data_downloads_is_literal(payload_site) -> None:
    downloads = [p for p in payload_site.site_dir.rglob("data/*") if p.suffix in {".json", ".csv"}]
    assert downloads
    assert any("{{ 7*7 }}" in p.read_text(encoding="utf-8") for p in downloads)
    assert any("Ստեփանակերտ" in p.read_text(encoding="utf-8") for p in downloads)


def test_html_and_template_syntax_in_markdown_fields_is_refused_at_file_and_line(tmp_path) -> None:
    import shutil

    import yaml

    from macros.loader import ContentError
    from tests.test_site_build import ROOT, load_content_or_raise

    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "places.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = [dict(p, description=p["description"] + " {{ 7*7 }} <b>") for p in data]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_content_or_raise(tmp_path / "content", ROOT / "docs")
    assert re.search(r"places\.yaml:\d+:\d+: error: .*raw HTML or \{\{", str(refused.value))
