"""Published parameters as the pages and documents show them, in the active language.

Rows are those of `teletravail.impact.params.parameter_rows` (the open-data shape): the page of parameters and
the annexes of the PDF reports describe each value the same way.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teletravail.apps.core.language import active_language
from teletravail.parameters.display import PERCENT_UNITS, range_text, value_text


def unit_label(unit):
    """The unit in the active language (the files write units in French)."""
    return pgettext("unité", PERCENT_UNITS.get(unit, unit))


def description(row):
    """The parameter's description in the active language."""
    english = active_language().startswith("en") and row.get("description_en")
    return english or row["description"]


def value_and_spread(row):
    """(« 2,50 €/jour », « 2,00 – 3,00 €/jour » or "") of a row, in the active language."""
    label = unit_label(row["unit"])
    value = value_text(row["central"], row["unit"], active_language(), label)
    if row["low"] is None or row["high"] is None:
        return value, ""
    return value, range_text(row["low"], row["high"], row["unit"], active_language(), label)


def since(row):
    """The date the value is in force from, written out."""
    return date_format(date.fromisoformat(str(row["valid_from"])), "DATE_FORMAT")


def secondary_explanation():
    return _(
        "Une valeur marquée « source secondaire » est reprise d'un relais (presse, cabinet, synthèse) qui cite la "
        "publication d'origine sans que celle-ci ait encore été consultée ; les autres viennent de la publication "
        "elle-même ou d'un choix documenté du projet."
    )


def secondary_reason(row):
    """Why the row's source is secondary, in one line ("" when it is not, or when its file does not say)."""
    reasons = {
        "relay": _("chiffre repris d'un relais (presse, cabinet, synthèse) qui cite la publication d'origine"),
        "primary_unreachable": _("publication d'origine citée, pas encore consultée pour vérifier le chiffre"),
        "derived": _("calculé par le projet à partir de chiffres publiés (voir la note de la source)"),
        "assumption": _("hypothèse du projet, faute de chiffre publié"),
    }
    return reasons.get(row.get("secondary_reason", ""), "") if row["to_verify"] else ""


def annex_row(row):
    """(parameter, value, source) cells of a document's annex for one parameter row."""
    value, spread = value_and_spread(row)
    if spread:
        value += f" ({spread})"
    if row.get("valid_from"):
        value += ", " + _("depuis le %(date)s") % {"date": since(row)}
    if row.get("overridden_by"):
        value += ", " + _("valeur imposée : %(by)s") % {"by": row["overridden_by"]}
    source = row["source_title"]
    if row.get("source_date"):
        source += f" ({row['source_date']})"
    if row.get("source_url"):
        source += f", {row['source_url']}"
    if row["to_verify"]:
        reason = secondary_reason(row)
        source += " — " + _("source secondaire") + (f" : {reason}" if reason else "")
    return (description(row), value, source)


def used_parameter_row(parameter):
    """A parameter as a simulation used it (an impact `ParameterValue`), in the open-data row shape."""
    used = parameter.as_dict()
    source = used["source"]
    return {
        "description": parameter.description,
        "description_en": parameter.description_en,
        "central": used["value"],
        "low": used["low"],
        "high": used["high"],
        "unit": used["unit"],
        "valid_from": used["valid_from"],
        "overridden_by": used["overridden_by"],
        "source_title": source["title"],
        "source_url": source["url"],
        "source_date": source["date"],
        "to_verify": source["to_verify"],
    }


def used_parameter_lines(parameters):
    """What a results page lists of the parameters a simulation used: (name, description, value, source, secondary)."""
    lines = []
    for parameter in parameters:
        row = used_parameter_row(parameter)
        value, spread = value_and_spread(row)
        lines.append(
            {
                "name": parameter.name,
                "description": description(row),
                "value": f"{value} ({spread})" if spread else value,
                "source": row["source_title"],
                "secondary": row["to_verify"],
            }
        )
    return lines
