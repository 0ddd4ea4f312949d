import pytest

from teletravail.apps.places.models import Place, PlaceMerge, PlaceSource
from teletravail.apps.places.services import import_places, undo_merge
from teletravail.places.readers import read_overpass_json, read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, overpass, schema_csv


def import_csv(*rows):
    return import_places(read_schema_csv(schema_csv(*rows)))


def test_a_csv_import_creates_places_with_their_fields_and_source(lyon):
    report = import_csv(CORDEE, VILLAGE)
    assert (report.created, report.updated, report.merged, report.rejected) == (2, 0, 0, [])
    place = Place.objects.get(name="La Cordée Liberté")
    assert place.commune_id == "69383"
    assert place.opening_hours == "Mo-Fr 08:30-19:00"
    assert place.services == ["wifi", "printing"]
    assert (place.source, place.licence) == ("csv", "Licence Ouverte 2.0")
    offer = place.offers.get()
    assert (offer.kind, offer.price_excl_vat_cents, str(offer.vat_rate_percent)) == ("desk_day", 2000, "20.00")


def test_importing_the_same_file_again_changes_nothing_and_a_change_updates(lyon):
    import_csv(CORDEE, VILLAGE)
    again = import_csv(CORDEE, VILLAGE)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = import_csv({**CORDEE, "horaires": "Mo-Sa 08:00-20:00"}, VILLAGE)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert Place.objects.count() == 2
    assert Place.objects.get(name="La Cordée Liberté").opening_hours == "Mo-Sa 08:00-20:00"


def test_a_broken_file_rejects_each_bad_row_with_its_reason_and_imports_the_others(lyon):
    rows = [
        CORDEE,
        {**VILLAGE, "id": "swapped", "latitude": VILLAGE["longitude"], "longitude": VILLAGE["latitude"]},
        {**VILLAGE, "id": "london", "latitude": "51.5072", "longitude": "-0.1276"},
        {**VILLAGE, "id": "hours", "horaires": "du lundi au vendredi"},
        {**VILLAGE, "id": "commune", "code_insee": "99999"},
        {**VILLAGE, "id": "siret", "siret": "12345678901234"},
        {**VILLAGE, "id": "type", "type": "hotel"},
        {**VILLAGE, "id": "html", "nom": "<b>Le Tank</b>", "presentation": "<script>alert(1)</script>"},
        CORDEE,
    ]
    report = import_csv(*rows)
    assert report.created == 2
    reasons = {where: " ".join(problems) for where, problems in report.rejected}
    assert set(reasons) == {f"ligne {n}" for n in (3, 4, 5, 6, 7, 8, 10)}
    assert "Latitude et longitude inversées" in reasons["ligne 3"]
    assert (
        "Aucune commune française près de ces coordonnées" in reasons["ligne 4"]
        or "hors de France" in reasons["ligne 4"]
    )
    assert "Horaires illisibles « du lundi au vendredi »" in reasons["ligne 5"]
    assert "Commune inconnue : code INSEE « 99999 »" in reasons["ligne 6"]
    assert "SIRET invalide « 12345678901234 »" in reasons["ligne 7"]
    assert "Type de lieu inconnu « hotel »" in reasons["ligne 8"]
    assert "Identifiant « L1 » en double dans le fichier" in reasons["ligne 10"]
    # HTML is kept as text (the pages escape it).
    assert Place.objects.get(name="<b>Le Tank</b>").description == "<script>alert(1)</script>"


def test_la_poste_siret_passes_its_own_check(lyon):
    # La Poste's establishments: the sum of the digits is a multiple of 5, the Luhn key is not checked.
    report = import_csv({**VILLAGE, "siret": "35600000000006"}, {**CORDEE, "siret": "35600000000048"})
    assert report.created == 1
    assert [where for where, _reasons in report.rejected] == ["ligne 3"]  # digits summing to 26


def test_a_failure_while_writing_leaves_nothing_imported(lyon, monkeypatch):
    import_csv(VILLAGE)
    rows = list(read_schema_csv(schema_csv(CORDEE, {**VILLAGE, "horaires": "Mo 09:00-12:00"})))

    def broken_flush(self):
        raise RuntimeError("disque plein")

    monkeypatch.setattr("teletravail.apps.places.services._Importer.flush", broken_flush)
    with pytest.raises(RuntimeError):
        import_places(rows)
    assert list(Place.objects.values_list("name", "opening_hours")) == [("Le Village by CA", "")]


COWORKING_NODE = {
    "type": "node",
    "id": 1001,
    "lat": 45.75785,
    "lon": 4.84305,
    "tags": {
        "amenity": "coworking_space",
        "name": "La Cordée - Liberté",
        "phone": "+33 4 00 00 00 00",
        "opening_hours": "Mo-Fr 09:00-18:00",
        "wheelchair": "yes",
    },
}


def test_an_osm_record_of_a_known_place_is_merged_and_the_merge_can_be_undone(lyon):
    import_csv(CORDEE)
    report = import_places(read_overpass_json(overpass(COWORKING_NODE)))
    assert (report.created, report.merged) == (0, 1)
    place = Place.objects.get()
    # The merged record fills what the place lacked, never what it had; each filled field names its source.
    assert place.phone == "+33 4 00 00 00 00"
    assert place.opening_hours == "Mo-Fr 08:30-19:00"
    assert place.accessibility == ["wheelchair"]
    assert place.field_sources["phone"] == {"source": "osm", "licence": "ODbL 1.0"}
    merge = PlaceMerge.objects.get()
    assert merge.distance_m < 20 and merge.name_similarity >= 85
    assert sorted(merge.filled_fields) == ["accessibility", "phone"]

    # Importing the OSM file again keeps the merge.
    again = import_places(read_overpass_json(overpass(COWORKING_NODE)))
    assert (again.created, again.merged, again.unchanged) == (0, 0, 1)

    own = undo_merge(merge)
    place.refresh_from_db()
    assert (place.phone, place.accessibility, place.field_sources) == ("", [], {})
    assert (own.name, own.source, own.licence, own.phone) == (
        "La Cordée - Liberté",
        "osm",
        "ODbL 1.0",
        "+33 4 00 00 00 00",
    )
    assert PlaceSource.objects.get(source="osm").place == own
    merge.refresh_from_db()
    assert merge.undone_at is not None
    # And the next import of the OSM file updates that place, merging nothing again.
    later = import_places(read_overpass_json(overpass(COWORKING_NODE)))
    assert (later.merged, later.unchanged) == (0, 1)
    assert Place.objects.count() == 2


def test_an_osm_record_is_given_the_commune_whose_centre_is_nearest(lyon):
    # Near the town hall of Villeurbanne; in Lyon, an arrondissement rather than the whole commune.
    in_villeurbanne = {**replace_tags(COWORKING_NODE, name="Un autre lieu"), "id": 1, "lat": 45.7667, "lon": 4.8799}
    import_places(read_overpass_json(overpass(in_villeurbanne, COWORKING_NODE)))
    assert Place.objects.get(name="Un autre lieu").commune_id == "69266"
    assert Place.objects.get(name="La Cordée - Liberté").commune.parent_id == "69123"


def replace_tags(element, **tags):
    return {**element, "tags": {**element["tags"], **tags}}


def test_records_of_one_source_are_never_merged_together(lyon):
    report = import_csv(CORDEE, {**CORDEE, "id": "L1-bis"})
    assert (report.created, report.merged) == (2, 0)


def test_a_report_counts_every_row(lyon):
    report = import_csv(CORDEE, {**VILLAGE, "code_insee": "99999"})
    assert report.total == 2
