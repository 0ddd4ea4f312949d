"""Telling people what they have to do or should know: a notification in their list, and an e-mail (plain text and
HTML) unless they turned that kind off.

The apps call `notify` from their own services, inside their transaction: the e-mails leave once it commits, so that
nobody receives a link to something that was rolled back. They are sent by a job (`mail.queue_email`), not while the
request waits.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.core.emails import templated_email
from teletravail.apps.core.links import absolute_url
from teletravail.apps.notifications.kinds import kind_codes
from teletravail.apps.notifications.mail import queue_email
from teletravail.apps.notifications.models import EmailPreferences, Notification


def _muted(users, kind):
    """Ids of the users among `users` who do not want this kind by e-mail."""
    preferences = EmailPreferences.objects.filter(user__in=users)
    return {preference.user_id for preference in preferences if kind in preference.muted_kinds}


def build_email(notification, request=None):
    """The e-mail of a notification: subject, plain-text body, HTML alternative, with absolute links."""
    context = {
        "notification": notification,
        "link": absolute_url(notification.link, request),
        "home_url": absolute_url(reverse("core:home"), request),
        "preferences_url": absolute_url(reverse("notifications:preferences"), request),
    }
    return templated_email("notifications/email/notification", context, [notification.recipient.email])


@transaction.atomic
def notify(*, recipients, kind, title, body, link, organisation=None, request=None):
    """One notification per active recipient (each person once), e-mailed to those who did not turn `kind` off
    (never in the demo organisation)."""
    if kind not in kind_codes():
        raise ValueError(f"Unknown notification kind {kind}")
    people = list({user.pk: user for user in recipients if user is not None and user.is_active}.values())
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, organisation=organisation, title=title, body=body, link=link)
        for user in people
    )
    if organisation is not None and organisation.is_demo:
        return notifications  # the demo's people are fictional: told in the platform, never e-mailed
    muted = _muted(people, kind)
    to_email = [notification for notification in notifications if notification.recipient_id not in muted]
    # Queued in this transaction: rolled back with it, sent only once it commits.
    for notification in to_email:
        queue_email(build_email(notification, request), key=f"notification:{notification.pk}")
    return notifications


def mark_read(*, notification):
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def mark_seen(*, user, path):
    """The person opened the page: what they were told about it is read."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True, link=path).update(read_at=timezone.now())


def unread_after_visit(*, user, path):
    """The person's unread count once they opened `path`, where what they were told about that page is read: one
    read, and a write only when something was about this page."""
    links = list(Notification.objects.filter(recipient=user, read_at__isnull=True).values_list("link", flat=True))
    seen = links.count(path)
    if seen:
        mark_seen(user=user, path=path)
    return len(links) - seen


def save_email_preferences(*, user, muted_kinds):
    unknown = set(muted_kinds) - kind_codes()
    if unknown:
        raise ValidationError(_("Type de notification inconnu : %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))})
    preferences, _created = EmailPreferences.objects.get_or_create(user=user)
    preferences.muted_kinds = sorted(set(muted_kinds))
    preferences.save(update_fields=["muted_kinds"])
    return preferences
