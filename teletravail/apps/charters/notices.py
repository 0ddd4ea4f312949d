"""What the charter tells people: the organisation adopted its charter (or agreement), which everyone is to read."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text
from teletravail.apps.organisations.models import Membership


CHARTER_ADOPTED = register_kind(
    "charter_adopted", gettext_lazy("La charte ou l'accord de télétravail est adopté : prenez-en connaissance"), 50
)


def document_adopted(document, request=None):
    organisation = document.organisation
    memberships = Membership.objects.filter(organisation=organisation).select_related("user")
    notify(
        recipients=[membership.user for membership in memberships],
        kind=CHARTER_ADOPTED.code,
        organisation=organisation,
        title=Text(
            gettext_noop("Le document de télétravail de « %(name)s » est adopté : prenez-en connaissance"),
            {"name": organisation.name},
        ),
        body=Text(
            gettext_noop(
                "Il fixe les règles du télétravail dans l'organisation : qui peut télétravailler, comment, avec "
                "quels droits."
            )
        ),
        link=reverse("charters:document", kwargs={"organisation_id": organisation.pk, "document_id": document.pk}),
        request=request,
    )
