"""What the planner tells people: their team's plan is published, or published again after a change."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text, on_date
from teletravail.apps.planner.selectors import team_members


PLAN_PUBLISHED = register_kind(
    "plan_published", gettext_lazy("Le planning de votre équipe est publié ou a changé"), 40
)


def plan_published(plan, *, changed, request=None):
    team = plan.team
    values = {"team": team.name, "start": on_date(plan.start)}
    notify(
        recipients=[membership.user for membership in team_members(team)],
        kind=PLAN_PUBLISHED.code,
        organisation=team.organisation,
        title=Text(
            gettext_noop("Le planning de l'équipe %(team)s a changé (à partir du %(start)s)")
            if changed
            else gettext_noop("Le planning de l'équipe %(team)s est publié (à partir du %(start)s)"),
            values,
        ),
        body=Text(
            gettext_noop(
                "Vos jours sur site et à distance sont dans « Mon planning », et dans votre agenda si vous l'y avez "
                "abonné."
            )
        ),
        link=reverse("planner:my_schedule", kwargs={"organisation_id": team.organisation_id}),
        request=request,
    )


PLACE_DAYS_WITHDRAWN = register_kind(
    "place_days_withdrawn", gettext_lazy("Vos jours en tiers-lieu redeviennent des jours de télétravail"), 41
)


def place_days_withdrawn(organisation, memberships, *, request=None):
    """The organisation no longer allows place days (or fewer a week): the members whose planned days at their
    place became plain telework days are told so."""
    notify(
        recipients=[membership.user for membership in memberships],
        kind=PLACE_DAYS_WITHDRAWN.code,
        organisation=organisation,
        title=Text(gettext_noop("Vos jours en tiers-lieu redeviennent des jours de télétravail")),
        body=Text(
            gettext_noop(
                "%(organisation)s a changé sa règle des jours en tiers-lieu : vos jours planifiés dans votre lieu de "
                "télétravail sont désormais des jours de télétravail, sans lieu. Voyez « Mon planning »."
            ),
            {"organisation": organisation.name},
        ),
        link=reverse("planner:my_schedule", kwargs={"organisation_id": organisation.pk}),
        request=request,
    )
