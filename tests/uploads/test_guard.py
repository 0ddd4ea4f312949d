"""The shared guard on uploaded files: limits read from uploads.yaml, rows stopped at the first one too many,
archives judged by their directory."""

import io
import itertools
import zipfile

import pytest

from teletravail.uploads import (
    CELLS,
    COLUMNS,
    ENTRIES,
    KINDS,
    RATIO,
    ROWS,
    SECONDS,
    UNBOUNDED,
    UNPACKED,
    Deadline,
    UploadLimitError,
    UploadLimits,
    bounded_rows,
    check_archive,
    check_declared_size,
    upload_limits,
)


SMALL = UploadLimits(rows=3, columns=4, cells=10, seconds=60, unpacked_bytes=1000, archive_entries=3)


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_upload_has_its_limits_in_the_parameter_file(kind):
    limits = upload_limits(kind)
    assert limits.rows >= 1000 and limits.columns >= 10 and limits.cells >= limits.rows
    # Read within a request, except the territory page's flows file, read by a job (its bound is checked against the
    # job's lease in tests/apps/simulator/test_territory_jobs.py).
    assert 0 < limits.seconds <= (600 if kind == "flows_file_job" else 60)
    assert limits.archive_entries >= 100 and limits.compression_ratio >= 20


def test_only_compressed_kinds_have_an_unpacked_size():
    # A member import may be an XLSX workbook, read by the shared table reader: it is bounded like a staff file.
    assert upload_limits("member_import").unpacked_bytes == 20 * 1024 * 1024
    assert upload_limits("staff_file").unpacked_bytes == 100 * 1024 * 1024
    with pytest.raises(ValueError, match="ne portent pas sur des archives"):
        check_archive(zipped({"a.xml": b"<a/>"}), UploadLimits(rows=10, columns=10, cells=100, seconds=10))


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Type de fichier inconnu"):
        upload_limits("photo")


def test_rows_pass_until_the_first_one_beyond_a_limit_and_the_header_is_not_a_row():
    rows = [("a", "b"), ("1", "2"), ("3", "4"), ("5", "6")]
    assert list(bounded_rows(rows, SMALL, Deadline(60))) == rows  # header + 3 data rows
    consumed = []
    source = (consumed.append(n) or ("x",) for n in itertools.count())  # endless: only a limit stops it
    with pytest.raises(UploadLimitError, match="le fichier dépasse 3 lignes, la limite de la plateforme") as error:
        list(bounded_rows(source, SMALL, Deadline(60)))
    assert (error.value.measure, error.value.limit) == (ROWS, 3)
    assert len(consumed) == 5  # header, three rows, and the one too many: no more is read


@pytest.mark.parametrize(
    ("rows", "measure", "message"),
    [
        ([("a",) * 5], COLUMNS, "le fichier dépasse 4 colonnes"),
        ([("a",) * 4, ("b",) * 4, ("c",) * 4], CELLS, "le fichier dépasse 10 cellules"),
    ],
)
def test_columns_and_cells_are_bounded_as_the_rows_come(rows, measure, message):
    with pytest.raises(UploadLimitError, match=message) as error:
        list(bounded_rows(rows, SMALL, Deadline(60)))
    assert error.value.measure == measure


def test_a_reader_past_its_deadline_stops_with_the_time_limit_named():
    ticks = iter([0.0, 1.0, 2.0, 31.0])
    deadline = Deadline(30, clock=lambda: next(ticks))
    rows = bounded_rows([("a",), ("b",), ("c",)], UNBOUNDED, deadline)
    assert next(rows) == ("a",) and next(rows) == ("b",)
    with pytest.raises(UploadLimitError, match="la lecture du fichier dépasse 30 secondes") as error:
        next(rows)
    assert error.value.measure == SECONDS


def test_declared_sizes_are_refused_before_reading():
    check_declared_size(3, 3, SMALL)  # 9 cells
    with pytest.raises(UploadLimitError, match="le fichier dépasse 1\u202f048\u202f576 lignes"):
        check_declared_size(2_000_000, 3, UploadLimits(rows=1_048_576, columns=10, cells=10**9, seconds=1))
    with pytest.raises(UploadLimitError, match="dépasse 4 colonnes"):
        check_declared_size(1, 16_384, SMALL)
    with pytest.raises(UploadLimitError, match="dépasse 10 cellules"):
        check_declared_size(3, 4, SMALL)


def test_nothing_bounds_the_operators_own_files():
    check_declared_size(10**12, 10**6, UNBOUNDED)
    assert UNBOUNDED.rows_within(30) is None
    assert upload_limits("flows_file").rows_within(100) == 400_000  # 40 million cells of 100 columns


@pytest.mark.parametrize(
    ("members", "measure", "message"),
    [
        ({f"m{n}.xml": b"<a/>" for n in range(4)}, ENTRIES, "l'archive contient plus de 3 éléments"),
        ({"sheet.xml": bytes(1001)}, UNPACKED, "le fichier dépasse 0 Mo une fois décompressé"),
        ({"sheet.xml": bytes(900)}, RATIO, "se décompresse en plus de 2 fois sa taille"),
    ],
)
def test_an_archive_is_judged_by_its_directory(members, measure, message):
    limits = UploadLimits(**{**SMALL.__dict__, "compression_ratio": 2})
    with pytest.raises(UploadLimitError, match=message) as error:
        check_archive(zipped(members), limits)
    assert error.value.measure == measure


def test_a_plain_archive_passes():
    check_archive(zipped({"a.xml": b"<a/>", "b.xml": b"<b/>"}), SMALL)
