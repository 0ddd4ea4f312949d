"""Maps of France drawn as SVG on the server: départements filled by class, communes as proportional circles.

No script and nothing for the CSP to block: this module does the arithmetic, the template `core/_map.html`
draws it, and a table of the classes always follows the map. No Django here: the words drawn on a map come in a
`MapTexts`, French unless the page gives them in its language.

Projection. Metropolitan France (Corsica included) is drawn in Lambert-93, the official projection of French
maps (conformal conic on the GRS80 ellipsoid, standard parallels 44° N and 49° N): shapes look as French readers
expect them, with a negligible scale error over the whole mainland. The five DROM are drawn in insets, as French
maps usually show them: each one is projected on its own (longitudes scaled by the cosine of its central
latitude, accurate over the few degrees a DROM spans), then scaled to fit a box of a column west of the
mainland. Map units are hectometres of the mainland, with y pointing down as in SVG; an inset has its own scale.

Outlines are read from `teletravail/data/geo/departements.json`, written by `build_outlines` from the IGN/INSEE
GeoJSON (see SOURCES.md there): projected, simplified to 200 m and delta-encoded, so that the repository and the
pages stay small. Each map simplifies them again to about a pixel of its own scale (Douglas-Peucker, per ring:
neighbouring outlines may part by up to that pixel, which the border strokes hide).
"""

import json
import math
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from teletravail.french import integer


OUTLINES_FILE = Path(__file__).resolve().parents[1] / "data" / "geo" / "departements.json"
OUTLINES_FORMAT = "teletravail-map-outlines/1"

# Lambert-93 (IGN, decree 2000-1276): GRS80 ellipsoid, conic secant at 44° N and 49° N, origin 3° E 46.5° N,
# false easting 700 000 m and northing 6 600 000 m.
GRS80_A = 6_378_137.0
GRS80_F = 1 / 298.257222101
GRS80_E = math.sqrt(2 * GRS80_F - GRS80_F**2)
LAMBERT93_PARALLELS = (44.0, 49.0)
LAMBERT93_ORIGIN = (3.0, 46.5)
LAMBERT93_FALSE_ORIGIN_M = (700_000.0, 6_600_000.0)

MAP_UNIT_M = 100  # map units are hectometres: whole numbers keep the SVG paths short
FRAME_TOP_M = 7_150_000  # Lambert-93 northing of y = 0, just north of Dunkirk

# DROM insets: (x, y, width, height) in map units, a column west of Brittany and the Bay of Biscay.
INSET_BOXES = {
    "971": (-1000, 1000, 1700, 1700),
    "972": (-1000, 3000, 1700, 1700),
    "973": (-1000, 5000, 1700, 1700),
    "974": (-1000, 7000, 1700, 1700),
    "976": (-1000, 9000, 1700, 1700),
}
INSET_MARGIN = 0.08  # share of an inset box left empty on each side

BUILD_TOLERANCE_M = 200  # simplification of the stored outlines: a pixel of a 120 km wide département map
TARGET_WIDTH_PX = 800  # maps are simplified to about one pixel at this width
MARGIN_SHARE = 0.03  # empty border around the shapes, share of the larger side
MAX_RADIUS_SHARE = 0.045  # radius of the largest circle, share of the larger side of the map
MIN_RADIUS_SHARE = 0.002  # smaller circles are enlarged to this, so that every commune with a value shows
FONT_SHARE = 1 / 45  # font size of the texts drawn in the map, share of its width
MEMBERS_SHOWN = 12  # names listed per class in the table that follows a commune map (a département map lists all)

# Colour ramps (DSFR palette): gains in blue, losses in orange, so that the two sides stay apart for people who
# do not see red and green. Ramp steps 1 (light) to 5 (dark); fewer classes take the steps below. The colours
# are SVG `fill` attributes rather than CSS, so that a map copied into a PDF report keeps them.
FILLS = {
    "gain-1": "#e3e3fd",  # blue-france-925
    "gain-2": "#cacafb",  # blue-france-850
    "gain-3": "#8585f6",  # blue-france-625
    "gain-4": "#2323ff",  # blue-france-625-active
    "gain-5": "#000091",  # blue-france-113
    "loss-1": "#fddfd8",  # orange-terre-battue-925
    "loss-2": "#fcc0b0",  # orange-terre-battue-850
    "loss-3": "#e4794a",  # orange-terre-battue-main-645
    "loss-4": "#b34000",  # warning-425
    "loss-5": "#755348",  # orange-terre-battue-370
    "zero": "#e5e5e5",  # grey-925
    "none": "#ffffff",
    "context": "#eeeeee",
}
MAX_CLASSES_ONE_SIGN = 5
MAX_CLASSES_PER_SIGN = 3  # when values are both positive and negative: 3 + 3, and one class for zero
RAMP_STEPS = {1: (3,), 2: (2, 4), 3: (2, 3, 5), 4: (2, 3, 4, 5), 5: (1, 2, 3, 4, 5)}
ZERO_TOLERANCE = 1e-9


@dataclass(frozen=True)
class MapTexts:
    """The words drawn on and under a map; a page passes them translated (French is the source language)."""

    range: str = "de %(low)s à %(high)s"
    no_change: str = "aucun changement"
    no_data: str = "pas de données"
    departements: str = "Départements"
    communes: str = "Communes"


FRENCH_TEXTS = MapTexts()


# --- Projection ---------------------------------------------------------------------------------------------


def _conformal_latitude_term(latitude):
    """t(φ) of the Lambert conformal conic on the ellipsoid."""
    phi = math.radians(latitude)
    e_sin = GRS80_E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - e_sin) / (1 + e_sin)) ** (GRS80_E / 2)


def _parallel_radius_term(latitude):
    """m(φ): radius of the parallel divided by the semi-major axis."""
    phi = math.radians(latitude)
    return math.cos(phi) / math.sqrt(1 - (GRS80_E * math.sin(phi)) ** 2)


def _lambert93_constants():
    south, north = LAMBERT93_PARALLELS
    m_south, m_north = _parallel_radius_term(south), _parallel_radius_term(north)
    t_south, t_north = _conformal_latitude_term(south), _conformal_latitude_term(north)
    exponent = (math.log(m_south) - math.log(m_north)) / (math.log(t_south) - math.log(t_north))
    scale = GRS80_A * m_south / (exponent * t_south**exponent)
    pole_northing = LAMBERT93_FALSE_ORIGIN_M[1] + scale * _conformal_latitude_term(LAMBERT93_ORIGIN[1]) ** exponent
    return exponent, scale, pole_northing


# n, C and Ys of the IGN notes: 0.7256077650, 11 754 255.426 m and 12 655 612.050 m.
LAMBERT93_N, LAMBERT93_C, LAMBERT93_YS = _lambert93_constants()


def lambert93(lon, lat):
    """Lambert-93 easting and northing (metres) of a WGS84 point (degrees); WGS84 and RGF93 agree to the metre."""
    rho = LAMBERT93_C * _conformal_latitude_term(lat) ** LAMBERT93_N
    theta = LAMBERT93_N * math.radians(lon - LAMBERT93_ORIGIN[0])
    return LAMBERT93_FALSE_ORIGIN_M[0] + rho * math.sin(theta), LAMBERT93_YS - rho * math.cos(theta)


@dataclass(frozen=True)
class Inset:
    """A DROM drawn in a box: `scale` map units per degree of great circle around (`lon`, `lat`)."""

    code: str
    lon: float
    lat: float
    scale: float
    box: tuple[int, int, int, int]

    def project(self, lon, lat):
        x, y, width, height = self.box
        east = (lon - self.lon) * math.cos(math.radians(self.lat))
        return x + width / 2 + self.scale * east, y + height / 2 - self.scale * (lat - self.lat)

    def unproject(self, x, y):
        """Longitude and latitude of a point of the inset, in map units."""
        box_x, box_y, width, height = self.box
        east = (x - box_x - width / 2) / self.scale
        return self.lon + east / math.cos(math.radians(self.lat)), self.lat - (y - box_y - height / 2) / self.scale


def lambert93_inverse(easting, northing):
    """WGS84 longitude and latitude (degrees) of a Lambert-93 point (metres): the inverse of `lambert93`, the
    latitude found by fixed-point iteration (IGN note NTG_71, ALG0004), which converges to 1e-12 rad in a few steps."""
    dx, dy = easting - LAMBERT93_FALSE_ORIGIN_M[0], LAMBERT93_YS - northing
    rho = math.hypot(dx, dy)
    lon = LAMBERT93_ORIGIN[0] + math.degrees(math.atan2(dx, dy) / LAMBERT93_N)
    t = (rho / LAMBERT93_C) ** (1 / LAMBERT93_N)
    phi = math.pi / 2 - 2 * math.atan(t)
    for _step in range(20):
        e_sin = GRS80_E * math.sin(phi)
        following = math.pi / 2 - 2 * math.atan(t * ((1 - e_sin) / (1 + e_sin)) ** (GRS80_E / 2))
        if abs(following - phi) < 1e-12:
            phi = following
            break
        phi = following
    return lon, math.degrees(phi)


def mainland_point(lon, lat):
    """Map units of a point of metropolitan France."""
    easting, northing = lambert93(lon, lat)
    return easting / MAP_UNIT_M, (FRAME_TOP_M - northing) / MAP_UNIT_M


def unproject(x, y, departement=None, insets=None):
    """Longitude and latitude of a point in map units: the inverse of `project`."""
    insets = load_outlines().insets if insets is None else insets
    inset = insets.get(departement)
    if inset:
        return inset.unproject(x, y)
    return lambert93_inverse(x * MAP_UNIT_M, FRAME_TOP_M - y * MAP_UNIT_M)


def project(lon, lat, departement=None, insets=None):
    """Map units of a point; a point of a DROM (by its département code) goes to that DROM's inset."""
    insets = load_outlines().insets if insets is None else insets
    inset = insets.get(departement)
    return inset.project(lon, lat) if inset else mainland_point(lon, lat)


def fit_inset(code, lon_lat_points, box=None):
    """The inset that fits these points (a DROM's outline) into its box, centred, keeping proportions."""
    box = box or INSET_BOXES[code]
    lons = [lon for lon, _lat in lon_lat_points]
    lats = [lat for _lon, lat in lon_lat_points]
    lon, lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    span_east = (max(lons) - min(lons)) * math.cos(math.radians(lat)) or 1e-6
    span_north = (max(lats) - min(lats)) or 1e-6
    room = 1 - 2 * INSET_MARGIN
    scale = min(box[2] * room / span_east, box[3] * room / span_north)
    return Inset(code, lon, lat, scale, tuple(box))


# --- Outlines -----------------------------------------------------------------------------------------------


def simplify(points, tolerance):
    """Douglas-Peucker: the points of a polyline to keep so that none strays more than `tolerance` from it."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    pending = [(0, len(points) - 1)]
    while pending:
        first, last = pending.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, -1.0
        for index in range(first + 1, last):
            x, y = points[index]
            # Distance to the chord, or to its end when the chord is a point (a closed ring).
            gap = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if gap > distance:
                farthest, distance = index, gap
        if farthest is not None and distance > tolerance:
            keep[farthest] = True
            pending += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring, tolerance):
    """A closed ring (first point not repeated) simplified; None when fewer than 3 points would remain."""
    points = simplify([*ring, ring[0]], tolerance)[:-1]
    return points if len(points) >= 3 else None


def svg_path(rings):
    """SVG path data of polygons given as rings of whole map units: absolute start, then relative steps."""
    parts = []
    for ring in rings:
        (x0, y0), steps = ring[0], []
        previous = (x0, y0)
        for x, y in ring[1:]:
            steps.append(f"{x - previous[0]} {y - previous[1]}")
            previous = (x, y)
        parts.append(f"M{x0} {y0}l{' '.join(steps)}z")
    # A minus sign separates numbers by itself.
    return "".join(parts).replace(" -", "-")


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    rings: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def bbox(self):
        xs = [x for ring in self.rings for x, _y in ring]
        ys = [y for ring in self.rings for _x, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Outlines:
    departements: dict  # code → Outline
    insets: dict  # code → Inset


def _decode_ring(values):
    x, y = values[0], values[1]
    points = [(x, y)]
    for index in range(2, len(values), 2):
        x, y = x + values[index], y + values[index + 1]
        points.append((x, y))
    return tuple(points)


def _encode_ring(points):
    values = [points[0][0], points[0][1]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        values += [x1 - x0, y1 - y0]
    return values


@cache
def load_outlines(path=None):
    """The bundled département outlines (cached), or those of `path` (a file written by `build_outlines`)."""
    data = json.loads(Path(path or OUTLINES_FILE).read_text(encoding="utf-8"))
    if data.get("format") != OUTLINES_FORMAT:
        raise ValueError(f"{path or OUTLINES_FILE}: not a map outlines file ({OUTLINES_FORMAT}).")
    departements = {
        item["code"]: Outline(item["code"], item["name"], tuple(_decode_ring(ring) for ring in item["rings"]))
        for item in data["departements"]
    }
    insets = {
        code: Inset(code, inset["lon"], inset["lat"], inset["scale"], tuple(inset["box"]))
        for code, inset in data["insets"].items()
    }
    return Outlines(departements, insets)


@lru_cache(maxsize=4096)
def departement_path(code, tolerance=0, path=None):
    """SVG path of a département's outline simplified to `tolerance` map units (0: as stored)."""
    outline = load_outlines(path).departements[code]
    rings = [simplify_ring(ring, tolerance) if tolerance else ring for ring in outline.rings]
    return svg_path([ring for ring in rings if ring])


def outlines_geojson(tolerance_m=1000, decimals=4):
    """The bundled département outlines back in WGS84, as a GeoJSON FeatureCollection (RFC 7946) for a web map's base
    layer: one MultiPolygon per département (properties `code` and `name`), simplified to `tolerance_m` and rounded
    to `decimals` (4 decimals: about 10 m, below the 200 m of the stored outlines). Rings keep the stored order,
    holes included: a web map draws them with the even-odd rule."""
    outlines = load_outlines()
    features = []
    for code, outline in sorted(outlines.departements.items()):
        polygons = []
        for ring in outline.rings:
            kept = simplify_ring(ring, tolerance_m / MAP_UNIT_M) if tolerance_m else ring
            if not kept:
                continue
            points = [[round(value, decimals) for value in unproject(x, y, code, outlines.insets)] for x, y in kept]
            polygons.append([[*points, points[0]]])
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": outline.name},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def tolerance_for(width):
    """About one pixel of a map `width` map units wide, rounded down to a power of two so that the simplified
    outlines are shared between maps; 0 below the resolution of the stored outlines."""
    pixel = width / TARGET_WIDTH_PX
    if pixel < 2 * BUILD_TOLERANCE_M / MAP_UNIT_M:
        return 0
    return 2 ** math.floor(math.log2(pixel))


def build_outlines(geojson, tolerance_m=BUILD_TOLERANCE_M, source=""):
    """The outlines file (a dict, written as JSON) from a GeoJSON of départements (properties `code`, `nom`)."""

    def rings_of(geometry):
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        return [ring for polygon in polygons for ring in polygon]

    features = sorted(geojson["features"], key=lambda feature: feature["properties"]["code"])
    insets = {}
    for feature in features:
        code = feature["properties"]["code"]
        if code in INSET_BOXES:
            points = [point for ring in rings_of(feature["geometry"]) for point in ring]
            insets[code] = fit_inset(code, [(lon, lat) for lon, lat, *_ in points])
    departements = []
    for feature in features:
        code = feature["properties"]["code"]
        rings = []
        for ring in rings_of(feature["geometry"]):
            projected = [project(lon, lat, code, insets) for lon, lat, *_ in ring]
            if projected[0] == projected[-1]:
                projected = projected[:-1]
            simplified = simplify_ring(projected, tolerance_m / MAP_UNIT_M) if len(projected) >= 3 else None
            if not simplified:
                continue
            whole = [(round(x), round(y)) for x, y in simplified]
            whole = [point for point, before in zip(whole, [None, *whole], strict=False) if point != before]
            if len(set(whole)) >= 3:
                rings.append(_encode_ring(whole))
        departements.append({"code": code, "name": feature["properties"]["nom"], "rings": rings})
    return {
        "format": OUTLINES_FORMAT,
        "source": source,
        "projection": "Lambert-93 (mainland), DROM in insets; map units of 100 m, y down",
        "tolerance_m": tolerance_m,
        "insets": {
            code: {
                "lon": round(inset.lon, 5),
                "lat": round(inset.lat, 5),
                "scale": round(inset.scale, 3),
                "box": list(inset.box),
            }
            for code, inset in insets.items()
        },
        "departements": departements,
    }


# --- Classes ------------------------------------------------------------------------------------------------


def nice(value):
    """`value` (positive) rounded up to two significant digits, so that class limits read easily."""
    exponent = math.floor(math.log10(value)) - 1
    # The small allowance keeps a value that already has two digits (4.8) from going up a step (4.9).
    steps = math.ceil(value / 10**exponent - 1e-9)
    return round(steps * 10**exponent, max(0, -exponent))


def class_limits(magnitudes, classes):
    """Upper limits of `classes` quantile classes of positive `magnitudes` (nearest rank), rounded to two
    significant digits, so that the value at each rank stays in its class; the last limit is the largest magnitude
    itself. Fewer limits when values repeat or round alike; no class is left empty."""
    ordered = sorted(magnitudes)
    count = len(ordered)
    classes = min(classes, len(set(ordered)))
    limits = {nice(ordered[math.ceil(rank * count / classes) - 1]) for rank in range(1, classes)}
    return [*sorted(limit for limit in limits if 0 < limit < ordered[-1]), ordered[-1]]


class _Coloured:
    """Gives the `fill` colour of the class named by `css`."""

    @property
    def fill(self):
        return FILLS[self.css]


@dataclass(frozen=True)
class MapClass(_Coloured):
    """One class of the legend: CSS modifier (`gain-2`, `loss-5`, `zero`, `none`), signed limits, label and the
    names of the shapes or circles in it, largest magnitude first (the table shows the first `members_shown`, or
    all of them when None)."""

    css: str
    low: float | None
    high: float | None
    label: str
    members: tuple[str, ...]
    members_shown: int | None = None

    @property
    def count(self):
        return len(self.members)

    @property
    def shown_members(self):
        return self.members[: self.members_shown]

    @property
    def more_members(self):
        return len(self.members) - len(self.shown_members)


def default_format(value, signed=True):
    """« +1 234 », « −56 »: narrow no-break spaces between thousands, a true minus sign."""
    return integer(value, signed=signed)


def _sign_classes(side, magnitudes, classes, labels, format_value, members_shown, texts):
    """Classes of the gains (`side` "gain") or of the losses ("loss", magnitudes of the negative values)."""
    sign = -1 if side == "loss" else 1
    limits = class_limits(magnitudes.values(), classes)
    steps = RAMP_STEPS[len(limits)]
    members = [[] for _limit in limits]
    assignment = {}
    for key, magnitude in sorted(magnitudes.items(), key=lambda item: (-item[1], item[0])):
        rank = next(index for index, limit in enumerate(limits) if magnitude <= limit)
        members[rank].append(labels.get(key, key))
        assignment[key] = f"{side}-{steps[rank]}"
    result = []
    for rank, limit in enumerate(limits):
        low = min(magnitudes.values()) if rank == 0 else limits[rank - 1]
        bottom, top = sorted((sign * low, sign * limit))
        if bottom == top:
            label = format_value(bottom)
        else:
            label = texts.range % {"low": format_value(bottom), "high": format_value(top)}
        result.append(MapClass(f"{side}-{steps[rank]}", bottom, top, label, tuple(members[rank]), members_shown))
    return result, assignment


def classify(values, labels=None, format_value=default_format, members_shown=None, texts=None):
    """Classes of `values` (key → number or None) and the class of each key.

    Gains and losses are classed apart (quantiles of their magnitudes), so that the colour always tells the sign:
    up to 5 classes when all values have one sign, 3 + 3 (and one for zero) when they are mixed. Keys without a
    value go to the class `none`. Returns (classes in legend order: from the largest loss through zero to the
    largest gain, then missing values; key → CSS modifier of its class).
    """
    labels = labels or {}
    texts = texts or FRENCH_TEXTS
    present = {key: float(value) for key, value in values.items() if value is not None and not math.isnan(value)}
    gains = {key: value for key, value in present.items() if value > ZERO_TOLERANCE}
    losses = {key: -value for key, value in present.items() if value < -ZERO_TOLERANCE}
    zeros = sorted(key for key, value in present.items() if abs(value) <= ZERO_TOLERANCE)
    missing = sorted(key for key in values if key not in present)
    per_sign = MAX_CLASSES_PER_SIGN if gains and losses else MAX_CLASSES_ONE_SIGN
    loss_classes, loss_keys = (
        _sign_classes("loss", losses, per_sign, labels, format_value, members_shown, texts) if losses else ([], {})
    )
    gain_classes, gain_keys = (
        _sign_classes("gain", gains, per_sign, labels, format_value, members_shown, texts) if gains else ([], {})
    )
    classes = list(reversed(loss_classes))
    if zeros:
        names = tuple(labels.get(key, key) for key in zeros)
        classes.append(MapClass("zero", 0.0, 0.0, texts.no_change, names, members_shown))
    classes += gain_classes
    if missing:
        names = tuple(labels.get(key, key) for key in missing)
        classes.append(MapClass("none", None, None, texts.no_data, names, members_shown))
    assignment = {**loss_keys, **gain_keys, **dict.fromkeys(zeros, "zero"), **dict.fromkeys(missing, "none")}
    return tuple(classes), assignment


# --- Maps ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapShape(_Coloured):
    """A département: its outline, the CSS modifier of its class (`context` on commune maps) and its tooltip."""

    code: str
    path: str
    css: str
    title: str


@dataclass(frozen=True)
class MapCircle(_Coloured):
    code: str
    x: int
    y: int
    r: float
    css: str
    title: str


@dataclass(frozen=True)
class SizeKey:
    """A reference circle of the size legend, drawn under the map, with its value."""

    x: float
    y: float
    r: float
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class ChoroplethMap:
    title: str
    value_header: str
    member_header: str  # heading of the names column of the classes table: départements or communes
    view_box: tuple[int, int, int, int]
    shapes: tuple[MapShape, ...]
    circles: tuple[MapCircle, ...]
    insets: tuple[tuple[int, int, int, int], ...]  # frames around the DROM
    classes: tuple[MapClass, ...]
    size_keys: tuple[SizeKey, ...]
    font_size: float

    @property
    def view_box_text(self):
        return " ".join(str(number) for number in self.view_box)


def _union(boxes):
    boxes = list(boxes)
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def _framed(bbox):
    """The view box (x, y, width, height) around `bbox` (min x, min y, max x, max y), with a margin."""
    x0, y0, x1, y1 = bbox
    margin = MARGIN_SHARE * max(x1 - x0, y1 - y0)
    left, top = math.floor(x0 - margin), math.floor(y0 - margin)
    return left, top, math.ceil(x1 + margin) - left, math.ceil(y1 + margin) - top


def _title(label, value, format_value, texts):
    return f"{label} : {format_value(value) if value is not None else texts.no_data}"


def _inset_frames(codes, outlines):
    """Frames of the DROM drawn in insets, when the map also shows the mainland (alone, a DROM needs none)."""
    in_insets = [code for code in codes if code in outlines.insets]
    if len(in_insets) == len(codes):
        return ()
    return tuple(outlines.insets[code].box for code in in_insets)


def departement_map(title, values, *, value_header, codes=None, format_value=default_format, texts=FRENCH_TEXTS):
    """A choropleth of départements: `values` maps codes to numbers (None or absent: no data); `codes` chooses
    the départements drawn (all of France, DROM in insets, by default)."""
    outlines = load_outlines()
    codes = sorted(codes if codes is not None else outlines.departements)
    labels = {code: f"{outlines.departements[code].name} ({code})" for code in codes}
    frames = _inset_frames(codes, outlines)
    bbox = _union(
        [outlines.departements[code].bbox for code in codes] + [(x, y, x + w, y + h) for x, y, w, h in frames]
    )
    view_box = _framed(bbox)
    tolerance = tolerance_for(view_box[2])
    classes, assignment = classify({code: values.get(code) for code in codes}, labels, format_value, texts=texts)
    shapes = tuple(
        MapShape(
            code,
            departement_path(code, tolerance),
            assignment[code],
            _title(labels[code], values.get(code), format_value, texts),
        )
        for code in codes
    )
    return ChoroplethMap(
        str(title),
        str(value_header),
        texts.departements,
        view_box,
        shapes,
        (),
        frames,
        classes,
        (),
        round(view_box[2] * FONT_SHARE, 1),
    )


def _size_keys(left, base, max_radius, largest, font_size, format_value):
    """Two nested reference circles standing on the line `base`: the largest value and about a quarter of it."""
    keys = []
    for value in dict.fromkeys([largest, nice(largest / 4)]):
        radius = max_radius * math.sqrt(value / largest)
        keys.append(
            SizeKey(
                left + font_size + max_radius,
                base - radius,
                round(radius, 1),
                format_value(value, signed=False),
                left + 2 * font_size + 2 * max_radius,
                base - 2 * radius + font_size / 3,
            )
        )
    return tuple(keys)


def commune_map(title, communes, *, value_header, departements, format_value=default_format, texts=FRENCH_TEXTS):
    """Communes as circles over the outlines of `departements`, which the map frames: area proportional to the
    magnitude of the value, colour by class (gains and losses apart).

    `communes` are (code, label, lon, lat, département code, value) rows; rows without coordinates are left out.
    """
    outlines = load_outlines()
    rows = [row for row in communes if row[2] is not None and row[3] is not None]
    points = {
        code: project(lon, lat, departement, outlines.insets) for code, _label, lon, lat, departement, _v in rows
    }
    labels = {code: label for code, label, *_rest in rows}
    values = {code: value for code, *_rest, value in rows}
    departements = sorted(departements)
    left, top, width, height = _framed(_union(outlines.departements[code].bbox for code in departements))
    classes, assignment = classify(values, labels, format_value, members_shown=MEMBERS_SHOWN, texts=texts)
    largest = max((abs(value) for value in values.values() if value), default=0.0)
    max_radius = MAX_RADIUS_SHARE * max(width, height)
    circles = []
    for code, value in sorted(values.items(), key=lambda item: -abs(item[1] or 0)):
        if not value or abs(value) <= ZERO_TOLERANCE:
            continue  # a commune that neither gains nor loses has no circle; the table counts it
        radius = max(max_radius * math.sqrt(abs(value) / largest), MIN_RADIUS_SHARE * max(width, height))
        x, y = points[code]
        circles.append(
            MapCircle(
                code,
                round(x),
                round(y),
                round(radius, 1),
                assignment[code],
                _title(labels[code], value, format_value, texts),
            )
        )
    font_size = round(width * FONT_SHARE, 1)
    size_keys, strip = (), 0
    if largest:
        strip = math.ceil(2 * max_radius + 2 * font_size)
        size_keys = _size_keys(left, top + height + strip - font_size, max_radius, largest, font_size, format_value)
    shapes = tuple(
        MapShape(
            code,
            departement_path(code, tolerance_for(width)),
            "context",
            f"{outlines.departements[code].name} ({code})",
        )
        for code in departements
    )
    return ChoroplethMap(
        str(title),
        str(value_header),
        texts.communes,
        (left, top, width, height + strip),
        shapes,
        tuple(circles),
        _inset_frames(departements, outlines),
        classes,
        size_keys,
        font_size,
    )


if __name__ == "__main__":
    # python -m teletravail.geo.maps SOURCE.geojson OUTPUT.json "origin of SOURCE"
    source_file, output_file, origin = sys.argv[1:4]
    built = build_outlines(json.loads(Path(source_file).read_text(encoding="utf-8")), source=origin)
    Path(output_file).write_text(json.dumps(built, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
