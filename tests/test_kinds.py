"""The kinds table (macros/kinds.py) agrees with the schemas, the model and the content files, and the
enumerations the site shows come from the schemas."""

from __future__ import annotations

from dataclasses import fields

import pytest

from macros.kinds import KINDS, allowed, labelled, load_schema
from macros.model import Content
from macros.paging import KIND_TITLES, LISTS, SIDE_TITLES
from macros.render.balance import ORIGINS
from macros.render.charts import STATUS_MEANINGS
from macros.render.renderer import STATUS_LABELS


def test_one_kind_per_field_of_content_in_the_same_order():
    assert tuple(KINDS) == tuple(f.name for f in fields(Content))


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_has_its_schema_and_its_fields_exist(name):
    kind = KINDS[name]
    schema = load_schema(name)
    record = schema["$defs"][kind.noun]
    assert schema["items"] == {"$ref": f"#/$defs/{kind.noun}"}
    for path, target in kind.references:
        assert target in KINDS
        node = record
        for step in path:
            if step == "*":
                continue
            node = node["properties"][step]
            node = (
                schema["$defs"][node["items"]["$ref"].rsplit("/", 1)[-1]] if "$ref" in node.get("items", {}) else node
            )
        assert node is not None


def test_every_paged_list_names_a_kind_and_shows_it_on_the_kinds_page():
    for paged in LISTS.values():
        assert KINDS[paged.kind].page == paged.page


def test_enumerations_come_from_the_schemas_in_their_order():
    assert tuple(KIND_TITLES) == allowed("actors", "kind")
    assert tuple(SIDE_TITLES) == allowed("actors", "side")
    assert tuple(STATUS_LABELS) == tuple(STATUS_MEANINGS) == allowed("figures", "claims", "status")
    assert tuple(ORIGINS) == allowed("sources", "origin")
    assert "border-crossing" in allowed("places", "kind")


def test_a_schema_value_without_a_label_fails_loudly():
    with pytest.raises(ValueError, match=r"\['other'\] missing"):
        labelled({kind: kind for kind in allowed("actors", "kind") if kind != "other"}, "actors", "kind")
    with pytest.raises(ValueError, match=r"\['alien'\] not in the schema"):
        labelled({**dict.fromkeys(allowed("actors", "kind"), ""), "alien": ""}, "actors", "kind")


def test_the_editors_field_reference_covers_every_kind():
    from macros import field_reference

    assert set(field_reference.KINDS) == set(KINDS)
