"""The equality indicators as a table, in words: each figure, or why it is « non calculable »."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from teletravail.apps.core.tables import Cell, Column, number, table
from teletravail.equality import (
    BELOW_HEADCOUNT,
    NO_DATA,
    SOURCE_DIFFERENCE,
    SOURCE_THRESHOLD,
    TOO_FEW_BOTH,
    TOO_FEW_MEN,
    TOO_FEW_WOMEN,
)


LABELS = {
    "eligible": gettext_lazy("Éligibles au télétravail (diagnostic)"),
    "requested": gettext_lazy("Ont demandé le télétravail, parmi les éligibles"),
    "granted": gettext_lazy("Télétravaillent, parmi les éligibles (planning publié ou demande accordée)"),
    "refused": gettext_lazy("Demandes refusées, parmi les personnes qui ont demandé (dernière décision)"),
    "days_granted": gettext_lazy("Jours de télétravail par semaine, parmi les télétravailleurs"),
    "isolated": gettext_lazy("Isolés de leur équipe sur site (planning publié)"),
    "worked_while_ill": gettext_lazy("Ont travaillé en étant malades (questionnaire)"),
}
NO_DATA_REASONS = {
    "eligible": gettext_lazy("aucun salarié n'a encore de décision partagée dans le diagnostic"),
    "requested": gettext_lazy("aucune demande de télétravail n'a été faite pendant la période comptée"),
    "refused": gettext_lazy("aucune demande de télétravail n'a reçu de décision pendant la période comptée"),
    "granted": gettext_lazy("aucun planning publié ne concerne des salariés éligibles"),
    "days_granted": gettext_lazy("aucun planning publié ne compte de jour de télétravail"),
    "isolated": gettext_lazy("aucun planning n'est publié"),
    "worked_while_ill": gettext_lazy("aucune réponse au questionnaire sur les pratiques"),
}
NATIONAL = {
    "granted": gettext_lazy("part des salariés qui télétravaillent en France (Insee)"),
    "worked_while_ill": gettext_lazy("part des jours de maladie travaillés par les télétravailleurs (Dares)"),
}


def why_not_computed(indicator, rules):
    """The French sentence that says which rule keeps the indicator from being computed."""
    if indicator.reason == BELOW_HEADCOUNT:
        return _(
            "Non calculable : les indicateurs ne sont calculés que pour les organisations d'au moins %(floor)d "
            "personnes."
        ) % {"floor": rules.minimum_headcount}
    if indicator.reason == NO_DATA:
        return _("Non calculable : %(why)s.") % {"why": NO_DATA_REASONS[indicator.code]}
    if indicator.reason == SOURCE_THRESHOLD:
        return ngettext(
            "Non calculable : le questionnaire ne donne cette réponse qu'à partir de %(minimum)d femmes et "
            "%(minimum)d hommes qui y ont répondu, pour que personne ne puisse être reconnu ; il manque %(count)d "
            "réponse.",
            "Non calculable : le questionnaire ne donne cette réponse qu'à partir de %(minimum)d femmes et "
            "%(minimum)d hommes qui y ont répondu, pour que personne ne puisse être reconnu ; il manque %(count)d "
            "réponses.",
            indicator.shortfall,
        ) % {"minimum": indicator.minimum, "count": indicator.shortfall}
    if indicator.reason == SOURCE_DIFFERENCE:
        return _(
            "Non calculable : les réponses des femmes ou des hommes se déduiraient, par différence, des autres "
            "résultats publiés du questionnaire (règle de différence)."
        )
    smaller = {
        TOO_FEW_WOMEN: _("de femmes"),
        TOO_FEW_MEN: _("d'hommes"),
        TOO_FEW_BOTH: _("de femmes et d'hommes"),
    }[indicator.reason]
    return ngettext(
        "Non calculable : il manque %(count)d personne %(smaller)s pour atteindre %(minimum)d femmes et %(minimum)d "
        "hommes, la règle de l'index Egapro qui évite de lire la situation d'une personne.",
        "Non calculable : il manque %(count)d personnes %(smaller)s pour atteindre %(minimum)d femmes et "
        "%(minimum)d hommes, la règle de l'index Egapro qui évite de lire la situation d'une personne.",
        indicator.shortfall,
    ) % {"count": indicator.shortfall, "smaller": smaller, "minimum": rules.minimum_per_sex}


def _figure(indicator, value):
    if indicator.is_mean:
        return number(value, "decimal", places=1)
    return number(100 * value, "percent")


def _gap(indicator):
    if indicator.is_mean:
        return _("%(gap)s jour par semaine") % {"gap": number(indicator.gap_points, "decimal", places=1, signed=True)}
    return _("%(gap)s points") % {"gap": number(indicator.gap_points, "decimal", places=1, signed=True)}


def _national(indicator):
    if indicator.national_women is None:
        return "—"
    return _("Femmes %(women)s, hommes %(men)s : %(what)s") % {
        "women": number(100 * indicator.national_women, "percent", places=1),
        "men": number(100 * indicator.national_men, "percent", places=1),
        "what": NATIONAL[indicator.code],
    }


def _bases(indicator):
    if indicator.reason in (SOURCE_THRESHOLD, SOURCE_DIFFERENCE):
        return "—"  # the source withholds even how many answered, by sex
    return _("%(women)d femmes, %(men)d hommes") % {"women": indicator.women.base, "men": indicator.men.base}


def indicators_table(indicators, rules):
    rows = []
    for indicator in indicators:
        bases = _bases(indicator)
        if indicator.is_computed:
            rows.append(
                (
                    str(LABELS[indicator.code]),
                    _figure(indicator, indicator.women.value),
                    _figure(indicator, indicator.men.value),
                    _gap(indicator),
                    bases,
                    _national(indicator),
                )
            )
        else:
            rows.append(
                (
                    str(LABELS[indicator.code]),
                    Cell(why_not_computed(indicator, rules), colspan=3),
                    bases,
                    _national(indicator),
                )
            )
    columns = (
        _("Indicateur"),
        Column(_("Femmes"), numeric=True),
        Column(_("Hommes"), numeric=True),
        Column(_("Écart femmes − hommes"), numeric=True),
        _("Effectifs comparés"),
        _("Référence nationale"),
    )
    return table(_("Indicateurs d'égalité entre les femmes et les hommes"), columns, rows)


def _at_a_moment(indicator, rules):
    """One indicator at one moment in one sentence: its figures by sex and their gap, or why it is not computed."""
    if not indicator.is_computed:
        return why_not_computed(indicator, rules)
    return _("Femmes %(women)s, hommes %(men)s ; écart %(gap)s (%(bases)s).") % {
        "women": _figure(indicator, indicator.women.value),
        "men": _figure(indicator, indicator.men.value),
        "gap": _gap(indicator),
        "bases": _bases(indicator),
    }


def comparison_table(before, after, *, before_label, after_label):
    """The indicators of two readings (selectors.Reading) side by side, each judged by its own rules; `before`
    None: no reading was kept then, and the column says so rather than guess."""
    earlier = {indicator.code: indicator for indicator in before.indicators} if before else {}
    rows = []
    for indicator in after.indicators:
        then = earlier.get(indicator.code)
        rows.append(
            (
                str(LABELS[indicator.code]),
                _at_a_moment(then, before.rules) if then else _("Non relevé."),
                _at_a_moment(indicator, after.rules),
                _national(indicator),
            )
        )
    return table(
        _("Indicateurs d'égalité entre les femmes et les hommes, avant et après"),
        (_("Indicateur"), before_label, after_label, _("Référence nationale")),
        rows,
    )
