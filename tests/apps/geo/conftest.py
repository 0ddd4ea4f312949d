import shutil
from pathlib import Path

import pytest

from teletravail.apps.geo.services import import_reference_geography


FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of the small valid data set, to be spoiled by a test."""
    target = tmp_path / "communes"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def geography(db):
    """The small valid data set (13 communes in 6 départements) imported."""
    return import_reference_geography(VALID)


def edit_csv(path, edit):
    """Rewrite a CSV file line by line: `edit(line_number, line)` returns the new line, or None to drop it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [new for number, line in enumerate(lines, start=1) if (new := edit(number, line)) is not None]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def line_of(path, prefix):
    """1-based number of the first line starting with `prefix`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"{prefix!r} absent de {path.name}")
