"""`teletravail geo …`: load the reference geography, search communes, measure a distance.

Django is imported inside the commands only: building the `teletravail` command must not need the settings.
The `teletravail` command sets Django up before any of these commands runs (its group callback).
"""

import time
from pathlib import Path
from typing import Annotated

import typer


geo_app = typer.Typer(help="Géographie de référence (communes, départements, régions, EPCI).", no_args_is_help=True)


# Bad data (as opposed to a bad command line, which typer reports with code 2 too).
DATA_ERROR = 2
# The platform is set up but its reference geography is not loaded yet (see teletravail.cli.NOT_SET_UP).
NOT_LOADED = 3


@geo_app.command("load")
def load(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Dossier des quatre fichiers CSV (par défaut : les données fournies avec la plateforme).",
        ),
    ] = None,
):
    """Importe ou met à jour régions, départements, EPCI et communes (sans doublon, relançable)."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from teletravail.apps.geo.services import DEFAULT_DATA_DIR, GeoImportError, import_reference_geography

    start = time.perf_counter()
    console = Console(stderr=True)
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(_("Import de la géographie de référence"), total=None)

            def progress(description, completed, total):
                bar.update(task, description=description, completed=completed, total=total)

            report = import_reference_geography(data_dir or DEFAULT_DATA_DIR, progress=progress)
    except GeoImportError as exc:
        typer.echo(_("Import annulé, aucune donnée écrite :"), err=True)
        for line in exc.lines():
            typer.echo(f"- {line}", err=True)
        raise typer.Exit(code=DATA_ERROR) from exc
    for line in report.summary_lines():
        typer.echo(line)
    typer.echo(_("Import terminé en %(seconds)s s.") % {"seconds": number_format(time.perf_counter() - start, 1)})


@geo_app.command("search")
def search(
    text: Annotated[str, typer.Argument(help="Nom, partie de nom, code postal ou code INSEE.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=50, help="Nombre maximal de résultats.")] = 10,
):
    """Cherche des communes et affiche code INSEE, nom, codes postaux et population."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from teletravail.apps.geo.selectors import (
        INSEE_CODE,
        POSTAL_CODE,
        reference_geography_loaded,
        search_communes,
    )

    communes = search_communes(text, limit=limit)
    if not communes and not reference_geography_loaded():
        typer.echo(_("La géographie de référence n'est pas chargée : lancez « teletravail geo load »."), err=True)
        raise typer.Exit(code=NOT_LOADED)
    if not communes:
        typer.echo(_("Aucune commune trouvée."))
        raise typer.Exit(code=1)
    matches = {commune.matched_by for commune in communes}
    if {POSTAL_CODE, INSEE_CODE} <= matches:
        typer.echo(
            _("« %(code)s » est un code postal et aussi un code INSEE : choisissez la commune voulue.")
            % {"code": text.strip()}
        )
    how = {POSTAL_CODE: _("code postal"), INSEE_CODE: _("code INSEE")}
    for commune in communes:
        population = number_format(commune.population, force_grouping=True)
        matched = f"  ({how[commune.matched_by]})" if commune.matched_by in how else ""
        typer.echo(
            f"{commune.code}  {commune.label}  [{commune.postal_codes}]  "
            + _("%(n)s hab.") % {"n": population}
            + matched
        )


@geo_app.command("distance")
def distance(
    from_code: Annotated[str, typer.Argument(help="Code INSEE de la commune de départ.")],
    to_code: Annotated[str, typer.Argument(help="Code INSEE de la commune d'arrivée.")],
):
    """Distance à vol d'oiseau et distance routière estimée entre deux communes, avec la source du facteur."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from teletravail.apps.geo.selectors import MissingCoordinates, commune_by_code, distance_between

    communes = []
    for code in (from_code, to_code):
        commune = commune_by_code(code)
        if commune is None:
            typer.echo(_("Commune inconnue : %(code)s.") % {"code": code}, err=True)
            raise typer.Exit(code=DATA_ERROR)
        communes.append(commune)
    try:
        result = distance_between(*communes)
    except MissingCoordinates as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=DATA_ERROR) from exc

    def km(value):
        return number_format(value, decimal_pos=1, force_grouping=True)

    estimate = result.estimate
    source = estimate.detour_factor_source
    typer.echo(
        _("%(origin)s → %(destination)s") % {"origin": communes[0].label, "destination": communes[1].label},
    )
    typer.echo(_("À vol d'oiseau : %(km)s km") % {"km": km(estimate.great_circle_km)})
    typer.echo(
        _(
            "Par la route (estimation) : %(km)s km, entre %(low)s et %(high)s km "
            "(facteur de détour %(factor)s, de %(factor_low)s à %(factor_high)s)"
        )
        % {
            "km": km(estimate.road_km),
            "low": km(estimate.road_km_low),
            "high": km(estimate.road_km_high),
            "factor": number_format(estimate.detour_factor),
            "factor_low": number_format(estimate.detour_factor_low),
            "factor_high": number_format(estimate.detour_factor_high),
        }
    )
    line = _("Source du facteur de détour : %(title)s (%(date)s).") % {"title": source.title, "date": source.date}
    if source.to_verify:
        line += " " + _("Valeur à vérifier dans la publication d'origine.")
    typer.echo(line)
