import math
import re

import pytest

from teletravail.geo.maps import (
    GRS80_A,
    GRS80_E,
    INSET_BOXES,
    LAMBERT93_C,
    LAMBERT93_N,
    LAMBERT93_YS,
    MAX_RADIUS_SHARE,
    OUTLINES_FORMAT,
    MapTexts,
    build_outlines,
    class_limits,
    classify,
    commune_map,
    departement_map,
    lambert93,
    load_outlines,
    nice,
    project,
    simplify,
    svg_path,
    tolerance_for,
)


def inside(box, x, y):
    left, top, width, height = box
    return left <= x <= left + width and top <= y <= top + height


# --- Projection


def test_lambert93_constants_are_those_published_by_ign():
    assert LAMBERT93_N == pytest.approx(0.7256077650, abs=1e-10)
    assert LAMBERT93_C == pytest.approx(11_754_255.426, abs=1e-3)
    assert LAMBERT93_YS == pytest.approx(12_655_612.050, abs=1e-3)


def test_lambert93_puts_the_origin_at_the_false_origin_and_keeps_the_central_meridian_straight():
    assert lambert93(3.0, 46.5) == pytest.approx((700_000.0, 6_600_000.0), abs=1e-6)
    assert lambert93(3.0, 50.0)[0] == pytest.approx(700_000.0, abs=1e-6)
    west, east = lambert93(1.0, 45.0), lambert93(5.0, 45.0)
    assert west[0] - 700_000 == pytest.approx(700_000 - east[0]) and west[1] == pytest.approx(east[1])


def test_lambert93_keeps_lengths_on_a_standard_parallel():
    # Conformal conic secant at 44° N: one degree of that parallel keeps its length on the ellipsoid,
    # N(φ)·cos φ·Δλ (the chord differs from the arc by less than a metre).
    phi = math.radians(44.0)
    arc = GRS80_A / math.sqrt(1 - (GRS80_E * math.sin(phi)) ** 2) * math.cos(phi) * math.radians(1.0)
    (x1, y1), (x2, y2) = lambert93(2.5, 44.0), lambert93(3.5, 44.0)
    assert math.hypot(x2 - x1, y2 - y1) == pytest.approx(arc, abs=2.0)


def test_map_units_are_hectometres_with_y_pointing_down():
    (x_lille, y_lille), (x_nice, y_nice) = project(3.06, 50.63), project(7.27, 43.70)
    assert y_lille < y_nice and x_lille < x_nice
    assert x_nice - x_lille == pytest.approx((lambert93(7.27, 43.70)[0] - lambert93(3.06, 50.63)[0]) / 100)


def test_a_drom_point_goes_to_its_inset_and_a_mainland_point_does_not():
    saint_denis = project(55.45, -20.88, "974")
    assert inside(INSET_BOXES["974"], *saint_denis)
    assert not any(inside(box, *project(2.35, 48.85, "75")) for box in INSET_BOXES.values())


# --- Outlines


def test_simplify_drops_points_within_tolerance_and_keeps_the_others():
    line = [(0, 0), (5, 0.4), (10, 0), (15, 6), (20, 0)]
    assert simplify(line, 1.0) == [(0, 0), (10, 0), (15, 6), (20, 0)]
    assert simplify(line, 10.0) == [(0, 0), (20, 0)]


def test_svg_path_starts_absolute_then_steps_relative():
    assert svg_path([[(10, 20), (15, 20), (15, 12)], [(0, 0), (3, 3), (0, 3)]]) == "M10 20l5 0 0-8zM0 0l3 3-3 0z"


def square(lon, lat, side):
    return [[[lon, lat], [lon + side, lat], [lon + side, lat + side], [lon, lat + side], [lon, lat]]]


def test_build_outlines_projects_simplifies_and_delta_encodes():
    geojson = {
        "features": [
            {
                "properties": {"code": "974", "nom": "La Réunion"},
                "geometry": {"type": "Polygon", "coordinates": square(55.2, -21.4, 0.6)},
            },
            {
                "properties": {"code": "69", "nom": "Rhône"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [square(4.5, 45.5, 0.4), square(9.0, 42.0, 0.0001)],
                },
            },
        ]
    }
    built = build_outlines(geojson, source="test")
    assert built["format"] == OUTLINES_FORMAT
    assert [item["code"] for item in built["departements"]] == ["69", "974"]
    rhone = built["departements"][0]
    assert len(rhone["rings"]) == 1  # the 10 m islet is below the 200 m tolerance
    ring = rhone["rings"][0]
    assert len(ring) == 8  # four corners, the closing point not repeated
    x0, y0 = project(4.5, 45.5)
    assert ring[:2] == [round(x0), round(y0)]
    x1, y1 = project(4.9, 45.5)
    assert ring[2:4] == [round(x1) - round(x0), round(y1) - round(y0)]
    inset = built["insets"]["974"]
    assert inset["box"] == list(INSET_BOXES["974"])
    reunion = built["departements"][1]["rings"][0]
    corners = [(sum(reunion[0:i:2]), sum(reunion[1:i:2])) for i in range(2, 9, 2)]
    assert all(inside(INSET_BOXES["974"], x, y) for x, y in corners)


def test_bundled_outlines_cover_the_101_departements_with_five_insets():
    outlines = load_outlines()
    assert len(outlines.departements) == 101
    assert set(outlines.insets) == set(INSET_BOXES)
    assert outlines.departements["2A"].name == "Corse-du-Sud"
    assert outlines.insets  # a loop over nothing would assert nothing
    for code, inset in outlines.insets.items():
        x0, y0, x1, y1 = outlines.departements[code].bbox
        assert inside(inset.box, x0, y0) and inside(inset.box, x1, y1)


def test_tolerance_is_a_power_of_two_of_about_a_pixel():
    assert tolerance_for(800) == 0  # finer than the stored outlines
    assert tolerance_for(8_000) == 8
    assert tolerance_for(13_000) == 16


# --- Classes


def test_nice_rounds_up_to_two_significant_digits():
    assert [nice(value) for value in (4.83, 4.8, 1234, 0.0456, 15)] == [4.9, 4.8, 1300, 0.046, 15]


def test_one_signed_values_get_five_quantile_classes_of_the_gain_ramp():
    values = {f"d{value}": value for value in range(1, 11)}
    classes, assignment = classify(values)
    # Nearest rank: limits at the 2nd, 4th, 6th, 8th and 10th values.
    assert [(c.css, c.low, c.high, c.count) for c in classes] == [
        ("gain-1", 1, 2, 2),
        ("gain-2", 2, 4, 2),
        ("gain-3", 4, 6, 2),
        ("gain-4", 6, 8, 2),
        ("gain-5", 8, 10, 2),
    ]
    assert assignment["d3"] == "gain-2" and classes[0].label == "de +1 à +2"


def test_mixed_signs_get_a_diverging_palette_with_zero_and_missing_values_apart():
    values = {"a": -10, "b": -4, "c": -1, "d": 0, "e": 2, "f": 5, "g": 9, "h": None}
    classes, assignment = classify(values, labels={"a": "Alpha"})
    assert [c.css for c in classes] == ["loss-5", "loss-3", "loss-2", "zero", "gain-2", "gain-3", "gain-5", "none"]
    assert [(c.low, c.high) for c in classes[:3]] == [(-10, -4), (-4, -1), (-1, -1)]
    assert classes[0].members == ("Alpha",) and classes[0].label == "de \u221210 à \u22124"
    assert classes[2].label == "\u22121"
    assert assignment == {
        "a": "loss-5",
        "b": "loss-3",
        "c": "loss-2",
        "d": "zero",
        "e": "gain-2",
        "f": "gain-3",
        "g": "gain-5",
        "h": "none",
    }


def test_rounded_limits_leave_no_class_empty():
    assert class_limits([4.83, 19.9, 201], 3) == [4.9, 20, 201]
    classes, _assignment = classify({"a": 4.83, "b": 19.9, "c": 201})
    assert [c.count for c in classes] == [1, 1, 1]


# --- Maps


def test_france_map_draws_every_departement_with_the_drom_inside_the_view_box():
    france = departement_map("Carte", {"01": 12.0, "69": -30.0, "974": 4.0}, value_header="Personnes")
    assert len(france.shapes) == 101 and len(france.insets) == 5
    for x, y, width, height in france.insets:
        assert inside(france.view_box, x, y) and inside(france.view_box, x + width, y + height)
    by_code = {shape.code: shape for shape in france.shapes}
    assert by_code["01"].title == "Ain (01) : +12" and by_code["01"].css.startswith("gain-")
    assert by_code["69"].css.startswith("loss-") and by_code["2A"].css == "none"
    assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", by_code["29"].path)


def test_a_region_map_draws_only_its_departements_and_no_inset_frame():
    corse = departement_map("Corse", {"2A": 1.0, "2B": -1.0}, value_header="Personnes", codes=["2A", "2B"])
    assert [shape.code for shape in corse.shapes] == ["2A", "2B"] and corse.insets == ()
    assert corse.view_box[2] < 2_000  # framed on Corsica, not on France


def test_commune_circles_have_areas_proportional_to_the_values():
    rows = [
        ("01004", "Ambérieu-en-Bugey (01)", 5.37229, 45.96104, "01", 400.0),
        ("01001", "L'Abergement-Clémenciat (01)", 4.92592, 46.15369, "01", -100.0),
        ("01002", "L'Abergement-de-Varey (01)", 5.42814, 46.00959, "01", 0.0),
    ]
    communes = commune_map("Communes", rows, value_header="Personnes", departements=["01"])
    big, small = communes.circles  # the commune without change has no circle
    assert big.code == "01004" and big.css.startswith("gain-") and small.css.startswith("loss-")
    assert big.r == communes.size_keys[0].r and big.r < MAX_RADIUS_SHARE * max(communes.view_box[2:])
    assert small.r == pytest.approx(big.r / 2, abs=0.1)
    assert (big.x, big.y) == tuple(round(c) for c in project(5.37229, 45.96104, "01"))
    assert [key.label for key in communes.size_keys] == ["400", "100"]
    assert [shape.css for shape in communes.shapes] == ["context"]


def test_the_words_of_a_map_are_french_unless_given_in_another_language():
    french = departement_map("France", {"01": 1.0}, value_header="Personnes", codes=["01", "29"])
    english = departement_map(
        "France", {"01": 1.0}, value_header="People", codes=["01", "29"], texts=MapTexts(no_data="no data")
    )
    assert [shape.title for shape in french.shapes] == ["Ain (01) : +1", "Finistère (29) : pas de données"]
    assert [shape.title for shape in english.shapes] == ["Ain (01) : +1", "Finistère (29) : no data"]
    assert english.classes[-1].label == "no data" and french.classes[-1].label == "pas de données"


@pytest.mark.parametrize(("lon", "lat"), [(2.3522, 48.8566), (-4.4861, 48.3904), (9.4500, 42.7000), (7.75, 48.58)])
def test_lambert93_inverse_gives_back_the_point(lon, lat):
    from teletravail.geo.maps import lambert93_inverse

    back = lambert93_inverse(*lambert93(lon, lat))
    assert back == pytest.approx((lon, lat), abs=1e-9)


def test_the_outlines_back_in_wgs84_fall_where_the_departements_are():
    from teletravail.geo.maps import outlines_geojson, unproject

    outlines = load_outlines()
    for code in ("29", "2A", "971", "973", "976"):
        x, y = outlines.departements[code].rings[0][0]
        lon, lat = unproject(x, y, code)
        assert project(lon, lat, code) == pytest.approx((x, y), abs=1e-6)
    collection = outlines_geojson(tolerance_m=2000, decimals=3)
    assert collection["type"] == "FeatureCollection"
    guyane = next(feature for feature in collection["features"] if feature["properties"]["code"] == "973")
    points = [point for polygon in guyane["geometry"]["coordinates"] for point in polygon[0]]
    assert all(-54.7 < lon < -51.5 and 2.0 < lat < 5.9 for lon, lat in points)
    assert all(len(str(value).split(".")[-1]) <= 3 for point in points for value in point)
