import csv
from collections import defaultdict
from pathlib import Path

import pytest

import teletravail


MOBPRO = Path(teletravail.__file__).parent / "data" / "mobpro"
FD_EXTRACT = MOBPRO / "fd_mobpro_2021_extrait_01001-01004.csv"
FLUX_EXTRACT = MOBPRO / "flux_domicile_travail_2021_extrait_01001-01004.csv"
FLUX_BY_MODE_EXTRACT = MOBPRO / "flux_domicile_travail_par_mode_2021_extrait_01001-01004.csv"


def read_rows(path, separator=";"):
    """The rows of a bundled extract with the standard library only (independent of the reader)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=separator))


def write_rows(path, header, rows, separator=";"):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=separator, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def totals_by(rows, keys, weight):
    result = defaultdict(float)
    for row in rows:
        result[tuple(row[key] for key in keys)] += float(row[weight].replace(",", "."))
    return dict(result)


@pytest.fixture
def fd_rows():
    return read_rows(FD_EXTRACT)


@pytest.fixture
def fd_header():
    with FD_EXTRACT.open(encoding="utf-8") as handle:
        return handle.readline().strip().split(";")


@pytest.fixture
def fd_file(tmp_path, fd_header, fd_rows):
    """A copy of the FD extract that a test can edit: make(edit) → path, edit(line_number, row) → row."""

    def make(edit=None, name="fd.csv", separator=";", header=None):
        rows = []
        for number, row in enumerate(fd_rows, start=2):
            values = [row[column] for column in fd_header]
            rows.append(edit(number, values) if edit else values)
        return write_rows(tmp_path / name, header or fd_header, rows, separator)

    return make
