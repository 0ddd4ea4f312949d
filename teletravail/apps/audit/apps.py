from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "teletravail.apps.audit"
    label = "audit"
    verbose_name = _("Journal d'audit")

    def ready(self):
        # Registers what it holds about a person, for their data archive.
        from teletravail.apps.audit import personal_data  # noqa: F401
