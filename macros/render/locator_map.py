"""The locator map, drawn at build time as inline SVG: Nagorno-Karabakh and the districts around it, a detail
of the Lachin corridor, and the South Caucasus for orientation.

Lines and areas come from `macros/geodata/` (Natural Earth 1:10m, public domain, and schematics drawn for this
site; see macros/geodata/NOTICE.md and scripts/make-geodata): nothing is fetched when a reader opens the page.
The large map shows one of three periods (STATES): the 1994-2020 line, the area left after the statement of
10 November 2020 with the Lachin corridor's old and new roads, and the road out in September 2023. A radio
group above the map switches between them with CSS alone (site.css, "locator map"); the page chooses which
one is checked, so without JavaScript, or without CSS `:has()`, the map still reads.

Places are the records of content/places.yaml that fall in a frame, labelled with `Place.name` (both names
where there are two) and linked through the caller's `place_url`. Labels are placed greedily, most
important first, at the first spot around their point that touches no other label, dot or frame edge;
a label with no free spot is left off the map, and the list of places below says so. Pure functions.

Projection: equirectangular, longitudes scaled by the cosine of the frame's middle latitude, which is
close enough to true shape over a few hundred kilometres.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from ..model import Content, Place
from .charts import one_line
from .templates import make_environment

__all__ = [
    "Frame",
    "Box",
    "Label",
    "RenderedFrame",
    "State",
    "STATES",
    "DEFAULT_STATE",
    "KARABAKH",
    "CORRIDOR_DETAIL",
    "REGION",
    "FRAMES",
    "GEODATA",
    "MapError",
    "render_locator_map",
    "layout_frame",
    "text_width",
]

GEODATA = Path(__file__).resolve().parent.parent / "geodata"

DOT_RADIUS = 4.0
EDGE = 3.0  # keep labels this far inside the frame
PAD = 1.5  # and this far from one another: the halo round each letter, and error in the width estimate


@dataclass(frozen=True, slots=True)
class Frame:
    """A map frame. `font`: the largest label size, in the drawing's units, that site.css sets for it at any
    width; labels are laid out for that size, so at every smaller one they only shrink towards their anchor
    and still cannot touch."""

    id: str
    title: str
    south: float
    north: float
    west: float
    east: float
    width: float = 480.0
    font: float = 18.0
    geodata: str = "south-caucasus.geojson"

    @property
    def _scale(self) -> tuple[float, float]:
        cos_lat = math.cos(math.radians((self.south + self.north) / 2))
        per_degree = self.width / ((self.east - self.west) * cos_lat)
        return per_degree * cos_lat, per_degree

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self._scale[1], 1)

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east

    def project(self, latitude: float, longitude: float) -> tuple[float, float]:
        sx, sy = self._scale
        return round((longitude - self.west) * sx, 1), round((self.north - latitude) * sy, 1)


# The story's map: the former oblast, the seven districts around it, Goris and the Araks.
KARABAKH = Frame(
    "karabakh",
    "Nagorno-Karabakh and the districts around it",
    38.82,
    40.48,
    45.5,
    47.45,
    width=480,
    font=18,
    geodata="karabakh.geojson",
)
# Kornidzor, the Hakari bridge and Lachin/Berdzor lie within a few kilometres of one another.
CORRIDOR_DETAIL = Frame(
    "corridor",
    "The Lachin corridor between Goris and Stepanakert/Khankendi",
    39.46,
    39.86,
    46.28,
    46.84,
    width=320,
    font=14,
    geodata="karabakh.geojson",
)
REGION = Frame("region", "Armenia, Azerbaijan and their neighbours", 38.3, 42.0, 43.3, 50.6, width=320, font=14)
FRAMES = (KARABAKH, CORRIDOR_DETAIL, REGION)


@dataclass(frozen=True, slots=True)
class State:
    id: str
    label: str  # on the control
    summary: str  # what the map shows in this period, under the control


STATES = (
    State(
        "1994",
        "1994–2020",
        "After the ceasefire of May 1994 Armenian forces held the former autonomous oblast and seven "
        "districts around it, wholly or in part.",
    ),
    State(
        "2020",
        "2020–2023",
        "The statement of 10 November 2020 left the Karabakh Armenian forces a smaller area, patrolled by "
        "Russian peacekeepers and linked to Armenia by the Lachin corridor, whose road moved to a new route "
        "on 30 August 2022.",
    ),
    State(
        "2023",
        "September 2023",
        "Azerbaijan's offensive of 19–20 September 2023 took the rest of the region; from 24 September most "
        "of its Armenians left by the corridor's road, through Kornidzor to Goris.",
    ),
)
DEFAULT_STATE = "2023"


@dataclass(frozen=True, slots=True)
class Layer:
    """A line or area of geodata/karabakh.geojson, drawn in the periods `states`."""

    id: str  # the feature's "layer" property
    states: tuple[str, ...]
    kind: str  # area | outline | line


LAYERS = (
    Layer("held-1994", ("1994",), "area"),
    Layer("held-2020", ("2020", "2023"), "area"),
    Layer("oblast-1991", ("1994", "2020", "2023"), "outline"),
    Layer("road-armenia", ("1994", "2020"), "line"),
    Layer("road-old", ("1994", "2020"), "line"),
    Layer("road-new", ("2020",), "line"),
    Layer("exodus", ("2023",), "line"),
)

# The legend, period by period: (swatch, text). A swatch is the CSS modifier of the symbol it shows.
LEGEND = (
    ("held-1994", ("1994",), "Held by Armenian forces, 1994–2020 (line approximate)"),
    (
        "held-2020",
        ("2020",),
        "Held by Karabakh Armenian forces and patrolled by Russian peacekeepers, "
        "November 2020 – September 2023 (line approximate)",
    ),
    ("taken-2023", ("2023",), "Held by Karabakh Armenian forces until 19–20 September 2023 (line approximate)"),
    ("oblast-1991", ("1994", "2020", "2023"), "Former Nagorno-Karabakh Autonomous Oblast, 1991"),
    ("road-1994", ("1994",), "Road from Goris through Lachin/Berdzor to Stepanakert/Khankendi (schematic)"),
    ("road-old", ("2020",), "Lachin corridor road, to August 2022 (schematic)"),
    ("road-new", ("2020",), "New road over the Hakari bridge, from 30 August 2022 (schematic)"),
    ("exodus", ("2023",), "The road out to Armenia, from 24 September 2023"),
)

# Names that are geography, not places of the story: drawn unlinked. (text lines, latitude, longitude, css)
FIXED_LABELS = {
    "region": (
        (("Georgia",), 41.72, 44.45, "country"),
        (("Russia",), 41.8, 47.45, "country"),
        (("Armenia",), 40.72, 44.95, "country"),
        (("Azerbaijan",), 40.05, 48.55, "country"),
        (("Turkey",), 39.35, 43.85, "country"),
        (("Iran",), 38.55, 47.6, "country"),
        (("Caspian", "Sea"), 39.55, 50.0, "region"),
    ),
    "karabakh": (
        (("Armenia",), 39.75, 45.85, "country"),
        (("Azerbaijan",), 40.3, 47.2, "country"),
        (("Iran",), 38.93, 47.25, "country"),
    ),
    "corridor": (
        (("Armenia",), 39.62, 46.36, "country"),
        (("Azerbaijan",), 39.5, 46.72, "country"),
    ),
}

# Where an area's label goes on a frame, when its record's point (chosen for the regional map) is crowded.
LABEL_AT = {"karabakh": {"nagorno-karabakh": (40.2, 46.5)}}
# Places that claim their label spot before the rest on a frame: the subject of the large map.
FIRST = {"karabakh": ("nagorno-karabakh", "stepanakert", "aghdam")}

# Which places claim their label spot first; areas (regions) last, as they can sit anywhere nearby.
_KIND_ORDER = (
    "city",
    "town",
    "border-crossing",
    "checkpoint",
    "village",
    "site",
    "district",
    "road",
    "region",
    "country",
)
_AREA_KINDS = ("region", "country", "district", "road")

# Advance widths of Helvetica/Arial (the site's sans-serif stack falls back to them) in thousandths of an em;
# other characters count as wide. SAFETY covers wider system fonts (San Francisco, Roboto) and italics.
_WIDTHS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /-().,'’–",
        [
            556,
            556,
            500,
            556,
            556,
            278,
            556,
            556,
            222,
            222,
            500,
            222,
            833,
            556,
            556,
            556,
            556,
            333,
            500,
            278,
            556,
            500,
            722,
            500,
            500,
            500,
            667,
            667,
            722,
            722,
            667,
            611,
            778,
            722,
            278,
            500,
            667,
            556,
            833,
            722,
            778,
            667,
            778,
            722,
            667,
            611,
            722,
            667,
            944,
            667,
            667,
            611,
        ]
        + [556] * 10
        + [278, 278, 333, 333, 333, 278, 278, 191, 222, 556],
    )
)
SAFETY = 1.12
COUNTRY_EM = 0.8  # country names: smaller, in capitals spaced by 0.08 em (site.css)
COUNTRY_SPACING = 0.08


class MapError(ValueError):
    """The map cannot be drawn as asked (an unknown period, a frame outside the outlines, a name too long
    for any frame)."""


def text_width(text: str, em: float) -> float:
    """The width of one line of label text at `em` units, with a margin for wider fonts."""
    return sum(_WIDTHS.get(c, 640) for c in text) / 1000 * em * SAFETY


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: Box) -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def inside(self, width: float, height: float) -> bool:
        return self.left >= EDGE and self.top >= EDGE and self.right <= width - EDGE and self.bottom <= height - EDGE


@dataclass(frozen=True, slots=True)
class Label:
    place: Place | None  # None for unlinked geography
    lines: tuple[str, ...]
    x: float
    y: float  # centre of the first line
    anchor: str  # start | middle | end
    css: str  # place | region | country
    box: Box
    dot: tuple[float, float] | None = None
    leader: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class RenderedFrame:
    frame: Frame
    outlines: tuple[tuple[str, str], ...]  # (country name, SVG path data)
    layers: tuple[tuple[Layer, str], ...]  # (layer, SVG path data), in drawing order
    labels: tuple[Label, ...]
    dots: tuple[tuple[Place, float, float], ...]  # every point place in the frame, labelled or not
    dropped: tuple[Place, ...]  # places in the frame whose label found no free spot
    box: Box | None = None  # where the large map lies, on the regional one

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(label.place for label in self.labels if label.place is not None)


def render_locator_map(content: Content, *, place_url: Callable[[str], str], state: str = DEFAULT_STATE) -> Markup:
    """The three frames, the period control (with `state` checked), the legend and the list of places.
    `place_url(id)` gives a place's href."""
    if state not in {s.id for s in STATES}:
        raise MapError(f"no map period '{state}' (known: {', '.join(s.id for s in STATES)})")
    main = layout_frame(KARABAKH, content)
    detail = layout_frame(CORRIDOR_DETAIL, content)
    region = layout_frame(REGION, content, inset=KARABAKH)
    frames = (main, detail, region)
    labelled = {p.id for f in frames for p in f.places}
    on_map = {p.id: p for f in frames for p in f.places + f.dropped}
    places = sorted(on_map.values(), key=lambda p: p.name.casefold())
    html = (
        make_environment()
        .get_template("map.html")
        .render(
            frames=[(f, _description(f)) for f in frames],
            states=STATES,
            state=state,
            legend=LEGEND,
            places=places,
            labelled=labelled,
            place_url=place_url,
            kind_names={"border-crossing": "border crossing"},
        )
    )
    return one_line(html)


def layout_frame(frame: Frame, content: Content, *, inset: Frame | None = None) -> RenderedFrame:
    """Project the frame's outlines, layers and places, and place every label that fits. `inset`: a frame
    whose places are left to it, shown on this one as a box."""
    in_frame = [
        p
        for p in content.places
        if frame.contains(*p.coordinates) and not (inset is not None and inset.contains(*p.coordinates))
    ]
    first = FIRST.get(frame.id, ())
    in_frame.sort(key=lambda p: (p.id not in first, _kind_rank(p.kind), p.id))
    points = [p for p in in_frame if p.kind not in _AREA_KINDS]
    dots = tuple((p, *frame.project(*p.coordinates)) for p in points)
    box = _inset_box(frame, inset) if inset is not None else None

    obstacles = [_dot_box(x, y) for _, x, y in dots]
    labels: list[Label] = []
    for lines, lat, lon, css in FIXED_LABELS.get(frame.id, ()):
        label = _fixed_label(frame, lines, lat, lon, css)
        if _free(label.box, obstacles, frame):
            labels.append(label)
            obstacles.append(label.box)
    dropped = []
    for place in in_frame:
        label = _place_label(frame, place, obstacles)
        if label is None:
            dropped.append(place)
            continue
        labels.append(label)
        obstacles.append(label.box)

    outlines, layers = _drawing(frame)
    return RenderedFrame(frame, outlines, layers, tuple(labels), dots, tuple(dropped), box)


# ---- labels


def _kind_rank(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def _text_box(lines: tuple[str, ...], x: float, y: float, anchor: str, em: float, css: str = "place") -> Box:
    if css == "country":
        size = em * COUNTRY_EM
        width = max(text_width(line.upper(), size) + len(line) * COUNTRY_SPACING * size for line in lines)
    else:
        size = em
        width = max(text_width(line, em) for line in lines)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - size * 0.62, left + width, y + size * (0.62 + 1.15 * (len(lines) - 1)))


def _dot_box(x: float, y: float) -> Box:
    return Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS)


def _free(box: Box, obstacles: list[Box], frame: Frame) -> bool:
    if not box.inside(frame.width, frame.height):
        return False
    padded = box.grown(PAD)
    return all(padded.overlap(other) == 0 for other in obstacles)


def _fixed_label(frame: Frame, lines: tuple[str, ...], lat: float, lon: float, css: str) -> Label:
    x, y = frame.project(lat, lon)
    return Label(None, lines, x, y, "middle", css, _text_box(lines, x, y, "middle", frame.font, css))


def _line_options(place: Place) -> list[tuple[str, ...]]:
    """One line, and for two names also two ("Stepanakert/" over "Khankendi"), which is narrower."""
    options: list[tuple[str, ...]] = [(place.name,)]
    if len(place.english) == 2:
        options.append((place.english[0] + "/", place.english[1]))
    return options


def _place_label(frame: Frame, place: Place, obstacles: list[Box]) -> Label | None:
    """The first spot around the place that stays in the frame and touches nothing, or None."""
    x, y = frame.project(*LABEL_AT.get(frame.id, {}).get(place.id, place.coordinates))
    area = place.kind in _AREA_KINDS
    css = "region" if area else "place"
    options = _line_options(place)
    if not any(_text_box(lines, 0, 0, "start", frame.font).right <= frame.width - 2 * EDGE for lines in options):
        raise MapError(f"the label of place '{place.id}' is wider than frame '{frame.id}'")
    for cx, cy, anchor, leader, lines in _candidates(x, y, area, options, frame.font):
        box = _text_box(lines, cx, cy, anchor, frame.font)
        if _free(box, obstacles, frame):
            return Label(
                place, lines, cx, cy, anchor, css, box, None if area else (x, y), _leader(x, y, box) if leader else None
            )
    return None


def _candidates(
    x: float, y: float, area: bool, options: list[tuple[str, ...]], font: float
) -> Iterable[tuple[float, float, str, bool, tuple[str, ...]]]:
    h = font
    if area:
        for lines in options:
            up = h * 1.15 * (len(lines) - 1) / 2  # centre a block of lines on the point
            for dy in (0, -h, h, -2 * h, 2 * h):
                for dx, anchor in ((0, "middle"), (-h, "end"), (h, "start"), (-2 * h, "end"), (2 * h, "start")):
                    yield x + dx, y + dy - up, anchor, False, lines
        return
    for gap, leader in ((DOT_RADIUS + 3, False), (DOT_RADIUS + 1.6 * h, True)):
        for lines in options:
            block = h * 1.15 * (len(lines) - 1)
            diagonal = gap * 0.75
            yield x + gap, y - block / 2, "start", leader, lines
            yield x - gap, y - block / 2, "end", leader, lines
            yield x + diagonal, y - diagonal - h * 0.45 - block, "start", leader, lines
            yield x + diagonal, y + diagonal + h * 0.45, "start", leader, lines
            yield x - diagonal, y - diagonal - h * 0.45 - block, "end", leader, lines
            yield x - diagonal, y + diagonal + h * 0.45, "end", leader, lines
            yield x, y - gap - h * 0.6 - block, "middle", leader, lines
            yield x, y + gap + h * 0.6, "middle", leader, lines


def _leader(x: float, y: float, box: Box) -> tuple[float, float, float, float]:
    """A line from the dot to the nearest point of the label's box."""
    nx = min(max(x, box.left), box.right)
    ny = min(max(y, box.top), box.bottom)
    return x, y, round(nx, 1), round(ny, 1)


def _inset_box(frame: Frame, inset: Frame) -> Box:
    left, top = frame.project(inset.north, inset.west)
    right, bottom = frame.project(inset.south, inset.east)
    return Box(left, top, right, bottom)


# ---- outlines and layers


@lru_cache(maxsize=4)
def _geodata(name: str) -> dict:
    return json.loads((GEODATA / name).read_text(encoding="utf-8"))


def _drawing(frame: Frame) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[Layer, str], ...]]:
    data = _geodata(frame.geodata)
    west, south, east, north = data["bbox"]
    if not (west <= frame.west and east >= frame.east and south <= frame.south and north >= frame.north):
        raise MapError(f"frame '{frame.id}' reaches beyond the outlines in {frame.geodata} ({data['bbox']})")
    outlines, by_layer = [], {}
    for feature in data["features"]:
        layer = feature["properties"].get("layer")
        path = _path(frame, feature["geometry"])
        if not path:
            continue
        if layer is None:
            outlines.append((feature["properties"]["name"], path))
        else:
            by_layer[layer] = path
    if frame.id == REGION.id:
        # The regional map shows where the story is: the former oblast, from the large map's data.
        oblast = next(
            f for f in _geodata(KARABAKH.geodata)["features"] if f["properties"].get("layer") == "oblast-1991"
        )
        by_layer["oblast-1991"] = _path(frame, oblast["geometry"])
    layers = tuple((layer, by_layer[layer.id]) for layer in LAYERS if by_layer.get(layer.id))
    return tuple(outlines), layers


def _path(frame: Frame, geometry: dict) -> str:
    if geometry["type"] == "LineString":
        lines = [geometry["coordinates"]] if _meets(geometry["coordinates"], frame) else []
        return "".join(_relative(frame, line) for line in lines)
    # Outside the frame the SVG viewport clips; only rings that reach into it are kept.
    rings = [ring for polygon in geometry["coordinates"] for ring in polygon if _meets(ring, frame)]
    return "".join(_relative(frame, ring[:-1]) + "z" for ring in rings)


def _relative(frame: Frame, points: list[list[float]]) -> str:
    """SVG path data in whole units, each point relative to the last: a unit is about a pixel on screen
    (0.15 km on the corridor's detail, 0.35 km on the large map, 2 km on the regional one), and whole
    relative steps keep the page small. Points that round onto the last one are left out."""
    steps, last = [], None
    for lon, lat in points:
        x, y = (round(v) for v in frame.project(lat, lon))
        if last is None:
            steps.append(f"M{x},{y}l")
        elif (x, y) != last:
            dx, dy = x - last[0], y - last[1]
            steps.append(f"{dx}{dy:+d}" if dx < 0 or len(steps) == 1 else f" {dx}{dy:+d}")
        else:
            continue
        last = (x, y)
    return "".join(steps)


def _meets(points: list[list[float]], frame: Frame) -> bool:
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    return min(lons) <= frame.east and max(lons) >= frame.west and min(lats) <= frame.north and max(lats) >= frame.south


# ---- words


def _description(frame: RenderedFrame) -> str:
    names = [label.place.name for label in frame.labels if label.place is not None]
    text = f"Map of {frame.frame.title[0].lower()}{frame.frame.title[1:]}"
    text += f", naming {_join(names)}." if names else "."
    if frame.layers and frame.frame.id != REGION.id:
        text += " Its lines and areas change with the period chosen above the map; the legend lists them."
    if frame.box is not None:
        text += " A box marks the area of the large map, and a shape the former autonomous oblast."
    return text


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
