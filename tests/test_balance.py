"""About's table of the sources' balance, computed from the sources' origin and publisher."""

from __future__ import annotations

from fixtures.site.model_content import make_content, source

from macros.model import Actor
from macros.render import PageContext, Renderer
from macros.render.balance import source_balance


def _content():
    return make_content(
        sources=(
            source("a", publisher="Armenpress", origin="armenian"),
            source("b", publisher="Trend", origin="azerbaijani"),
            source("c", publisher="International Court of Justice", origin="international"),
            source("d", publisher="Ministry of Foreign Affairs of Azerbaijan", origin="azerbaijani"),
            source("e", publisher="TASS", origin="russian"),
        ),
        actors=(
            Actor("icj", "International Court of Justice", "court", aliases=("ICJ",)),
            Actor("az-mfa", "Azerbaijani Foreign Ministry", "government-body", aliases=("Ministry of Foreign Affairs of Azerbaijan",)),
        ),
    )


def test_sources_are_counted_by_origin_and_kind_of_publisher():
    balance = source_balance(_content())
    assert balance.total == 5
    assert balance.count("azerbaijani") == 2
    assert balance.count("azerbaijani", "government") == 1
    assert balance.count("azerbaijani", "media") == 1
    assert balance.count(None, "institution") == 1
    assert balance.count("russian", "media") == 1


def test_the_table_has_a_row_per_origin_and_totals():
    html = str(Renderer(_content()).source_balance(PageContext(src_path="about.md", url="about/")))
    assert "<caption>The 5 sources" in html
    assert '<tr><th scope="row">Azerbaijani</th><td>1</td><td>1</td><td>0</td><td>2</td></tr>' in html
    assert '<tr><th scope="row">All</th><td>3</td><td>1</td><td>1</td><td>5</td></tr>' in html
