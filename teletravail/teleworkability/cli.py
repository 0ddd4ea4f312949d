"""`teletravail teleworkability …`: French job-title search with national reference scores, suggestions, figures.

No database. Bad input exits with code 2 and a French message naming the option or the code on stderr.
"""

import json
from typing import Annotated

import typer

from teletravail.teleworkability.errors import TeleworkabilityInputError


DATA_ERROR = 2
FORMATS = ("json", "table")

teleworkability_app = typer.Typer(
    help="Télétravaillabilité : références nationales par métier (Dingel–Neiman, JRC) et recherche de professions.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

FormatOption = Annotated[str, typer.Option("--format", help="json ou table.")]


def _fail(exc):
    for line in exc.lines():
        typer.echo(f"Erreur : {line}", err=True)
    raise typer.Exit(code=DATA_ERROR)


def _check_format(value):
    if value not in FORMATS:
        raise TeleworkabilityInputError(
            f"« --format » : « {value} » inconnu (valeurs possibles : {', '.join(FORMATS)})."
        )


def _score(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _table(headers, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    for line in [headers, *rows]:
        typer.echo("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def _json(data):
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@teleworkability_app.command()
def search(
    text: Annotated[str, typer.Argument(help="Intitulé de poste en français, ex. « assistante de direction ».")],
    output_format: FormatOption = "table",
    limit: Annotated[int, typer.Option("--limit", help="Nombre maximal de professions affichées.")] = 10,
):
    """Professions (PCS 2020) correspondant à un intitulé de poste, avec leurs scores de référence."""
    from teletravail.teleworkability.professions import search_professions

    try:
        _check_format(output_format)
        matches = search_professions(text, limit=limit)
    except TeleworkabilityInputError as exc:
        _fail(exc)
    if output_format == "json":
        _json([match.as_dict() for match in matches])
        return
    if not matches:
        typer.echo(f"Aucune profession ne correspond à « {text} ».")
        return
    if not matches[0].confident:
        typer.echo(f"Intitulé incertain : aucune profession n'est sûre pour « {text} » ; choisissez parmi :")
    rows = [
        (
            match.profession.pcs2020,
            match.isco08,
            "oui" if match.confident else "non",
            match.profession.confidence,
            _score(match.scores.dingel_neiman),
            _score(match.scores.jrc_physical),
            _score(match.scores.jrc_social),
            match.profession.label,
        )
        for match in matches
    ]
    _table(("PCS 2020", "CITP-08", "Sûr", "Confiance", "Dingel–Neiman", "JRC", "JRC social", "Profession"), rows)
    for match in matches:
        reason = match.as_dict()["references_disagreement"]
        if reason:
            typer.echo(f"Références divergentes ({match.profession.pcs2020}) : {reason}")


@teleworkability_app.command()
def suggest(
    pcs_code: Annotated[str, typer.Argument(help="Code de profession PCS 2020, ex. 54A3.")],
    output_format: FormatOption = "table",
):
    """Activités typiques d'une profession (items de tâches JRC), pour préparer le diagnostic."""
    from teletravail.teleworkability.suggestions import suggest_activities

    try:
        _check_format(output_format)
        suggestions = suggest_activities(pcs_code)
    except TeleworkabilityInputError as exc:
        _fail(exc)
    if output_format == "json":
        _json(
            [
                {
                    "label": item.label,
                    "criteria": list(item.criteria),
                    "importance": item.importance,
                    "isco_group": item.isco_group,
                }
                for item in suggestions
            ]
        )
        return
    _table(
        ("Importance", "Activité suggérée", "Critères"),
        [(round(item.importance), item.label, ", ".join(item.criteria)) for item in suggestions],
    )


@teleworkability_app.command()
def reference(output_format: FormatOption = "table"):
    """Parts d'emplois entièrement télétravaillables recalculées (Dingel–Neiman) et valeurs publiées par pays.

    Les parts américaines pondérées par l'emploi et par les salaires sont à comparer aux 37 % et 46 % de
    l'article (Dingel et Neiman 2020), qui ne figurent pas dans les données embarquées.
    """
    from teletravail.teleworkability.reference import (
        country_teleworkable_share,
        published_country_share,
        us_teleworkable_share,
    )

    try:
        _check_format(output_format)
    except TeleworkabilityInputError as exc:
        _fail(exc)
    rows = [
        {
            "measure": "États-Unis, OES 2018, pondéré par l'emploi",
            "computed": us_teleworkable_share(),
            "published": None,
        },
        {
            "measure": "États-Unis, OES 2018, pondéré par les salaires",
            "computed": us_teleworkable_share("wage"),
            "published": None,
        },
    ]
    for code, name in (("FRA", "France"), ("USA", "États-Unis")):
        rows.append(
            {
                "measure": f"{name}, emploi OIT par groupe CITP à 2 chiffres",
                "computed": country_teleworkable_share(code),
                "published": published_country_share(code),
            }
        )
    if output_format == "json":
        _json(rows)
        return
    _table(
        ("Mesure", "Recalculé", "Publié"),
        [(row["measure"], _score(row["computed"], 3), _score(row["published"], 3)) for row in rows],
    )
