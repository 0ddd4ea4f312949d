from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "teletravail.apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Registers what it holds about a person, for their data archive.
        from teletravail.apps.notifications import personal_data  # noqa: F401
