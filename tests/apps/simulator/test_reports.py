import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from teletravail.apps.organisations.models import Site
from teletravail.apps.simulator.forms import PersonSimulationForm
from teletravail.apps.simulator.reports import person_report
from teletravail.apps.simulator.services import run_person_simulation
from teletravail.documents import Paragraph, Table
from teletravail.impact.communes import Commune, CommuteDistance
from teletravail.parameters import load_parameters
from tests.document_jobs import downloaded
from tests.documents.layout import layout_problems
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, make_commune


pytestmark = pytest.mark.django_db

PERSON = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "method": "default"}
EMPLOYER = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "desks": "10", "allowance": "0"}


def pdf_text(response):
    """The text of a PDF response, with line breaks and spaces collapsed (table cells wrap over lines)."""
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def collapsed(text):
    return " ".join(str(text).split())


def without_spaces(text):
    return "".join(str(text).split())


def shown(value):
    """A figure as the pages show it."""
    with translation.override("fr"):
        return collapsed(floatformat(value, "0g"))


@pytest.fixture
def organisation_with_staff():
    lyon = make_commune(
        "69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", latitude=45.7597, longitude=4.8493
    )
    organisation = OrganisationFactory(name="Coopérative Exemple")
    site = Site.objects.create(organisation=organisation, name="Siège", commune=lyon, desks=10)
    team = TeamFactory(organisation=organisation, site=site)
    admin = MembershipFactory(organisation=organisation, role="employer_admin")
    MembershipFactory(organisation=organisation, team=team, home_commune=make_commune("42218"))
    MembershipFactory(organisation=organisation, team=team, home_commune=lyon)
    return organisation, admin


def report_url(organisation):
    return reverse("simulator:organisation_report", kwargs={"organisation_id": organisation.pk})


def test_person_report_has_the_page_figures_chart_data_and_parameter_sources(client, run_jobs):
    query = {**PERSON, "distance_km": "20"}
    page = client.get(reverse("simulator:person"), query)
    response = downloaded(client, client.get(reverse("simulator:person_report"), query), run_jobs)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport-simulation-teletravail.pdf"'
    text = pdf_text(response)
    effects = page.context["effects"]
    assert "Ou distance domicile-travail, aller simple (km) 20" in text
    assert f"vous évitez {shown(effects['km_avoided_per_year'].value)} km par an" in text
    assert f"{shown(effects['co2e_kg_net_per_year'].value)} kg CO2e une fois déduits" in text
    assert f"Économies : {shown(effects['money_eur_saved_per_year'].value)} € par an" in text
    assert page.context["balance_rows"]  # a loop over nothing would assert nothing
    for label, _value, display in page.context["balance_rows"]:  # the chart's data table
        assert f"{collapsed(label)} {collapsed(display)}" in text
    parameters = page.context["result"].parameters
    assert parameters
    for parameter in parameters:  # described in words, with their source
        assert without_spaces(parameter.description) in without_spaces(text)
        assert without_spaces(parameter.source.title) in without_spaces(text)
    assert "_" not in text  # no raw identifier such as « average_speed_kmh.voiture_thermique »
    assert "à vérifier" not in text and "source secondaire" in text
    detour = load_parameters("geo")["road_detour_factor"]
    assert without_spaces(detour.description) not in without_spaces(text)  # the distance was given, not estimated


def test_person_report_pages_are_laid_out(client, run_jobs):
    response = downloaded(
        client, client.get(reverse("simulator:person_report"), {**PERSON, "distance_km": "20"}), run_jobs
    )
    assert layout_problems(response.content) == []


def test_an_estimated_distance_is_explained_and_its_geographic_parameters_listed():
    """Built without the page: estimating a distance from communes loads the whole commune list."""
    form = PersonSimulationForm({**PERSON, "distance_km": "68.2"})
    assert form.is_valid()
    result, _ = run_person_simulation(mode="voiture_thermique", telework_days=2, office_days=3, distance_km=68.2)
    saint_etienne = Commune("42218", "Saint-Étienne", 45.43, 4.39, 80.0)
    lyon = Commune("69383", "Lyon 3e Arrondissement", 45.76, 4.85, 6.4)
    distance = CommuteDistance(saint_etienne, lyon, 68.2, 52.5, 1.3, "centroïdes")
    with translation.override("fr"):
        document = person_report(form, result, distance, balance_rows=[("Net", 1.0, "1 kg")])
    paragraphs = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert any(
        text.startswith("Distance estimée entre Saint-Étienne et Lyon 3e Arrondissement") for text in paragraphs
    )
    [annex] = [block for block in document.blocks if isinstance(block, Table) and block.headers[0] == "Paramètre"]
    described = [row[0] for row in annex.rows]
    geo = load_parameters("geo")
    assert {geo["road_detour_factor"].description, geo["earth_radius_km"].description} <= set(described)
    assert {parameter.description for parameter in result.parameters} <= set(described)


def test_the_person_page_links_to_its_report(client):
    content = client.get(reverse("simulator:person"), {**PERSON, "distance_km": "20"}).content.decode()
    assert f'href="{reverse("simulator:person_report")}?mode=voiture_thermique&amp;' in content
    assert "Télécharger le rapport PDF" in content


def test_person_report_with_bad_input_gives_the_page_french_errors(client):
    response = client.get(reverse("simulator:person_report"), PERSON)
    assert response.status_code == 400
    assert "Indiquez vos communes de résidence et de travail, ou la distance aller en kilomètres." in (
        response.content.decode()
    )
    engine_refusal = client.get(
        reverse("simulator:person_report"), {**PERSON, "distance_km": "20", "telework_days": "3", "office_days": "4"}
    )
    assert engine_refusal.status_code == 400
    assert 'role="alert"' in engine_refusal.content.decode()


def test_employer_report_has_the_page_figures_and_parameter_sources(client, organisation_with_staff, run_jobs):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    page = client.post(reverse("simulator:organisation", kwargs={"organisation_id": organisation.pk}), EMPLOYER)
    assert f'href="{report_url(organisation)}?' in page.content.decode()
    response = downloaded(client, client.get(report_url(organisation), EMPLOYER), run_jobs)
    assert response["Content-Disposition"] == (
        'attachment; filename="rapport-effets-teletravail-cooperative-exemple.pdf"'
    )
    text = pdf_text(response)
    effects = page.context["effects"]
    assert "Coopérative Exemple" in text
    assert "Calcul pour 2 membres dont la commune de résidence est connue." in text
    assert "1 membre n'a pas pu être pris en compte" in text
    assert f"le solde annuel serait de {shown(effects['employer_net_eur_per_year'].value)} €" in text
    assert page.context["result"].parameters  # a loop over nothing would assert nothing
    for parameter in page.context["result"].parameters:
        assert without_spaces(parameter.source.title) in without_spaces(text)


def test_employer_report_pages_are_laid_out(client, organisation_with_staff, run_jobs):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    response = downloaded(client, client.get(report_url(organisation), EMPLOYER), run_jobs)
    assert layout_problems(response.content) == []


def test_employer_report_of_a_posted_staff_file(client, organisation_with_staff, run_jobs):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    staff = SimpleUploadedFile(
        "personnel.csv",
        b"distance_km;mode;jours_teletravail;jours_bureau\n20;voiture_thermique;2;3\n5;velo;1;4\n",
        content_type="text/csv",
    )
    response = downloaded(client, client.post(report_url(organisation), {**EMPLOYER, "staff_file": staff}), run_jobs)
    text = pdf_text(response)
    assert "Calcul pour 2 salariés du fichier." in text
    assert "personnel.csv" in text


def test_employer_report_obeys_the_page_access_rules(client, organisation_with_staff):
    organisation, _admin = organisation_with_staff
    assert client.get(report_url(organisation), EMPLOYER).status_code == 302  # to the login page
    client.force_login(MembershipFactory(role="employer_admin").user)
    assert client.get(report_url(organisation), EMPLOYER).status_code == 404
    client.force_login(MembershipFactory(organisation=organisation, role="employee").user)
    assert client.get(report_url(organisation), EMPLOYER).status_code == 403


def test_employer_report_with_bad_input_gives_the_page_french_errors(client, organisation_with_staff):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    missing_days = client.get(report_url(organisation), {**EMPLOYER, "telework_days": ""})
    assert missing_days.status_code == 400
    assert "Ce champ est obligatoire." in missing_days.content.decode()
    lonely = MembershipFactory(role="employer_admin")
    client.force_login(lonely.user)
    nobody = client.get(report_url(lonely.organisation), EMPLOYER)
    assert nobody.status_code == 400
    assert "Aucun salarié à simuler" in nobody.content.decode()
