"""The tables of the planner pages (teams, members, a person's weeks, a site's occupation, cohesion, mode history),
drawn by `core/_table.html`. The planning grid, a form of one select a day and person, keeps its own markup
(planner/_grid.html)."""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.tables import Action, Cell, Column, moment, table
from teletravail.apps.planner.exports import day_label
from teletravail.apps.planner.selectors import day_place


def teams_table(organisation, team_rows):
    """`team_rows`: (team, its latest plan or None)."""
    rows = [
        (
            Cell(
                team.name,
                href=reverse("planner:team", kwargs={"organisation_id": organisation.pk, "team_id": team.pk}),
            ),
            team.site.name if team.site else _("aucun site"),
            _("à partir du %(start)s, %(weeks)s sem.") % {"start": moment(plan.start, "d/m/Y"), "weeks": plan.weeks}
            if plan
            else _("aucun"),
            plan.get_status_display() if plan else None,
        )
        for team, plan in team_rows
    ]
    columns = (_("Équipe"), _("Site"), _("Dernier planning"), _("État"))
    return table(_("Équipes et dernier planning"), columns, rows)


def _eligibility(row):
    profile = row["profile"]
    if not profile.can_telework:
        return _("ne peut pas télétravailler")
    if row["eligible"] is None:
        return _("sans limite")
    return f"{row['eligible']} {_('(par défaut)')}" if profile.telework_days_max is None else row["eligible"]


def _days(remote, on_site):
    """« télétravail : lundi sur site : mardi »: days chosen for each place."""
    parts = [f"{label} {days}" for label, days in ((_("télétravail :"), remote), (_("sur site :"), on_site)) if days]
    return " ".join(parts)


def members_table(organisation, team, rows):
    """`rows`: selectors.member_rows of the team."""
    shown = [
        (
            row["name"],
            _eligibility(row),
            row["days_off"],
            _days(row["fixed_remote"], row["fixed_on_site"]),
            _days(row["preferred_remote"], row["preferred_on_site"]),
            Cell(
                actions=(
                    Action(
                        _("Modifier"),
                        reverse(
                            "planner:member_profile",
                            kwargs={
                                "organisation_id": organisation.pk,
                                "team_id": team.pk,
                                "membership_id": row["membership"].pk,
                            },
                        ),
                        row["name"],
                    ),
                )
            ),
        )
        for row in rows
    ]
    columns = (_("Membre"), _("Télétravail éligible (jours par semaine)"), _("Jours non travaillés"))
    columns += (_("Jours fixes"), _("Souhaits"), _("Actions"))
    caption = ngettext("%(counter)s membre", "%(counter)s membres", len(rows)) % {"counter": len(rows)}
    return table(caption, columns, shown, empty=_("Aucun membre dans cette équipe."))


def _cell_kind(assignment):
    """The cell's class: the day kind, a day at a telework place apart (its text says so too)."""
    if assignment.closure:
        return "closed"
    return "place" if day_place(assignment) is not None else assignment.where


def schedule_tables(weeks):
    """One table a week of a person's schedule: `weeks` are (monday, assignments)."""
    return [
        table(
            _("Semaine du %(date)s") % {"date": moment(monday, "d/m/Y")},
            (_("Jour"), _("Lieu")),
            [
                (
                    f"{capfirst(assignment.get_day_display())} {moment(assignment.date, 'd/m')}",
                    Cell(day_label(assignment), classes=f"planner-cell planner-cell--{_cell_kind(assignment)}"),
                )
                for assignment in days
            ],
        )
        for monday, days in weeks
    ]


def together_table(cohesion):
    rows = [(week, days) for week, days in enumerate(cohesion.together_days, start=1)]
    columns = (_("Semaine"), Column(_("Jours ensemble"), numeric=True))
    return table(_("Jours où l'équipe est au complet sur site"), columns, rows)


def occupancy_tables(weeks):
    """One table a week of a site: people on site per team and day, the desks and the total, flagged over the desks
    (`weeks`: selectors.site_occupancy)."""
    tables = []
    for week in weeks:
        rows = [(team["name"], *team["counts"]) for team in week["teams"]]
        rows.append((_("Postes de travail"), *week["desks"]))
        rows.append(
            (
                _("Total sur site"),
                *(
                    Cell(
                        total["count"],
                        classes="planner-flagged" if total["over"] else "",
                        template="planner/_total_cell.html",
                        context={"over": total["over"]},
                    )
                    for total in week["totals"]
                ),
            )
        )
        days = tuple(capfirst(moment(day, "l d/m")) for day in week["dates"])
        caption = _("Semaine du %(date)s") % {"date": moment(week["dates"][0], "d/m/Y")}
        tables.append(table(caption, (_("Équipe"), *days), rows, classes="planner-grid"))
    return tables


def mode_switches_table(switches):
    rows = [
        (
            moment(switch.created_at, "d/m/Y H:i"),
            _("exceptionnel") if switch.exceptional else _("normal"),
            switch.actor_email,
            switch.reason,
        )
        for switch in switches
    ]
    return table(
        _("Historique des changements de mode"),
        (_("Date"), _("Mode"), _("Par"), _("Motif")),
        rows,
        empty=_("Aucun changement de mode pour l'instant."),
        classes="fr-mt-4w",
    )
