"""What a person was told (a notification, read or not) and which e-mails they chose to receive."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teletravail.apps.notifications.texts import say


class Notification(models.Model):
    """Something one person has to do or should know, shown in their list until read, with the page it is about."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("type"), max_length=40)  # a code registered in kinds.py
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The words in French, as written when it was sent: what the audit and the erasure search; rows from before
    # `message` existed hold them in the language of whoever sent them.
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    # The message ids and their values ({"title": Text data, "body": Text data}), said in the reader's language.
    message = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("page concernée"), max_length=500)  # a path on the platform, made absolute in e-mails
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.recipient} — {self.title}"

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def shown_title(self):
        """The title in the active language (as written, for a notification sent before messages were kept)."""
        return say(self.message["title"]) if self.message else self.title

    @property
    def shown_body(self):
        return say(self.message["body"]) if self.message else self.body


class EmailPreferences(models.Model):
    """The kinds of notification a person does not want by e-mail (they still see them in their list)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences")
    muted_kinds = models.JSONField(default=list, blank=True)
    # The language the person last used the platform in: their e-mails are written in it (French when unknown).
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("préférences de courriel")
        verbose_name_plural = _("préférences de courriel")

    def __str__(self):
        return str(self.user)
