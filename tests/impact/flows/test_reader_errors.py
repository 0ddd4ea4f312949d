"""Every kind of bad input is refused as a whole, with French messages that name the line and the column."""

import polars as pl
import pytest
from typer.testing import CliRunner

from teletravail.cli import app
from teletravail.impact.flows import FlowsInputError, read_flows
from teletravail.impact.flows.readers import MAX_ERRORS
from tests.impact.flows.conftest import FD_EXTRACT, FLUX_EXTRACT, write_rows


runner = CliRunner()


def refused(path, **kwargs):
    with pytest.raises(FlowsInputError) as error:
        read_flows(path, **kwargs)
    return error.value


def set_column(column, value, lines):
    """Edit for `fd_file`: put `value` in `column` on the given line numbers."""
    index = ["COMMUNE", "DCLT", "TRANS", "AGEREVQ", "ILTUU", "IPONDI"].index(column)

    def edit(number, row):
        if number in lines:
            row = list(row)
            row[index] = value
        return row

    return edit


def test_missing_file(tmp_path):
    error = refused(tmp_path / "absent.csv")
    assert "Fichier « absent.csv » : fichier introuvable" in str(error)


def test_empty_file_and_header_only(tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    assert "le fichier est vide (0 octet)" in str(refused(empty))
    header = tmp_path / "entete.csv"
    header.write_text("COMMUNE;DCLT;TRANS;IPONDI\n", encoding="utf-8")
    assert "aucune ligne de données après l'en-tête" in str(refused(header))


def test_semicolon_file_read_with_a_comma_says_which_separator_it_has():
    error = refused(FD_EXTRACT, separator=",")
    assert "ligne 1 : une seule colonne lue avec le séparateur « , »" in str(error)
    assert "le fichier semble séparé par « ; »" in str(error)


def test_a_single_column_without_any_separator(tmp_path):
    path = tmp_path / "colonne.csv"
    path.write_text("COMMUNE DCLT TRANS IPONDI\n01001 01001 5 3\n", encoding="utf-8")
    error = refused(path)
    assert "ligne 1 : une seule colonne lue (« COMMUNE DCLT TRANS IPONDI ») ; aucun séparateur reconnu" in str(error)


def test_missing_columns_are_named_with_the_layout(fd_file):
    path = fd_file(header=["COMMUNE", "DCLT", "MODE", "AGEREVQ", "ILTUU", "IPONDI"])
    error = refused(path)
    assert "colonne(s) manquante(s) pour le Insee fichier détail FD_MOBPRO" in str(error)
    assert ": TRANS (colonnes trouvées : COMMUNE, DCLT, MODE" in str(error)


def test_base_flux_of_students_is_not_a_flux_of_workers(tmp_path):
    text = FLUX_EXTRACT.read_text(encoding="utf-8").replace("NBFLUX_C21_ACTOCC15P", "NBFLUX_C21_SCOL02P")
    path = tmp_path / "etudiants.csv"
    path.write_text(text, encoding="utf-8")
    error = refused(path)
    assert "NBFLUX_Cyy_ACTOCC15P" in str(error)
    assert "élèves et étudiants" in str(error)


def test_unrecognised_layout(tmp_path):
    path = write_rows(tmp_path / "autre.csv", ["a", "b"], [["1", "2"]])
    assert "format non reconnu : colonnes trouvées a, b" in str(refused(path))


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("IPONDI", "abc", "colonne IPONDI : valeur non numérique « abc »"),
        ("IPONDI", "-1,5", "colonne IPONDI : effectif négatif « -1,5 »"),
        ("IPONDI", "", "colonne IPONDI : effectif manquant"),
        ("IPONDI", "nan", "colonne IPONDI : valeur non numérique « nan »"),
        ("COMMUNE", "01999", "colonne COMMUNE : code commune inconnu du référentiel COG « 01999 »"),
        ("COMMUNE", "", "colonne COMMUNE : code de la commune de résidence manquant"),
        (
            "DCLT",
            "1053",
            "colonne DCLT : code commune inconnu du référentiel COG « 1053 » (zéro initial perdu ? « 01053 »)",
        ),
        ("DCLT", "", "colonne DCLT : code du lieu de travail manquant"),
        ("TRANS", "Z", "colonne TRANS : mode de transport invalide « Z » (codes attendus : 1 à 6)"),
        ("TRANS", "", "colonne TRANS : mode de transport manquant"),
    ],
)
def test_each_bad_value_is_reported_with_its_line_and_column(fd_file, column, value, message):
    path = fd_file(set_column(column, value, {1500}))
    error = refused(path)
    assert error.total == 1
    assert str(error) == f"Fichier « fd.csv » : ligne 1500, {message}. Rien n'a été importé."


def test_unknown_arrondissement(tmp_path):
    path = write_rows(
        tmp_path / "arm.csv", ["COMMUNE", "ARM", "DCLT", "TRANS", "IPONDI"], [["75056", "75199", "75101", "6", "1"]]
    )
    assert "ligne 2, colonne ARM : arrondissement municipal inconnu « 75199 » (ou ZZZZZ)" in str(refused(path))


def test_standard_layout_mode_and_distance_are_checked(tmp_path):
    path = write_rows(
        tmp_path / "standard.csv",
        ["home", "work", "mode", "workers", "distance_km"],
        [
            ["01001", "01004", "avion", "1", "10"],
            ["01001", "01004", "voiture", "1", "-3"],
            ["01001", "01004", "velo", "1", "x"],
        ],
        separator=",",
    )
    error = refused(path)
    assert error.problems == [
        "ligne 2, colonne mode : mode inconnu « avion » (modes attendus : aucun, marche, velo, moto, voiture, "
        "transports_en_commun)",
        "ligne 3, colonne distance_km : distance négative « -3 »",
        "ligne 4, colonne distance_km : distance non numérique « x »",
    ]


def test_many_errors_show_the_first_ones_and_count_all(fd_file):
    path = fd_file(set_column("IPONDI", "x", set(range(100, 400))))
    error = refused(path)
    assert error.total == 300
    assert len(error.problems) == MAX_ERRORS
    assert error.problems[0] == "ligne 100, colonne IPONDI : valeur non numérique « x »"
    assert error.problems[-1] == f"ligne {100 + MAX_ERRORS - 1}, colonne IPONDI : valeur non numérique « x »"
    assert f"… et {300 - MAX_ERRORS} autres erreurs non affichées." in str(error)
    assert str(error).startswith("Fichier « fd.csv » : 300 erreurs, rien n'a été importé.")


@pytest.mark.parametrize(
    "total, count, others",
    [(3, "3 erreurs", "… et 1 autre erreur non affichée."), (4, "4 erreurs", "… et 2 autres erreurs non affichées.")],
)
def test_the_summary_of_errors_agrees_in_number(total, count, others):
    message = str(FlowsInputError("fd.csv", ["ligne 2 : a", "ligne 3 : b"], total))
    assert message.startswith(f"Fichier « fd.csv » : {count}, rien n'a été importé.")
    assert message.endswith(others)


def test_errors_of_several_columns_come_in_file_order(fd_file):
    def edit(number, row):
        row = list(row)
        if number == 10:
            row[5] = "x"
        if number == 5:
            row[2] = "9"
        return row

    error = refused(fd_file(edit))
    assert [problem.split(",")[0] for problem in error.problems] == ["ligne 5", "ligne 10"]


def test_one_bad_line_at_the_very_end_refuses_the_whole_file(fd_file):
    path = fd_file(set_column("IPONDI", "??", {2150}))
    error = refused(path)
    assert error.problems == ["ligne 2150, colonne IPONDI : valeur non numérique « ?? »"]


def test_all_rows_excluded(tmp_path):
    path = write_rows(
        tmp_path / "etranger.csv", ["COMMUNE", "DCLT", "TRANS", "IPONDI"], [["01004", "99999", "5", "1"]]
    )
    assert "aucune ligne exploitable : toutes les lignes sont exclues (lieu de travail à l'étranger" in str(
        refused(path)
    )


def test_ragged_csv_line(tmp_path):
    path = tmp_path / "inegal.csv"
    path.write_text("COMMUNE;DCLT;TRANS;IPONDI\n01001;01001;5;3\n01001;01001;5;3;extra;more\n", encoding="utf-8")
    assert "ligne 3 : 6 champ(s) au lieu de 4 (séparateur « ; »)" in str(refused(path))


def test_unquoted_decimal_comma_in_a_comma_separated_file(tmp_path):
    path = tmp_path / "virgules.csv"
    path.write_text("COMMUNE,DCLT,TRANS,IPONDI\n01001,01001,5,3\n01001,01001,5,4,84\n", encoding="utf-8")
    error = str(refused(path))
    assert "ligne 3 : 5 champ(s) au lieu de 4 (séparateur « , ») (décimales à virgule sans guillemets" in error


def test_corrupt_parquet_and_parquet_errors_use_record_numbers(tmp_path):
    corrupt = tmp_path / "casse.parquet"
    corrupt.write_bytes(b"PAR1" + b"\0" * 100)
    assert "fichier Parquet illisible" in str(refused(corrupt))
    path = tmp_path / "fd.parquet"
    pl.DataFrame(
        {"COMMUNE": ["01001", "01001"], "DCLT": ["01001", "0100X"], "TRANS": [5, 5], "IPONDI": [1.0, -2.0]}
    ).write_parquet(path)
    error = refused(path)
    assert error.problems == [
        "enregistrement 2, colonne DCLT : code commune inconnu du référentiel COG « 0100X »",
        "enregistrement 2, colonne IPONDI : effectif négatif « -2.0 »",
    ]


def test_cli_reports_bad_input_in_french_on_stderr_with_code_2(fd_file):
    path = fd_file(set_column("IPONDI", "abc", {7}))
    for command in (
        ["data", "check-flows", str(path)],
        ["data", "convert", str(path), "--out", str(path) + ".parquet"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert "ligne 7, colonne IPONDI : valeur non numérique « abc »" in result.stderr
        assert result.stdout == ""


def test_a_windows_1252_file_is_read_and_its_values_reported_as_written(tmp_path):
    """Polars reads UTF-8 only: « vélo » typed in a French Excel export was reported as « v\ufffdlo »."""
    path = tmp_path / "flux.csv"
    path.write_text(
        "home;work;mode;workers;commentaire\n01001;01004;vélo;2;à vérifier\n01001;01004;voiture;3;été\n",
        encoding="cp1252",
    )
    error = refused(path)
    assert error.problems == [
        "ligne 2, colonne mode : mode inconnu « vélo » (modes attendus : aucun, marche, velo, moto, voiture, "
        "transports_en_commun)"
    ]
    path.write_text(path.read_text(encoding="cp1252").replace("vélo", "velo"), encoding="cp1252")
    assert read_flows(path).workers == 5


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf_16_export_is_refused_as_unreadable_text_not_for_its_columns(tmp_path, encoding):
    """A spreadsheet's « Unicode text » export read as Windows-1252: refused for columns « ÿþC O M M U N E »."""
    path = tmp_path / "flux.csv"
    path.write_text(FD_EXTRACT.read_text(encoding="utf-8"), encoding=encoding)
    error = refused(path)
    assert error.problems == [
        "Le fichier n'est pas un texte lisible (encodages acceptés : UTF-8 et Windows-1252). Depuis votre tableur, "
        "enregistrez-le au format « CSV UTF-8 » puis importez-le de nouveau."
    ]
