from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "teletravail.apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Registers what it holds about a person, for their data archive, and its job (sending an e-mail).
        from teletravail.apps.notifications import mail, personal_data  # noqa: F401
