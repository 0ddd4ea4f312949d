"""A staff file beyond the limits of uploads.yaml is refused before the work, quickly and in little memory."""

from dataclasses import replace

import pytest

from teletravail.impact import ImpactInputError
from teletravail.impact.employer import read_staff
from teletravail.impact.params import ImpactParameters
from teletravail.uploads import UploadLimits, upload_limits
from tests.uploads.bombs import STAFF_HEADER, measured, staff_rows, workbook_with_rows


@pytest.fixture(scope="module")
def params():
    return ImpactParameters.load(when="2026-11-01")


def test_a_workbook_of_half_a_million_identical_rows_is_refused_from_its_directory(params):
    """146 KB that unpack to 41 MB of rows: read in full before (about 2 min and 400 MB for the process)."""
    bomb = workbook_with_rows(STAFF_HEADER + staff_rows(500_000, numbered=False))
    assert len(bomb) < 150_000
    with (
        measured() as cost,
        pytest.raises(
            ImpactInputError,
            match="^Fichier du personnel : le fichier se décompresse en plus de 100 fois sa taille, la limite de la "
            "plateforme.$",
        ),
    ):
        read_staff(bomb, params)
    assert cost.seconds < 2 and cost.peak_mb < 10


def test_a_declared_height_beyond_the_limit_is_refused_before_any_row(params):
    """300,000 numbered rows compress like real data (3.3 MB, under the form's 5 MB): their <dimension> is enough to
    refuse them."""
    workbook = workbook_with_rows(STAFF_HEADER + staff_rows(300_000), dimension="A1:C300001")
    assert len(workbook) < 5 * 1024 * 1024
    with (
        measured() as cost,
        pytest.raises(ImpactInputError, match="le fichier dépasse 100\u202f000 lignes, la limite de la plateforme"),
    ):
        read_staff(workbook, params)
    assert cost.seconds < 2 and cost.peak_mb < 10


def test_rows_beyond_the_limit_stop_the_reader_when_no_size_is_declared(params):
    """Without <dimension> the rows are streamed and the reader stops at the first one too many (here with a limit of
    2,000 rows, so that the test stays short): the other 298,000 are never parsed."""
    workbook = workbook_with_rows(STAFF_HEADER + staff_rows(300_000))
    limits = replace(upload_limits("staff_file"), rows=2000)
    with measured() as cost, pytest.raises(ImpactInputError, match="le fichier dépasse 2\u202f000 lignes"):
        read_staff(workbook, params, limits=limits)
    assert cost.seconds < 10 and cost.peak_mb < 20


def test_a_declared_width_that_would_pad_every_row_is_refused_before_any_row(params):
    """openpyxl pads each row to the width of <dimension>: 20 KB declaring 16,384 columns over 3,000 rows made 49
    million cells (11 s, 440 MB) before."""
    rows = b"".join(b'<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (line, line) for line in range(2, 3001))
    bomb = workbook_with_rows(STAFF_HEADER + rows, dimension="A1:XFD3000")
    with measured() as cost, pytest.raises(ImpactInputError, match="le fichier dépasse 50 colonnes"):
        read_staff(bomb, params)
    assert cost.seconds < 2 and cost.peak_mb < 10


def test_a_workbook_within_the_limits_is_read(params):
    workbook = workbook_with_rows(STAFF_HEADER + staff_rows(1000), dimension="A1:C1001")
    assert len(read_staff(workbook, params)) == 1000


def test_a_csv_staff_file_is_bounded_too(params):
    header = ";".join(["distance_km", "mode", "jours_teletravail"] + [f"note_{n}" for n in range(48)])
    with pytest.raises(ImpactInputError, match="^Fichier du personnel : le fichier dépasse 50 colonnes"):
        read_staff(header + "\n12;velo;2\n", params)
    small = UploadLimits(rows=2, columns=10, cells=100, seconds=60)
    text = "distance_km;mode;jours_teletravail\n" + "12;velo;2\n" * 3
    with pytest.raises(ImpactInputError, match="le fichier dépasse 2 lignes"):
        read_staff(text, params, limits=small)
    assert len(read_staff(text, params, limits=UploadLimits(rows=3, columns=10, cells=100, seconds=60))) == 3


def test_reading_past_the_time_limit_is_refused(params):
    no_time = UploadLimits(rows=10, columns=10, cells=100, seconds=0)
    with pytest.raises(ImpactInputError, match="la lecture du fichier dépasse 0 secondes"):
        read_staff("distance_km;mode;jours_teletravail\n12;velo;2\n", params, limits=no_time)


def test_a_csv_field_larger_than_the_csv_module_accepts_is_a_french_error(params):
    """A 200 KB cell made csv.Error escape the reader (a server error on the page)."""
    text = "distance_km;mode;jours_teletravail\n12;velo;2\n" + '"' + "x" * 200_000 + '";velo;2\n'
    with pytest.raises(ImpactInputError, match="Fichier du personnel, ligne 3 : la ligne est mal formée"):
        read_staff(text, params)


def test_a_huge_csv_field_is_refused_even_when_another_library_raised_the_csv_module_bound(params):
    """frictionless raises the process-wide csv bound on import: the cell was then read and echoed whole (200 KB) in
    the number error; the reader sets its own bound for each read."""
    import csv
    import sys

    bound = csv.field_size_limit(sys.maxsize)
    try:
        text = "distance_km;mode;jours_teletravail\n12;velo;2\n" + '"' + "x" * 200_000 + '";velo;2\n'
        with pytest.raises(ImpactInputError, match="Fichier du personnel, ligne 3 : la ligne est mal formée"):
            read_staff(text, params)
    finally:
        csv.field_size_limit(bound)
