import csv
import io

from teletravail.apps.core.downloads import csv_download, file_download


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
    assert read_numbers == ["-12", "-3,5", "+1.25", "-1 234,5", "-2e3", "-4", "0.5"]
