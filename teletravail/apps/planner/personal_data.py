"""A person's planning constraints, wishes and days, in their data archive (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import PersonalTable, field_columns, register_personal_data
from teletravail.apps.planner.models import Assignment, MemberPlanningProfile
from teletravail.apps.planner.selectors import PROFILE_DAY_FIELDS


PROFILE_FIELDS = ("telework_days_max", "can_telework", "on_site_days_min", *PROFILE_DAY_FIELDS)


@register_personal_data
def planning(user):
    profiles = MemberPlanningProfile.objects.filter(membership__user=user).select_related("membership__organisation")
    days = (
        Assignment.objects.filter(membership__user=user)
        .select_related("plan__team__organisation")
        .order_by("date", "plan_id")
    )
    return [
        PersonalTable(
            "planification",
            _("Vos contraintes et souhaits de planification"),
            (("organisation", _("Organisation")), *field_columns(MemberPlanningProfile, *PROFILE_FIELDS)),
            [
                [profile.membership.organisation.name, *(getattr(profile, name) for name in PROFILE_FIELDS)]
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
            ),
            [
                [
                    day.plan.team.organisation.name,
                    day.plan.team.name,
                    day.plan.get_status_display(),
                    day.date,
                    day.get_where_display(),
                ]
                for day in days
            ],
        ),
    ]
