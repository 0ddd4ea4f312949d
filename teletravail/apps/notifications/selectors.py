"""Reads of a person's notifications: only their own."""

from django.shortcuts import get_object_or_404

from teletravail.apps.notifications.models import EmailPreferences, Notification


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_of(user, limit=100):
    return list(Notification.objects.filter(recipient=user).select_related("organisation")[:limit])


def notification_of(user, notification_id):
    """The person's notification; 404 for anyone else's."""
    return get_object_or_404(Notification, pk=notification_id, recipient=user)


def muted_kinds(user):
    preferences = EmailPreferences.objects.filter(user=user).first()
    return set(preferences.muted_kinds) if preferences else set()


def unread_about(user, kind, organisation):
    """The person's unread notifications of `kind` in the organisation, newest first."""
    return list(
        Notification.objects.filter(recipient=user, kind=kind, organisation=organisation, read_at__isnull=True)
    )
