"""Reads for the simulator's pages: the published parameters, as people read them, and who sees the employer
page."""

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.parameters import description, secondary_reason, since, unit_label, value_and_spread
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.geo import normalize
from teletravail.impact.params import parameter_rows
from teletravail.parameters import parameter_groups


# What each parameter file is about, as the page's section titles name it.
GROUP_LABELS = {
    "charter": _("Charte et accord de télétravail"),
    "flows": _("Flux domicile-travail (simulateur de territoire)"),
    "geo": _("Distances et géographie"),
    "impact": _("Effets du télétravail (simulateur d'impact)"),
    "journey": _("Parcours de l'employeur"),
    "places": _("Lieux de télétravail"),
    "practices": _("Questionnaires : pratiques, risques, maturité numérique et bilan à six mois"),
    "reminders": _("Rappels envoyés par e-mail"),
    "planning": _("Planification des jours de présence"),
    "retention": _("Durées de conservation des données"),
    "teleworkability": _("Diagnostic de télétravaillabilité"),
    "uploads": _("Limites des fichiers déposés"),
}


@dataclass(frozen=True)
class ParameterLine:
    """One dated value of a parameter, ready to show."""

    group: str
    name: str
    description: str
    value: str
    spread: str  # « de … à … » when the value is uncertain, else ""
    valid_from: str
    source_title: str
    source_url: str
    source_date: str
    source_note: str
    secondary: bool  # the source relays the figure (to check against the primary publication)
    secondary_reason: str  # why, in one line ("" when it is not secondary)
    search_text: str  # what the search box matches, folded (no case, no accents)
    shown: bool = True  # false when the line does not match the search (kept, hidden, for the live filter)

    @property
    def identifier(self):
        """The name to give `teletravail params` or `--set`: group and parameter."""
        return f"{self.group}.{self.name}"


def parameter_lines(query=""):
    """Every dated value of every parameter file, grouped by file as (label, lines, lines shown); a line is shown
    when its text holds every word of `query` (any case, any accents). The others stay in the page, hidden, so
    that the live filter can bring them back."""
    words = normalize(query).split()
    groups = []
    for group in parameter_groups():
        lines = []
        for row in parameter_rows([group]):
            value, spread = value_and_spread(row)
            searched = (GROUP_LABELS.get(group, group), group, row["name"], row["description"], row["description_en"])
            line = ParameterLine(
                group=group,
                name=row["name"],
                description=description(row),
                value=value,
                spread=spread,
                valid_from=since(row),
                source_title=row["source_title"],
                source_url=row["source_url"],
                source_date=row["source_date"],
                source_note=row["source_note"],
                secondary=row["to_verify"],
                secondary_reason=secondary_reason(row),
                search_text=normalize(" ".join(map(str, (*searched, row["source_title"], unit_label(row["unit"]))))),
            )
            lines.append(replace(line, shown=all(word in line.search_text for word in words)))
        groups.append((GROUP_LABELS.get(group, group), lines, sum(line.shown for line in lines)))
    return groups


EMPLOYER_PAGE = "simulator.employer"


def employer_page_access(user, organisation_id):
    """The user's access to the employer page of the organisation (its staff's expected effects, its report, its
    runs): those who see the member list; Http404 or PermissionDenied otherwise."""
    return organisation_access(user, organisation_id).require("can_see_member_list")
