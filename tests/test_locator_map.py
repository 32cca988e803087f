"""macros/render/locator_map.py: every place in a frame is named on the map or listed as left off it, as the naming
policy says, linked, inside the drawing, and no two labels touch; the period control, the layers, the legend
and the credits are all there; the committed map data says what the sources say (Shusha/Shushi outside the
2020-2023 area, Stepanakert/Khankendi inside) and stays small."""

import json
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import Point, shape

from macros.model import Content, Place
from macros.render.locator_map import (
    CORRIDOR_DETAIL,
    FRAMES,
    GEODATA,
    KARABAKH,
    LAYERS,
    REGION,
    STATES,
    Box,
    Frame,
    MapError,
    layout_frame,
    render_locator_map,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"  # map links use xlink:href (see map.html)


def place(place_id, names, kind, lat, lon):
    return Place(id=place_id, english=tuple(names), kind=kind, coordinates=(lat, lon))


PLACES = (
    place("stepanakert", ["Stepanakert", "Khankendi"], "city", 39.8153, 46.7519),
    place("shusha", ["Shusha", "Shushi"], "town", 39.7583, 46.75),
    place("lachin-corridor", ["Lachin corridor"], "road", 39.63, 46.6),
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
def real_content():
    from macros.loader import load_content_or_raise
    from tests.test_site_build import ROOT

    return load_content_or_raise(ROOT / "content")


@pytest.fixture(scope="module")
def rendered():
    return render_locator_map(Content(places=PLACES), place_url=url, state="2020")


@pytest.fixture(scope="module")
def root(rendered):
    return ET.fromstring(str(rendered))


def frames(root):
    return [svg for svg in root.iter(f"{SVG}svg") if svg.get("role") == "group"]


def linked_labels(svg):
    return {a.get("data-place"): "".join(a.itertext()) for a in svg.iter(f"{SVG}a")}


def layouts(content):
    return [
        layout_frame(KARABAKH, content),
        layout_frame(CORRIDOR_DETAIL, content),
        layout_frame(REGION, content, inset=KARABAKH),
    ]


# ---- the SVG: frames, layers, control, legend, credits


def test_map_is_well_formed_svg_with_three_accessible_frames(root):
    svgs = frames(root)
    assert [svg.get("aria-labelledby").split()[0] for svg in svgs] == [f"locator-map-{f.id}-title" for f in FRAMES]
    for svg, frame in zip(svgs, FRAMES):
        assert svg.get("viewBox") == f"0 0 {frame.width:g} {frame.height:g}"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text == frame.title and desc.text.startswith("Map of ")
    assert root.find("figcaption") is not None
    for svg in svgs:
        lands = [p for p in svg.iter(f"{SVG}path") if "nk-map__land" in p.get("class", "")]
        assert {p.find(f"{SVG}title").text for p in lands} >= {"Armenia", "Azerbaijan"}
        assert all(
            ("--focus" in p.get("class")) == (p.find(f"{SVG}title").text in ("Armenia", "Azerbaijan")) for p in lands
        )


def test_the_large_maps_draw_every_layer_tagged_with_its_periods(root):
    main, detail, region = frames(root)
    for svg in (main, detail):
        drawn = {
            p.get("class").split()[1].removeprefix("nk-map__"): set(p.get("class").split()[2:])
            for p in svg.iter(f"{SVG}path")
            if "nk-map__layer" in p.get("class", "")
        }
        assert drawn == {layer.id: {f"nk-map__in-{s}" for s in layer.states} for layer in LAYERS}
        exodus = next(p for p in svg.iter(f"{SVG}path") if "nk-map__exodus" in p.get("class"))
        assert exodus.get("marker-end") == "url(#locator-map-arrow)"
    # The regional map shows where the story is, the same in every period, and a box round the large map.
    region_layers = [p.get("class") for p in region.iter(f"{SVG}path") if "nk-map__layer" in p.get("class", "")]
    assert region_layers == ["nk-map__layer nk-map__oblast-1991 nk-map__locator"]
    assert region.find(f"{SVG}rect[@class='nk-map__inset-box']") is not None
    # The hatch and the arrow are defined once, in the first drawing.
    assert [
        d.get("id")
        for svg in frames(root)
        for d in svg.iter()
        if d.get("id", "").startswith("locator-map-") and d.tag in (f"{SVG}pattern", f"{SVG}marker")
    ] == ["locator-map-hatch", "locator-map-arrow"]


@pytest.mark.parametrize("state", [s.id for s in STATES])
def test_the_period_control_is_a_radio_group_with_the_pages_period_checked(state):
    root = ET.fromstring(str(render_locator_map(Content(places=PLACES), place_url=url, state=state)))
    fieldset = root.find("fieldset")
    assert fieldset.find("legend").text == "Show the map for"
    radios = fieldset.findall(".//input")
    assert [r.get("type") for r in radios] == ["radio"] * 3
    assert len({r.get("name") for r in radios}) == 1
    assert [r.get("value") for r in radios] == ["1994", "2020", "2023"]
    assert [r.get("value") for r in radios if r.get("checked") is not None] == [state]
    labels = {label.get("for"): label.text for label in fieldset.iter("label")}
    assert labels == {r.get("id"): s.label for r, s in zip(radios, STATES)}
    # One summary and at least one legend entry per period, each tagged with the periods it belongs to.
    summaries = [p for p in root.iter("p") if "nk-map__summary" in p.get("class", "")]
    assert [p.get("class").split()[-1] for p in summaries] == [f"nk-map__in-{s.id}" for s in STATES]
    keys = [li.get("class") for li in root.find("ul[@class='nk-map__legend']")]
    for s in STATES:
        assert any(f"nk-map__in-{s.id}" in key for key in keys)


def test_the_legend_names_every_line_and_calls_the_drawn_ones_approximate(root):
    legend = [("".join(li.itertext())) for li in root.find("ul[@class='nk-map__legend']")]
    text = " | ".join(legend)
    for needed in (
        "Held by Armenian forces, 1994–2020 (line approximate)",
        "Russian peacekeepers",
        "Former Nagorno-Karabakh Autonomous Oblast, 1991",
        "to August 2022 (schematic)",
        "Hakari bridge, from 30 August 2022 (schematic)",
        "The road out to Armenia",
    ):
        assert needed in text
    assert all(li.find("svg").get("aria-hidden") == "true" for li in root.find("ul[@class='nk-map__legend']"))


def test_the_credits_name_natural_earth_and_the_schematics(root):
    source = "".join(root.find("p[@class='nk-map__source']").itertext())
    assert source.startswith("Made with Natural Earth (public domain)")
    assert "Shusha/Shushi" in source and "schematics" in source and "within about 10 km" in source
    assert "not a statement on borders" in source


def test_an_unknown_period_is_an_error():
    with pytest.raises(MapError, match="no map period '1988'"):
        render_locator_map(Content(places=PLACES), place_url=url, state="1988")


# ---- places and labels


def test_every_place_in_a_frame_is_named_or_listed_as_left_off_and_linked(root):
    svgs = frames(root)
    named = {place_id: text for svg in svgs for place_id, text in linked_labels(svg).items()}
    items = root.find(".//div[@class='nk-map__places']/ul").findall("li")
    listed = {li.find("a").text: li for li in items}
    in_frame = {p.id for p in PLACES} - OUT_OF_FRAME
    assert {p.name for p in PLACES if p.id in in_frame} == set(listed)
    for p in PLACES:
        if p.id not in in_frame:
            continue
        assert listed[p.name].find("a").get("href") == url(p.id)
        left_off = "(not named on the map: no room)" in "".join(listed[p.name].itertext())
        assert left_off == (p.id not in named), p.id
    # Dual names, one line or two, as the naming policy gives them.
    assert named["stepanakert"] == "Stepanakert/Khankendi"  # on one line or two
    assert named["shusha"] == "Shusha/Shushi"
    hrefs = {a.get("data-place"): a.get(f"{XLINK}href") for svg in svgs for a in svg.iter(f"{SVG}a")}
    assert hrefs == {place_id: url(place_id) for place_id in named}
    assert all(a.get("tabindex") == "-1" for svg in svgs for a in svg.iter(f"{SVG}a"))


def test_the_corridor_places_are_named_on_the_detail_map(root):
    _, detail, _ = frames(root)
    assert {"stepanakert", "shusha", "hakari-bridge", "kornidzor", "goris"} <= set(linked_labels(detail))


def test_places_on_the_large_map_are_left_to_it_on_the_regional_one(root):
    main, _, region = frames(root)
    assert "stepanakert" in linked_labels(main) and "stepanakert" not in linked_labels(region)
    assert {"yerevan", "baku", "sumgait"} <= set(linked_labels(region))


def _assert_apart(rendered):
    frame = rendered.frame
    boxes = [label.box for label in rendered.labels]
    for label in rendered.labels:
        box = label.box
        assert 0 <= box.left < box.right <= frame.width and 0 <= box.top < box.bottom <= frame.height, label
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a.overlap(b) == 0, (frame.id, rendered.labels[boxes.index(a)].lines, b)
        for _, x, y in rendered.dots:
            dot = Box(x - 4, y - 4, x + 4, y + 4)
            assert a.overlap(dot) == 0, (frame.id, rendered.labels[i].lines, (x, y))


def test_labels_stay_inside_and_never_touch_one_another_or_a_dot():
    for rendered in layouts(Content(places=PLACES)):
        _assert_apart(rendered)


def test_the_real_sites_labels_never_touch_and_the_key_places_are_named(real_content):
    main, detail, region = layouts(real_content)
    for rendered in (main, detail, region):
        _assert_apart(rendered)
    assert {"nagorno-karabakh", "stepanakert", "shusha", "goris", "kornidzor", "hakari-bridge"} <= {
        p.id for p in main.places
    }
    assert {"stepanakert", "shusha", "goris", "kornidzor", "hakari-bridge", "lachin-corridor", "lachin-district"} <= {
        p.id for p in detail.places
    }
    assert {"yerevan", "baku", "ganja", "nakhchivan"} <= {p.id for p in region.places}


def test_a_crowded_label_moves_to_a_leader_line_or_is_left_off():
    # Twelve places a few hundred metres apart: some fit, some on leader lines, the rest are left off.
    crowd = tuple(place(f"p{i:02}", [f"Village {i}"], "village", 39.60 + i * 0.003, 46.45) for i in range(12))
    rendered = layout_frame(CORRIDOR_DETAIL, Content(places=crowd))
    _assert_apart(rendered)
    assert rendered.dropped and len(rendered.places) + len(rendered.dropped) == 12
    assert any(label.leader for label in rendered.labels)
    for label in rendered.labels:
        if label.leader:
            x, y, nx, ny = label.leader
            box = label.box.grown(0.1)  # the leader's end is rounded to 0.1 unit
            assert (x, y) == label.dot and box.left <= nx <= box.right and box.top <= ny <= box.bottom


def test_two_names_may_stack_on_two_lines():
    long = place("long", ["Stepanakert", "Khankendi"], "city", 39.66, 46.56)
    # A narrow frame: one line of 'Stepanakert/Khankendi' does not fit beside the point, two do.
    frame = Frame("narrow", "Narrow", 39.6, 39.72, 46.5, 46.62, width=150, font=14, geodata="karabakh.geojson")
    (label,) = layout_frame(frame, Content(places=(long,))).labels
    assert label.lines == ("Stepanakert/", "Khankendi")


def test_a_name_wider_than_the_frame_is_an_error():
    huge = place("huge", ["X" * 60], "town", 39.66, 46.56)
    with pytest.raises(MapError, match="'huge'"):
        layout_frame(CORRIDOR_DETAIL, Content(places=(huge,)))


def test_text_width_follows_the_letters_and_scales_with_the_size():
    assert text_width("iiii", 10) < text_width("nnnn", 10) < text_width("WWWW", 10)
    assert text_width("Goris", 20) == pytest.approx(2 * text_width("Goris", 10))
    assert text_width("Xankəndi", 10) > text_width("Xankendi", 10)  # an unknown letter counts as wide


# ---- projection and geometry


def test_projection_keeps_north_up_and_east_right():
    frame = Frame("t", "test", 39.0, 41.0, 44.0, 48.0, width=400)
    assert frame.project(41.0, 44.0) == (0.0, 0.0)
    assert frame.project(39.0, 48.0) == (400.0, frame.height)
    # One degree of latitude is longer on the drawing than one of longitude at 40° N.
    assert frame.height / 2 > 400 / 4


def test_paths_are_whole_relative_steps_inside_the_drawing(real_content):
    main = layout_frame(KARABAKH, real_content)
    for layer, path in main.layers:
        assert path.startswith("M") and "." not in path, layer.id
    road = dict((layer.id, path) for layer, path in main.layers)["road-armenia"]
    start = KARABAKH.project(39.5111, 46.3378)  # Goris
    assert road.startswith(f"M{round(start[0])},{round(start[1])}l")


def test_a_frame_outside_the_committed_outlines_is_an_error():
    beyond = Frame("beyond", "Too far north", 41.0, 44.0, 44.0, 48.0)
    with pytest.raises(MapError, match="beyond the outlines"):
        layout_frame(beyond, Content(places=PLACES))


def _layer(name):
    data = json.loads((GEODATA / "karabakh.geojson").read_text())
    return shape(next(f["geometry"] for f in data["features"] if f["properties"].get("layer") == name))


def test_shusha_is_outside_the_2020_area_and_stepanakert_inside():
    held_2020, held_1994, oblast = _layer("held-2020"), _layer("held-1994"), _layer("oblast-1991")
    shusha, stepanakert = Point(46.75, 39.7583), Point(46.7519, 39.8153)
    assert not held_2020.contains(shusha)
    assert held_2020.distance(shusha) > 0.01  # about a kilometre clear of the line
    assert held_2020.contains(stepanakert)
    assert oblast.contains(shusha) and oblast.contains(stepanakert)
    assert held_1994.contains(shusha)
    # Lachin/Berdzor town (the old road) and the Hakari bridge (the new one) lie in the corridor.
    assert held_2020.contains(Point(46.5464, 39.6396)) and held_2020.contains(Point(46.56, 39.54))
    # The 2020-2023 area lies within the 1994-2020 one; Goris and Kornidzor, in Armenia, in neither.
    assert held_1994.buffer(0.003).contains(held_2020)  # each is simplified on its own (0.002°)
    for armenian in (Point(46.3378, 39.5111), Point(46.50, 39.53)):
        assert not held_1994.contains(armenian) and not held_2020.contains(armenian)


def test_the_1994_area_takes_in_the_seven_districts_and_stops_short_of_tartar_and_horadiz():
    held_1994 = _layer("held-1994")
    inside = {
        "Kelbajar": (46.04, 40.10),
        "Lachin": (46.55, 39.64),
        "Qubadli": (46.58, 39.34),
        "Zangilan": (46.65, 39.09),
        "Jabrayil": (46.97, 39.40),
        "Aghdam town": (46.93, 39.99),
        "Fuzuli town": (47.14, 39.60),
    }
    outside = {"Tartar": (46.93, 40.34), "Horadiz": (47.33, 39.45), "Ganja": (46.36, 40.68)}
    assert [name for name, (lon, lat) in inside.items() if not held_1994.contains(Point(lon, lat))] == []
    assert [name for name, (lon, lat) in outside.items() if held_1994.contains(Point(lon, lat))] == []


def test_committed_map_data_is_small_and_covers_its_frames(rendered):
    assert (GEODATA / "south-caucasus.geojson").stat().st_size < 30_000
    assert (GEODATA / "karabakh.geojson").stat().st_size < 30_000
    assert len(str(rendered).encode()) < 40_000  # the whole map as it goes into a page
    assert "\n" not in str(rendered)  # one line, so it survives inside a Markdown list item
    for name, frames_in in (("south-caucasus.geojson", [REGION]), ("karabakh.geojson", [KARABAKH, CORRIDOR_DETAIL])):
        data = json.loads((GEODATA / name).read_text())
        west, south, east, north = data["bbox"]
        for frame in frames_in:
            assert west <= frame.west and east >= frame.east and south <= frame.south and north >= frame.north
        names = {f["properties"]["name"] for f in data["features"] if "layer" not in f["properties"]}
        assert {"Armenia", "Azerbaijan", "Iran"} <= names
        assert "Natural Earth 1:10m" in data["source"]
    layers = {
        f["properties"]["layer"]
        for f in json.loads((GEODATA / "karabakh.geojson").read_text())["features"]
        if "layer" in f["properties"]
    }
    assert layers == {layer.id for layer in LAYERS}


def _make_geodata_script():
    """scripts/make-geodata has no .py suffix: load it as a module to test it."""
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
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, ~1]], "properties": {"name": "Squareland"}},
                    {"type": "Point", "coordinates": [0, 0], "properties": {"name": "Not an area"}},
                ],
            }
        },
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


def test_make_geodata_joins_the_oblast_lines_whatever_their_order_and_direction():
    script = _make_geodata_script()
    # A square cut into three lines, one walked backwards, with a small gap between two of them.
    pieces = [[[0, 0], [1, 0]], [[0, 1], [1, 1], [1.0001, 0.0001]], [[0, 1], [0, 0]]]
    ne = {
        "features": [
            {"properties": {"NAME": "Former USSR oblast in 1991"}, "geometry": {"coordinates": p}} for p in pieces
        ]
    }
    polygon = script.oblast_1991(ne)
    assert polygon.area == pytest.approx(1.0, abs=1e-3)


def test_make_geodata_buffers_the_corridor_by_kilometres_not_degrees():
    from shapely.geometry import LineString

    script = _make_geodata_script()
    strip = script._buffer_km(LineString([(46.5, 39.6), (46.5, 39.7)]), 2.5)
    west, _, east, _ = strip.bounds
    width_km = (east - west) * 111.32 * 0.7705  # cos(39.65°)
    assert width_km == pytest.approx(5.0, rel=0.01)
