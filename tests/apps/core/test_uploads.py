"""Every upload (member import, staff file of the employer simulator, flows file of the territory simulator) reads
the same files and says the same thing about a file it cannot read, in French and in English."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from teletravail.apps.organisations.models import Site
from teletravail.impact.employer import STAFF_FILE_TEMPLATES
from teletravail.impact.flows.readers import LINE_TEMPLATES as FLOWS_FILE_TEMPLATES
from teletravail.uploads import LIMIT_TEMPLATES
from teletravail.uploads.tables import CSV_CELL_MAX_CHARACTERS, MALFORMED_LINE, UNREADABLE_TEXT, UNREADABLE_WORKBOOK
from tests.factories import MembershipFactory, OrganisationFactory, make_commune


pytestmark = pytest.mark.django_db

SIMULATION = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "desks": "10", "allowance": "0"}
SCENARIO = {"telework_days": "2", "adoption": "0.5", "area": ""}
# One file per upload, each with accented text, as a French spreadsheet saves it (semicolons).
FILES = {
    "members": "email;nom;equipe;role;commune_residence\nlea@exemple.fr;Léa Bernard;Développement;manager;\n",
    "staff": "distance_km;mode;jours_teletravail;jours_bureau;commentaire\n20;velo;2;3;été\n5;bus;1;4;à revoir\n",
    "flows": "home;work;mode;workers;commentaire\n01001;01004;velo;2;à vérifier\n01001;01004;voiture;3;été\n",
}
NO_TEXT = b"\x81\x8d\x8f\x90\x9d;x\n1;2\n"  # bytes that are neither UTF-8 nor Windows-1252


@pytest.fixture
def admin():
    organisation = OrganisationFactory()
    Site.objects.create(organisation=organisation, name="Siège", commune=make_commune("69383"), desks=10)
    return MembershipFactory(organisation=organisation, role="employer_admin")


def workbook(text):
    """The bytes of an XLSX workbook holding the rows of the semicolon-separated `text`, numbers typed as numbers
    (a code such as 01001 stays text, as a spreadsheet keeps it when the cell is formatted as text)."""
    book = openpyxl.Workbook()
    for line in text.splitlines():
        book.active.append(
            [int(cell) if cell.isdigit() and not cell.startswith("0") else cell for cell in line.split(";")]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def client(client, run_jobs, settings, tmp_path):
    """The test client, with the queue's jobs run on demand (the territory page's flows file is read by a job)."""
    settings.MEDIA_ROOT = str(tmp_path / "fichiers")
    client.run_jobs = run_jobs
    return client


def post(client, admin, upload, content, suffix="csv", **headers):
    """The response of the upload's page to `content` (bytes), and the errors it shows about the file."""
    organisation = admin.organisation.pk
    file = SimpleUploadedFile(f"{upload}.{suffix}", content)
    client.force_login(admin.user)
    if upload == "members":
        response = client.post(reverse("organisations:members_import", args=[organisation]), {"file": file}, **headers)
        return response, response.context.get("errors") or []
    if upload == "staff":
        url = reverse("simulator:organisation", args=[organisation])
        response = client.post(url, {**SIMULATION, "staff_file": file}, **headers)
    else:
        # The territory page's file is read by a job: its problems are the job's failure, one per line.
        response = client.post(reverse("simulator:territory"), {**SCENARIO, "flows_file": file}, **headers)
        if response.status_code == 302:
            client.run_jobs()
            response = client.get(response["Location"], **headers)
            return response, response.context["failure"]
    return response, list(response.context["form"].non_field_errors())


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
@pytest.mark.parametrize("upload", FILES)
def test_every_upload_reads_a_windows_1252_file_and_a_utf8_file_with_a_bom(client, admin, upload, encoding):
    response, errors = post(client, admin, upload, FILES[upload].encode(encoding))
    assert errors == []
    if upload == "members":
        assert response.status_code == 200 and "Léa Bernard" in response.content.decode()
    elif upload == "staff":
        assert "Calcul pour 2 salariés du fichier." in response.content.decode()
    else:
        assert response.context["result"].totals["workers"] == 5


@pytest.mark.parametrize("upload", FILES)
def test_every_upload_reads_the_same_rows_from_an_xlsx_workbook(client, admin, upload):
    """The flows file was parsed by Polars as CSV only: a workbook was refused."""
    response, errors = post(client, admin, upload, workbook(FILES[upload]), suffix="xlsx")
    assert errors == []
    if upload == "members":
        assert response.status_code == 200 and "Léa Bernard" in response.content.decode()
    elif upload == "staff":
        assert "Calcul pour 2 salariés du fichier." in response.content.decode()
    else:
        assert response.context["result"].totals["workers"] == 5


@pytest.mark.parametrize("upload", FILES)
def test_every_upload_refuses_a_malformed_line_and_names_it(client, admin, upload):
    """A cell past the CSV bound on line 3, in a column the flows reader does not use: Polars read it without a
    word, the two others refused it."""
    lines = FILES[upload].encode("cp1252").splitlines(keepends=True)
    cells = lines[1].split(b";")
    content = lines[0] + lines[1] + b";".join([*cells[:-1], b"x" * (CSV_CELL_MAX_CHARACTERS + 1) + b"\n"])
    _response, errors = post(client, admin, upload, content)
    named = {"flows": ["Fichier « flows.csv » : rien n'a été importé."]}.get(upload, [])
    assert errors == [*named, "Ligne 3 : la ligne est mal formée (field larger than field limit (131072))."]


@pytest.mark.parametrize("upload", FILES)
def test_every_upload_says_the_same_of_a_file_that_is_no_text(client, admin, upload):
    """The flows file used to be read with replacement characters, the staff file's message named the file its own
    way: one sentence now, translated."""
    # The flows reader knows the file's name (the others read bytes): its first message names the file.
    named = {"flows": ["Fichier « flows.csv » : rien n'a été importé."]}.get(upload, [])
    _response, errors = post(client, admin, upload, NO_TEXT)
    assert errors == [*named, UNREADABLE_TEXT.message]
    named = {"flows": ["File “flows.csv”: nothing was imported."]}.get(upload, [])
    _response, errors = post(client, admin, upload, NO_TEXT, HTTP_ACCEPT_LANGUAGE="en")
    assert errors == [
        *named,
        "The file is not readable text (accepted encodings: UTF-8 and Windows-1252). From your spreadsheet, save it "
        "as “CSV UTF-8” and import it again.",
    ]


def test_a_staff_file_shows_every_bad_line_with_its_number(client, admin):
    """The page showed the first bad line only."""
    content = "distance_km;mode;jours_teletravail;jours_bureau\n-1;velo;2;3\n5;bus;1;4\n4;avion;1;4\n"
    _response, errors = post(client, admin, "staff", content.encode())
    assert len(errors) == 2
    assert errors[0].startswith("Ligne 2 : « distance_km »") and errors[1].startswith("Ligne 4 : « mode »")


def test_a_flows_file_s_bad_lines_are_refused_with_their_numbers_in_the_language_of_the_page(client, admin):
    """The flows file's messages were French sentences written whole, shown in French on the English pages."""
    content = "home;work;mode;workers\n01001;01004;vélo;2\n01001;01004;voiture;3;à;revoir\n"
    _response, errors = post(client, admin, "flows", content.encode("cp1252"))
    assert errors == [
        "Fichier « flows.csv » : rien n'a été importé.",
        "Ligne 3 : 6 champ(s) au lieu de 4 (séparateur « ; »)",
    ]
    _response, errors = post(client, admin, "flows", content.encode("cp1252"), HTTP_ACCEPT_LANGUAGE="en")
    assert errors == ["File “flows.csv”: nothing was imported.", "Line 3: 6 field(s) instead of 4 (separator “;”)"]
    content = FILES["flows"].replace("01004;velo;2", "1004;velo;x")
    _response, errors = post(client, admin, "flows", content.encode("cp1252"), HTTP_ACCEPT_LANGUAGE="en")
    assert errors == [
        "File “flows.csv”: nothing was imported.",
        "Line 2, column work: commune code “1004” unknown to the COG reference (leading zero lost? “01004”)",
        "Line 2, column workers: not a number: “x”",
    ]
    _response, errors = post(client, admin, "flows", content.encode("cp1252"))
    assert errors == [
        "Fichier « flows.csv » : rien n'a été importé.",
        "Ligne 2, colonne work : code commune inconnu du référentiel COG « 1004 » (zéro initial perdu ? « 01004 »)",
        "Ligne 2, colonne workers : valeur non numérique « x »",
    ]


def test_a_staff_file_over_a_limit_is_refused_in_the_language_of_the_page(client, admin, settings):
    content = "distance_km;mode;jours_teletravail;jours_bureau" + ";x" * 60 + "\n"
    _response, errors = post(client, admin, "staff", content.encode(), HTTP_ACCEPT_LANGUAGE="en")
    assert errors == ["the file has more than 50 columns, the platform's limit"]
    _response, errors = post(client, admin, "staff", content.encode())
    assert errors == ["le fichier dépasse 50 colonnes, la limite de la plateforme"]


def test_every_message_template_of_the_readers_has_an_english_translation():
    templates = [*LIMIT_TEMPLATES.values(), UNREADABLE_TEXT.message, MALFORMED_LINE, UNREADABLE_WORKBOOK]
    templates += [*STAFF_FILE_TEMPLATES, *FLOWS_FILE_TEMPLATES]
    with translation.override("en"):
        untranslated = [template for template in templates if translation.gettext(template) == template]
    assert untranslated == []


def test_the_size_of_every_upload_is_a_setting_said_in_its_form(client, admin, settings):
    """The sizes were literals, one of them written again in each help text and message."""
    settings.UPLOAD_MAX_MEGABYTES = {**settings.UPLOAD_MAX_MEGABYTES, "staff_file": 0.001, "flows_file_job": 0.001}
    settings.UPLOAD_MAX_MEGABYTES["member_import"] = settings.UPLOAD_MAX_MEGABYTES["charter_document"] = 0.001
    large = ("x" * 2000 + "\n").encode()
    response, _errors = post(client, admin, "staff", large)
    assert response.context["form"].errors["staff_file"] == ["Le fichier dépasse 0,001 Mo."]
    response, _errors = post(client, admin, "flows", large)
    assert response.context["form"].errors["flows_file"] == [
        "Le fichier dépasse 0,001 Mo : utilisez la commande teletravail simulate territory."
    ]
    assert "CSV, XLSX ou Parquet, 0,001 Mo au plus." in response.context["form"].fields["flows_file"].help_text
    response, _errors = post(client, admin, "members", large)
    assert response.context["form"].errors["file"] == [
        "Le fichier pèse plus de 0,001 Mo : découpez-le en plusieurs fichiers."
    ]
    checker = reverse("charters:checker", args=[admin.organisation.pk])
    response = client.post(checker, {"sector": "prive", "document": SimpleUploadedFile("charte.txt", large)})
    assert response.context["form"].errors["document"] == [
        "Le document dépasse 0,001 Mo : enregistrez-le sans images, ou en texte."
    ]
    assert "HTML ou texte ; 0,001 Mo au plus." in response.context["form"].fields["document"].help_text
