import csv
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from teletravail import french
from teletravail.geo import normalize
from teletravail.impact.params import parameter_rows
from teletravail.impact.person import simulate_person
from teletravail.parameters import load_parameters, parameter_groups
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
    # Thousands are parted by a narrow no-break space, as on every other page (Django's floatformat put a wide one).
    km = french.integer(expected.results["km_avoided_per_year"])
    assert "\u202f" in km and f"vous évitez {km} km par an" in content
    assert 'role="img"' in content and "Bilan des émissions évitées" in content
    assert "Paramètres utilisés" in content and "fuel_consumption_l_per_100km.voiture_thermique" in content
    # Each parameter used is described in words, its value fit for reading, a secondary source said so quietly.
    car = load_parameters("impact")["fuel_consumption_l_per_100km.voiture_thermique"]
    assert html.escape(car.description) in content
    assert "à vérifier" not in content and "source secondaire" in content
    assert not re.search(r"\d,\d{4}0", content)


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
    assert "geo.road_detour_factor" in page
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
    """Issue 16: « 1 688 kg, p5–p95 1 696 – 2 097 »: a reference case at the end of its parameter's range lay outside
    the interval shown beside it. ADEME's video-call figure is the top of its range: the interval ends there."""
    response = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "65"})
    effects, uncertainty = response.context["effects"], response.context["uncertainty"]
    video = effects["co2e_kg_rebound_video_calls_per_year"]
    spread = uncertainty["co2e_kg_rebound_video_calls_per_year"]
    assert spread["central_side"] == "high"
    central, low = french.fixed_unless_whole(video.value), french.fixed_unless_whole(spread["low"])
    content = re.sub(r">\s+<", "><", response.content.decode())
    assert f"<td>{central}</td><td>{video.unit}</td><td>{low} – {central}</td>" in content
    assert "Une valeur centrale au bord de son intervalle retient un paramètre de référence" in content
    assert uncertainty  # a loop over nothing would assert nothing
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


_PARAMETER_ROW = re.compile(
    r'<tr data-search="[^"]*"(?P<hidden> hidden)?>\s*<th scope="row">(?P<description>[^<]*)<br>.*?</th>\s*'
    r"<td>(?P<value>[^<]*)",
    re.DOTALL,
)


def _rows(page):
    """(description, value, shown) of each row of the parameters page."""
    return [
        (html.unescape(row["description"]), html.unescape(row["value"]).strip(), not row["hidden"])
        for row in _PARAMETER_ROW.finditer(page)
    ]


@pytest.mark.django_db
def test_the_parameters_page_reads_in_french_with_values_fit_for_reading(client):
    page = client.get(reverse("simulator:parameters")).content.decode()
    rows = _rows(page)
    allowance = load_parameters("charter")["private_allowance.per_day.no_agreement"]
    assert (allowance.description, "2,50\u00a0€/jour", True) in rows  # not « 2,5000 €/jour »
    # A decimal value keeps at most four significant digits (an amount in euros keeps its two decimals instead).
    for _description, value, _shown in rows:
        number = value.split("\u00a0")[0].replace("\u202f", "").lstrip("\u2212")
        whole, _comma, fraction = number.partition(",")
        if fraction:
            assert not fraction.endswith("0") or ("€" in value and len(fraction) == 2), value
            assert len((whole + fraction).lstrip("0")) <= 4 or ("€" in value and len(fraction) == 2), value
    shares = load_parameters("flows")
    assert (shares["target_mode_share_voiture"].description, "74\u00a0%", True) in rows
    # Every description is the French one; the raw identifier only follows it, for the command line.
    french = {parameter.description for group in parameter_groups() for parameter in load_parameters(group).values()}
    assert {description for description, _value, _shown in rows} <= french
    assert "à vérifier" not in page.lower()
    assert page.count("source secondaire") == sum(row["to_verify"] for row in parameter_rows()) + 1
    assert "reprise d'un relais" in page  # the one line that explains it
    assert "fourchette : 1,2 – 1,4" in page  # the range of the road detour factor


@pytest.mark.django_db
def test_the_parameters_page_is_searched_without_script_through_its_get_form(client):
    page = client.get(reverse("simulator:parameters"), {"q": "Vélo électrique"}).content.decode()
    rows = _rows(page)
    shown = [description for description, _value, visible in rows if visible]
    assert shown and len(shown) < len(rows) / 10
    assert all("velo electrique" in normalize(description) or "vélo" in description.lower() for description in shown)
    assert 'name="q" value="Vélo électrique"' in page
    nothing = client.get(reverse("simulator:parameters"), {"q": "zzzz"}).content.decode()
    assert "Aucun paramètre ne correspond à cette recherche." in nothing
    assert not any(visible for _description, _value, visible in _rows(nothing))


@pytest.mark.django_db
def test_the_english_parameters_page_shows_english_descriptions_and_units(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("simulator:parameters")).content.decode()
    uploads = load_parameters("uploads")
    rows = _rows(page)
    assert (uploads["staff_file_max_rows"].description_en, "100,000\u00a0rows", True) in rows
    assert "secondary source" in page and "source secondaire" not in page


def test_transport_modes_are_named_in_the_page_language_with_the_engine_words_in_french():

    from teletravail.apps.simulator.forms import MODE_NAMES, PersonSimulationForm
    from teletravail.impact.modes import MODE_LABELS

    assert set(MODE_NAMES) == set(MODE_LABELS)
    with translation.override("fr"):
        assert {mode: str(name) for mode, name in MODE_NAMES.items()} == MODE_LABELS
    with translation.override("en"):
        labels = dict(PersonSimulationForm().fields["mode"].choices)
        assert labels["rer"] == "RER or Transilien (Paris suburban rail)"
        assert labels["velo"] == "Bicycle"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("fr", "Hypothèse du projet, faute de chiffre publié"),
        ("en", "Assumption of the project, for want of a published figure"),
    ],
)
def test_each_secondary_source_of_the_parameters_page_says_why_in_one_line(client, language, reason):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = client.get(reverse("simulator:parameters")).content.decode()
    carpool = page[page.index("impact.carpool_occupancy") :]
    carpool = carpool[: carpool.index("</tr>")]
    assert reason in carpool  # the carpool's two people are the project's choice
    # A figure read in its primary publication (Impact CO2's data file) is no longer flagged.
    bus = page[page.index("impact.emission_factor_kgco2e_per_km.bus<") :]
    assert "fr-badge" not in bus[: bus.index("</tr>")]
