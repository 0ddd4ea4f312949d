"""The planner's findings that become actions of the plan (« planner:<plan>:<indicator> »), linked back to the
team page that shows the plan's cohesion."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from teletravail.apps.actionplan.origins import register_origin
from teletravail.apps.planner.models import TeamPlan


def plan_link(organisation, parts):
    plan = TeamPlan.objects.filter(pk=int(parts[0]), team__organisation=organisation).first()
    if plan is None:
        return None
    page = reverse("planner:team", kwargs={"organisation_id": organisation.pk, "team_id": plan.team_id})
    return f"{page}?plan={plan.pk}"


register_origin("planner", gettext_lazy("Planning (cohésion)"), plan_link)


def cohesion_origin(plan, indicator):
    return f"planner:{plan.pk}:{indicator}"


def cohesion_findings(plan, cohesion):
    """{indicator: (title, detail)} of the cohesion indicators of the plan that call for an action: weeks without a
    day when the whole team is on site, people alone on site, people cut off from the team. No names: the action
    is about the team's organisation, and the plan shows who."""
    team = plan.team.name
    findings = {}
    weeks_apart = [week for week, days in enumerate(cohesion.together_days, start=1) if days == 0]
    if weeks_apart:
        findings["together"] = (
            _("Prévoir chaque semaine un jour où toute l'équipe « %(team)s » est sur site") % {"team": team},
            ngettext(
                "%(count)d semaine du planning sans jour commun sur site.",
                "%(count)d semaines du planning sans jour commun sur site.",
                len(weeks_apart),
            )
            % {"count": len(weeks_apart)},
        )
    if cohesion.alone:
        findings["alone"] = (
            _("Éviter qu'un membre de l'équipe « %(team)s » soit seul sur site") % {"team": team},
            ngettext(
                "%(count)d jour où une personne est seule de l'équipe sur site.",
                "%(count)d jours où une personne est seule de l'équipe sur site.",
                len(cohesion.alone),
            )
            % {"count": len(cohesion.alone)},
        )
    if cohesion.isolated:
        findings["isolation"] = (
            _("Rompre l'isolement de membres de l'équipe « %(team)s »") % {"team": team},
            ngettext(
                "%(count)d personne ne croise aucun collègue sur site pendant %(weeks)d semaines ou plus.",
                "%(count)d personnes ne croisent aucun collègue sur site pendant %(weeks)d semaines ou plus.",
                len(cohesion.isolated),
            )
            % {"count": len(cohesion.isolated), "weeks": cohesion.isolation_weeks},
        )
    return findings
