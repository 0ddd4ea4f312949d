import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from teletravail.places.readers import (
    CGET_DATE,
    PlacesFileError,
    read_cget2019,
    read_overpass_json,
    read_schema_csv,
)
from teletravail.places.schema import COLUMNS


def test_the_bundled_cget_file_gives_its_1512_places_with_their_kinds():
    rows = list(read_cget2019())
    assert len(rows) == 1512
    assert all(row.record is not None and not row.problems for row in rows)
    kinds = [row.record.kind for row in rows]
    # SOURCES.md: 1,118 « dominante coworking », 345 « dominante fablab », 49 without typology.
    assert (kinds.count("coworking"), kinds.count("fablab"), kinds.count("tiers_lieu")) == (1118, 345, 49)
    first = rows[0].record
    assert (first.source_id, first.name, first.commune_code, first.postal_code) == (
        "1",
        "ADE Coworking",
        "44109",
        "44300",
    )
    assert first.website == "http://www.ade-coworking.net"
    assert first.verified_on == CGET_DATE
    assert first.licence == "Licence Ouverte 2.0"
    # CP « 0 » (unknown) is no postal code.
    assert not any(row.record.postal_code == "00000" for row in rows)


def test_a_cget_file_without_its_columns_is_refused_whole():
    with pytest.raises(PlacesFileError, match="Colonnes manquantes : .*COMMUNE_2026_GEO"):
        list(read_cget2019(b"ID,NOM_TL,ADRESSE,CP,WEB,TYPO,LAT,LONG\n1,x,,,,,1,2\n"))


def schema_csv(*lines):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(COLUMNS)
    writer.writerows(lines)
    return output.getvalue().encode()


def schema_line(**values):
    return [values.get(column, "") for column in COLUMNS]


def test_a_schema_csv_row_gives_its_record_with_lists_and_offers():
    data = schema_csv(
        schema_line(
            id="A1",
            nom="La Cordée",
            type="coworking",
            code_insee="69123",
            latitude="45,76",
            longitude="4.84",
            services="wifi;printing; wifi",
            prix_journee_ht="15,50",
            taux_tva="20",
            date_maj="2026-11-02",
            horaires="Mo-Fr 09:00-18:00",
        )
    )
    (row,) = read_schema_csv(data)
    assert row.problems == ()
    record = row.record
    assert (record.latitude, record.longitude) == (45.76, 4.84)
    assert record.services == ("wifi", "printing")
    assert record.offers[0].kind == "desk_day"
    assert record.offers[0].price_excl_vat_cents == 1550
    assert record.offers[0].vat_rate_percent == Decimal("20")
    assert record.verified_on == date(2026, 11, 2)


def test_unreadable_cells_are_reasons_of_the_row():
    (row,) = read_schema_csv(schema_csv(schema_line(id="A1", nom="X", latitude="nord", postes="beaucoup")))
    assert "Latitude illisible « nord » : un nombre est attendu." in row.problems
    assert any("Nombre de postes illisible" in problem for problem in row.problems)


def test_a_file_that_is_not_utf8_is_refused_whole():
    with pytest.raises(PlacesFileError, match="UTF-8"):
        list(read_schema_csv(schema_csv(schema_line(id="1", nom="Café")).decode().encode("latin-1")))


def overpass(*elements):
    return json.dumps({"version": 0.6, "elements": list(elements)}).encode()


def test_overpass_nodes_and_ways_become_coworking_records():
    data = overpass(
        {
            "type": "node",
            "id": 42,
            "lat": 45.76,
            "lon": 4.84,
            "tags": {
                "amenity": "coworking_space",
                "name": "Now Coworking",
                "opening_hours": "Mo-Fr 09:00-19:00",
                "internet_access": "wlan",
                "wheelchair": "yes",
                "website": "https://now.example",
                "check_date": "2026-03-01",
            },
        },
        {"type": "way", "id": 7, "center": {"lat": 47.2, "lon": -1.55}, "tags": {"office": "coworking", "name": "B"}},
        {"type": "node", "id": 8, "lat": 47.2, "lon": -1.55, "tags": {"amenity": "cafe", "name": "Café"}},
    )
    node, way, cafe = read_overpass_json(data)
    assert node.record.source_id == "node/42"
    assert node.record.licence == "ODbL 1.0"
    assert node.record.services == ("wifi",)
    assert node.record.accessibility == ("wheelchair",)
    assert node.record.verified_on == date(2026, 3, 1)
    assert (way.record.latitude, way.record.longitude) == (47.2, -1.55)
    assert cafe.record is None
    assert "pas un lieu de coworking" in cafe.problems[0]


@pytest.mark.parametrize("data", [b"{not json", b"[]", b'{"elements": 3}', b'{"elements": [3]}'])
def test_a_file_that_is_not_an_overpass_answer_is_refused_whole(data):
    with pytest.raises(PlacesFileError):
        list(read_overpass_json(data))
