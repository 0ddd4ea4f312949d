from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "teletravail.apps.core"
    label = "core"
    verbose_name = _("Socle")

    def ready(self):
        # Registers the deployment checks and this app's entries of the main menu.
        from teletravail.apps.core import checks, navigation  # noqa: F401
