"""`teletravail charter …`: generate a charter (and its annexes), check an existing document, list the catalogue.

No database. Bad input exits with code 2 and a French message naming the option or the file on stderr; a document
that breaks a validation rule is not written (exit code 1) unless --force is given.
"""

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from teletravail.charter.errors import CharterInputError
from teletravail.french import counted


DATA_ERROR = 2
RULE_ERROR = 1
ANNEXES = ("demande", "reversibilite", "autorisation")

charter_app = typer.Typer(
    help="Charte ou accord de télétravail : génération vérifiée au regard du droit, contrôle d'un document existant.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

OptionsOption = Annotated[
    Path | None, typer.Option("--options", help="Fichier YAML des options (voir docs/examples/charte-*.yaml).")
]
DefaultsOption = Annotated[bool, typer.Option("--defaults", help="Options par défaut du secteur (--sector).")]
SectorOption = Annotated[str | None, typer.Option("--sector", help="prive ou public.")]
CseOption = Annotated[
    str | None,
    typer.Option(
        "--cse",
        help="Avec --defaults --sector prive : oui ou non, l'entreprise a-t-elle un comité social et économique ?",
    ),
]
CSE_ANSWERS = {"oui": True, "non": False}
FormatOption = Annotated[str, typer.Option("--format", help="docx, pdf, html ou md.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Fichier à écrire.")]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Date des règles et paramètres en vigueur, AAAA-MM-JJ (défaut : aujourd'hui)."),
]


def _fail(exc):
    for line in exc.lines():
        typer.echo(f"Erreur : {line}", err=True)
    raise typer.Exit(code=DATA_ERROR)


def _when(value):
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CharterInputError(f"« --date » : date invalide « {value} » (format attendu AAAA-MM-JJ).") from None


def _options(options_file, defaults, sector, cse=None):
    from teletravail.charter.options import load_options_file, missing_cse_answer_message, parse_options

    if cse is not None and cse not in CSE_ANSWERS:
        raise CharterInputError(f"« --cse » : oui ou non est attendu, « {cse} » trouvé.")
    if options_file is not None and defaults:
        raise CharterInputError("« --options » : indiquez un fichier d'options OU --defaults, pas les deux.")
    if options_file is None and not defaults:
        raise CharterInputError("« --options » : indiquez un fichier d'options, ou --defaults avec --sector.")
    if defaults:
        if sector is None:
            raise CharterInputError("« --sector » : prive ou public est attendu avec --defaults.")
        given = {"sector": sector}
        if sector == "prive":
            if cse is None:
                raise CharterInputError(f"« --cse » : {missing_cse_answer_message()}")
            given["organisation"] = {"has_cse": CSE_ANSWERS[cse]}
        return parse_options(given)
    options = load_options_file(options_file)
    if sector is not None and sector != options.sector:
        raise CharterInputError(
            f"« --sector » : « {sector} » contredit le secteur du fichier d'options (« {options.sector} »)."
        )
    return options


def _write(document, output_format, output):
    from teletravail.charter.assembly import FORMATS, render

    if output_format not in FORMATS:
        raise CharterInputError(
            f"« --format » : « {output_format} » inconnu (valeurs possibles : {', '.join(FORMATS)})."
        )
    if output is None:
        raise CharterInputError("« --output » : indiquez le fichier à écrire (-o).")
    content = render(document, output_format)
    try:
        if isinstance(content, str):
            output.write_text(content, encoding="utf-8")
        else:
            output.write_bytes(content)
    except OSError as exc:
        raise CharterInputError(f"« --output » : impossible d'écrire « {output} » ({exc.strerror}).") from exc
    typer.echo(f"Écrit : {output}")


def _report(findings):
    labels = {"erreur": "Erreur", "avertissement": "Attention", "suggestion": "Suggestion"}
    for finding in findings:
        if finding.severity != "suggestion":
            typer.echo(
                f"{labels[finding.severity]} [{finding.id}, {finding.legal_basis}] : {finding.message}", err=True
            )


@charter_app.command("generate")
def generate(
    options_file: OptionsOption = None,
    defaults: DefaultsOption = False,
    sector: SectorOption = None,
    cse: CseOption = None,
    output_format: FormatOption = "docx",
    output: OutputOption = None,
    date_: DateOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Écrit le document même s'il enfreint une règle de validation.")
    ] = False,
):
    """Génère la charte, l'accord ou l'acte (arrêté, délibération, décision) et le vérifie."""
    from teletravail.charter.assembly import assemble

    try:
        when = _when(date_)
        charter = assemble(_options(options_file, defaults, sector, cse), when=when)
        _report(charter.findings)
        if charter.errors and not force:
            typer.echo(
                f"Document non écrit : {counted(len(charter.errors), 'erreur')} de conformité "
                "(--force pour l'écrire quand même).",
                err=True,
            )
            raise typer.Exit(code=RULE_ERROR)
        _write(charter.document, output_format, output)
    except CharterInputError as exc:
        _fail(exc)


@charter_app.command("annex")
def annex(
    kind: Annotated[str, typer.Argument(help="demande (privé), reversibilite ou autorisation (public).")],
    options_file: OptionsOption = None,
    defaults: DefaultsOption = False,
    sector: SectorOption = None,
    cse: CseOption = None,
    initiative: Annotated[
        str, typer.Option("--initiative", help="Pour reversibilite : employeur ou salarie.")
    ] = "employeur",
    output_format: FormatOption = "docx",
    output: OutputOption = None,
    date_: DateOption = None,
):
    """Génère une annexe : formulaire de demande, courrier de fin du télétravail, autorisation individuelle."""
    from teletravail.charter.annexes import individual_agreement_form, public_authorisation_form, reversibility_letter

    try:
        if kind not in ANNEXES:
            raise CharterInputError(f"« KIND » : « {kind} » inconnu (valeurs possibles : {', '.join(ANNEXES)}).")
        when = _when(date_)
        options = _options(options_file, defaults, sector, cse)
        if kind == "demande":
            document = individual_agreement_form(options, when=when)
        elif kind == "reversibilite":
            document = reversibility_letter(options, initiative=initiative, when=when)
        else:
            document = public_authorisation_form(options, when=when)
        _write(document, output_format, output)
    except CharterInputError as exc:
        _fail(exc)


@charter_app.command("notice")
def notice(
    organisation: Annotated[str, typer.Option("--organisation", help="Nom de l'employeur.")] = "",
    reason: Annotated[
        str, typer.Option("--reason", help="Circonstance exceptionnelle (épidémie, intempéries…).")
    ] = "",
    start: Annotated[str | None, typer.Option("--start", help="Date de début, AAAA-MM-JJ.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Date de fin, AAAA-MM-JJ (facultative).")] = None,
    sector: Annotated[str, typer.Option("--sector", help="prive ou public.")] = "prive",
    output_format: FormatOption = "docx",
    output: OutputOption = None,
):
    """Note d'une page : recours au télétravail en circonstances exceptionnelles (C. trav. L1222-11)."""
    from teletravail.charter.annexes import exceptional_circumstances_notice

    try:
        if start is None:
            raise CharterInputError("« --start » : date de début manquante.")
        dates = {}
        for option, value in (("--start", start), ("--end", end)):
            if value is not None:
                try:
                    dates[option] = date.fromisoformat(value)
                except ValueError:
                    raise CharterInputError(f"« {option} » : date invalide « {value} » (format AAAA-MM-JJ).") from None
        document = exceptional_circumstances_notice(
            organisation, reason, dates["--start"], dates.get("--end"), sector=sector
        )
        _write(document, output_format, output)
    except CharterInputError as exc:
        _fail(exc)


@charter_app.command("check")
def check(
    file: Annotated[
        Path, typer.Argument(help="Document à vérifier : DOCX, PDF (avec texte), HTML, Markdown ou texte.")
    ],
    sector: Annotated[str, typer.Option("--sector", help="prive ou public.")] = "prive",
    output_format: Annotated[str, typer.Option("--format", help="json ou table.")] = "json",
    date_: DateOption = None,
):
    """Vérifie une charte ou un accord existant : clauses contraires à la loi, manquantes, à risque, couvertes."""
    from teletravail.charter.checker import check_file

    try:
        if output_format not in ("json", "table"):
            raise CharterInputError(f"« --format » : « {output_format} » inconnu (valeurs possibles : json, table).")
        report = check_file(file, sector=sector, when=_when(date_))
    except CharterInputError as exc:
        _fail(exc)
    data = report.as_dict()
    if output_format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [
        f"{counted(len(data['errors']), 'clause contraire', 'clauses contraires')} à la loi, "
        f"{counted(len(data['missing']), 'clause obligatoire manquante', 'clauses obligatoires manquantes')}, "
        f"{counted(len(data['warnings']), 'point')} d'attention ou à relire, "
        f"{counted(len(data['covered']), 'clause couverte', 'clauses couvertes')}."
    ]
    for title, key in (
        ("Erreur", "errors"),
        ("Manquant", "missing"),
        ("Attention", "warnings"),
        ("Suggestion", "suggestions"),
    ):
        for item in data[key]:
            lines.append(f"{title} [{item['id']}, {item['legal_basis']}] : {item['message']}")
            if item.get("passage"):
                lines.append(f"    « {item['section']} » : « {item['passage']} »")
    lines.append(data["disclaimer"])
    typer.echo("\n".join(lines))


@charter_app.command("clauses")
def clauses(sector: Annotated[str | None, typer.Option("--sector", help="prive ou public (défaut : tous).")] = None):
    """Catalogue des clauses (JSON) : identifiant, thème, base légale et statut par secteur."""
    from teletravail.charter.catalogue import SECTORS, load_catalogue

    if sector is not None and sector not in SECTORS:
        _fail(CharterInputError(f"« --sector » : « {sector} » inconnu (valeurs possibles : {', '.join(SECTORS)})."))
    rows = []
    for clause in load_catalogue().clauses:
        for name, applicability in clause.applies.items():
            if sector in (None, name):
                rows.append(
                    {
                        "id": clause.id,
                        "sector": name,
                        "topic": clause.topic_for(name),
                        "legal_basis": clause.legal_basis_for(name),
                        "status": applicability.status,
                        "if_missing": applicability.if_missing,
                        "rule": applicability.rule,
                    }
                )
    typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
