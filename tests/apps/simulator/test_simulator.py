import csv
import io
import re

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from teletravail.impact.person import simulate_person
from tests.factories import make_commune


PERSON = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "method": "default"}


@pytest.fixture
def communes(db):
    make_commune("42218")
    make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", latitude=45.7597, longitude=4.8493)


@pytest.mark.django_db
def test_empty_form_explains_the_simulator(client):
    response = client.get(reverse("simulator:person"))
    assert response.status_code == 200
    assert "Comment ça marche" in response.content.decode()


@pytest.mark.django_db
def test_distance_gives_the_engine_figures_in_sentences_chart_and_table(client):
    response = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "20"})
    content = response.content.decode()
    expected = simulate_person(
        {"distance_km": 20.0, "mode": "voiture_thermique", "telework_days": 2.0, "office_days": 3.0}
    )
    with translation.override("fr"):
        km = floatformat(expected.results["km_avoided_per_year"], "0g")
    assert f"vous évitez {km} km par an" in content
    assert 'role="img"' in content and "Bilan des émissions évitées" in content
    assert "Paramètres utilisés" in content and "emission_factor_kgco2e_per_km.voiture_thermique" in content


@pytest.mark.django_db
def test_svg_coordinates_keep_a_decimal_point_in_french(client):
    content = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "20"}).content.decode()
    svg = content[content.index("<svg") : content.index("</svg>")]
    assert 'width="' in svg
    assert not any("," in value for value in __import__("re").findall(r'(?:x|y|width)="([^"]*)"', svg))


@pytest.mark.django_db
def test_two_communes_give_the_estimated_distance(client, communes):
    content = client.get(reverse("simulator:person"), {**PERSON, "home": "42218", "work": "69383"}).content.decode()
    assert "Distance estimée entre Saint-Étienne et Lyon 3e Arrondissement" in content


@pytest.mark.django_db
def test_neither_communes_nor_distance_is_refused_in_french(client):
    content = client.get(reverse("simulator:person"), PERSON).content.decode()
    assert "Indiquez vos communes de résidence et de travail, ou la distance aller en kilomètres." in content


@pytest.mark.django_db
def test_more_than_five_days_is_refused_by_the_engine_with_its_message(client):
    content = client.get(
        reverse("simulator:person"), {**PERSON, "distance_km": "20", "telework_days": "3", "office_days": "4"}
    ).content.decode()
    assert 'role="alert"' in content
    assert "Ce que vous évitez" not in content


@pytest.mark.django_db
def test_csv_download_lists_effects_and_parameters(client):
    response = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "20", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["effet", "libelle", "valeur", "unite", "p5", "p95"]
    names = [row[0] for row in rows if row]
    assert "co2e_kg_net_per_year" in names and "parametre" in names


@pytest.mark.django_db
def test_parameters_page_and_open_data_csv(client):
    page = client.get(reverse("simulator:parameters")).content.decode()
    assert "geo.road_detour_factor" in page and "à vérifier" in page
    response = client.get(reverse("simulator:parameters"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {"name", "central", "unit", "source_title"} <= set(rows[0])
    assert any(row["name"] == "road_detour_factor" for row in rows)


@pytest.mark.django_db  # anonymous API calls are counted by the throttle
def test_api_person_simulation_matches_the_engine(client):
    response = client.post(
        "/api/v1/simulations/person",
        {"distance_km": 20, "mode": "velo", "telework_days": 2, "office_days": 3},
        content_type="application/json",
    )
    assert response.status_code == 200
    expected = simulate_person({"distance_km": 20.0, "mode": "velo", "telework_days": 2.0, "office_days": 3.0})
    assert response.json()["results"]["km_avoided_per_year"] == pytest.approx(expected.results["km_avoided_per_year"])


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"distance_km": 20, "mode": "fusee", "telework_days": 2, "office_days": 3}, 400),
        ({"distance_km": -1, "mode": "velo", "telework_days": 2, "office_days": 3}, 400),
        ({"distance_km": 20, "mode": "velo", "telework_days": 4, "office_days": 3}, 400),
        ({"mode": "velo", "telework_days": 2, "office_days": 3}, 400),
    ],
)
@pytest.mark.django_db  # anonymous API calls are counted by the throttle
def test_api_bad_input_gets_400(client, payload, status):
    response = client.post("/api/v1/simulations/person", payload, content_type="application/json")
    assert response.status_code == status
    assert "detail" in response.json()


@pytest.mark.django_db  # anonymous API calls are counted by the throttle
def test_api_employer_simulation_sums_its_employees(client):
    employees = [
        {"distance_km": 20, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},
        {"distance_km": 5, "mode": "velo", "telework_days": 1, "office_days": 4},
    ]
    response = client.post(
        "/api/v1/simulations/employer", {"employees": employees, "desks": 2}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    one_by_one = sum(
        simulate_person({**employee, "distance_km": float(employee["distance_km"])}).results["km_avoided_per_year"]
        for employee in employees
    )
    assert response.json()["results"]["km_avoided_per_year"] == pytest.approx(one_by_one)


@pytest.mark.django_db  # anonymous API calls are counted by the throttle
def test_api_employer_lists_uncertain_job_titles_with_candidates_and_does_not_code_them(client):
    employees = [
        {"distance_km": 20, "mode": "bus", "telework_days": 2, "office_days": 3, "profession": "ouvrier du BTP"},
        {"distance_km": 5, "mode": "velo", "telework_days": 1, "office_days": 4, "profession": "assistante RH"},
    ]
    response = client.post("/api/v1/simulations/employer", {"employees": employees}, content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["results"]["employees_with_known_profession"] == 1  # the HR assistant, coded confidently
    assert data["results"]["employees_with_unconfirmed_profession"] == 1
    [uncertain] = data["uncertain_professions"]
    assert uncertain["title"] == "ouvrier du BTP" and uncertain["lines"] == [1]
    assert "68D1" not in [candidate["pcs2020"] for candidate in uncertain["candidates"]]  # not the cleaners
    assert "profession" not in data["per_employee"][0]


@pytest.mark.django_db  # anonymous API calls are counted by the throttle
def test_api_employer_names_the_bad_employee(client):
    employees = [{"mode": "velo", "telework_days": 1, "office_days": 4}]
    response = client.post("/api/v1/simulations/employer", {"employees": employees}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["erreurs"] == [
        {"champ": "employees.0", "message": "Indiquez distance_km, ou home et work (codes INSEE)."}
    ]


@pytest.mark.django_db
def test_emission_balance_leaves_out_zero_contributions_and_ends_with_the_net_figure(client):
    context = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "20"}).context
    labels = [label for label, _value, _shown in context["balance_rows"]]
    effects = context["effects"]
    assert effects["co2e_kg_office_saved_per_year"].value == 0
    assert effects["co2e_kg_office_saved_per_year"].label not in labels
    assert labels[0] == effects["co2e_kg_avoided_per_year"].label
    assert labels[-1] == effects["co2e_kg_net_per_year"].label
    shown = {label: text for label, _value, text in context["balance_rows"]}
    assert shown[effects["co2e_kg_rebound_re_travel_per_year"].label].startswith("\u2212")


@pytest.mark.django_db
def test_each_interval_holds_its_central_value_and_an_edge_is_explained(client):
    """Issue 16: « 1 688 kg, p5–p95 1 696 – 2 097 »: the gross emissions' reference case (the ADEME factor, the
    bottom of its range) lay below the interval shown beside it."""
    response = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "65"})
    effects, uncertainty = response.context["effects"], response.context["uncertainty"]
    gross = effects["co2e_kg_avoided_per_year"]
    spread = uncertainty["co2e_kg_avoided_per_year"]
    with translation.override("fr"):
        central, high = floatformat(gross.value, "-2g"), floatformat(spread["high"], "-2g")
    content = re.sub(r">\s+<", "><", response.content.decode())
    assert f"<td>{central}</td><td>{gross.unit}</td><td>{central} – {high}</td>" in content
    assert "Une valeur centrale au bord de son intervalle retient un paramètre de référence" in content
    for name, spread in uncertainty.items():
        assert spread["low"] <= effects[name].value <= spread["high"], name


@pytest.mark.django_db
def test_the_impact_co2_method_shows_no_interval_for_its_certain_emissions(client):
    """Issue 16: the Impact CO2 method read no uncertain emission parameter and the page said « entre 1 266 et
    1 266 »."""
    content = client.get(
        reverse("simulator:person"), {**PERSON, "distance_km": "20", "method": "impactco2"}
    ).content.decode()
    assert "Ce que vous évitez" in content
    assert "ce chiffre net se situe entre" not in content


def test_transport_modes_are_named_in_the_page_language_with_the_engine_words_in_french():
    from django.utils import translation

    from teletravail.apps.simulator.forms import MODE_NAMES, PersonSimulationForm
    from teletravail.impact.modes import MODE_LABELS

    assert set(MODE_NAMES) == set(MODE_LABELS)
    with translation.override("fr"):
        assert {mode: str(name) for mode, name in MODE_NAMES.items()} == MODE_LABELS
    with translation.override("en"):
        labels = dict(PersonSimulationForm().fields["mode"].choices)
        assert labels["rer"] == "RER or Transilien (Paris suburban rail)"
        assert labels["velo"] == "Bicycle"
