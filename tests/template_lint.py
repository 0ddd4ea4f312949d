"""A linter for the project's Django templates, run by `make lint` and by the test suite.

Rules that keep the pages accessible, within the strict Content-Security-Policy and with numbers written the French
way; each finding names the file, the line and the rule. Usage: `python -m tests.template_lint [FILE…]` (every
template of the project, pages and e-mail texts, by default).
"""

import re
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1] / "teletravail"
TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b(?P<attributes>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
ATTRIBUTE = re.compile(r"""(?<![\w-])(?P<name>[a-zA-Z_:][-\w:.]*)(?=\s*=|\s|$|/|{)""")
TRANSLATION_TAG = re.compile(r"{%-?\s*(translate|trans|blocktranslate|blocktrans)\b")
LOAD_I18N = re.compile(r"{%-?\s*load\s[^%]*\bi18n\b")
FORM_CONTROL = re.compile(r"<(?:input|select|textarea)\b|\.as_field_group\b|\.as_widget\b", re.IGNORECASE)
# Django's and humanize's number filters write « 1234.5 » or « 1,234 » whatever the page's language: numbers go through
# the French formatters of core's `french` filters (integer, decimal, fixed, percent, money, km…).
NUMBER_FILTER = re.compile(r"\|\s*(floatformat|intcomma|intword|stringformat)\b")
TABLE_INCLUDE = ROOT / "templates" / "core" / "_table.html"  # the one table every page includes


def _has(attributes, name):
    return re.search(rf"(?<![\w-]){name}\s*=", attributes) is not None


def _tag_rules(name, attributes):
    """The rules a single opening tag breaks, as (rule, message)."""
    name = name.lower()
    if _has(attributes, "style"):
        yield "no-inline-style", "attribut style : la politique de sécurité (CSP) le bloque, utilisez une classe"
    if re.search(r"(?<![\w-])on[a-z]+\s*=", attributes):
        yield "no-inline-handler", "gestionnaire d'événement en ligne (onclick…) : bloqué par la CSP"
    if name == "script" and not _has(attributes, "src"):
        yield "no-inline-script", "script en ligne : bloqué par la CSP, servez un fichier statique"
    if name == "img" and not _has(attributes, "alt"):
        yield "img-alt", "image sans attribut alt"
    if name == "th" and not _has(attributes, "scope") and not _has(attributes, "id"):
        yield "th-scope", "en-tête de tableau sans scope (col, row)"
    if name == "button" and not _has(attributes, "type"):
        yield "button-type", "bouton sans type (submit, button)"
    if _has(attributes, "target") and '"_blank"' in attributes and "noopener" not in attributes:
        yield "blank-noopener", 'lien target="_blank" sans rel="noopener"'
    if name == "html" and not _has(attributes, "lang"):
        yield "html-lang", "élément html sans langue"


def _without_comments(text):
    """Comments blanked out, line breaks kept so that line numbers stay right."""

    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))

    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", blank, text, flags=re.DOTALL)
    text = re.sub(r"{#.*?#}", blank, text, flags=re.DOTALL)
    return re.sub(r"<!--.*?-->", blank, text, flags=re.DOTALL)


def lint_text(text, table_include=False):
    """[(line, rule, message)] for one template's source (`table_include`: it is core/_table.html)."""
    text = _without_comments(text)
    findings = []
    for match in TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        findings += [(line, rule, message) for rule, message in _tag_rules(match["name"], match["attributes"])]
    for table in re.finditer(r"<table\b.*?</table>", text, re.DOTALL | re.IGNORECASE):
        if not re.search(r"<caption\b", table.group(0), re.IGNORECASE):
            line = text.count("\n", 0, table.start()) + 1
            findings.append((line, "table-caption", "tableau sans légende (caption)"))
        if not table_include and not FORM_CONTROL.search(table.group(0)):
            line = text.count("\n", 0, table.start()) + 1
            message = "tableau écrit à la main : construisez-le avec core.tables.table et incluez core/_table.html"
            findings.append((line, "table-include", message + " (seule une grille de champs garde son balisage)"))
    for number_filter in NUMBER_FILTER.finditer(text):
        line = text.count("\n", 0, number_filter.start()) + 1
        message = f"filtre {number_filter[1]} : formatez les nombres avec les filtres de « french » (integer, fixed…)"
        findings.append((line, "number-format", message))
    translation = TRANSLATION_TAG.search(text)
    if translation and not LOAD_I18N.search(text):
        line = text.count("\n", 0, translation.start()) + 1
        findings.append((line, "load-i18n", "balise de traduction sans {% load i18n %}"))
    return sorted(findings)


def templates():
    return sorted(
        path
        for path in ROOT.rglob("templates/**/*")
        if path.suffix in (".html", ".txt", ".xml") and "vendor" not in path.parts
    )


def lint(paths):
    """Findings of every file, as lines « path:line: rule message »."""
    return [
        f"{path.relative_to(ROOT.parent)}:{line}: {rule} {message}"
        for path in paths
        for line, rule, message in lint_text(path.read_text(encoding="utf-8"), path == TABLE_INCLUDE)
    ]


def main(arguments):
    findings = lint([Path(argument).resolve() for argument in arguments] or templates())
    print("\n".join(findings) or "Gabarits : aucune remarque.")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
