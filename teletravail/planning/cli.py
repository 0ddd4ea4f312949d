"""`teletravail plan solve` (hybrid planner) and `teletravail plan check` (rules of any schedule).

No database. Bad input exits with code 2 and French messages naming the item at fault on stderr, as the other
commands do; `check` exits with code 1 when the schedule breaks rules, 0 when it respects them all.
"""

import json
from pathlib import Path
from typing import Annotated

import typer

from teletravail.french import counted
from teletravail.planning.errors import PlanningInputError


DATA_ERROR = 2
VIOLATIONS_FOUND = 1

plan_app = typer.Typer(
    help="Planning hybride : jours sur site et en télétravail d'une équipe, et contrôle d'un planning.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

InputOption = Annotated[Path | None, typer.Option("--input", help="Données du planning (JSON).")]


def _fail(exc):
    for line in exc.lines():
        typer.echo(f"Erreur : {line}", err=True)
    raise typer.Exit(code=DATA_ERROR)


def _read_json(path, option):
    if path is None:
        raise PlanningInputError([f"« {option} » : fichier manquant."])
    if not path.is_file():
        raise PlanningInputError([f"« {option} » : fichier introuvable « {path} »."])
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise PlanningInputError([f"« {option} » : le fichier « {path} » n'est pas encodé en UTF-8."]) from None
    except json.JSONDecodeError as exc:
        raise PlanningInputError(
            [f"« {option} » : JSON invalide dans « {path} », ligne {exc.lineno}, colonne {exc.colno} ({exc.msg})."]
        ) from None


def _number(value, option, kind=int, minimum=0):
    if value is None:
        return None
    try:
        number = kind(str(value).replace(",", "."))
    except ValueError:
        raise PlanningInputError([f"« {option} » : un nombre est attendu, « {value} » trouvé."]) from None
    if number < minimum:
        raise PlanningInputError([f"« {option} » : un nombre supérieur ou égal à {minimum} est attendu."])
    return number


def _check_format(value, allowed):
    if value not in allowed:
        raise PlanningInputError([f"« --format » : « {value} » inconnu (valeurs possibles : {', '.join(allowed)})."])


def _table(result):
    lines = [
        f"Statut : {result['status']}"
        + (f" — mode exceptionnel : {result['exceptional_reason']}" if "exceptional_reason" in result else "")
    ]
    if result.get("explanation"):
        lines.append(result["explanation"]["summary"])
    if result.get("message"):
        lines.append(result["message"])
    if result["assignments"]:
        marks = {"site": "S", "remote": "T", "off": "-"}
        rows = {}
        for item in result["assignments"]:
            week = rows.setdefault(item["employee"], {}).setdefault(item["week"], [])
            week.append(marks[item["where"]])
        width = max(len(name) for name in rows)
        lines += ["", "S : sur site, T : télétravail, - : non travaillé ; une colonne par semaine"]
        lines += [
            f"{name:<{width}}  {' '.join(''.join(days) for days in weeks.values())}" for name, weeks in rows.items()
        ]
        metrics, solver = result["metrics"], result["solver"]
        if metrics["preferences"]["percent"] is not None:
            lines.append(f"\nPréférences respectées : {metrics['preferences']['percent']} %")
        if metrics["telework_days_wanted"]["percent"] is not None:
            lines.append(f"Jours de télétravail souhaités accordés : {metrics['telework_days_wanted']['percent']} %")
        if solver["gap_percent"] is None:
            lines.append("Écart à la meilleure borne : non calculé (planning de départ, faute de temps)")
        else:
            lines.append(f"Écart à la meilleure borne : {solver['gap_percent']} %")
    return "\n".join(lines)


@plan_app.command("solve")
def solve_command(
    input_file: InputOption = None,
    output_format: Annotated[str, typer.Option("--format", help="json ou table.")] = "json",
    time_limit: Annotated[
        str | None, typer.Option("--time-limit", help="Temps de calcul maximal (s), 20 par défaut.")
    ] = None,
    seed: Annotated[str | None, typer.Option("--seed", help="Graine du solveur (reproductible).")] = None,
    workers: Annotated[
        str | None, typer.Option("--workers", help="Nombre de fils de calcul (1 : résultat reproductible).")
    ] = None,
):
    """Calcule le planning hybride (sur site / télétravail) qui respecte les règles et les souhaits."""
    from teletravail.planning.solver import solve

    try:
        _check_format(output_format, ("json", "table"))
        options = {
            "time_limit": _number(time_limit, "--time-limit", float, 0.1) or 20.0,
            "seed": _number(seed, "--seed") or 0,
            "workers": _number(workers, "--workers", minimum=1),
        }
        result = solve(_read_json(input_file, "--input"), **options)
    except PlanningInputError as exc:
        _fail(exc)
    if output_format == "json":
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(_table(result))


@plan_app.command("check")
def check_command(
    input_file: InputOption = None,
    schedule_file: Annotated[
        Path | None, typer.Option("--schedule", help="Planning à contrôler (JSON : sortie de « solve » ou liste).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text ou json.")] = "text",
):
    """Contrôle un planning (y compris modifié à la main) et liste les règles non respectées."""
    from teletravail.planning.check import check_schedule

    try:
        _check_format(output_format, ("text", "json"))
        data = _read_json(input_file, "--input")
        schedule = _read_json(schedule_file, "--schedule")
        violations = check_schedule(data, schedule)
    except PlanningInputError as exc:
        _fail(exc)
    if output_format == "json":
        typer.echo(json.dumps([violation.as_dict() for violation in violations], ensure_ascii=False, indent=2))
    else:
        for violation in violations:
            typer.echo(violation.message)
        typer.echo(
            f"{counted(len(violations), 'règle non respectée', 'règles non respectées')}."
            if violations
            else "Planning conforme : aucune règle enfreinte."
        )
    if violations:
        raise typer.Exit(code=VIOLATIONS_FOUND)
