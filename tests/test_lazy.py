"""The `teletravail` command starts without loading the heavy libraries its sub-commands may need."""

import subprocess
import sys

import pytest

import teletravail.planning


def test_the_command_line_loads_no_solver_pdf_or_dataframe_library_at_start_up():
    code = (
        "import sys, teletravail.cli; "
        "print(sorted(m for m in ('ortools', 'fpdf', 'docx', 'pypdf', 'polars') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_public_names_load_on_first_use_and_unknown_names_still_fail():
    from teletravail.planning import solve
    from teletravail.planning.solver import solve as defined

    assert solve is defined and "solve" in dir(teletravail.planning)
    with pytest.raises(AttributeError, match="has no attribute 'solver_of_everything'"):
        teletravail.planning.solver_of_everything  # noqa: B018
