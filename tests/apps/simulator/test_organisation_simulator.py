import csv
import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.organisations.models import Site
from tests.document_jobs import downloaded
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, make_commune


pytestmark = pytest.mark.django_db

FORM = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "desks": "10", "allowance": "0"}


def url(organisation):
    return reverse("simulator:organisation", kwargs={"organisation_id": organisation.pk})


def test_members_with_a_home_commune_are_simulated_and_the_others_counted(client, organisation_with_staff):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    response = client.post(url(organisation), FORM)
    content = response.content.decode()
    assert "Calcul pour 2 membres dont la commune de résidence est connue." in content
    assert "1 membre n'a pas pu être pris en compte" in content
    assert 'id="solde-employeur-title"' in content
    assert response.context["result"].effects["km_avoided_per_year"].value > 0


def test_a_staff_file_is_used_instead_of_the_members(client, organisation_with_staff):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    staff = SimpleUploadedFile(
        "personnel.csv",
        b"distance_km;mode;jours_teletravail;jours_bureau\n20;voiture_thermique;2;3\n5;velo;1;4\n",
        content_type="text/csv",
    )
    response = client.post(url(organisation), {**FORM, "staff_file": staff})
    assert "Calcul pour 2 salariés du fichier." in response.content.decode()


def test_a_bad_staff_file_names_the_line(client, organisation_with_staff):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    staff = SimpleUploadedFile("personnel.csv", b"distance_km;mode;jours_teletravail;jours_bureau\n20;fusee;2;3\n")
    content = client.post(url(organisation), {**FORM, "staff_file": staff}).content.decode()
    assert 'role="alert"' in content and "ligne 2" in content.lower()


def test_no_member_with_a_home_commune_gives_a_french_error(client):
    admin = MembershipFactory(role="employer_admin")
    client.force_login(admin.user)
    content = client.post(url(admin.organisation), FORM).content.decode()
    assert "Aucun salarié à simuler" in content


def test_another_organisation_is_not_found_and_an_employee_is_refused(client, organisation_with_staff):
    organisation, _admin = organisation_with_staff
    outsider = MembershipFactory(role="employer_admin")
    client.force_login(outsider.user)
    assert client.get(url(organisation)).status_code == 404
    assert client.post(url(organisation), FORM).status_code == 404
    employee = MembershipFactory(organisation=organisation, role="employee")
    client.force_login(employee.user)
    assert client.get(url(organisation)).status_code == 403


def test_results_download_as_csv_with_one_row_per_employee(client, organisation_with_staff):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    staff = SimpleUploadedFile(
        "personnel.csv",
        b"distance_km;mode;jours_teletravail;jours_bureau;profession\n20;voiture_thermique;2;3;chef comptable\n"
        b"5;velo;1;4;43A3\n",
    )
    response = client.post(url(organisation), {**FORM, "staff_file": staff, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    effects = {row[0]: row for row in rows[1 : rows.index([])]}
    assert float(effects["employees"][2]) == 2
    assert 0.9 < float(effects["teleworkable_jobs_dingel_neiman"][2].replace(",", ".")) <= 1
    employee_header = rows[rows.index([]) + 1]
    assert employee_header[:3] == ["line", "mode", "distance_km"] and "profession" in employee_header
    assert [row[employee_header.index("profession")] for row in rows[rows.index([]) + 2 : rows.index([]) + 4]] == [
        "37C1",
        "43A3",
    ]


def two_sites_and_one_known_member():
    """Issue 16's organisation: 40 people declared, sites of 25 and 12 desks, one member with a home commune.
    Returns (organisation, its administrator)."""
    lyon = make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", latitude=45.7597, longitude=4.85)
    organisation = OrganisationFactory(headcount=40)
    site = Site.objects.create(organisation=organisation, name="Siège", commune=lyon, desks=25)
    Site.objects.create(organisation=organisation, name="Annexe", commune=lyon, desks=12)
    admin = MembershipFactory(organisation=organisation, role="employer_admin")
    MembershipFactory(
        organisation=organisation, team=TeamFactory(organisation=organisation, site=site), home_commune=make_commune()
    )
    return organisation, admin


def test_one_known_member_on_two_sites_frees_no_desk_and_the_page_says_what_is_counted(client):
    """Issue 16: with 0.7 desk per person, the page used to announce 36 desks freed and a yearly balance of
    399 018 € for one person."""
    organisation, admin = two_sites_and_one_known_member()
    client.force_login(admin.user)
    response = client.post(url(organisation), {**FORM, "desks": "37", "desk_sharing_ratio": "0.7"})
    result = response.context["result"]
    # By hand: the one member holds 1 desk and needs ceil(0.7 × 1) = 1 after sharing: no desk freed.
    assert result.totals["desks_saved"] == 0
    assert result.totals["employer_real_estate_eur_saved_per_year"] == 0
    assert result.totals["employer_net_eur_per_year"] < 5000
    content = response.content.decode()
    assert "Postes libérés calculés sur 1 salarié couvert par le calcul, pour un effectif déclaré de 40." in content
    assert "Seul 1 des 37 postes déclarés leur est compté" in content


def test_uncertain_job_titles_are_listed_to_confirm_then_coded_without_sending_the_file_again(
    client, organisation_with_staff
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    staff = SimpleUploadedFile(
        "personnel.csv",
        b"distance_km;mode;jours_teletravail;jours_bureau;profession\n"
        b"20;voiture_thermique;2;3;comptable\n12;bus;1;4;agent des espaces verts\n8;bus;1;4;acheteur\n",
    )
    page = client.post(url(organisation), {**FORM, "staff_file": staff}).content.decode()
    assert "2 salariés ne sont pas codés" in page
    assert "Intitulés de poste à confirmer" in page
    for code in ("37C1", "46A2", "54A3"):  # the three levels of « comptable », to choose from
        assert f'value="{code}"' in page
    page = client.post(url(organisation), {**FORM, "confirm_titles": "1", "title-1": "comptable", "pcs-1": "54A3"})
    assert "1 salarié n'est pas codé" in page.content.decode()  # the buyer is left
    confirmed = client.post(  # a second round keeps the first one's choice
        url(organisation), {**FORM, "confirm_titles": "1", "title-1": "acheteur", "pcs-1": "46B3", "format": "csv"}
    )
    effects = {
        row.split(";")[0]: row.split(";")[2] for row in confirmed.content.decode("utf-8-sig").splitlines() if row
    }
    assert float(effects["employees_with_known_profession"]) == 3
    assert "employees_with_unconfirmed_profession" not in effects


def test_the_downloads_after_a_calculation_from_a_file_are_of_that_file(client, organisation_with_staff, run_jobs):
    """The browser empties the file field: the PDF and the CSV posted after « Calculer » used to fall back on the
    members' home communes, another result than the one on screen."""
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    staff = SimpleUploadedFile(
        "personnel.csv",
        b"distance_km;mode;jours_teletravail;jours_bureau\n20;voiture_thermique;2;3\n5;velo;1;4\n12;bus;2;3\n",
    )
    page = client.post(url(organisation), {**FORM, "staff_file": staff}).content.decode()
    assert "Calcul pour 3 salariés du fichier." in page
    assert '<input type="hidden" name="kept_staff_file" value="1">' in page

    csv_response = client.post(url(organisation), {**FORM, "kept_staff_file": "1", "format": "csv"})
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    effects = {row[0]: row for row in rows[1 : rows.index([])]}
    assert float(effects["employees"][2]) == 3  # the file's three, not the two members with a home commune

    report = client.post(
        reverse("simulator:organisation_report", kwargs={"organisation_id": organisation.pk}),
        {**FORM, "kept_staff_file": "1"},
    )
    report = downloaded(client, report, run_jobs)
    assert report["Content-Type"] == "application/pdf"
    text = " ".join(sheet.extract_text() for sheet in pypdf.PdfReader(io.BytesIO(report.content)).pages)
    assert "Calcul pour 3 salariés du fichier." in " ".join(text.split())


def test_the_employer_service_passes_the_place_of_work_to_the_fares():
    from teletravail.apps.simulator.services import run_employer_simulation

    person = {"mode": "metro", "telework_days": 5, "office_days": 0}
    paris = run_employer_simulation(employees=[{**person, "home": "92050", "work": "75056"}])
    lyon = run_employer_simulation(employees=[{**person, "home": "69123", "work": "69383"}])
    assert paris.totals["employer_transport_eur_saved_per_year"] == pytest.approx(0.5 * 998.80)
    assert lyon.totals["employer_transport_eur_saved_per_year"] == pytest.approx(0.5 * 600)


def test_a_negative_employer_balance_is_written_with_a_true_minus_sign_before_the_euro_sign(
    client, organisation_with_staff
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    response = client.post(url(organisation), {**FORM, "desks": "0"})
    assert response.context["result"].effects["employer_net_eur_first_year"].value < 0
    balance = re.search(r"soit un solde de ([^;]+) la première année", response.content.decode()).group(1)
    assert re.fullmatch("\u2212\\d+(\u202f\\d{3})*\u00a0€", balance), balance


def test_an_engine_warning_is_shown_in_the_language_of_the_page_with_its_numbers(client, organisation_with_staff):
    """Ten people on site 4 days out of 5 (8 on an average day) and a sharing ratio of 0.5: too few desks."""
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)

    def page(language):
        staff = SimpleUploadedFile(
            "personnel.csv",
            b"distance_km;mode;jours_teletravail;jours_bureau\n" + b"20;bus;1;4\n" * 10,
            content_type="text/csv",
        )
        form = {**FORM, "desks": "", "desk_sharing_ratio": "0.5", "staff_file": staff}
        return client.post(url(organisation), form, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    french = page("fr")
    assert "la présence moyenne de 8,0 personnes par jour" in french
    english = page("en")
    assert "Not enough desks: the sharing ratio would leave fewer desks than the average presence of 8.0 people" in (
        english
    )
    assert "Postes insuffisants" not in english
