from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import teletravail
from teletravail.impact.flows.simulation import simulate_flows_file
from teletravail.impact.territory import TerritoryScenario
from tests.factories import make_commune


pytestmark = pytest.mark.django_db

FD_MOBPRO = Path(teletravail.__file__).parent / "data" / "mobpro" / "fd_mobpro_2021_extrait_01001-01004.csv"


def upload(content=None, name="flux.csv"):
    return SimpleUploadedFile(name, FD_MOBPRO.read_bytes() if content is None else content)


def test_page_gives_the_engine_totals_and_a_named_ranking(client):
    make_commune("01001", "L'Abergement-Clémenciat", "l abergement clemenciat", latitude=46.15369, longitude=4.92592)
    response = client.post(
        reverse("simulator:territory"),
        {"flows_file": upload(), "telework_days": "2", "adoption": "0.5", "area": "communes:01001"},
    )
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5), area="communes:01001")
    result = response.context["result"]
    assert result.totals["km_avoided_per_year"] == pytest.approx(expected.totals["km_avoided_per_year"])
    content = response.content.decode()
    assert 'id="classement-title"' in content
    values = [value for _label, value, _shown in response.context["ranking_rows"]]
    assert values and 0 not in values and values == sorted(values, reverse=True)
    assert "L&#x27;Abergement-Clémenciat (01)" in content or "L'Abergement-Clémenciat (01)" in content


def test_a_file_in_the_wrong_layout_is_refused_with_the_reader_message(client):
    response = client.post(
        reverse("simulator:territory"),
        {"flows_file": upload(b"a;b\n1;2\n"), "telework_days": "2", "adoption": "0.5"},
    )
    content = response.content.decode()
    assert 'role="alert"' in content and "flux.csv" in content
    assert "result" not in response.context


def test_api_territory_answers_json_and_422(client):
    ok = client.post(
        "/api/v1/simulations/territory",
        {"flows": upload(), "telework_days": "2", "adoption": "0.5", "area": "dep:01", "top": "3"},
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["results"]["workers"] > 0
    bad_area = client.post(
        "/api/v1/simulations/territory", {"flows": upload(), "telework_days": "2", "adoption": "0.5", "area": "dep:zz"}
    )
    assert bad_area.status_code == 422
    assert "« --area »" in bad_area.json()["detail"]


def test_per_commune_table_downloads_as_csv(client):
    response = client.post(
        reverse("simulator:territory"),
        {"flows_file": upload(), "telework_days": "2", "adoption": "0.5", "format": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:2] == ["commune", "presence_days_gained_per_year"]
    expected = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5))
    assert len(lines) - 1 == expected.by_commune.height
