"""What the telework requests tell people: a manager, that a member of their team asks; the member, the decision
and its reason."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text
from teletravail.apps.telework_requests.models import Status


REQUEST_SUBMITTED = register_kind(
    "telework_request_submitted", gettext_lazy("Un membre de votre équipe demande à télétravailler"), 45
)
REQUEST_DECIDED = register_kind(
    "telework_request_decided", gettext_lazy("Votre demande de télétravail a reçu une réponse"), 46
)


def _display_name(membership):
    return membership.user.full_name or membership.user.email


def request_submitted(telework_request, deciders, request=None):
    notify(
        recipients=[membership.user for membership in deciders],
        kind=REQUEST_SUBMITTED.code,
        organisation=telework_request.organisation,
        title=Text(
            gettext_noop("Demande de télétravail de %(name)s (jours par semaine : %(days)s)"),
            {"name": _display_name(telework_request.membership), "days": telework_request.days_requested},
        ),
        body=Text(
            gettext_noop(
                "Accordez ou refusez la demande depuis « Demandes de télétravail ». Un refus est motivé par écrit."
            )
        ),
        link=reverse("telework_requests:decide", kwargs=_keys(telework_request)),
        request=request,
    )


def request_decided(telework_request, request=None):
    if telework_request.status == Status.GRANTED:
        title = Text(
            gettext_noop("Votre demande de télétravail est accordée (jours par semaine : %(days)s)"),
            {"days": telework_request.days_granted},
        )
        body = Text(gettext_noop("Les prochains plannings de votre équipe en tiendront compte."))
    else:
        title = Text(gettext_noop("Votre demande de télétravail est refusée"))
        body = Text(gettext_noop("Motif donné : %(reason)s"), {"reason": telework_request.reason})
    notify(
        recipients=[telework_request.membership.user],
        kind=REQUEST_DECIDED.code,
        organisation=telework_request.organisation,
        title=title,
        body=body,
        link=reverse("telework_requests:mine", kwargs={"organisation_id": telework_request.organisation_id}),
        request=request,
    )


def _keys(telework_request):
    return {"organisation_id": telework_request.organisation_id, "telework_request_id": telework_request.pk}
