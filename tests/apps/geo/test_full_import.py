"""The bundled reference data, imported once: the sanity figures of teletravail/data/communes/SOURCES.md."""

import pytest
from django.db.models import Sum

from teletravail.apps.geo.models import Commune, Departement, Epci, Region
from teletravail.apps.geo.selectors import search_communes
from teletravail.apps.geo.services import import_reference_geography


@pytest.mark.django_db
def test_full_bundled_data_matches_the_published_sanity_figures():
    report = import_reference_geography()

    assert {name: counts.created for name, counts in report.as_dict().items()} == {
        "regions": 18,
        "departements": 101,
        "epci": 1255,
        "communes": 34920,
    }
    assert (Region.objects.count(), Departement.objects.count(), Epci.objects.count()) == (18, 101, 1255)
    assert Commune.objects.filter(kind="COM").count() == 34875
    assert Commune.objects.filter(kind="ARM").count() == 45
    assert Commune.objects.filter(kind="COM").aggregate(total=Sum("population"))["total"] == 68_350_798
    assert Commune.objects.filter(kind="ARM").aggregate(total=Sum("population"))["total"] == 3_508_945
    assert Departement.objects.aggregate(total=Sum("population"))["total"] == 68_350_798
    assert Region.objects.aggregate(total=Sum("population"))["total"] == 68_350_798
    assert set(Commune.objects.filter(latitude__isnull=True).values_list("code", flat=True)) == {
        "15031",
        "15035",
        "15047",
        "15171",
    }
    assert set(Commune.objects.filter(epci__isnull=True, kind="COM").values_list("code", flat=True)) == {
        "22016",
        "29083",
        "29155",
        "85113",
    }
    assert Commune.objects.get(code="75056").population == 2_103_778
    l_abergement = Commune.objects.get(code="01001")
    assert (l_abergement.name, l_abergement.population, l_abergement.area_km2) == (
        "L'Abergement-Clémenciat",
        860,
        15.703,
    )
    assert (l_abergement.latitude, l_abergement.longitude) == (46.15369, 4.92592)

    # Search on the full table.
    assert search_communes("saint etienne")[0].code == "42218"
    assert search_communes("st etienne")[0].code == "42218"
    assert search_communes("Saint-Étienne")[0].code == "42218"
    assert "42218" in [commune.code for commune in search_communes("42000")]
    assert search_communes("2A004")[0].name == "Ajaccio"
    assert search_communes("paris")[0].code == "75056"

    # Re-importing the full data writes nothing.
    again = import_reference_geography()
    counts = again.as_dict().values()
    assert counts and all((c.created, c.updated, c.absent_from_files) == (0, 0, 0) for c in counts)
    assert Commune.objects.count() == 34920
