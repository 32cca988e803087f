"""A locator map drawn at build time as inline SVG: the South Caucasus, and a detail of the Lachin corridor.

Country outlines come from `macros/geodata/south-caucasus.geojson` (Natural Earth, public domain; see
macros/geodata/NOTICE.md and scripts/make-geodata): nothing is fetched when a reader opens the page.
Places are the records of content/places.yaml that fall in a frame, labelled with `Place.name`
(both names where there are two) and linked through the caller's `place_url`. Pure functions.

Projection: equirectangular, longitudes scaled by the cosine of the frame's middle latitude, which
is close enough to true shape over a few hundred kilometres.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from markupsafe import Markup

from ..model import Content, Place
from .charts import one_line
from .templates import make_environment

__all__ = [
    "Frame",
    "RenderedFrame",
    "REGION",
    "CORRIDOR_DETAIL",
    "CORRIDOR_ROUTE",
    "GEODATA",
    "render_locator_map",
    "layout_frame",
]

GEODATA = Path(__file__).resolve().parent.parent / "geodata" / "south-caucasus.geojson"

# Labels are laid out for the largest font the stylesheet uses (18 units; site.css, "Charts and map"), so that
# they cannot collide at any width; at smaller sizes they only shrink towards their anchor.
FONT = 18.0
CHAR_WIDTH = 0.56  # average advance of a sans-serif character, in ems
DOT_RADIUS = 4.5
EDGE = 3.0  # keep labels this far inside the frame


@dataclass(frozen=True, slots=True)
class Frame:
    id: str
    title: str
    south: float
    north: float
    west: float
    east: float
    width: float = 480.0

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


REGION = Frame("region", "Armenia, Azerbaijan and their neighbours", 38.3, 42.0, 43.3, 50.6)
# The corridor's end in Armenia (Kornidzor, the Hakari bridge, Goris) lies within 5 km: too close to
# label on the regional map, so it gets a frame of its own.
CORRIDOR_DETAIL = Frame(
    "corridor", "Detail: the Lachin corridor between Goris and Stepanakert/Khankendi", 39.42, 39.94, 46.1, 46.92
)
# The corridor is drawn schematically through these places (ids in content/places.yaml): the
# content has points, not the road's course.
CORRIDOR_ROUTE = ("hakari-bridge", "lachin-corridor", "stepanakert")

# Names that are geography, not places of the story: drawn unlinked. (text lines, latitude, longitude)
COUNTRY_LABELS = (
    (("Georgia",), 41.72, 44.45),
    (("Russia",), 41.8, 47.45),
    (("Armenia",), 40.72, 44.95),
    (("Azerbaijan",), 40.1, 48.35),
    (("Turkey",), 39.35, 43.85),
    (("Iran",), 38.55, 47.6),
)
OTHER_LABELS = (
    (("Nakhchivan", "(Azerbaijan)"), 39.35, 45.4),
    (("Caspian", "Sea"), 39.55, 50.05),
)
FOCUS_COUNTRIES = ("Armenia", "Azerbaijan")

# Which places claim their label spot first; areas (regions) last, as they can sit anywhere nearby.
_KIND_ORDER = ("city", "town", "border-crossing", "checkpoint", "village", "site", "district", "road", "region", "country")
_AREA_KINDS = ("region", "country", "district", "road")


class MapError(ValueError):
    """The map cannot be drawn as asked (an unknown place id, a frame outside the outlines)."""


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

    def inside(self, width: float, height: float) -> bool:
        return self.left >= EDGE and self.top >= EDGE and self.right <= width - EDGE and self.bottom <= height - EDGE


@dataclass(frozen=True, slots=True)
class Label:
    place: Place | None  # None for unlinked geography
    lines: tuple[str, ...]
    x: float
    y: float  # centre of the first line
    anchor: str  # start | middle | end
    css: str
    box: Box
    dot: tuple[float, float] | None = None
    leader: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class RenderedFrame:
    frame: Frame
    outlines: tuple[tuple[str, str], ...]  # (country name, SVG path data)
    labels: tuple[Label, ...]
    corridor: str  # SVG path data, '' when the route is not in the frame
    route: tuple[Place, ...]  # the places the corridor is drawn through
    detail_box: Box | None  # where the detail frame lies, on the regional map

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(label.place for label in self.labels if label.place is not None)


def render_locator_map(
    content: Content,
    *,
    place_url: Callable[[str], str],
    route: tuple[str, ...] = CORRIDOR_ROUTE,
) -> Markup:
    """Both frames, captioned, with the places as a linked list below. `place_url(id)` gives a place's href."""
    region = layout_frame(REGION, content, route=route, detail=CORRIDOR_DETAIL)
    detail = layout_frame(CORRIDOR_DETAIL, content, route=route)
    on_map = {p.id: p for p in region.places + detail.places}
    places = sorted(on_map.values(), key=lambda p: p.name.casefold())
    html = make_environment().get_template("map.html").render(
        frames=[(region, _description(region, detail)), (detail, _description(detail))],
        places=places,
        place_url=place_url,
        kind_names={"border-crossing": "border crossing"},
        source="Natural Earth (public domain)",
    )
    return one_line(html)


def layout_frame(
    frame: Frame, content: Content, *, route: tuple[str, ...] = CORRIDOR_ROUTE, detail: Frame | None = None
) -> RenderedFrame:
    """Project the outlines and the frame's places, and place every label. `detail`: a frame whose
    places are left to it, shown on this one as a box."""
    route_places = [content.place(place_id) for place_id in route]  # unknown ids raise KeyError
    in_frame = [
        p for p in content.places
        if frame.contains(*p.coordinates) and not (detail is not None and detail.contains(*p.coordinates))
    ]
    in_frame.sort(key=lambda p: (_kind_rank(p.kind), p.id))

    fixed: list[Label] = []
    if frame.id == REGION.id:
        fixed = [_fixed_label(frame, lines, lat, lon, "country" if lines in [c[0] for c in COUNTRY_LABELS] else "region")
                 for lines, lat, lon in COUNTRY_LABELS + OTHER_LABELS]
    detail_box = _detail_box(frame, detail) if detail is not None else None
    dots = [frame.project(*p.coordinates) for p in in_frame if p.kind not in _AREA_KINDS]
    obstacles = [label.box for label in fixed] + [_dot_box(x, y) for x, y in dots]
    if detail_box is not None:
        obstacles.append(detail_box)
    labels = list(fixed)
    for place in in_frame:
        label = _place_label(frame, place, obstacles)
        labels.append(label)
        obstacles.append(label.box)
    if detail_box is not None:
        labels.append(_box_label(frame, detail_box, obstacles))

    corridor_points = [frame.project(*p.coordinates) for p in route_places]
    corridor = ""
    if any(frame.contains(*p.coordinates) for p in route_places) and detail is None:
        corridor = "M" + "L".join(f"{x},{y}" for x, y in corridor_points)
    return RenderedFrame(frame, tuple(_outlines(frame)), tuple(labels), corridor, tuple(route_places), detail_box)


# ---- labels

def _kind_rank(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


def _text_box(lines: tuple[str, ...], x: float, y: float, anchor: str, em: float = FONT) -> Box:
    width = max(len(line) for line in lines) * CHAR_WIDTH * em
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - em * 0.6, left + width, y + em * (0.6 + 1.15 * (len(lines) - 1)))


def _dot_box(x: float, y: float) -> Box:
    return Box(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS)


def _fixed_label(frame: Frame, lines: tuple[str, ...], lat: float, lon: float, css: str) -> Label:
    x, y = frame.project(lat, lon)
    if css == "country":
        # Set smaller, but in spaced capitals: wider than the average character.
        box = _text_box(tuple(line.upper() for line in lines), x, y, "middle", FONT * 0.85 * 1.25)
    else:
        box = _text_box(lines, x, y, "middle")
    return Label(None, lines, x, y, "middle", css, box)


def _place_label(frame: Frame, place: Place, obstacles: list[Box]) -> Label:
    """The first spot around the place that stays in the frame and touches nothing; failing that, the
    least crowded one, with a leader line when it is set apart."""
    x, y = frame.project(*place.coordinates)
    lines = (place.name,)
    area = place.kind in _AREA_KINDS
    css = "region" if area else "place"
    best: tuple[float, Label] | None = None
    for cx, cy, anchor, leader in _candidates(x, y, area):
        box = _text_box(lines, cx, cy, anchor)
        if not box.inside(frame.width, frame.height):
            continue
        crowding = sum(box.overlap(other) for other in obstacles)
        label = Label(place, lines, cx, cy, anchor, css, box, None if area else (x, y), _leader(x, y, box) if leader else None)
        if crowding == 0:
            return label
        if best is None or crowding < best[0]:
            best = (crowding, label)
    if best is None:
        raise MapError(f"no room in frame '{frame.id}' for the label of place '{place.id}'")
    return best[1]


def _box_label(frame: Frame, box: Box, obstacles: list[Box]) -> Label:
    """'Detail below' beside the detail frame's box: under it, over it, or to either side."""
    lines = ("detail below",)
    middle, h = (box.left + box.right) / 2, FONT
    spots = (
        (middle, box.bottom + h * 0.8, "middle"),
        (middle, box.top - h * 0.8, "middle"),
        (box.right + 4, (box.top + box.bottom) / 2, "start"),
        (box.left - 4, (box.top + box.bottom) / 2, "end"),
    )
    fitting = [
        Label(None, lines, x, y, anchor, "region", _text_box(lines, x, y, anchor))
        for x, y, anchor in spots
        if _text_box(lines, x, y, anchor).inside(frame.width, frame.height)
    ]
    if not fitting:
        raise MapError(f"no room in frame '{frame.id}' to label the detail box")
    return min(fitting, key=lambda label: sum(label.box.overlap(other) for other in obstacles))


def _candidates(x: float, y: float, area: bool) -> Iterable[tuple[float, float, str, bool]]:
    h = FONT
    if area:
        for dy in (0, -h, h, -2 * h, 2 * h):
            for dx, anchor in ((0, "middle"), (-h, "end"), (h, "start")):
                yield x + dx, y + dy, anchor, False
        return
    for gap, leader in ((DOT_RADIUS + 4, False), (DOT_RADIUS + 30, True)):
        diagonal = gap * 0.75
        yield x + gap, y, "start", leader
        yield x - gap, y, "end", leader
        yield x + diagonal, y - diagonal - h * 0.45, "start", leader
        yield x + diagonal, y + diagonal + h * 0.45, "start", leader
        yield x - diagonal, y - diagonal - h * 0.45, "end", leader
        yield x - diagonal, y + diagonal + h * 0.45, "end", leader
        yield x, y - gap - h * 0.6, "middle", leader
        yield x, y + gap + h * 0.6, "middle", leader


def _leader(x: float, y: float, box: Box) -> tuple[float, float, float, float]:
    """A line from the dot to the nearest point of the label's box."""
    nx = min(max(x, box.left), box.right)
    ny = min(max(y, box.top), box.bottom)
    return x, y, round(nx, 1), round(ny, 1)


def _detail_box(frame: Frame, detail: Frame) -> Box:
    left, top = frame.project(detail.north, detail.west)
    right, bottom = frame.project(detail.south, detail.east)
    return Box(left, top, right, bottom)


# ---- outlines

@lru_cache(maxsize=1)
def _geodata() -> dict:
    return json.loads(GEODATA.read_text(encoding="utf-8"))


def _outlines(frame: Frame) -> Iterable[tuple[str, str]]:
    data = _geodata()
    west, south, east, north = data["bbox"]
    if not (west <= frame.west and east >= frame.east and south <= frame.south and north >= frame.north):
        raise MapError(f"frame '{frame.id}' reaches beyond the outlines in {GEODATA.name} ({data['bbox']})")
    for feature in data["features"]:
        rings = [ring for polygon in feature["geometry"]["coordinates"] for ring in polygon if _ring_meets(ring, frame)]
        if rings:
            # Outside the frame the SVG viewport clips; only rings that reach into it are kept.
            path = "".join("M" + "L".join(_point(frame, lat, lon) for lon, lat in ring) + "Z" for ring in rings)
            yield feature["properties"]["name"], path


def _ring_meets(ring: list[list[float]], frame: Frame) -> bool:
    lons = [lon for lon, _ in ring]
    lats = [lat for _, lat in ring]
    return min(lons) <= frame.east and max(lons) >= frame.west and min(lats) <= frame.north and max(lats) >= frame.south


def _point(frame: Frame, lat: float, lon: float) -> str:
    x, y = frame.project(lat, lon)
    return f"{x:g},{y:g}"


# ---- words

def _description(frame: RenderedFrame, detail: RenderedFrame | None = None) -> str:
    names = [label.place.name for label in frame.labels if label.place is not None]
    text = f"Map of {frame.frame.title[0].lower()}{frame.frame.title[1:]}"
    text += f", showing {_join(names)}." if names else "."
    if frame.corridor:
        text += f" A dashed line marks the Lachin corridor, drawn schematically through {_join([p.name for p in frame.route])}."
    if detail is not None and frame.detail_box is not None:
        text += f" A box marks the area of the detail map: {_join([p.name for p in detail.places])}."
    return text


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""

