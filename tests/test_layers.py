"""The layers of the code (docs/architecture.md): each part imports only from its own layer or those below.

engines → base apps → organisations → module apps → top. An app that is in no layer fails the test: a new module
says where it stands before it imports anything.
"""

import ast
from pathlib import Path

import teletravail


PACKAGE = Path(teletravail.__file__).parent
ENGINES = 0
BASE = 1
ORGANISATIONS = 2
MODULES = 3
TOP = 4
LAYER_NAMES = {ENGINES: "engines", BASE: "base apps", ORGANISATIONS: "organisations", MODULES: "modules", TOP: "top"}

# teletravail.<name>
PACKAGE_LAYERS = {
    "parameters": ENGINES,
    "geo": ENGINES,
    "impact": ENGINES,
    "teleworkability": ENGINES,
    "documents": ENGINES,
    "charter": ENGINES,
    "planning": ENGINES,
    "places": ENGINES,
    "lazy": ENGINES,
    "uploads": ENGINES,
    "french": ENGINES,
    "environment": ENGINES,
    "equality": ENGINES,
    "practices": ENGINES,
    "settings": TOP,
    "urls": TOP,
    "api": TOP,
    "cli": TOP,
    "wsgi": TOP,
}
# teletravail.apps.<name>
APP_LAYERS = {
    "accounts": BASE,
    "audit": BASE,
    "jobs": BASE,
    "geo": BASE,
    "core": BASE,
    "organisations": ORGANISATIONS,
    "notifications": ORGANISATIONS,
    "apitokens": ORGANISATIONS,
    "simulator": MODULES,
    "planner": MODULES,
    "diagnostic": MODULES,
    "charters": MODULES,
    "places": MODULES,
    "actionplan": MODULES,
    "equality": MODULES,
    "practices": MODULES,
    "telework_requests": MODULES,
    "home": TOP,
}


def layer_of(module):
    """The layer of a dotted module name of the project; None outside the project or for the package itself."""
    parts = module.split(".")
    if parts[0] != "teletravail" or len(parts) == 1:
        return None  # `from teletravail import __version__` reads the package's own metadata
    if parts[1] == "apps":
        return APP_LAYERS[parts[2]] if len(parts) > 2 else None
    return PACKAGE_LAYERS[parts[1]]


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_every_part_of_the_project_is_in_a_layer():
    apps = {path.name for path in (PACKAGE / "apps").iterdir() if (path / "__init__.py").is_file()}
    packages = {path.stem for path in PACKAGE.iterdir() if path.suffix == ".py" or (path / "__init__.py").is_file()}
    assert apps - set(APP_LAYERS) == set()
    assert packages - set(PACKAGE_LAYERS) - {"__init__", "apps"} == set()


def test_no_import_goes_up_the_layers():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        own = layer_of(module_name(path))
        if own is None:
            continue
        for imported in imported_modules(path):
            target = layer_of(imported)
            if target is not None and target > own:
                where = path.relative_to(PACKAGE.parent)
                offenders.append(f"{where} ({LAYER_NAMES[own]}) imports {imported} ({LAYER_NAMES[target]})")
    assert offenders == []


def test_the_layering_test_sees_an_import_that_goes_up(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text("from teletravail.apps.home.views import journey\nimport teletravail.apps.planner\n")
    assert [layer_of(name) for name in imported_modules(source)] == [TOP, MODULES]
    assert layer_of("teletravail.apps.organisations.journey") == ORGANISATIONS
    assert layer_of("teletravail.geo.maps") == ENGINES  # pure geometry, beside the geo engine
    assert layer_of("django.db") is None


def test_python_code_calls_the_helpers_a_template_tag_wraps_not_the_tag_module():
    """A tag module is how templates reach a helper; views, services and reports import the helper itself (the
    writing of `core.language`, the charts of `core.charts`…), so that the tags stay thin wrappers."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)} imports {imported}"
        for path in PACKAGE.rglob("*.py")
        if "templatetags" not in path.parts
        for imported in imported_modules(path)
        if ".templatetags" in imported
    ]
    assert offenders == []
