"""Input the API refuses with a documented 400/409/413 and a French message, never a server error."""

import json

import pytest

from teletravail.apps.organisations.models import Organisation, Team
from tests.factories import MembershipFactory, OrganisationFactory, make_commune


pytestmark = pytest.mark.django_db

PERSON = {"distance_km": 20, "mode": "covoiturage", "telework_days": 2, "office_days": 3}
EMPLOYEE = {"distance_km": 12, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3}


@pytest.fixture
def admin_client(client):
    organisation = OrganisationFactory(headcount=42, naf_code="62.01Z")
    admin = MembershipFactory(organisation=organisation, role="employer_admin")
    client.force_login(admin.user)
    client.organisation = organisation
    return client


def _post(client, path, body):
    return client.post(path, json.dumps(body) if not isinstance(body, str) else body, content_type="application/json")


def _patch(client, body):
    path = f"/api/v1/organisations/{client.organisation.pk}"
    return client.patch(path, json.dumps(body) if not isinstance(body, str) else body, content_type="application/json")


def _fields(response):
    return {error["champ"] for error in response.json()["erreurs"]}


# --- Organisation and teams --------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["naf_code", "name", "siret", "sector", "headcount"])
def test_a_null_organisation_field_is_refused_not_stored(admin_client, field):
    response = _patch(admin_client, {field: None})
    assert response.status_code == 400
    assert response.json()["detail"] == "Données invalides."
    assert field in {name.rsplit(".", 1)[-1] for name in _fields(response)}
    organisation = Organisation.objects.get(pk=admin_client.organisation.pk)
    assert (organisation.naf_code, organisation.headcount) == ("62.01Z", 42)


@pytest.mark.parametrize("headcount", [0, -1, 10**10, False, True, "12", 4.5])
def test_a_headcount_the_form_refuses_is_refused_by_the_api(admin_client, headcount):
    response = _patch(admin_client, {"headcount": headcount})
    assert response.status_code == 400
    assert Organisation.objects.get(pk=admin_client.organisation.pk).headcount == 42


def test_the_api_and_the_form_share_the_headcount_bounds(admin_client):
    from teletravail.apps.core.bounds import HEADCOUNT
    from teletravail.apps.organisations.forms import OrganisationForm

    field = OrganisationForm.base_fields["headcount"]
    assert (field.min_value, field.max_value) == (HEADCOUNT.minimum, HEADCOUNT.maximum)
    assert _patch(admin_client, {"headcount": HEADCOUNT.maximum}).status_code == 200
    assert _patch(admin_client, {"headcount": HEADCOUNT.maximum + 1}).status_code == 400


@pytest.mark.parametrize("body", ["[]", '[{"name": "X"}]', '"texte"', "12", "null", "{", ""])
def test_a_patch_body_that_is_not_an_object_is_refused(admin_client, body):
    response = _patch(admin_client, body)
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.parametrize("name", [" ", "\t\n", "\x00", "Équipe\x00", "Équipe\x07", "", "x" * 151])
def test_blank_or_control_character_team_names_are_refused(admin_client, name):
    response = _post(admin_client, f"/api/v1/organisations/{admin_client.organisation.pk}/teams", {"name": name})
    assert response.status_code == 400
    assert not Team.objects.exists()


def test_team_names_are_stripped_and_a_duplicate_is_a_conflict(admin_client):
    path = f"/api/v1/organisations/{admin_client.organisation.pk}/teams"
    assert _post(admin_client, path, {"name": "  Paie  "}).json()["name"] == "Paie"
    response = _post(admin_client, path, {"name": "paie"})
    assert response.status_code == 409
    assert response.json()["erreurs"] == [
        {"champ": "name", "message": "Une équipe s'appelle déjà « paie » dans l'organisation."}
    ]


def test_a_nul_byte_in_an_organisation_name_is_refused(admin_client):
    response = _patch(admin_client, {"name": "Entreprise\x00"})
    assert response.status_code == 400
    assert "caractère de contrôle" in json.dumps(response.json(), ensure_ascii=False)


# --- Simulations -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("occupancy", [0, 0.5, -1])
def test_a_carpool_occupancy_below_one_is_refused(client, occupancy):
    response = _post(client, "/api/v1/simulations/person", {**PERSON, "overrides": {"carpool_occupancy": occupancy}})
    assert response.status_code == 400
    assert "carpool_occupancy" in json.dumps(response.json())


@pytest.mark.parametrize(
    "override",
    [
        {"average_speed_kmh.voiture_thermique": 0},
        {"electric_car_share_of_fleet": 2},
        {"emission_factor_kgco2e_per_km.voiture_thermique": 1e308},
    ],
)
def test_an_override_outside_its_domain_is_refused(client, override):
    response = _post(client, "/api/v1/simulations/person", {**PERSON, "overrides": override})
    assert response.status_code == 400
    assert next(iter(override)) in json.dumps(response.json())


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused_on_input(client, literal):
    body = json.dumps(PERSON).replace('"distance_km": 20', f'"distance_km": {literal}')
    response = _post(client, "/api/v1/simulations/person", body)
    assert response.status_code == 400


def test_a_false_distance_is_not_taken_for_zero(client):
    response = _post(client, "/api/v1/simulations/person", {**PERSON, "distance_km": False})
    assert response.status_code == 400
    assert _fields(response) == {"distance_km"}


def test_answers_are_strict_json_without_nan_or_infinity(client):
    response = _post(client, "/api/v1/simulations/person", {**PERSON, "telework_days": 0, "office_days": 0})
    assert response.status_code == 200
    json.loads(response.content, parse_constant=lambda name: pytest.fail(f"{name} in the answer"))


def test_the_api_never_writes_nan_or_infinity_into_json():
    from teletravail.api import api

    with pytest.raises(ValueError, match="JSON compliant"):
        api.renderer.render(None, {"value": float("nan")}, response_status=200)


@pytest.mark.parametrize(
    "override",
    [
        {"working_days_per_week": 0},
        {"working_weeks_per_year": 0},
        {"labour_cost_per_euro_of_gross_wages": 0},
        {
            "public_transport_mix_weight.rer": 0,
            "public_transport_mix_weight.metro": 0,
            "public_transport_mix_weight.tramway": 0,
            "public_transport_mix_weight.bus": 0,
        },
    ],
)
def test_an_override_that_would_divide_by_zero_is_refused(client, override):
    employee = {**EMPLOYEE, "mode": "bus", "gross_salary_eur_per_year": 30000}
    response = _post(client, "/api/v1/simulations/employer", {"employees": [employee], "overrides": override})
    assert response.status_code == 400
    assert next(iter(override)).rsplit(".", 1)[0] in response.json()["detail"]


def test_an_employer_simulation_above_the_synchronous_limit_is_refused_with_the_limit(client, settings):
    settings.SIMULATION_MAX_EMPLOYEES = 3
    response = _post(client, "/api/v1/simulations/employer", {"employees": [EMPLOYEE] * 4})
    assert response.status_code == 413
    assert "3 salariés au plus" in response.json()["detail"]
    assert _post(client, "/api/v1/simulations/employer", {"employees": [EMPLOYEE] * 3}).status_code == 200


def test_too_many_distinct_job_titles_are_refused_with_the_limit(client, settings):
    settings.SIMULATION_MAX_JOB_TITLES = 2
    employees = [{**EMPLOYEE, "profession": title} for title in ("comptable", "infirmier", "boulanger")]
    response = _post(client, "/api/v1/simulations/employer", {"employees": employees})
    assert response.status_code == 413
    assert "2 intitulés de poste différents au plus" in response.json()["detail"]
    codes = [{**EMPLOYEE, "profession": code} for code in ("46A1", "54A1", "31A1")]
    assert _post(client, "/api/v1/simulations/employer", {"employees": [*codes, *employees[:2]]}).status_code == 200


@pytest.mark.parametrize("code", ["\x00", "42218\x00", "a" * 300])
def test_a_commune_code_with_a_nul_byte_or_too_long_is_refused(client, code):
    make_commune()
    response = _post(
        client, "/api/v1/simulations/person", {**PERSON, "distance_km": None, "home": code, "work": "42218"}
    )
    assert response.status_code == 400


def test_a_commune_search_with_a_nul_byte_is_refused(client):
    response = client.get("/api/v1/communes", {"q": "sa\x00"})
    assert response.status_code == 400
    assert "caractère de contrôle" in response.json()["detail"]
