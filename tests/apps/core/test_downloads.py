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
