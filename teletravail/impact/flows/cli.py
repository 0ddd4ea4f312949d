"""`teletravail data …`: check and convert home-to-work flows files, build the synthetic national table.

Polars and NumPy are imported inside the commands: building the `teletravail` command stays fast.
Bad input: French message on stderr, exit code 2.
"""

import time
from pathlib import Path
from typing import Annotated

import typer

from teletravail.french import counted


data_app = typer.Typer(
    help="Navettes domicile-travail : vérifier et convertir des fichiers de flux, générer la table synthétique.",
    no_args_is_help=True,
)

# Bad data (as opposed to a bad command line, which typer reports with code 2 too).
DATA_ERROR = 2

SeparatorOption = Annotated[
    str | None,
    typer.Option("--separator", help="Séparateur du CSV (détecté d'après l'en-tête par défaut) : « ; », « , »…"),
]
UnknownOption = Annotated[
    bool,
    typer.Option(
        "--exclude-unknown-codes",
        help="Exclure (et compter) les lignes dont un code commune est absent du référentiel, "
        "au lieu de refuser le fichier.",
    ),
]


def _number(value, decimals=0):
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def _percent(value, decimals=1):
    return f"{_number(100 * value, decimals)} %"


def _err(message):
    typer.echo(message, err=True)


def _read(path, separator, exclude_unknown):
    from teletravail.impact.flows import FlowsInputError, read_flows
    from teletravail.uploads import UNBOUNDED

    try:
        return read_flows(
            path,
            separator=separator,
            unknown_codes="exclude" if exclude_unknown else "error",
            limits=UNBOUNDED,  # the operator's own file, national ones included: only uploads are bounded
        )
    except FlowsInputError as error:
        _err(str(error))
        raise typer.Exit(DATA_ERROR) from error


def _baseline_lines(baseline, national):
    """Summary lines; `national`: compare the yearly figures with the plan's (only for a national table)."""
    lines = [
        f"Actifs : {_number(baseline.workers)} ; dans leur commune : {_percent(baseline.same_commune_share)} ; "
        f"sans transport : {_percent(baseline.no_transport_share)}",
        f"Aller-retour moyen : {_number(baseline.mean_round_trip_km, 1)} km par jour",
        "Parts modales (actifs qui se déplacent) : "
        + ", ".join(f"{mode} {_percent(share)}" for mode, share in baseline.mode_shares.items()),
    ]
    days = f"par an ({_number(baseline.commuting_days_per_year)} jours de trajet)"
    if national:
        lines.append(
            f"Sans télétravail, {days} : {_number(baseline.km_per_year / 1e9, 1)} milliards de km "
            f"({_percent(baseline.km_error)} par rapport aux {_number(baseline.plan_km_per_year / 1e9)} du plan), "
            f"{_number(baseline.hours_per_year / 1e9, 2)} milliards d'heures ({_percent(baseline.hours_error)} "
            f"par rapport aux {_number(baseline.plan_hours_per_year / 1e9)} du plan), "
            f"{_number(baseline.fuel_litres_per_year / 1e9, 2)} milliards de litres de carburant "
            f"(le plan : {_number(baseline.plan_fuel_litres_per_year / 1e9)}), "
            f"{_number(baseline.co2_tonnes_per_year / 1e6, 1)} MtCO2e"
        )
    else:
        lines.append(
            f"Sans télétravail, {days} : {_number(baseline.km_per_year / 1e6, 2)} millions de km, "
            f"{_number(baseline.hours_per_year / 1e3, 1)} milliers d'heures, "
            f"{_number(baseline.fuel_litres_per_year / 1e3, 1)} milliers de litres de carburant, "
            f"{_number(baseline.co2_tonnes_per_year, 0)} tCO2e"
        )
    return lines


def _is_national(workers):
    from teletravail.impact.flows import flows_parameters

    return workers >= flows_parameters().target_workers / 2


@data_app.command("check-flows")
def check_flows(
    path: Annotated[Path, typer.Argument(help="Fichier de flux (CSV ou Parquet).")],
    separator: SeparatorOption = None,
    exclude_unknown: UnknownOption = False,
):
    """Vérifie un fichier de flux et affiche son résumé (lignes, actifs, exclusions, modes, distance)."""
    from teletravail.impact.flows import national_baseline

    start = time.perf_counter()
    table = _read(path, separator, exclude_unknown)
    meta = table.metadata
    baseline = national_baseline(table.flows)
    lines = [
        f"Fichier : {meta['source']} — {meta['layout_label']}"
        + (f", millésime {meta['vintage']}" if meta["vintage"] else ""),
    ]
    if meta["synthetic"]:
        lines.append("ATTENTION : table SYNTHÉTIQUE (aucune donnée de flux Insee).")
    lines += [
        f"Lignes lues : {_number(meta['rows_read'])} ; conservées : {_number(meta['rows_kept'])} ; "
        f"table standard : {_number(table.flows.height)} lignes",
        f"Actifs lus : {_number(meta['workers_read'], 1)} ; retenus : {_number(meta['workers'], 1)}",
    ]
    for reason, counts in meta["excluded"].items():
        workers = _number(counts["workers"], 1)
        lines.append(f"Exclues — {reason} : {counted(counts['rows'], 'ligne')}, {workers} actifs")
    if not meta["excluded"]:
        lines.append("Aucune ligne exclue.")
    lines.append(f"Mode : {meta['mode_source']} ({meta['mode_note']})")
    if meta["imputed_distance_rows"]:
        lines.append(
            f"Distances imputées (communes sans centroïde : {', '.join(meta['imputed_communes'])}) : "
            f"{counted(meta['imputed_distance_rows'], 'ligne')}, {_number(meta['imputed_distance_workers'], 1)} actifs"
        )
    lines.append(f"Distance moyenne (aller) : {_number(baseline.mean_round_trip_km / 2, 1)} km")
    lines += _baseline_lines(baseline, _is_national(baseline.workers))
    lines.append(f"Vérifié en {_number(time.perf_counter() - start, 2)} s.")
    typer.echo("\n".join(lines))


@data_app.command("convert")
def convert(
    path: Annotated[Path, typer.Argument(help="Fichier de flux (CSV ou Parquet, format Insee ou standard).")],
    out: Annotated[Path, typer.Option("--out", help="Fichier Parquet standard à écrire.")],
    separator: SeparatorOption = None,
    exclude_unknown: UnknownOption = False,
):
    """Convertit un fichier de flux au format standard (home, work, mode, workers, distance_km) en Parquet."""
    import json

    table = _read(path, separator, exclude_unknown)
    meta = table.metadata
    metadata = {
        "source": meta["source"],
        "layout": meta["layout"],
        "mode_source": meta["mode_source"],
        "mode_note": meta["mode_note"],
        "distance_note": meta["distance_note"],
        "excluded": json.dumps(meta["excluded"], ensure_ascii=False),
        "synthetic": "true" if meta["synthetic"] else "false",
    }
    if meta["synthetic"]:
        metadata["description"] = meta["file_metadata"].get("description", "table synthétique")
    out.parent.mkdir(parents=True, exist_ok=True)
    table.flows.write_parquet(out, metadata=metadata)
    typer.echo(
        f"{_number(table.flows.height)} lignes ({_number(table.workers, 1)} actifs) écrites dans {out}"
        + (" — table SYNTHÉTIQUE" if meta["synthetic"] else "")
    )


@data_app.command("synthesize-flows")
def synthesize_flows(
    out: Annotated[Path, typer.Option("--out", help="Fichier Parquet à écrire.")],
    seed: Annotated[int, typer.Option("--seed", help="Graine du tirage (même graine, même table).")] = 2026,
    rows: Annotated[
        int | None,
        typer.Option(
            "--rows", min=1000, help="Nombre de lignes visé (par défaut : 28,8 M actifs / poids moyen 3,246)"
        ),
    ] = None,
):
    """Génère la table nationale SYNTHÉTIQUE de navettes (format proche de FD_MOBPRO), calée sur le plan national."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from teletravail.impact.flows import national_baseline
    from teletravail.impact.flows.synthetic import synthesize, write_synthetic

    if out.suffix.lower() not in (".parquet", ".pq"):
        _err(f"--out {out} : l'extension doit être .parquet.")
        raise typer.Exit(DATA_ERROR)
    start = time.perf_counter()
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Préparation", total=None)

        def progress(description, completed=None, total=None):
            bar.update(task, description=description, completed=completed or 0, total=total)

        table = synthesize(rows=rows, seed=seed, progress=progress)
        progress("Écriture du fichier Parquet")
        write_synthetic(table, out)
    calibration = table.calibration
    baseline = national_baseline(table.frame)
    lines = [
        f"Table SYNTHÉTIQUE écrite : {out} ({_number(table.frame.height)} lignes, graine {seed}, "
        f"{_number(time.perf_counter() - start, 1)} s)",
        f"Modèle gravitaire calé : L = {_number(calibration.decay_km, 2)} km, "
        f"k = {_number(calibration.stay_factor, 2)} ; actifs à 2 km ou moins : "
        f"{_percent(calibration.workers_share_within_2km)}, à 5 km ou moins : "
        f"{_percent(calibration.workers_share_within_5km)}",
        *_baseline_lines(baseline, national=True),
    ]
    typer.echo("\n".join(lines))
