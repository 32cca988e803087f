"""macros/render/locator_map.py: every place in the frame is on the map, named as the naming policy says,
linked, inside the drawing and legible; the committed outlines stay small."""

import json
import xml.etree.ElementTree as ET

import pytest

from macros.render.locator_map import CORRIDOR_DETAIL, GEODATA, REGION, Frame, MapError, layout_frame, render_locator_map
from macros.model import Content, Place

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"  # map links use xlink:href (see map.html)


def place(place_id, names, kind, lat, lon):
    return Place(id=place_id, english=tuple(names), kind=kind, coordinates=(lat, lon))


PLACES = (
    place("stepanakert", ["Stepanakert", "Khankendi"], "city", 39.8153, 46.7519),
    place("shusha", ["Shusha", "Shushi"], "town", 39.7583, 46.75),
    place("lachin-corridor", ["Lachin corridor"], "road", 39.6383, 46.5461),
    # Three places within 2 km of one another: the labels must still not collide.
    place("hakari-bridge", ["Hakari bridge"], "checkpoint", 39.54, 46.56),
    place("kornidzor", ["Kornidzor"], "village", 39.548, 46.531),
    place("tegh", ["Tegh"], "village", 39.556, 46.545),
    place("goris", ["Goris"], "town", 39.5111, 46.3378),
    place("nagorno-karabakh", ["Nagorno-Karabakh"], "region", 39.9, 46.7),
    place("yerevan", ["Yerevan"], "city", 40.1811, 44.5136),
    place("baku", ["Baku"], "city", 40.4093, 49.8671),
    place("sumgait", ["Sumgait"], "city", 40.5897, 49.6686),
    place("aghdam", ["Aghdam", "Akna"], "district", 39.9911, 46.9297),
    place("moscow", ["Moscow"], "city", 55.7558, 37.6173),
    place("bishkek", ["Bishkek"], "city", 42.8746, 74.5698),
)
OUT_OF_FRAME = {"moscow", "bishkek"}


def url(place_id):
    return f"../names/#{place_id}"


@pytest.fixture(scope="module")
def rendered():
    return render_locator_map(Content(places=PLACES), place_url=url)


@pytest.fixture(scope="module")
def root(rendered):
    return ET.fromstring(str(rendered))


def frames(root):
    return [svg for svg in root.iter(f"{SVG}svg") if svg.get("role") == "group"]


def linked_labels(svg):
    return {a.get("data-place"): "".join(a.itertext()) for a in svg.iter(f"{SVG}a")}


def test_map_is_well_formed_svg_with_two_accessible_frames(root):
    region, detail = frames(root)
    for svg, frame in ((region, REGION), (detail, CORRIDOR_DETAIL)):
        assert svg.get("viewBox") == f"0 0 {frame.width:g} {frame.height:g}"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text == frame.title
    assert root.find("figcaption") is not None
    # Country outlines are drawn in both frames; Armenia and Azerbaijan stand out.
    for svg in (region, detail):
        lands = [p for p in svg.iter(f"{SVG}path") if "nk-map__land" in p.get("class")]
        assert {p.find(f"{SVG}title").text for p in lands} >= {"Armenia", "Azerbaijan"}
        assert all(("--focus" in p.get("class")) == (p.find(f"{SVG}title").text in ("Armenia", "Azerbaijan")) for p in lands)


def test_every_place_in_frame_is_labelled_once_with_both_names_and_linked(root):
    region, detail = frames(root)
    on_region, on_detail = linked_labels(region), linked_labels(detail)
    in_frame = {p.id for p in PLACES} - OUT_OF_FRAME
    assert set(on_region) | set(on_detail) == in_frame
    assert not set(on_region) & set(on_detail)  # the corridor's places are left to the detail frame
    assert set(on_detail) == {"stepanakert", "shusha", "lachin-corridor", "hakari-bridge", "kornidzor", "tegh", "goris", "nagorno-karabakh"}
    labels = on_region | on_detail
    assert labels["stepanakert"] == "Stepanakert/Khankendi"
    assert labels["shusha"] == "Shusha/Shushi"
    assert labels["aghdam"] == "Aghdam/Akna"
    hrefs = {a.get("data-place"): a.get(f"{XLINK}href") for svg in (region, detail) for a in svg.iter(f"{SVG}a")}
    assert hrefs == {place_id: url(place_id) for place_id in in_frame}


def test_places_are_listed_as_text_links_for_readers_who_cannot_see_the_map(root):
    items = root.find(".//div[@class='nk-map__places']/ul").findall("li")
    listed = {li.find("a").text: li.find("a").get("href") for li in items}
    assert listed == {p.name: url(p.id) for p in PLACES if p.id not in OUT_OF_FRAME}
    region, detail = frames(root)
    assert "Stepanakert/Khankendi" in detail.find(f"{SVG}desc").text
    assert "drawn schematically through Hakari bridge, Lachin corridor and Stepanakert/Khankendi." in detail.find(f"{SVG}desc").text
    assert "Yerevan" in region.find(f"{SVG}desc").text and "Moscow" not in region.find(f"{SVG}desc").text


def test_dots_and_labels_stay_inside_the_drawing_and_do_not_overlap():
    content = Content(places=PLACES)
    for frame, detail in ((REGION, CORRIDOR_DETAIL), (CORRIDOR_DETAIL, None)):
        rendered = layout_frame(frame, content, detail=detail)
        for label in rendered.labels:
            box = label.box
            assert 0 <= box.left < box.right <= frame.width and 0 <= box.top < box.bottom <= frame.height, label
            if label.dot:
                assert 0 <= label.dot[0] <= frame.width and 0 <= label.dot[1] <= frame.height
        boxes = [label.box for label in rendered.labels]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a.overlap(b) == 0, (rendered.labels[boxes.index(a)].lines, b)


def test_projection_keeps_north_up_and_east_right():
    frame = Frame("t", "test", 39.0, 41.0, 44.0, 48.0, width=400)
    west_north = frame.project(41.0, 44.0)
    east_south = frame.project(39.0, 48.0)
    assert west_north == (0.0, 0.0)
    assert east_south == (400.0, frame.height)
    # One degree of latitude is longer on the drawing than one of longitude at 40° N.
    assert frame.height / 2 > 400 / 4


def test_corridor_is_drawn_through_its_places_and_an_unknown_route_is_an_error():
    content = Content(places=PLACES)
    detail = layout_frame(CORRIDOR_DETAIL, content)
    points = [CORRIDOR_DETAIL.project(*content.place(i).coordinates) for i in ("hakari-bridge", "lachin-corridor", "stepanakert")]
    assert detail.corridor == "M" + "L".join(f"{x},{y}" for x, y in points)
    with pytest.raises(KeyError, match="no-such-place"):
        render_locator_map(content, place_url=url, route=("hakari-bridge", "no-such-place"))


def test_a_frame_outside_the_committed_outlines_is_an_error():
    beyond = Frame("beyond", "Too far north", 41.0, 44.0, 44.0, 48.0)
    with pytest.raises(MapError, match="beyond the outlines"):
        layout_frame(beyond, Content(places=PLACES))


def test_committed_outlines_are_small_and_cover_the_region(rendered):
    assert GEODATA.stat().st_size < 30_000
    assert len(str(rendered).encode()) < 30_000  # the whole map as it goes into a page
    assert "\n" not in str(rendered)  # one line, so it survives inside a Markdown list item
    data = json.loads(GEODATA.read_text())
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran", "Turkey"} <= names
    west, south, east, north = data["bbox"]
    for lat, lon in [(40.1811, 44.5136), (40.4093, 49.8671), (39.2, 45.4)]:  # Yerevan, Baku, Nakhchivan
        assert south < lat < north and west < lon < east
    for feature in data["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert all(west <= x <= east and south <= y <= north for x, y in ring)


def _make_geodata_script():
    """scripts/make-geodata has no .py suffix: load it as a module to test its TopoJSON decoding."""
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "make-geodata"
    loader = importlib.machinery.SourceFileLoader("make_geodata", str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("make_geodata", loader))
    loader.exec_module(module)
    return module


def test_make_geodata_decodes_delta_arcs_reversed_arcs_and_clips_to_the_frame():
    script = _make_geodata_script()
    # Two arcs around a 2 x 2 degree square straddling the frame's west edge (43.3 E): arc 0 runs
    # along the bottom and up the east side; arc 1, walked backwards (~1), closes it.
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [42.0, 39.0]},
        "arcs": [
            [[0, 0], [4, 0], [0, 4]],  # (42,39) -> (44,39) -> (44,41)
            [[0, 0], [0, 4], [4, 0]],  # (42,39) -> (42,41) -> (44,41); reversed: (44,41) -> (42,41) -> (42,39)
        ],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, ~1]], "properties": {"name": "Squareland"}},
            {"type": "Point", "coordinates": [0, 0], "properties": {"name": "Not an area"}},
        ]}},
    }
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(42.0, 39.0), (44.0, 39.0), (44.0, 41.0)]
    ring = script._ring([0, ~1], arcs)
    assert ring == [(42.0, 39.0), (44.0, 39.0), (44.0, 41.0), (42.0, 41.0), (42.0, 39.0)]
    collection = script.clipped_countries(topology)
    (feature,) = collection["features"]
    assert feature["properties"]["name"] == "Squareland"
    (polygon,) = feature["geometry"]["coordinates"]
    lons = [lon for lon, _ in polygon[0]]
    assert min(lons) == script.WEST and max(lons) == 44.0  # cut at the frame's west edge
    assert collection["bbox"] == [script.WEST, script.SOUTH, script.EAST, script.NORTH]
