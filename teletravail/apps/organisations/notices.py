"""What the organisations app tells people: a consultant was given access to an organisation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text


CONSULTANT_ACCESS = register_kind(
    "consultant_access", gettext_lazy("Une organisation vous ouvre l'accès à son parcours (consultant·e)"), 60
)


def consultant_access_granted(access, request=None):
    organisation = access.organisation
    notify(
        recipients=[access.consultant],
        kind=CONSULTANT_ACCESS.code,
        organisation=organisation,
        title=Text(gettext_noop("« %(name)s » vous a ouvert l'accès à son parcours"), {"name": organisation.name}),
        body=Text(
            gettext_noop(
                "Vous pouvez suivre le parcours de télétravail de l'organisation et l'accompagner. Elle peut "
                "retirer cet accès à tout moment."
            )
        ),
        link=reverse("home:journey", kwargs={"organisation_id": organisation.pk}),
        request=request,
    )
