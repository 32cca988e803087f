"""About's table of the sources' balance, computed from the sources' origin and publisher."""

from __future__ import annotations

from fixtures.site.model_content import make_content, source

from macros.render import PageContext, Renderer
from macros.render.balance import source_balance


def _content():
    return make_content(
        sources=(
            source("a", publisher="Armenpress", origin="armenian"),
            source("b", publisher="Trend", origin="azerbaijani"),
            source("c", publisher="International Court of Justice", origin="international", publisher_kind="court"),
            source(
                "d",
                publisher="Ministry of Foreign Affairs of Azerbaijan",
                origin="azerbaijani",
                publisher_kind="government",
            ),
            source("e", publisher="TASS", origin="russian"),
            source("f", publisher="Human Rights Watch", origin="international", publisher_kind="ngo"),
        ),
    )


def test_sources_are_counted_by_origin_and_kind_of_publisher():
    balance = source_balance(_content())
    assert balance.total == 6
    assert balance.count("azerbaijani") == 2
    assert balance.count("azerbaijani", "government") == 1
    assert balance.count("azerbaijani", "media") == 1
    assert balance.count(None, "international") == 1
    assert balance.count("international", "ngo") == 1
    assert balance.count("russian", "media") == 1


def test_the_table_has_a_row_per_origin_and_totals():
    html = str(Renderer(_content()).source_balance(PageContext(src_path="about.md", url="about/")))
    assert "<caption>The 6 sources" in html
    assert '<tr><th scope="row">Azerbaijani</th><td>1</td><td>1</td><td>0</td><td>0</td><td>2</td></tr>' in html
    assert '<tr><th scope="row">All</th><td>3</td><td>1</td><td>1</td><td>1</td><td>6</td></tr>' in html
