from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "teletravail.apps.core"
    label = "core"
    verbose_name = _("Socle")

    def ready(self):
        from teletravail.apps.core import checks  # noqa: F401  (registers the deployment checks)
