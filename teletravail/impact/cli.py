"""`teletravail simulate …` (impact simulator) and `teletravail params …` (open data of the parameters).

No database: communes are read from the bundled reference file. Bad input exits with code 2 and a French
message naming the field (or the line of a file) on stderr.
"""

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from teletravail.french import significant
from teletravail.impact.errors import ImpactInputError


DATA_ERROR = 2
FORMATS = ("json", "csv", "table")
# The territory scenario's fields and the options that set them, named in its error messages.
SCENARIO_OPTIONS = {
    "telework_days_per_week": "--telework-days",
    "adoption": "--adoption",
    "teleworkable_share": "--teleworkable-share",
    "office_days_per_week": "--office-days",
}

simulate_app = typer.Typer(
    help="Simulateur d'impact du télétravail : personne, employeur, territoire.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
params_app = typer.Typer(
    help="Paramètres datés et sourcés des moteurs : liste et export (données ouvertes).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


# --- Shared options -------------------------------------------------------------------------------------------

MethodOption = Annotated[
    str, typer.Option("--method", help="default (méthode de la plateforme) ou impactco2 (calcul d'ADEME Impact CO2).")
]
FormatOption = Annotated[str, typer.Option("--format", help="json, csv ou table.")]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="Remplace un paramètre pour cette simulation : --set nom=valeur (répétable)."),
]
MonteCarloOption = Annotated[
    str | None, typer.Option("--monte-carlo", help="Nombre de tirages Monte Carlo (p5, p50, p95 de chaque effet).")
]
SeedOption = Annotated[str | None, typer.Option("--seed", help="Graine du tirage (reproductible).")]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Date des paramètres en vigueur, AAAA-MM-JJ (par défaut : aujourd'hui).")
]


def _fail(exc, options=None):
    """Print each problem and exit; `options` ({field label: option}) adds the option named by a label."""
    for line in exc.lines():
        for label, option in (options or {}).items():
            line = line.replace(f"« {label} »", f"« {label} » ({option})")
        typer.echo(f"Erreur : {line}", err=True)
    raise typer.Exit(code=DATA_ERROR)


def _overrides(values):
    overrides = {}
    for item in values or []:
        name, separator, value = item.partition("=")
        if not separator or not name.strip():
            raise ImpactInputError(f"« --set » : la forme nom=valeur est attendue, « {item} » trouvé.")
        overrides[name.strip()] = value.strip()
    return overrides


def _integer(value, option, default=0):
    if value is None:
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ImpactInputError(f"« {option} » : un nombre entier est attendu, « {value} » trouvé.") from None
    if number < 0:
        raise ImpactInputError(f"« {option} » : un nombre positif ou nul est attendu, « {value} » trouvé.")
    return number


def _check_format(value, allowed=FORMATS):
    if value not in allowed:
        raise ImpactInputError(f"« --format » : « {value} » inconnu (valeurs possibles : {', '.join(allowed)}).")
    return value


def _params(date, sets, method):
    from teletravail.impact.params import ImpactParameters

    return ImpactParameters.load(when=date, overrides=_overrides(sets), method=method)


# --- Output ---------------------------------------------------------------------------------------------------


def _emit(data, output_format, rows_title="Effets"):
    if output_format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    percentiles = (data.get("uncertainty") or {}).get("percentiles") or {}
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        header = ["effet", "libelle", "valeur", "unite"] + (["p5", "p50", "p95"] if percentiles else [])
        writer.writerow(header)
        for effect in data["effects"]:
            row = [effect["name"], effect["label"], repr(effect["value"]), effect["unit"]]
            if percentiles:
                spread = percentiles.get(effect["name"], {})
                row += [spread.get(key, "") for key in ("p5", "p50", "p95")]
            writer.writerow(row)
        typer.echo(buffer.getvalue(), nl=False)
        return
    lines = [f"Simulation {data['level']} — méthode {data['method']}, paramètres au {data['date']}", ""]
    width = max(len(effect["label"]) for effect in data["effects"])
    lines.append(rows_title)
    for effect in data["effects"]:
        text = f"  {effect['label']:<{width}}  {significant(effect['value']):>14} {effect['unit']}"
        spread = percentiles.get(effect["name"])
        if spread:
            text += f"  (90 % des tirages : {significant(spread['low'])} – {significant(spread['high'])})"
        lines.append(text)
    if percentiles:
        uncertainty = data["uncertainty"]
        lines += ["", f"Incertitude : {uncertainty['draws']} tirages PERT, graine {uncertainty['seed']}."]
    to_verify = sum(1 for parameter in data["parameters"] if parameter["source"]["to_verify"])
    lines += [
        "",
        f"{len(data['parameters'])} paramètres utilisés, dont {to_verify} de source secondaire "
        "(--format json pour les sources).",
    ]
    for top, title in (
        ("top_gainers", "Communes qui gagnent le plus"),
        ("top_losers", "Communes qui perdent le plus"),
    ):
        if data.get(top):
            lines += ["", f"{title} (jours de présence par an, population de jour) :"]
            for row in data[top]:
                lines.append(
                    f"  {row['commune']:<6} {significant(row['net_presence_days_per_year']):>14} j"
                    f"  {significant(row['net_daytime_population']):>10} pers."
                )
    for warning in data.get("warnings") or []:
        lines.append(f"Attention : {warning}")
    if data.get("uncertain_professions"):
        lines += [
            "",
            "Intitulés de poste à confirmer (salariés non codés ; indiquez le code PCS 2020 dans le fichier) :",
        ]
        for item in data["uncertain_professions"]:
            choices = " ; ".join(f"{c['pcs2020']} {c['label']}" for c in item["candidates"]) or "aucune profession"
            lines.append(f"  « {item['title']} » (lignes {', '.join(map(str, item['lines']))}) : {choices}")
    typer.echo("\n".join(lines))


# --- simulate person ------------------------------------------------------------------------------------------


@simulate_app.command("person")
def person(
    distance_km: Annotated[
        str | None, typer.Option("--distance-km", help="Distance aller domicile-travail (km).")
    ] = None,
    home: Annotated[str | None, typer.Option("--home", help="Code INSEE de la commune de domicile.")] = None,
    work: Annotated[str | None, typer.Option("--work", help="Code INSEE de la commune de travail.")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="Mode de transport (voiture_thermique, bus…).")] = None,
    telework_days: Annotated[
        str | None, typer.Option("--telework-days", help="Jours de télétravail par semaine.")
    ] = None,
    office_days: Annotated[
        str | None,
        typer.Option("--office-days", help="Jours au bureau par semaine (par défaut : le reste de la semaine)."),
    ] = None,
    round_trip_minutes: Annotated[
        str | None, typer.Option("--round-trip-minutes", help="Temps de trajet aller-retour (minutes), facultatif.")
    ] = None,
    cv: Annotated[
        str | None, typer.Option("--cv", help="Puissance fiscale du véhicule (barème kilométrique).")
    ] = None,
    desk_sharing: Annotated[
        bool, typer.Option("--desk-sharing", help="L'employeur partage les bureaux (flex office).")
    ] = False,
    allowance: Annotated[
        str | None, typer.Option("--allowance", help="Indemnité de télétravail perçue par jour (€).")
    ] = None,
    method: MethodOption = "default",
    output_format: FormatOption = "json",
    sets: SetOption = None,
    monte_carlo: MonteCarloOption = None,
    seed: SeedOption = None,
    date: DateOption = None,
):
    """Effets annuels du télétravail pour une personne."""
    from teletravail.impact.person import simulate_person

    try:
        _check_format(output_format)
        params = _params(date, sets, method)
        if distance_km is None and not (home or work):
            raise ImpactInputError("« --distance-km » : indiquez la distance aller, ou --home et --work.")
        if distance_km is not None and (home or work):
            raise ImpactInputError("« --distance-km » : indiquez la distance OU les communes --home et --work.")
        if distance_km is None:
            from teletravail.impact.communes import commute_distance

            if not home or not work:
                missing = "--home" if not home else "--work"
                raise ImpactInputError(f"« {missing} » : code commune INSEE manquant.")
            distance_km = commute_distance(home, work, params.when, home_field="--home", work_field="--work").road_km
        if telework_days is None:
            raise ImpactInputError("« --telework-days » : valeur manquante.")
        raw = {
            "distance_km": distance_km,
            "mode": mode,
            "telework_days": telework_days,
            "work_commune": work,
            "office_days": office_days,
            "round_trip_minutes": round_trip_minutes,
            "car_cv": cv,
            "moto_cv": cv,
            "desk_sharing": desk_sharing,
            "allowance_eur_per_day": allowance,
        }
        labels = {
            "distance_km": "--distance-km",
            "mode": "--mode",
            "telework_days": "--telework-days",
            "office_days": "--office-days",
            "round_trip_minutes": "--round-trip-minutes",
            "car_cv": "--cv",
            "moto_cv": "--cv",
            "allowance_eur_per_day": "--allowance",
        }
        result = simulate_person(
            raw,
            params,
            monte_carlo=_integer(monte_carlo, "--monte-carlo"),
            seed=_integer(seed, "--seed", None),
            labels=labels,
        )
    except ImpactInputError as exc:
        _fail(exc)
    _emit(result.as_dict(), output_format)


# --- simulate employer ----------------------------------------------------------------------------------------


@simulate_app.command("employer")
def employer(
    staff: Annotated[
        Path | None,
        typer.Option(
            "--staff",
            help="Fichier du personnel, CSV ou XLSX : distance_km ou commune_domicile (+ commune_travail), mode, "
            "jours_teletravail, jours_bureau ; facultatifs : salaire_brut_annuel, profession (code PCS 2020 ou "
            "intitulé).",
        ),
    ] = None,
    work_commune: Annotated[
        str | None, typer.Option("--work-commune", help="Code INSEE du site, quand le fichier n'a pas de colonne.")
    ] = None,
    desks: Annotated[
        str | None, typer.Option("--desks", help="Postes de travail actuels (par défaut : un par salarié).")
    ] = None,
    desk_sharing_ratio: Annotated[
        str | None,
        typer.Option("--desk-sharing-ratio", help="Postes par salarié après partage des bureaux (ex. 0,8)."),
    ] = None,
    workstation_cost: Annotated[
        str | None, typer.Option("--workstation-cost", help="Coût annuel d'un poste de travail (€).")
    ] = None,
    absence_days: Annotated[
        str | None, typer.Option("--absence-days", help="Jours (calendaires) d'absence par salarié et par an.")
    ] = None,
    turnover_rate: Annotated[
        str | None, typer.Option("--turnover-rate", help="Part des salariés qui partent chaque année (ex. 0,12).")
    ] = None,
    allowance: Annotated[
        str | None, typer.Option("--allowance", help="Indemnité de télétravail par jour de télétravail (€).")
    ] = None,
    setup_cost: Annotated[
        str | None, typer.Option("--setup-cost", help="Coût de mise en place par télétravailleur (€, une fois).")
    ] = None,
    method: MethodOption = "default",
    output_format: FormatOption = "json",
    sets: SetOption = None,
    monte_carlo: MonteCarloOption = None,
    seed: SeedOption = None,
    date: DateOption = None,
):
    """Effets annuels du télétravail pour un employeur et son personnel."""
    from teletravail.impact.employer import EmployerInput, read_staff, simulate_employer

    try:
        _check_format(output_format)
        if staff is None:
            raise ImpactInputError("« --staff » : fichier du personnel manquant.")
        if not staff.is_file():
            raise ImpactInputError(f"« --staff » : fichier introuvable « {staff} ».")
        overrides = _overrides(sets)
        for option, name, value in (
            ("--workstation-cost", "workstation_cost_eur_per_year", workstation_cost),
            ("--absence-days", "absence_days_per_employee_per_year", absence_days),
            ("--turnover-rate", "turnover_rate_per_year", turnover_rate),
            ("--setup-cost", "telework_setup_cost_eur_per_teleworker", setup_cost),
        ):
            if value is not None:
                from teletravail.impact.params import parse_number

                overrides[name] = parse_number(value, option)
        from teletravail.impact.params import ImpactParameters

        params = ImpactParameters.load(when=date, overrides=overrides, method=method)
        employees = read_staff(staff, params, work_commune=work_commune)
        result = simulate_employer(
            EmployerInput(
                tuple(employees),
                desks=desks,
                desk_sharing_ratio=desk_sharing_ratio,
                allowance_eur_per_telework_day=allowance or 0.0,
            ),
            params,
            monte_carlo=_integer(monte_carlo, "--monte-carlo"),
            seed=_integer(seed, "--seed", None),
        )
    except ImpactInputError as exc:
        _fail(exc)
    _emit(result.as_dict(), output_format)


# --- simulate territory ---------------------------------------------------------------------------------------


@simulate_app.command("territory")
def territory(
    flows: Annotated[
        Path | None,
        typer.Option(
            "--flows",
            help=(
                "Flux domicile-travail : fichier INSEE (base flux, FD_MOBPRO) ou table standard, CSV, XLSX ou Parquet."
            ),
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option("--area", help="Zone : france (défaut), reg:84, dep:42, epci:SIREN ou communes:42218,69383."),
    ] = None,
    telework_days: Annotated[
        str | None, typer.Option("--telework-days", help="Jours de télétravail par semaine des adoptants.")
    ] = None,
    adoption: Annotated[
        str | None,
        typer.Option(
            "--adoption", help="Part des actifs télétravaillables qui adoptent, entre 0 et 1 (0,3 pour 30 %)."
        ),
    ] = None,
    teleworkable_share: Annotated[
        str | None,
        typer.Option(
            "--teleworkable-share",
            help="Part des actifs télétravaillables, entre 0 et 1 (0,4 pour 40 % ; par défaut : le paramètre).",
        ),
    ] = None,
    office_days: Annotated[
        str | None, typer.Option("--office-days", help="Jours travaillés par semaine avant télétravail.")
    ] = None,
    top: Annotated[str | None, typer.Option("--top", help="Nombre de communes au classement (10).")] = None,
    communes_output: Annotated[
        Path | None, typer.Option("--communes-output", help="Écrit le tableau par commune (CSV).")
    ] = None,
    method: MethodOption = "default",
    output_format: FormatOption = "json",
    sets: SetOption = None,
    monte_carlo: MonteCarloOption = None,
    seed: SeedOption = None,
    date: DateOption = None,
):
    """Effets annuels d'un scénario de télétravail sur des flux domicile-travail."""

    from teletravail.impact.flows.simulation import simulate_flows_file
    from teletravail.impact.territory import SCENARIO_LABELS, TerritoryScenario
    from teletravail.uploads import UNBOUNDED

    try:
        _check_format(output_format)
        if flows is None:
            raise ImpactInputError("« --flows » : fichier des flux manquant.")
        if not flows.is_file():
            raise ImpactInputError(f"« --flows » : fichier introuvable « {flows} ».")
        for option, value in (("--telework-days", telework_days), ("--adoption", adoption)):
            if value is None:
                raise ImpactInputError(f"« {option} » : valeur manquante.")
        params = _params(date, sets, method)
        scenario = TerritoryScenario(telework_days, adoption, teleworkable_share, office_days)
        result = simulate_flows_file(
            flows,
            scenario,
            params,
            area=area,
            monte_carlo=_integer(monte_carlo, "--monte-carlo"),
            seed=_integer(seed, "--seed", None),
            limits=UNBOUNDED,  # the operator's own file, national ones included: only uploads are bounded
        )
        if communes_output is not None:
            result.by_commune.write_csv(communes_output)
    except ImpactInputError as exc:
        _fail(exc, {SCENARIO_LABELS[field]: option for field, option in SCENARIO_OPTIONS.items()})
    _emit(result.as_dict(top=_integer(top, "--top", 10)), output_format)


# --- params ---------------------------------------------------------------------------------------------------

PARAM_FORMATS = ("table", "json", "csv", "yaml")


def _rows(group, date, every):
    from teletravail.impact.params import parameter_rows

    return parameter_rows([group] if group else None, when=date, all_values=every)


def _write_rows(rows, output_format, handle):
    from teletravail.impact.params import EXPORT_COLUMNS

    if output_format == "json":
        handle.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "csv":
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif output_format == "yaml":
        import yaml

        document = {}
        for row in rows:
            source = {
                "title": row["source_title"],
                "url": row["source_url"],
                "date": row["source_date"],
                "note": row["source_note"],
                "to_verify": row["to_verify"],
            }
            if row["secondary_reason"]:  # the loader wants the reason of a secondary source back
                source["secondary_reason"] = row["secondary_reason"]
            entry = document.setdefault(row["group"], {}).setdefault(
                row["name"],
                {
                    "description": row["description"],
                    "description_en": row["description_en"],
                    "unit": row["unit"],
                    "source": source,
                    "values": [],
                },
            )
            value = {"valid_from": row["valid_from"], "central": row["central"]}
            value.update({key: row[key] for key in ("low", "high") if row[key] is not None})
            if source != entry["source"]:  # a value with its own source, as the parameter file writes it
                value["source"] = source
            entry["values"].append(value)
        handle.write(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=119))
    else:
        width = max(len(row["name"]) for row in rows)
        for row in rows:
            spread = ""
            if row["low"] is not None or row["high"] is not None:
                low = _exact(row["low"] if row["low"] is not None else row["central"])
                high = _exact(row["high"] if row["high"] is not None else row["central"])
                spread = f" [{low} – {high}]"
            flag = ", source secondaire" if row["to_verify"] else ""
            handle.write(
                f"{row['group']:<7} {row['name']:<{width}}  {_exact(row['central'])}{spread} {row['unit']}"
                f"  (depuis le {row['valid_from']} ; source : {row['source_title']}{flag})\n"
            )


def _exact(value):
    """A parameter value as published (all its digits), with a decimal comma."""
    return f"{value:.12g}".replace(".", ",")


@params_app.command("list")
def list_parameters(
    output_format: Annotated[str, typer.Option("--format", help="table, json, csv ou yaml.")] = "table",
    group: Annotated[str | None, typer.Option("--group", help="Un seul fichier de paramètres (impact, geo…).")] = None,
    date: DateOption = None,
    every: Annotated[
        bool, typer.Option("--all", help="Toutes les valeurs datées, pas seulement celle en vigueur.")
    ] = False,
):
    """Liste les paramètres en vigueur (valeur, plage, unité, date, source de chaque valeur)."""
    try:
        _check_format(output_format, PARAM_FORMATS)
        rows = _rows(group, date, every)
    except ImpactInputError as exc:
        _fail(exc)
    _write_rows(rows, output_format, sys.stdout)


@params_app.command("export")
def export_parameters(
    output_format: Annotated[str | None, typer.Option("--format", help="csv ou yaml.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fichier écrit.")] = None,
    group: Annotated[str | None, typer.Option("--group", help="Un seul fichier de paramètres.")] = None,
):
    """Exporte toutes les valeurs datées de tous les paramètres, avec unité et source de chaque valeur."""
    try:
        if output_format is None:
            raise ImpactInputError("« --format » : valeur manquante (csv ou yaml).")
        _check_format(output_format, ("csv", "yaml"))
        if output is None:
            raise ImpactInputError("« --output » : fichier de sortie manquant.")
        rows = _rows(group, None, True)
        try:
            with output.open("w", encoding="utf-8", newline="") as handle:
                _write_rows(rows, output_format, handle)
        except OSError as exc:
            raise ImpactInputError(f"« --output » : écriture impossible ({exc.strerror}).") from exc
    except ImpactInputError as exc:
        _fail(exc)
    typer.echo(f"{len(rows)} valeurs de paramètres écrites dans {output}.")
