"""What a person was told and their e-mail choices, in their data archive (core.personal_data)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import (
    PersonalTable,
    register_erasure,
    register_personal_data,
    replace_person,
)
from teletravail.apps.notifications.models import EmailPreferences, Notification


@register_personal_data
def notifications(user):
    received = Notification.objects.filter(recipient=user).select_related("organisation").order_by("created_at", "id")
    preferences = EmailPreferences.objects.filter(user=user).first()
    muted = preferences.muted_kinds if preferences else []
    language = preferences.language if preferences else ""
    return [
        PersonalTable(
            "notifications",
            _("Vos notifications"),
            (
                ("date", _("Date")),
                ("organisation", _("Organisation")),
                ("title", _("Titre")),
                ("body", _("Message")),
                ("read_at", _("Lue le")),
            ),
            [
                [n.created_at, n.organisation.name if n.organisation else "", n.shown_title, n.shown_body, n.read_at]
                for n in received
            ],
        ),
        PersonalTable(
            "courriels_refuses",
            _("Les notifications que vous ne recevez pas par courriel"),
            (("kind", _("Type")),),
            [[kind] for kind in sorted(muted)],
        ),
        PersonalTable(
            "langue_des_courriels",
            _("La langue dans laquelle vos courriels sont écrits"),
            (("language", _("Langue")),),
            [[language]] if language else [],
        ),
    ]


@register_erasure
def unname_in_notifications(user, alias):
    """Notifications of other people that name the person (« Alice Martin a répondu ») name the alias instead; the
    person's own go with the account."""
    naming = Q()
    for identity in filter(None, (user.email, user.full_name)):
        naming |= Q(title__contains=identity) | Q(body__contains=identity)
    for notification in Notification.objects.filter(naming).exclude(recipient=user):
        notification.title = replace_person(notification.title, user, alias)
        notification.body = replace_person(notification.body, user, alias)
        notification.message = replace_person(notification.message, user, alias)  # the values of its placeholders
        notification.save(update_fields=["title", "body", "message"])
