"""`teletravail places …`: import telework places from the bundled CGET 2019 list, a CSV file in the platform's
schema or an OpenStreetMap (Overpass JSON) extract.

Django is imported inside the commands only (see teletravail.apps.geo.cli).
"""

import enum
import time
from pathlib import Path
from typing import Annotated

import typer


places_app = typer.Typer(help="Lieux de télétravail (tiers-lieux, coworkings…).", no_args_is_help=True)

DATA_ERROR = 2


class Source(enum.StrEnum):
    cget2019 = "cget2019"


class Format(enum.StrEnum):
    csv = "csv"
    osm = "osm"


@places_app.command("import")
def import_command(
    file: Annotated[Path | None, typer.Argument(help="Fichier à importer (CSV du schéma ou JSON Overpass).")] = None,
    source: Annotated[
        Source | None, typer.Option("--source", help="Source fournie avec la plateforme (cget2019).")
    ] = None,
    file_format: Annotated[Format | None, typer.Option("--format", help="Format du fichier : csv ou osm.")] = None,
):
    """Importe des lieux (relançable : un lieu déjà importé est mis à jour, jamais dupliqué)."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from teletravail.apps.geo.selectors import reference_geography_loaded
    from teletravail.apps.places.presentation import report_lines
    from teletravail.apps.places.services import import_places
    from teletravail.places.readers import PlacesFileError, read_cget2019, read_overpass_json, read_schema_csv

    if (file is None) == (source is None):
        typer.echo(_("Indiquez soit un fichier (avec --format), soit --source cget2019."), err=True)
        raise typer.Exit(code=DATA_ERROR)
    if file is not None and file_format is None:
        typer.echo(_("Indiquez le format du fichier : --format csv ou --format osm."), err=True)
        raise typer.Exit(code=DATA_ERROR)
    if not reference_geography_loaded():
        typer.echo(_("La géographie de référence n'est pas chargée : lancez « teletravail geo load »."), err=True)
        raise typer.Exit(code=DATA_ERROR)
    start = time.perf_counter()
    try:
        if source is not None:
            rows = list(read_cget2019())
        else:
            try:
                data = file.read_bytes()
            except OSError as exc:
                typer.echo(_("Fichier illisible : %(file)s.") % {"file": file}, err=True)
                raise typer.Exit(code=DATA_ERROR) from exc
            reader = read_schema_csv if file_format == Format.csv else read_overpass_json
            rows = list(reader(data))
    except PlacesFileError as exc:
        typer.echo(_("Import annulé, aucune donnée écrite : %(reason)s") % {"reason": exc}, err=True)
        raise typer.Exit(code=DATA_ERROR) from exc
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(_("Import des lieux"), total=len(rows))
        report = import_places(rows, progress=lambda done, total: bar.update(task, completed=done))
    for line in report_lines(report):
        typer.echo(line)
    typer.echo(_("Import terminé en %(seconds)s s.") % {"seconds": number_format(time.perf_counter() - start, 1)})


@places_app.command("export")
def export_command(
    directory: Annotated[Path, typer.Argument(help="Dossier où écrire le CSV, son schéma et datapackage.json.")],
):
    """Exporte les lieux publiés en données ouvertes (CSV, Table Schema, datapackage.json)."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from teletravail.apps.places.selectors import open_data_rows
    from teletravail.places.export import package_files

    directory.mkdir(parents=True, exist_ok=True)
    for name, text in package_files(open_data_rows(), timezone.now()).items():
        (directory / name).write_text(text, encoding="utf-8")
    typer.echo(_("Données ouvertes écrites dans %(directory)s.") % {"directory": directory})
