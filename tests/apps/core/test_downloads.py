import csv
import io

import openpyxl

from teletravail.apps.core.downloads import csv_cell, csv_download, file_download, sheet_title, xlsx_bytes, xlsx_cell


def test_csv_download_is_what_french_spreadsheets_open():
    response = csv_download([["commune", "équipe"], ["Saint-Étienne", "Compta; paie"]], "communes-été.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''communes-%C3%A9t%C3%A9.csv"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["commune", "équipe"], ["Saint-Étienne", "Compta; paie"]]


def test_file_download_names_an_ascii_file_plainly():
    response = file_download(b"%PDF", "rapport.pdf", "application/pdf")
    assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
    assert response.content == b"%PDF"


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted_numbers_are_not():
    cells = ['=HYPERLINK("http://x")', "+33 6 12", "-2+3", "@SUM(A1)", "\tTab", "\rRetour", "Dupont", ""]
    numbers = ["-12", "-3,5", "+1.25", "-1 234,5", "-2e3", -4, 0.5]
    response = csv_download([cells, numbers], "export.csv")
    (read_cells, read_numbers) = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert read_cells == [
        '\'=HYPERLINK("http://x")',
        "'+33 6 12",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTab",
        "'\rRetour",
        "Dupont",
        "",
    ]
    assert read_numbers == ["-12", "-3,5", "+1.25", "-1 234,5", "-2e3", "-4", "0,5"]


def test_csv_numbers_have_a_decimal_comma_without_float_noise_nor_scientific_notation():
    response = csv_download([["a", "b", "c", "d"], [0.1 + 0.2, 1e-05, 1234.5, 12]], "export.csv")
    (_header, row) = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert row == ["0,3", "0,00001", "1234,5", "12"]


def test_sheet_titles_are_what_excel_accepts_and_never_twice_the_same():
    assert sheet_title("Support N1/N2") == "Support N1-N2"
    assert sheet_title("[Équipe]: A?") == "(Équipe)- A"
    assert sheet_title("Paie\x01 *RH* \\ 2") == "Paie -RH- - 2"
    assert sheet_title("'Compta'") == "Compta"
    assert sheet_title("\x01 ?") == "Feuille"
    assert sheet_title("x" * 40) == "x" * 31
    assert sheet_title("Compta", taken=["compta", "Compta (2)"]) == "Compta (3)"
    assert sheet_title("y" * 40, taken=["y" * 31]) == "y" * 27 + " (2)"


def test_xlsx_cells_are_protected_like_csv_cells_and_lose_the_characters_xml_refuses():
    cells = ['=HYPERLINK("http://x","y")', "\x01=1+1", "Dupont\x0b", "-12", "Tab\tok", 3.5, None]
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([["nom"] * 7, cells], title="Équipe")))
    row = list(workbook["Équipe"].iter_rows(min_row=2))[0]
    assert [cell.value for cell in row] == [
        '\'=HYPERLINK("http://x","y")',
        "'=1+1",
        "Dupont",
        "-12",
        "Tab\tok",
        3.5,
        None,
    ]
    assert all(cell.data_type != "f" for cell in row)
    assert [csv_cell(value) for value in cells[:1]] == [xlsx_cell(cells[0])]
