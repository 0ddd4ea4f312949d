import pytest

from teletravail.apps.geo.models import Commune, Departement, Epci, Region
from teletravail.apps.geo.services import GeoImportError, import_reference_geography
from tests.apps.geo.conftest import VALID, edit_csv, line_of


pytestmark = pytest.mark.django_db


def table_counts():
    return {
        "regions": Region.objects.count(),
        "departements": Departement.objects.count(),
        "epci": Epci.objects.count(),
        "communes": Commune.objects.count(),
    }


FIXTURE_COUNTS = {"regions": 4, "departements": 6, "epci": 6, "communes": 13}


def test_import_creates_every_row_with_typed_values():
    report = import_reference_geography(VALID)

    assert {name: counts.created for name, counts in report.as_dict().items()} == FIXTURE_COUNTS
    assert {name: counts.in_files for name, counts in report.as_dict().items()} == FIXTURE_COUNTS
    assert table_counts() == FIXTURE_COUNTS
    saint_etienne = Commune.objects.get(code="42218")
    assert saint_etienne.name == "Saint-Étienne"
    assert saint_etienne.search_name == "saint etienne"
    assert saint_etienne.kind == "COM"
    assert saint_etienne.parent_id is None
    assert saint_etienne.departement_id == "42"
    assert saint_etienne.region_id == "84"
    assert saint_etienne.epci_id == "244200770"
    assert saint_etienne.postal_codes == "42000 42100 42230"
    assert saint_etienne.population == 173136
    assert saint_etienne.area_km2 == 80.204
    assert (saint_etienne.latitude, saint_etienne.longitude) == (45.43025, 4.37861)


def test_import_keeps_codes_as_strings_and_links_arrondissements():
    import_reference_geography(VALID)

    assert Commune.objects.get(code="2A004").departement_id == "2A"
    assert Departement.objects.get(code="2B").region.name == "Corse"
    assert Region.objects.get(code="11").name == "Île-de-France"
    lyon_1 = Commune.objects.get(code="69381")
    assert (lyon_1.kind, lyon_1.parent_id) == ("ARM", "69123")
    assert Commune.objects.get(code="22016").epci_id is None
    assert Epci.objects.get(siren="244200770").kind == "METRO"


def test_second_import_changes_nothing_and_duplicates_nothing():
    import_reference_geography(VALID)
    before = list(Commune.objects.order_by("code").values_list())

    report = import_reference_geography(VALID)

    assert table_counts() == FIXTURE_COUNTS
    assert report.as_dict()  # a loop over nothing would assert nothing
    for counts in report.as_dict().values():
        assert (counts.created, counts.updated, counts.absent_from_files) == (0, 0, 0)
        assert counts.unchanged == counts.in_files
    assert list(Commune.objects.order_by("code").values_list()) == before


def test_a_changed_value_is_updated_and_nothing_else(data_dir):
    import_reference_geography(data_dir)
    line = line_of(data_dir / "communes_france.csv", "42218,")
    edit_csv(
        data_dir / "communes_france.csv",
        lambda number, text: text.replace(",173136,", ",173200,") if number == line else text,
    )

    report = import_reference_geography(data_dir)

    assert Commune.objects.get(code="42218").population == 173200
    assert (report.communes.created, report.communes.updated, report.communes.unchanged) == (0, 1, 12)
    assert table_counts() == FIXTURE_COUNTS


def test_rows_absent_from_the_files_are_kept_and_counted(data_dir):
    import_reference_geography(data_dir)
    line = line_of(data_dir / "communes_france.csv", "42095,")
    edit_csv(data_dir / "communes_france.csv", lambda number, text: None if number == line else text)

    report = import_reference_geography(data_dir)

    assert report.communes.absent_from_files == 1
    assert report.communes.in_files == 12
    assert Commune.objects.filter(code="42095").exists()


def test_progress_reports_reading_then_writing_up_to_the_total():
    calls = []

    import_reference_geography(
        VALID, progress=lambda description, done, total: calls.append((description, done, total))
    )

    descriptions = [description for description, _done, _total in calls]
    assert descriptions[0] == "Lecture et vérification des fichiers"
    assert descriptions[-1] == "Écriture dans la base de données"
    assert calls[-1][1:] == (29, 29)  # 4 + 6 + 6 + 13 rows
    written = [done for description, done, _total in calls if description == descriptions[-1]]
    assert written == sorted(written)


# Each invalid variant: (file, how the file is spoiled, the exact message expected).
def drop_column(column):
    def edit(number, text):
        fields = text.split(",")
        index = (
            VALID.joinpath("communes_france.csv").read_text(encoding="utf-8").split("\n")[0].split(",").index(column)
        )
        return ",".join(fields[:index] + fields[index + 1 :])

    return edit


def replace_on(prefix_line, old, new):
    def edit(number, text):
        return text.replace(old, new, 1) if number == prefix_line else text

    return edit


def test_missing_column_is_reported_with_file_line_and_column(data_dir):
    edit_csv(data_dir / "communes_france.csv", drop_column("population"))

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    assert caught.value.errors == [
        "communes_france.csv, ligne 1, colonne population : colonne obligatoire absente de l'en-tête"
    ]
    assert table_counts() == {"regions": 0, "departements": 0, "epci": 0, "communes": 0}


def test_bad_integer_is_reported_and_nothing_is_written(data_dir):
    line = line_of(data_dir / "communes_france.csv", "42095,")
    edit_csv(data_dir / "communes_france.csv", replace_on(line, ",17060,", ",abc,"))

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    assert caught.value.errors == [
        f"communes_france.csv, ligne {line}, colonne population : « abc » n'est pas un nombre entier"
    ]
    # Validation comes first: the valid régions, départements and EPCI were not written either.
    assert table_counts() == {"regions": 0, "departements": 0, "epci": 0, "communes": 0}


def test_unknown_departement_is_reported(data_dir):
    line = line_of(data_dir / "communes_france.csv", "42095,")
    edit_csv(data_dir / "communes_france.csv", replace_on(line, ",42,Loire,", ",43,Haute-Loire,"))

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    assert caught.value.errors == [
        f"communes_france.csv, ligne {line}, colonne dep_code : "
        "département « 43 » inconnu (absent de departements.csv)"
    ]


def test_duplicate_code_is_reported_with_the_first_line(data_dir):
    path = data_dir / "communes_france.csv"
    first = line_of(path, "42218,")
    duplicate = path.read_text(encoding="utf-8").splitlines()[first - 1]
    path.write_text(path.read_text(encoding="utf-8") + duplicate + "\n", encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    assert caught.value.errors == [
        f"communes_france.csv, ligne {last}, colonne code_insee : code « 42218 » en double (déjà vu ligne {first})"
    ]


def test_a_failed_import_leaves_earlier_data_untouched(data_dir):
    import_reference_geography(data_dir)
    path = data_dir / "communes_france.csv"
    # One good change (a population) and one bad row in the same file: neither may be written.
    edit_csv(path, replace_on(line_of(path, "42218,"), ",173136,", ",1,"))
    edit_csv(path, replace_on(line_of(path, "42095,"), ",42,Loire,", ",43,Haute-Loire,"))

    with pytest.raises(GeoImportError):
        import_reference_geography(data_dir)

    assert table_counts() == FIXTURE_COUNTS
    assert Commune.objects.get(code="42218").population == 173136
    assert Commune.objects.get(code="42095").departement_id == "42"


@pytest.mark.parametrize(
    ("file", "prefix", "old", "new", "expected"),
    [
        (
            "departements.csv",
            "42,",
            ",84,",
            ",99,",
            "departements.csv, ligne {line}, colonne reg_code : région « 99 » inconnue (absente de regions.csv)",
        ),
        (
            "regions.csv",
            "84,",
            "84,",
            "8A,",
            "regions.csv, ligne {line}, colonne reg_code : « 8A » n'est pas un code de région valide",
        ),
        (
            "epci.csv",
            "244200770,",
            ",408391,",
            ",-5,",
            "epci.csv, ligne {line}, colonne population : « -5 » est un nombre négatif",
        ),
        (
            "communes_france.csv",
            "42095,",
            "42095,",
            "4209,",
            "communes_france.csv, ligne {line}, colonne code_insee : « 4209 » n'est pas un code INSEE valide",
        ),
        (
            "communes_france.csv",
            "42095,",
            ",45.37886,",
            ",95.1,",
            "communes_france.csv, ligne {line}, colonne latitude_centre : "
            "« 95.1 » est hors de l'intervalle [-90 ; 90]",
        ),
        (
            "communes_france.csv",
            "42095,",
            ",10.505,",
            ",dix,",
            "communes_france.csv, ligne {line}, colonne superficie_km2 : « dix » n'est pas un nombre décimal",
        ),
        (
            "communes_france.csv",
            "42095,",
            ",42700,",
            ",4270,",
            "communes_france.csv, ligne {line}, colonne codes_postaux : « 4270 » n'est pas un code postal valide",
        ),
        (
            "communes_france.csv",
            "42095,",
            ",244200770,",
            ",200000000,",
            "communes_france.csv, ligne {line}, colonne epci_siren : EPCI « 200000000 » inconnu (absent de epci.csv)",
        ),
        (
            "communes_france.csv",
            "42095,",
            ",COM,",
            ",XYZ,",
            "communes_france.csv, ligne {line}, colonne type : « XYZ » n'est pas un type reconnu (COM ou ARM attendu)",
        ),
        (
            "communes_france.csv",
            "69381,",
            ",69123,",
            ",69124,",
            "communes_france.csv, ligne {line}, colonne commune_parente : commune parente « 69124 » inconnue "
            "(absente de communes_france.csv ou qui n'est pas une commune COM)",
        ),
        (
            "communes_france.csv",
            "42095,",
            ",84,Auvergne",
            ",11,Auvergne",
            "communes_france.csv, ligne {line}, colonne reg_code : "
            "région « 11 » différente de celle du département 42 dans departements.csv (« 84 »)",
        ),
        (
            "communes_france.csv",
            "42095,",
            "42095,Firminy,",
            "42095,,",
            "communes_france.csv, ligne {line}, colonne nom : valeur obligatoire manquante",
        ),
    ],
)
def test_each_invalid_value_names_file_line_and_column(data_dir, file, prefix, old, new, expected):
    path = data_dir / file
    line = line_of(path, prefix)
    edit_csv(path, replace_on(line, old, new))

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    assert caught.value.errors == [expected.format(line=line)]
    assert table_counts() == {"regions": 0, "departements": 0, "epci": 0, "communes": 0}


def test_a_row_with_a_missing_field_is_reported(data_dir):
    path = data_dir / "regions.csv"
    line = line_of(path, "84,")
    edit_csv(path, lambda number, text: text.rsplit(",", 1)[0] if number == line else text)

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    assert caught.value.errors == [
        f"regions.csv, ligne {line} : 6 champs trouvés, 7 attendus (un par colonne de l'en-tête)"
    ]


def test_a_missing_file_is_reported(data_dir):
    (data_dir / "epci.csv").unlink()

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    # The communes' EPCI are not checked against a file that could not be read: one message, not thirteen.
    assert caught.value.errors == [f"epci.csv : fichier introuvable dans {data_dir}"]


def test_the_error_list_is_capped_and_says_how_many_more(data_dir):
    path = data_dir / "communes_france.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    bad_rows = [rows[0].replace("22016,", f"{22100 + n},").replace(",429,", ",x,") for n in range(60)]
    path.write_text("\n".join([header, *rows, *bad_rows]) + "\n", encoding="utf-8")

    with pytest.raises(GeoImportError) as caught:
        import_reference_geography(data_dir)

    error = caught.value
    assert error.total == 60
    assert len(error.errors) == 50
    assert error.lines()[-1] == "… et 10 autres erreurs."
    assert str(error).splitlines()[-1] == "… et 10 autres erreurs."
