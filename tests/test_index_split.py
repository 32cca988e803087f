"""The split of the index pages (macros/paging.py: the sections of Sources, People and institutions and
Figures, the packing rule they share with the timeline) and the one address of every source, actor and
figure (SitePages.record_url)."""

from __future__ import annotations

import pytest
from fixtures.site.model_content import make_content, source

from macros.dates import parse_date
from macros.model import Actor, Content
from macros.paging import Section, initial, plan_list, plan_lists, sections
from macros.render import PageContext, Renderer, RenderError, SitePages

INDEX_KINDS = ("sources", "people", "figures")


def _sources(*publishers: str):
    return tuple(
        source(f"s{i}", publisher=p, published=parse_date(f"20{10 + i % 10}")) for i, p in enumerate(publishers)
    )


def plan_index(kind: str, content: Content, budget: int):
    return plan_list(kind, sections(kind, content), budget)


def _split(content, budget: int) -> Renderer:
    return Renderer(content, plan_lists(content, dict.fromkeys(INDEX_KINDS, budget)))


# ---- the packing rule


class _Record:
    def __init__(self, record_id: str) -> None:
        self.id = record_id


def _people(labels: str) -> Section:
    """A section whose records are labelled by the letters of `labels`, one record per letter: "AABCC"."""
    return Section(
        "kind-person", "person", "People", tuple(_Record(f"p{i}") for i in range(len(labels))), tuple(labels)
    )


def test_whole_groups_are_packed_up_to_the_budget_and_a_big_group_is_numbered():
    plan = plan_list("people", [_people("AABCCDDDDDF")], 3)
    assert [(p.key, p.title, p.labels, p.record_ids) for p in plan.parts] == [
        ("person-a", "People: A–B", ("A", "B"), ("p0", "p1", "p2")),
        ("person-c", "People: C", ("C", "C"), ("p3", "p4")),
        ("person-d", "People: D (1 of 2)", ("D", "D"), ("p5", "p6", "p7")),
        ("person-d-2", "People: D (2 of 2)", ("D", "D"), ("p8", "p9")),
        ("person-f", "People: F", ("F", "F"), ("p10",)),
    ]
    assert [p.src_path for p in plan.parts][:2] == ["people/person-a.md", "people/person-c.md"]
    sources = plan_list("sources", [Section("", "", "Sources", (_Record("s0"), _Record("s1")), ("A", "B"))], 1)
    assert [p.key for p in sources.parts] == ["a", "b"]


def test_the_packing_rule_needs_a_positive_budget():
    with pytest.raises(ValueError):
        plan_list("people", [_people("A")], 0)


# ---- the plans


def test_an_index_within_the_budget_is_one_page():
    content = make_content()
    for kind in INDEX_KINDS:
        plan = plan_index(kind, content, budget=10)
        assert not plan.split and plan.parts == () and plan.pages == {}


def test_the_real_site_keeps_each_index_on_one_page():
    from macros.loader import load_content_or_raise
    from tests.support import ROOT, settings

    content = load_content_or_raise(ROOT / "content", ROOT / "docs")
    assert not any(plan.split for plan in plan_lists(content, settings()["index_page_records"]).values())


def test_sources_past_the_budget_are_cut_at_the_publishers_initials_in_index_order():
    content = make_content(sources=_sources("Reuters", "AP", "BBC", "Agence", "reuters", "RFE/RL", "Zeit", "168 Zham"))
    plan = plan_index("sources", content, budget=3)
    # index order: 168 Zham (#), Agence, AP, BBC, then Reuters ×2 and RFE/RL (R over the budget? 3 fit), Zeit
    assert [(p.key, p.title, p.record_ids) for p in plan.parts] == [
        ("u23", "Sources: #–A", ("s7", "s3", "s1")),
        ("b", "Sources: B", ("s2",)),
        ("r", "Sources: R", ("s0", "s4", "s5")),
        ("z", "Sources: Z", ("s6",)),
    ]
    assert plan.pages["s5"] == "sources/r.md" and plan.part("z").src_path == "sources/z.md"
    shown = [record_id for part in plan.parts for record_id in part.record_ids]
    assert sorted(shown) == sorted(s.id for s in content.sources)  # every source exactly once


def test_people_get_a_page_per_side_and_role_and_a_big_one_is_cut_by_family_name():
    people = [
        Actor(f"p{i}", name, "person", side="azerbaijan" if name == "Ilham Aliyev" else "armenia")
        for i, name in enumerate(
            ["Ilham Aliyev", "Nikol Pashinyan", "Ararat Mirzoyan", "Tigran Khachatryan", "Armen Grigoryan"]
        )
    ]
    content = make_content(actors=(Actor("gov", "Armenian government", "government-body", side="armenia"), *people))
    plan = plan_index("people", content, budget=2)
    assert [(p.key, p.section, p.record_ids) for p in plan.parts] == [
        ("armenia-people-g", "side-armenia-people", ("p4", "p3")),  # Grigoryan, Khachatryan
        ("armenia-people-m", "side-armenia-people", ("p2", "p1")),  # Mirzoyan, Pashinyan
        ("armenia-bodies", "side-armenia-bodies", ("gov",)),
        ("azerbaijan-people", "side-azerbaijan-people", ("p0",)),
    ]
    assert plan.parts[0].title == "Armenia (people): G–K" and plan.parts[2].title == "Armenia (institutions and groups)"
    assert plan.part("azerbaijan-people").src_path == "people/azerbaijan-people.md"


def test_figures_get_a_page_per_period():
    content = make_content()
    plan = plan_index("figures", content, budget=1)
    assert [(p.key, p.title, p.record_ids) for p in plan.parts] == [
        ("exodus", "The exodus", ("arrivals",)),
        ("other", "Other figures", ("aid",)),
    ]


def test_initials():
    assert [initial(n) for n in ["aliyev", "“Quoted”", "1in.am", "Ереван"]] == ["A", "Q", "#", "Е"]


# ---- one address per record, and every link uses it


def test_a_record_has_one_address_split_or_not():
    pages = SitePages(
        record_pages={"actors": {"spokes": "people/person-a.md"}, "sources": {}, "figures": {"aid": "figures/other.md"}}
    )
    assert pages.record_url("actors", "spokes") == "people/person-a/#spokes"
    assert pages.record_url("actors", "gov") == "people/#gov"
    assert pages.record_url("figures", "aid") == "figures/other/#aid"
    assert pages.record_url("sources", "src-a") == "sources/#src-a"
    assert pages.record_url("glossary", "ceasefire-line") == "names/#ceasefire-line"
    assert SitePages(use_directory_urls=False).record_url("sources", "src-a") == "sources.html#src-a"


def test_every_link_to_a_split_record_points_at_its_page():
    renderer = _split(make_content(), budget=1)
    page = PageContext("background/war.md", "background/war/")
    value = renderer.value(page, "arrivals")
    assert 'href="../../figures/exodus/#arrivals"' in value  # the figure
    assert 'href="../../people/armenia-people/#spokes"' in renderer.actor(page, "spokes")  # who claimed it
    card = renderer.figure(page, "aid")
    assert card.count('href="../../figures/other/#aid"') == 2
    assert 'href="../../people/armenia-bodies/#gov"' in renderer.actor(page, "gov")
    renderer.cite(page, "src-c")
    assert 'href="../../sources/e-3/#src-c"' in renderer.notes(page)  # "Example Wire" (E), the third of three pages
    # the sources' back-links to a figure's claims go to the figure's page
    assert any(c.url == "figures/exodus/#arrivals" for c in renderer.cited_by["src-b"])


def test_a_split_index_links_to_its_parts_and_a_part_shows_only_its_records():
    renderer = _split(make_content(), budget=1)
    index = PageContext("people.md", "people/")
    listing = renderer.people_index(index)
    assert 'href="armenia-people/"' in listing and 'href="armenia-bodies/"' in listing
    assert '<h4 id="spokes">' not in listing  # no record on the index page
    part = renderer.people_index(
        PageContext("people/armenia-people.md", "people/armenia-people/"), part="armenia-people"
    )
    assert part.startswith("# Armenia (people)\n") and '<h4 id="spokes">' in part and '<h4 id="gov">' not in part
    assert 'href="../#' not in part  # links to records are to their pages
    with pytest.raises(RenderError):
        renderer.sources_index(index, part="nope")


def test_an_unsplit_index_renders_as_before():
    content = make_content()
    page = PageContext("sources.md", "sources/")
    assert Renderer(content).sources_index(page) == _split(content, budget=100).sources_index(page)
