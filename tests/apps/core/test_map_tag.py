"""The map template tag: an SVG map from `teletravail.geo.maps`, accessible, followed by the table of its classes."""

import re

from django.template import Context, Template
from django.utils import translation

from teletravail.geo.maps import MEMBERS_SHOWN, commune_map, departement_map


def render(territory_map):
    return Template("{% load maps %}{% choropleth_map 'carte' territory_map %}").render(
        Context({"territory_map": territory_map})
    )


def test_rendered_map_is_an_accessible_image_followed_by_its_classes_table():
    rows = [("01004", "Ambérieu-en-Bugey (01)", 5.37229, 45.96104, "01", 40.0)]
    with translation.override("fr"):
        html = render(commune_map("Communes", rows, value_header="Personnes", departements=["01"]))
    assert 'role="img"' in html and 'aria-labelledby="carte-title carte-desc"' in html
    assert '<title id="carte-title">Communes</title>' in html and 'id="carte-desc"' in html
    assert "<title>Ambérieu-en-Bugey (01) : +40</title>" in html and "<title>Ain (01)</title>" in html
    assert re.search(r'r="\d+\.\d"', html)  # decimal points, not the French comma
    assert " style=" not in html
    assert '<th scope="row">+40</th>' in html and "Ambérieu-en-Bugey (01)</td>" in html


def test_france_map_renders_small_enough_for_a_page():
    html = render(departement_map("France", {"01": 1.0}, value_header="Personnes"))
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<path ") == 101 and svg.count("<title") == 101 + 1
    assert len(svg.encode()) < 80_000


def test_the_classes_table_lists_every_departement_but_only_the_first_communes():
    france = departement_map("France", {}, value_header="Personnes")
    (no_data,) = france.classes
    assert no_data.css == "none" and len(no_data.shown_members) == 101 and no_data.more_members == 0
    rows = [(f"c{index}", f"Commune {index}", 5.0, 46.0, "01", float(index)) for index in range(1, 101)]
    communes = commune_map("Communes", rows, value_header="Personnes", departements=["01"])
    largest = communes.classes[-1]
    assert largest.shown_members == tuple(f"Commune {index}" for index in range(100, 100 - MEMBERS_SHOWN, -1))
    assert largest.more_members == largest.count - MEMBERS_SHOWN
    with translation.override("fr"):
        html = render(communes)
    assert f"et {largest.more_members} autres" in html
