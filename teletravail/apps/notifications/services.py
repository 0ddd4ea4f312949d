"""Telling people what they have to do or should know: a notification in their list, and an e-mail (plain text and
HTML) unless they turned that kind off.

The apps call `notify` from their own services, inside their transaction: the e-mails leave once it commits, so that
nobody receives a link to something that was rolled back. They are sent by a job (`mail.queue_email`), not while the
request waits.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teletravail.apps.core.emails import templated_email
from teletravail.apps.core.links import absolute_url
from teletravail.apps.notifications.kinds import kind_codes
from teletravail.apps.notifications.mail import queue_email
from teletravail.apps.notifications.models import EmailPreferences, Notification
from teletravail.apps.notifications.texts import Text, say


def _email_choices(users, kind):
    """Ids of the users among `users` who do not want this kind by e-mail, and each user's e-mail language."""
    preferences = EmailPreferences.objects.filter(user__in=users)
    muted = {preference.user_id for preference in preferences if kind in preference.muted_kinds}
    return muted, {preference.user_id: preference.language for preference in preferences if preference.language}


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
    (never in the demo organisation). `title` and `body` are Texts (a plain string is a text without values), said
    in each reader's language: the list in the page's, the e-mail in the recipient's."""
    if kind not in kind_codes():
        raise ValueError(f"Unknown notification kind {kind}")
    title, body = (text if isinstance(text, Text) else Text(text) for text in (title, body))
    message = {"title": title.as_data(), "body": body.as_data()}
    with translation.override("fr"):
        french = {"title": say(message["title"]), "body": say(message["body"])}
    people = list({user.pk: user for user in recipients if user is not None and user.is_active}.values())
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, organisation=organisation, message=message, link=link, **french)
        for user in people
    )
    if organisation is not None and organisation.is_demo:
        return notifications  # the demo's people are fictional: told in the platform, never e-mailed
    muted, languages = _email_choices(people, kind)
    to_email = [notification for notification in notifications if notification.recipient_id not in muted]
    # Queued in this transaction: rolled back with it, sent only once it commits; each in its recipient's language.
    for notification in to_email:
        with translation.override(languages.get(notification.recipient_id, settings.LANGUAGE_CODE)):
            email = build_email(notification, request)
        queue_email(email, key=f"notification:{notification.pk}")
    return notifications


def remember_language(*, user, language):
    """The language the person uses the platform in, for their e-mails."""
    preferences, _created = EmailPreferences.objects.get_or_create(user=user)
    if preferences.language != language:
        preferences.language = language
        preferences.save(update_fields=["language"])


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
