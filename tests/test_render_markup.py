import markdown
from markupsafe import Markup

from macros.render.markup import ExternalLinks, render_markdown, render_markdown_inline


def test_emphasis_links_and_lists_survive():
    html = render_markdown("Some *emphasis*, **strong** and a [link](https://example.org/a).\n\n- one\n- two")
    assert "<em>emphasis</em>" in html
    assert "<strong>strong</strong>" in html
    assert '<a href="https://example.org/a" rel="noopener">link</a>' in html
    assert "<ul>" in html and "<li>one</li>" in html


def test_relative_links_get_no_rel():
    assert str(render_markdown("[x](../people/#gov)")) == '<p><a href="../people/#gov">x</a></p>'


def test_raw_html_is_shown_as_text():
    html = render_markdown('Hello <script>alert(1)</script> <b onclick="x()">bold</b>')
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;" in html


def test_dangerous_link_schemes_are_dropped():
    html = render_markdown("[click](javascript:alert(1)) and [data](data:text/html,x)")
    assert "javascript:" not in html and "data:" not in html


def test_disallowed_markdown_elements_are_stripped():
    html = render_markdown("# Heading\n\n![img](https://example.org/i.png)\n\n> quote")
    assert "<h1" not in html and "<img" not in html and "<blockquote" not in html


def test_jinja_syntax_stays_literal():
    assert "{{ 7*7 }}" in render_markdown("A literal {{ 7*7 }}")


def test_result_is_markup_and_inline_drops_the_paragraph():
    assert isinstance(render_markdown("x"), Markup)
    assert render_markdown_inline("A *note*.") == "A <em>note</em>."
    assert render_markdown(None) == ""


def test_plain_text_for_tooltips():
    from macros.render.markup import plain_text

    assert plain_text("Used by *Azerbaijan*; see [UNHCR](https://unhcr.org) & <b>others</b>.") == (
        "Used by Azerbaijan; see UNHCR & <b>others</b>."
    )
    long = plain_text("word " * 100, limit=20)
    assert long == "word word word word…"


def test_page_markdown_marks_links_that_leave_the_site():
    """The pages' own Markdown (MkDocs renders it, with raw HTML allowed) gets the content's mark on links to
    other sites, and only on those; it does not drop anything."""
    md = markdown.Markdown(extensions=[ExternalLinks()])
    html = md.convert("[CC BY](https://creativecommons.org/licenses/by/4.0/), [About](../about/), [x](#notes)")
    assert html == (
        '<p><a href="https://creativecommons.org/licenses/by/4.0/" rel="noopener">CC BY</a>, '
        '<a href="../about/">About</a>, <a href="#notes">x</a></p>'
    )
