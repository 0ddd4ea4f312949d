from datetime import date

import pytest

from teletravail.charter.assembly import assemble, render
from teletravail.charter.options import default_options


WHEN = date(2026, 9, 1)


@pytest.fixture(scope="session")
def default_charters():
    """The --defaults document of each sector, assembled once."""
    return {sector: assemble(default_options(sector, has_cse=False), when=WHEN) for sector in ("prive", "public")}


@pytest.fixture(scope="session")
def default_markdown(default_charters):
    return {sector: render(charter.document, "md") for sector, charter in default_charters.items()}
