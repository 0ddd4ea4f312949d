"""A person's planning constraints, wishes and days, in their data archive (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import (
    PersonalTable,
    field_columns,
    register_erasure,
    register_organisation_records,
    register_personal_data,
    register_processing,
    replace_person,
)
from teletravail.apps.jobs.models import Job
from teletravail.apps.planner.models import SOLVE_JOB, Assignment, MemberPlanningProfile, ModeSwitch, TeamPlan
from teletravail.apps.planner.selectors import PROFILE_DAY_FIELDS


PROFILE_FIELDS = ("telework_days_max", "can_telework", "on_site_days_min", *PROFILE_DAY_FIELDS, "place_days")


@register_personal_data
def planning(user):
    profiles = MemberPlanningProfile.objects.filter(membership__user=user).select_related(
        "membership__organisation", "telework_place"
    )
    days = (
        Assignment.objects.filter(membership__user=user)
        .select_related("plan__team__organisation", "telework_place")
        .order_by("date", "plan_id")
    )
    return [
        PersonalTable(
            "planification",
            _("Vos contraintes et souhaits de planification"),
            (
                ("organisation", _("Organisation")),
                *field_columns(MemberPlanningProfile, *PROFILE_FIELDS, "telework_place"),
            ),
            [
                [
                    profile.membership.organisation.name,
                    *(getattr(profile, name) for name in PROFILE_FIELDS),
                    profile.telework_place.name if profile.telework_place else "",
                ]
                for profile in profiles.order_by("membership__organisation__name")
            ],
        ),
        PersonalTable(
            "jours_planifies",
            _("Vos jours planifiés, sur site ou en télétravail"),
            (
                ("organisation", _("Organisation")),
                ("team", _("Équipe")),
                ("plan_status", _("Planning")),
                ("date", _("Date")),
                ("where", _("Lieu")),
                ("telework_place", _("Tiers-lieu")),
            ),
            [
                [
                    day.plan.team.organisation.name,
                    day.plan.team.name,
                    day.plan.get_status_display(),
                    day.date,
                    day.get_where_display(),
                    day.telework_place.name if day.telework_place else "",
                ]
                for day in days
            ],
        ),
    ]


@register_erasure
def unname_in_plans(user, alias):
    """The plans of the person's teams keep their shape (the other members' days stay right) with the alias for the
    person's name in the engine's input and answer; the mode switches they made keep the alias as author. Their own
    days and profile go with their membership."""
    for plan in TeamPlan.objects.filter(team__organisation__memberships__user=user).distinct():
        fields = {name: replace_person(getattr(plan, name), user, alias) for name in ("problem", "members", "result")}
        if any(value != getattr(plan, name) for name, value in fields.items()):
            TeamPlan.objects.filter(pk=plan.pk).update(**fields)
    ModeSwitch.objects.filter(actor_email__iexact=user.email).update(actor_email=alias)


def _solves(organisation):
    """The solves asked for the organisation's teams (a job names its team in its payload)."""
    teams = list(organisation.teams.values_list("pk", flat=True))
    return Job.objects.filter(kind=SOLVE_JOB, payload__team__in=teams)


register_organisation_records(
    "profils_planification",
    _("Contraintes et souhaits de planification des membres"),
    MemberPlanningProfile,
    "membership__organisation",
    leave_out=("calendar_token",),  # the private address of a member's calendar
)
register_organisation_records("plannings", _("Plannings d'équipe"), TeamPlan, "team__organisation")
register_organisation_records("jours_planifies", _("Jours planifiés"), Assignment, "plan__team__organisation")
register_organisation_records("modes_exceptionnels", _("Modes exceptionnels"), ModeSwitch, "organisation")
register_organisation_records("calculs_planning", _("Calculs de planning"), Job, _solves)

register_processing(
    _("Planification des jours de présence"),
    purpose=_("Organiser les jours sur site et en télétravail de l'équipe, en tenant compte de vos contraintes"),
    legal_basis=_("Intérêt légitime de l'employeur à organiser le travail (RGPD, art. 6.1.f)"),
    data=_(
        "Jours éligibles, jours non travaillés, jours fixes et souhaités, jours planifiés, lieu de télétravail "
        "choisi et jours en tiers-lieu"
    ),
    recipients=_("Votre manager et les administrateurs ; votre équipe voit le planning publié"),
    retention=_("Tant que vous êtes membre de l'organisation"),
    periods=(("finished_job_days", _("calcul de planning terminé, avec son résultat")),),
)
