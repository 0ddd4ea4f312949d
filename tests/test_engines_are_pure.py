"""Engines must stay usable from a notebook: no Django import anywhere in their modules."""

import ast
from pathlib import Path

import pytest

import teletravail


PACKAGE = Path(teletravail.__file__).parent
ENGINES = [
    "parameters",
    "geo",
    "impact",
    "teleworkability",
    "documents",
    "charter",
    "planning",
    "uploads",
    "french",
    "places",
    "equality",
    "practices",
]


@pytest.mark.parametrize("engine", ENGINES)
def test_engine_imports_no_django(engine):
    offenders = []
    for path in (PACKAGE / engine).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in {"django", "ninja"}]
            offenders += [f"{path.name}: {name}" for name in names if name.startswith("teletravail.apps")]
    assert offenders == []
