"""The import file's rules, on plain text: no HTTP, and no database except where the organisation is involved."""

from dataclasses import replace

import pytest

from teletravail.apps.geo.selectors import CommuneResolution
from teletravail.apps.organisations.csv_import import (
    check_against_organisation,
    import_limits,
    parse_members_csv,
    summarise_errors,
    validate_members_csv,
)
from teletravail.apps.organisations.models import Role
from tests.uploads.bombs import measured


MAX_ROWS = 5000
HEADER = "email,nom,equipe,role,commune_residence\n"


def messages(text):
    return [str(error) for error in parse_members_csv(text).errors]


def test_valid_file_gives_rows_with_canonical_values():
    result = parse_members_csv(
        HEADER + "Anne@Exemple.fr, Anne Martin ,Dev,Administrateur,69383\nbob@exemple.fr,Bob,,salarié,1053\n"
    )
    assert result.errors == []
    first, second = result.rows
    assert (first.line, first.email, first.full_name, first.team_name, first.role, first.commune_text) == (
        2,
        "anne@exemple.fr",
        "Anne Martin",
        "Dev",
        Role.EMPLOYER_ADMIN,
        "69383",
    )
    # The cell is kept as written; the commune reference resolves it (a lost leading zero included).
    assert (second.role, second.team_name, second.commune_text) == (Role.EMPLOYEE, "", "1053")


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffemail;nom;equipe;role;commune_residence\na@exemple.fr;A;;manager;\n",
        "email,name,team,role,home_commune\r\na@exemple.fr,A,,MANAGER,\r\n",
        "email,nom,role\na@exemple.fr,A,employer_admin\n",  # Optional columns may be absent.
        "Email;Nom;Équipe;Rôle;Commune_Residence\na@exemple.fr;A;;Employee;\n\n\n",
    ],
)
def test_bom_separators_aliases_and_blank_lines_are_accepted(text):
    result = parse_members_csv(text)
    assert result.errors == []
    assert len(result.rows) == 1


def test_empty_file():
    assert messages("") == ["Le fichier est vide."]
    assert messages("\ufeff  \n") == ["Le fichier est vide."]


def test_header_without_rows():
    assert messages(HEADER) == ["Le fichier ne contient aucune ligne de membre sous l'en-tête."]


def test_missing_required_columns_are_each_named():
    assert messages("courriel,equipe\na@exemple.fr,Dev\n") == [
        "Ligne 1 : colonne obligatoire « nom » absente (en-tête attendu : email,nom,equipe,role,commune_residence).",
        "Ligne 1 : colonne obligatoire « role » absente (en-tête attendu : email,nom,equipe,role,commune_residence).",
    ]


def test_duplicate_header_column():
    assert messages("email,nom,role,name\na@exemple.fr,A,salarie,B\n") == [
        "Ligne 1 : la colonne « name » figure plusieurs fois dans l'en-tête."
    ]


def test_too_many_rows_is_one_clear_error():
    assert import_limits().rows == MAX_ROWS
    rows = "".join(f"p{n}@exemple.fr,P {n},,salarie,\n" for n in range(MAX_ROWS + 1))
    result = parse_members_csv(HEADER + rows)
    assert result.rows == []
    assert [str(e) for e in result.errors] == [
        "Le fichier dépasse 5\u00a0000 lignes de membres, la limite d'un import : découpez-le en plusieurs fichiers."
    ]


def test_reading_stops_at_the_first_row_beyond_the_limit():
    """A file of a million empty rows used to be split into lines and read to its end; the 5,001st row stops it."""
    text = HEADER + ",,,,\n" * 1_000_000
    with measured() as cost:
        errors = messages(text)
    assert errors == [
        "Le fichier dépasse 5\u00a0000 lignes de membres, la limite d'un import : découpez-le en plusieurs fichiers."
    ]
    assert cost.peak_mb < 30  # splitting the whole text into lines took over 60 MB


def test_too_many_columns_and_cells_and_too_long_a_reading_are_refused():
    assert messages(HEADER.rstrip("\n") + ",x" * 46 + "\n") == [
        "Le fichier dépasse 50 colonnes, la limite d'un import."
    ]
    few_cells = replace(import_limits(), cells=12)
    assert [str(e) for e in parse_members_csv(HEADER + "a@exemple.fr,A,,salarie,\n" * 2, few_cells).errors] == [
        "Le fichier dépasse 12 cellules, la limite d'un import : découpez-le en plusieurs fichiers."
    ]
    no_time = replace(import_limits(), seconds=0)
    assert [str(e) for e in parse_members_csv(HEADER, no_time).errors] == [
        "La lecture du fichier dépasse 0 secondes, la limite d'un import : découpez-le en plusieurs fichiers."
    ]


def test_exactly_the_limit_is_accepted():
    rows = "".join(f"p{n}@exemple.fr,P {n},,salarie,\n" for n in range(MAX_ROWS))
    assert len(parse_members_csv(HEADER + rows).rows) == MAX_ROWS


@pytest.mark.parametrize(
    "row, expected",
    [
        (
            "pas-une-adresse,A,,salarie,",
            "Ligne 2, colonne email : « pas-une-adresse » n'est pas une adresse électronique valide.",
        ),
        (",A,,salarie,", "Ligne 2, colonne email : l'adresse électronique est obligatoire."),
        ("a@exemple.fr,,,salarie,", "Ligne 2, colonne nom : le nom est obligatoire."),
        (
            "a@exemple.fr,A,,chef,",
            "Ligne 2, colonne role : « chef » n'est pas un rôle reconnu (administrateur, manager, salarie).",
        ),
        ("a@exemple.fr,A,,,", "Ligne 2, colonne role : le rôle est obligatoire (administrateur, manager, salarie)."),
        ("a@exemple.fr,A,,salarie,,en trop", "Ligne 2 : la ligne compte 6 valeurs alors que l'en-tête a 5 colonnes."),
        ("a@exemple.fr," + "N" * 151 + ",,salarie,", "Ligne 2, colonne nom : le nom dépasse 150 caractères."),
        (
            "a@exemple.fr,A," + "E" * 151 + ",salarie,",
            "Ligne 2, colonne equipe : le nom d'équipe dépasse 150 caractères.",
        ),
    ],
)
def test_each_row_error_names_line_and_column(row, expected):
    assert messages(HEADER + row + "\n") == [expected]


@pytest.mark.parametrize(
    "row, column",
    [
        ("a@exemple.fr,Anne\x00,,salarie,", "nom"),
        ("a@exemple.fr,Anne,Paie\x00,salarie,", "equipe"),
        ("a@exemple.fr,Anne\x07,,salarie,", "nom"),
        ("a@exemple.fr\x00,Anne,,salarie,", "email"),
        ("a@exemple.fr,Anne,,salarie,42218\x00", "commune_residence"),
    ],
)
def test_a_control_character_in_a_cell_is_refused_naming_the_column(row, column):
    assert messages(HEADER + row + "\n") == [
        f"Ligne 2, colonne {column} : la valeur contient un caractère de contrôle (caractère nul…)."
    ]


def test_a_line_break_inside_a_quoted_name_becomes_a_space():
    (row,) = parse_members_csv(HEADER + 'a@exemple.fr,"Anne\nMartin",,salarie,\n').rows
    assert row.full_name == "Anne Martin"


def test_columns_are_named_as_written_in_the_file():
    assert messages("email,name,team,role,home_commune\na@exemple.fr,A,,boss,\n") == [
        "Ligne 2, colonne role : « boss » n'est pas un rôle reconnu (administrateur, manager, salarie)."
    ]


def test_duplicate_email_in_file_points_to_the_first_line():
    text = HEADER + "a@exemple.fr,A,,salarie,\nb@exemple.fr,B,,salarie,\nA@EXEMPLE.FR,A bis,,salarie,\n"
    assert messages(text) == ["Ligne 4, colonne email : « a@exemple.fr » figure déjà à la ligne 2 du fichier."]


def test_line_numbers_follow_the_file_with_blank_and_multiline_rows():
    text = HEADER + '\na@exemple.fr,"Anne\nMartin",,salarie,\nb@exemple.fr,B,,chef,\n'
    assert messages(text) == [
        "Ligne 5, colonne role : « chef » n'est pas un rôle reconnu (administrateur, manager, salarie)."
    ]


def test_every_error_of_the_file_is_reported():
    text = HEADER + "x,A,,salarie,\ny@exemple.fr,,,chef,\n"
    assert messages(text) == [
        "Ligne 2, colonne email : « x » n'est pas une adresse électronique valide.",
        "Ligne 3, colonne nom : le nom est obligatoire.",
        "Ligne 3, colonne role : « chef » n'est pas un rôle reconnu (administrateur, manager, salarie).",
    ]


def test_checks_against_the_organisation():
    result = parse_members_csv(
        HEADER + "membre@exemple.fr,M,,salarie,\nattente@exemple.fr,A,,salarie,\nnouveau@exemple.fr,N,,salarie,99999\n"
    )
    check_against_organisation(
        result,
        member_emails={"Membre@exemple.fr"},
        pending_emails={"attente@exemple.fr"},
        resolutions={"99999": CommuneResolution("99999")},
    )
    assert [str(e) for e in result.errors] == [
        "Ligne 2, colonne email : « membre@exemple.fr » est déjà membre de l'organisation.",
        "Ligne 3, colonne email : « attente@exemple.fr » a déjà une invitation en attente.",
        "Ligne 4, colonne commune_residence : « 99999 » ne correspond à aucune commune connue (code postal, code "
        "INSEE ou nom exact).",
    ]


@pytest.mark.django_db
def test_validate_against_a_real_organisation(world):
    text = (
        HEADER
        + f"{world.employee.user.email},E,,salarie,\n"
        + f"{world.invitation.email},I,,salarie,\n"
        + "libre@exemple.fr,L,,salarie,42218\n"
        + "inconnu@exemple.fr,U,,salarie,75056\n"
    )
    result = validate_members_csv(text, world.organisation)
    assert [(e.line, e.column) for e in result.errors] == [(2, "email"), (3, "email"), (5, "commune_residence")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_windows_1252_are_read_alike(encoding):
    """A Windows-1252 file, what a French spreadsheet saves as « CSV (séparateur : point-virgule) », was refused."""
    text = "email;nom;equipe;role;commune_residence\nzoe@exemple.fr;Zoé Lefèvre;Bravo;salarié;69100\n"
    result = parse_members_csv(text.encode(encoding))
    assert result.errors == []
    (row,) = result.rows
    assert (row.full_name, row.team_name, row.role, row.commune_text) == (
        "Zoé Lefèvre",
        "Bravo",
        Role.EMPLOYEE,
        "69100",
    )


def test_tab_separated_file_is_read():
    result = parse_members_csv(b"email\tnom\trole\na@exemple.fr\tAnne\tsalarie\n")
    assert result.errors == [] and [row.full_name for row in result.rows] == ["Anne"]


def test_xlsx_workbook_is_read_like_a_csv_file():
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["email", "nom", "equipe", "role", "commune_residence"])
    sheet.append(["lea@exemple.fr", "Léa", "Dév", "manager", 69003])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = parse_members_csv(buffer.getvalue())
    assert result.errors == []
    (row,) = result.rows
    assert (row.line, row.email, row.role, row.commune_text) == (2, "lea@exemple.fr", Role.MANAGER, "69003")


def test_bytes_that_are_no_text_are_refused_in_french():
    assert messages(b"email,nom,role\n\x81\x8d,A,salarie\n") == [
        "Le fichier n'est pas un texte lisible (encodages acceptés : UTF-8 et Windows-1252). Depuis votre tableur, "
        "enregistrez-le au format « CSV UTF-8 » puis importez-le de nouveau."
    ]


def test_summary_is_capped_at_fifty_lines():
    text = HEADER + "".join(f"p{n}@exemple.fr,P,,chef,\n" for n in range(53))
    lines = summarise_errors(parse_members_csv(text).errors)
    assert len(lines) == 51
    assert lines[0].startswith("Ligne 2, colonne role")
    assert lines[-1] == "et 3 autres erreurs."
    assert summarise_errors(parse_members_csv(text).errors[:51])[-1] == "et 1 autre erreur."
