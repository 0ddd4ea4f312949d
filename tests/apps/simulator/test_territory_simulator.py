import html
import io
import os
import time
from pathlib import Path

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import teletravail
from teletravail.apps.geo.models import Departement, Region
from teletravail.impact.flows.simulation import simulate_flows_file
from teletravail.impact.territory import TerritoryScenario
from tests.document_jobs import downloaded
from tests.documents.layout import layout_problems
from tests.factories import make_commune


pytestmark = pytest.mark.django_db

FD_MOBPRO = Path(teletravail.__file__).parent / "data" / "mobpro" / "fd_mobpro_2021_extrait_01001-01004.csv"


def upload(content=None, name="flux.csv"):
    return SimpleUploadedFile(name, FD_MOBPRO.read_bytes() if content is None else content)


@pytest.fixture
def stored_files(settings, tmp_path):
    """The storage's folder (the flows files sent and the results of their jobs)."""
    settings.MEDIA_ROOT = str(tmp_path / "fichiers")
    return tmp_path / "fichiers"


@pytest.fixture
def calculate(client, run_jobs, stored_files):
    """« Calculer » on the territory page: the form posted, its job run, then the page shown (or the form's errors
    when it is refused before any job)."""

    def calculate(data, **headers):
        response = client.post(reverse("simulator:territory"), data, **headers)
        if response.status_code != 302:
            return response
        run_jobs()
        return client.get(response["Location"], **headers)

    return calculate


def test_page_gives_the_engine_totals_and_a_named_ranking(client, calculate):
    make_commune("01001", "L'Abergement-Clémenciat", "l abergement clemenciat", latitude=46.15369, longitude=4.92592)
    response = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": "communes:01001"},
    )
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5), area="communes:01001")
    result = response.context["result"]
    assert result.totals["km_avoided_per_year"] == pytest.approx(expected.totals["km_avoided_per_year"])
    content = response.content.decode()
    assert 'id="classement-title"' in content
    values = [value for _label, value, _shown in response.context["ranking_rows"]]
    assert values and 0 not in values and values == sorted(values, reverse=True)
    assert "L&#x27;Abergement-Clémenciat (01)" in content or "L'Abergement-Clémenciat (01)" in content


def test_the_page_offers_the_national_table_instead_of_a_command_for_the_whole_of_france(client):
    page = html.unescape(client.get(reverse("simulator:territory")).content.decode())
    assert "synthesize-flows" not in page and "teletravail simulate territory" not in page
    assert "pas encore proposé en ligne" not in page
    assert 'name="source" value="national"' in page and "La table nationale synthétique (France entière)" in page


def test_a_file_in_the_wrong_layout_is_refused_with_the_reader_message(client, calculate):
    response = calculate(
        {"flows_file": upload(b"a;b\n1;2\n"), "telework_days": "2", "adoption": "50"},
    )
    content = response.content.decode()
    assert 'role="alert"' in content and "flux.csv" in content
    assert "result" not in response.context


def test_api_territory_answers_json_and_400(client):
    ok = client.post(
        "/api/v1/simulations/territory",
        {"flows": upload(), "telework_days": "2", "adoption": "0.5", "area": "dep:01", "top": "3"},
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["results"]["workers"] > 0
    bad_area = client.post(
        "/api/v1/simulations/territory", {"flows": upload(), "telework_days": "2", "adoption": "0.5", "area": "dep:zz"}
    )
    assert bad_area.status_code == 400
    assert "Zone : " in bad_area.json()["detail"] and "--area" not in bad_area.json()["detail"]


def test_per_commune_table_downloads_as_csv(client):
    response = client.post(
        reverse("simulator:territory"),
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "format": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:2] == ["commune", "presence_days_gained_per_year"]
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5))
    assert len(lines) - 1 == expected.by_commune.height


def test_page_maps_the_communes_of_a_departement(client, calculate):
    response = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": "dep:01"},
    )
    territory_map = response.context["territory_map"]
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5), area="dep:01").by_commune
    in_ain = expected.filter(expected["commune"].str.starts_with("01") & (expected["net_daytime_population"] != 0))
    assert [shape.code for shape in territory_map.shapes] == ["01"]
    assert sorted(circle.code for circle in territory_map.circles) == sorted(in_ain["commune"].to_list())
    gainer = in_ain.sort("net_daytime_population", descending=True)["commune"][0]
    assert territory_map.circles[0].code == gainer and territory_map.circles[0].css.startswith("gain-")
    content = response.content.decode()
    assert 'id="carte-title"' in content and content.count('class="map__circle') == in_ain.height
    assert "Ambérieu-en-Bugey (01) : +" in content


def test_page_maps_france_by_departement_with_the_drom(client, calculate):
    response = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": "france"},
    )
    territory_map = response.context["territory_map"]
    assert len(territory_map.shapes) == 101 and len(territory_map.insets) == 5
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5)).by_commune
    ain = expected.filter(expected["commune"].str.starts_with("01"))["net_daytime_population"].sum()
    shapes = {shape.code: shape for shape in territory_map.shapes}
    assert ain > 0 and shapes["01"].css.startswith("gain-")
    assert shapes["29"].css == "none"  # no flow of the extract reaches the Finistère
    content = response.content.decode()
    assert content.count('class="map__shape') == 101 and "<title>Finistère (29) : pas de données</title>" in content


def test_territory_report_is_a_pdf_with_the_map_the_ranking_and_the_sources(client, calculate, run_jobs):
    response = client.post(
        reverse("simulator:territory_report"),
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": "dep:01"},
    )
    response = downloaded(client, response, run_jobs)
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Simulation pour un territoire" in text
    assert "Population présente en journée : gain ou perte par commune" in text  # the map and its classes
    assert "Ambérieu-en-Bugey (01)" in text
    assert "Annexe : paramètres utilisés" in text
    # The map is drawn: the colours of its classes are vector fills in the page content.
    territory_map = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": "dep:01"},
    ).context["territory_map"]

    def fill_operator(hex_colour):
        channels = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return " ".join(f"{value:.4f}".rstrip("0").rstrip(".") for value in channels).encode() + b" rg"

    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    loss_fills = {fill_operator(map_class.fill) for map_class in territory_map.classes if map_class.css[:4] == "loss"}
    assert loss_fills and all(fill in content for fill in loss_fills)


def test_territory_report_pages_are_laid_out(client, run_jobs):
    response = client.post(
        reverse("simulator:territory_report"),
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": "dep:01"},
    )
    response = downloaded(client, response, run_jobs)
    assert layout_problems(response.content) == []


def test_territory_report_with_bad_input_gives_the_page_errors(client):
    response = client.post(
        reverse("simulator:territory_report"),
        {"flows_file": upload(b"a;b\n1;2\n"), "telework_days": "2", "adoption": "50"},
    )
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()


def test_the_page_speaks_english_when_asked(client, calculate):
    response = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    content = response.content.decode()
    assert "Commuting emissions avoided (gross)" in content and "kgCO2e/yr" in content
    assert "Émissions de trajet évitées (brutes)" not in content


def test_the_downloads_after_calculer_are_of_the_result_on_screen(client, calculate, run_jobs):
    """Issue 16: after « Calculer » the CSV and PDF buttons posted the form with its file field emptied by the
    browser, and answered 400 « Ce champ est obligatoire »."""
    page = calculate(
        {"flows_file": upload(), "telework_days": "3", "adoption": "40", "area": "dep:01"},
    )
    content = page.content.decode()
    csv_link = reverse("simulator:territory") + "?format=csv"
    report_link = reverse("simulator:territory_report")
    assert f'href="{csv_link}"' in content and f'href="{report_link}"' in content

    csv_response = client.get(csv_link)
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    shown = simulate_flows_file(FD_MOBPRO, TerritoryScenario(3.0, 0.4), area="dep:01").by_commune
    assert len(lines) - 1 == shown.height
    gained = dict(shown.select("commune", "presence_days_gained_per_year").iter_rows())
    first = lines[1].split(";")
    assert float(first[1].replace(",", ".")) == pytest.approx(gained[first[0]])

    report = downloaded(client, client.get(report_link), run_jobs)
    assert report["Content-Type"] == "application/pdf"
    import io

    import pypdf

    text = " ".join(
        " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(report.content)).pages).split()
    )
    assert "gain ou perte par commune" in text  # the map of the area chosen, not of France
    assert "flux.csv" in text and "dep:01" in text


def test_a_download_without_a_result_says_to_calculate_again(client, stored_files):
    for url in (reverse("simulator:territory") + "?format=csv", reverse("simulator:territory_report")):
        response = client.get(url)
        assert response.status_code == 400
        assert "n'est plus disponible" in response.content.decode()


def test_a_new_calculation_replaces_the_kept_run_and_a_refused_one_shows_no_result(client, calculate, stored_files):
    form = {"telework_days": "2", "adoption": "50", "area": "dep:01"}
    runs = stored_files / "simulations" / "territoire"
    calculate({**form, "flows_file": upload()})
    calculate({**form, "flows_file": upload(name="autre.csv")})
    assert sorted(path.name for path in runs.glob("*/*")) == ["autre.csv", "resultat.pickle"]

    refused = calculate({**form, "flows_file": upload(b"a;b\n1;2\n")})
    assert "result" not in refused.context and 'role="alert"' in refused.content.decode()
    assert sorted(path.name for path in runs.glob("*/*")) == ["flux.csv"]  # the refused file, no result
    assert client.get(reverse("simulator:territory_report")).status_code == 400


def test_kept_runs_older_than_their_lifetime_are_removed(calculate, stored_files, settings):
    stale = stored_files / "simulations" / "territoire" / "ancien"
    stale.mkdir(parents=True)
    (stale / "flux.csv").write_bytes(b"x")
    old = time.time() - (settings.SIMULATION_KEPT_FILES_HOURS + 1) * 3600
    os.utime(stale / "flux.csv", (old, old))
    calculate({"flows_file": upload(), "telework_days": "2", "adoption": "50", "area": ""})
    runs = stored_files / "simulations" / "territoire"
    assert not stale.exists() or not any(stale.iterdir())
    assert len(list(runs.glob("*/flux.csv"))) == 1


def test_the_zone_is_chosen_by_its_name_without_javascript(client, calculate):
    """Issue 16: the zone field took only « dep:01 »; a person types « Ain »."""
    region = Region.objects.create(code="84", name="Auvergne-Rhône-Alpes", zone="metro")
    Departement.objects.create(code="01", name="Ain", region=region)
    response = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area_text": "Ain"},
    )
    assert [shape.code for shape in response.context["territory_map"].shapes] == ["01"]
    content = response.content.decode()
    assert 'value="dep:01"' in content and 'value="Ain (01)"' in content  # shown back as its label

    unknown = calculate(
        {"flows_file": upload(), "telework_days": "2", "adoption": "50", "area_text": "Atlantide"},
    )
    assert "result" not in unknown.context and "Zone inconnue" in unknown.content.decode()


def test_adoption_is_typed_and_shown_in_percent_and_reaches_the_engine_as_a_share(client, calculate):
    """Issue 16: the form asked for a share « (0 à 1) »; people type « 30 » for 30 %."""
    page = client.get(reverse("simulator:territory")).content.decode()
    assert "0 à 1" not in page and "qui télétravaillent (%)" in page
    response = calculate({"flows_file": upload(), "telework_days": "2", "adoption": "30"})
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.3))
    totals = response.context["result"].totals
    assert totals["km_avoided_per_year"] == pytest.approx(expected.totals["km_avoided_per_year"])
    assert 'name="adoption" value="30"' in response.content.decode()
    refused = calculate({"flows_file": upload(), "telework_days": "2", "adoption": "130"})
    assert "adoption" in refused.context["form"].errors
