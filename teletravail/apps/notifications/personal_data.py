"""What a person was told and their e-mail choices, in their data archive (core.personal_data)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import (
    PersonalTable,
    register_erasure,
    register_organisation_records,
    register_personal_data,
    register_processing,
    replace_person,
)
from teletravail.apps.core.retention import register_retention
from teletravail.apps.jobs.models import Job
from teletravail.apps.notifications.mail import MAIL_JOB
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


register_organisation_records("notifications", _("Notifications envoyées aux membres"), Notification, "organisation")
register_retention(
    "read_notification_days",
    _("Notifications lues"),
    lambda cutoff: Notification.objects.filter(read_at__lt=cutoff),
)

register_processing(
    _("Notifications et courriels"),
    purpose=_("Vous prévenir de ce qui vous concerne (invitation, planning publié, diagnostic à remplir…)"),
    legal_basis=_("Exécution des conditions d'utilisation du service (RGPD, art. 6.1.b)"),
    data=_("Titre, message, date de lecture ; les types de notification que vous ne voulez pas par courriel"),
    recipients=_("Vous"),
    retention=_("Tant que le compte existe pour une notification non lue"),
    periods=(("read_notification_days", _("notification lue, après sa lecture")),),
)


@register_erasure
def forget_emails(user, alias):
    """The e-mails queued for the person go (nobody writes to an erased account); those to other people that name
    them (an invitation they sent) name the alias instead, as does why one failed."""
    identities = [identity for identity in (user.email, user.full_name) if identity]
    for job in Job.objects.filter(kind=MAIL_JOB):
        payload = job.payload
        if user.email.lower() in (address.lower() for address in payload.get("to", [])):
            job.delete()
            continue
        texts = [payload.get("subject", ""), payload.get("body", ""), job.failure_detail]
        texts += [content for content, _mimetype in payload.get("alternatives", [])]
        if not any(identity in text for identity in identities for text in texts):
            continue
        payload["subject"] = replace_person(payload.get("subject", ""), user, alias)
        payload["body"] = replace_person(payload.get("body", ""), user, alias)
        payload["alternatives"] = [
            [replace_person(content, user, alias), mimetype] for content, mimetype in payload.get("alternatives", [])
        ]
        job.failure_detail = replace_person(job.failure_detail, user, alias)
        job.save(update_fields=["payload", "failure_detail"])
