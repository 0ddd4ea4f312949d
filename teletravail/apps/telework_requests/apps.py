from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeleworkRequestsConfig(AppConfig):
    name = "teletravail.apps.telework_requests"
    label = "telework_requests"
    verbose_name = _("Demandes de télétravail")

    def ready(self):
        # Registers what this app keeps about a person (export, retention), its notification kinds and its demo
        # request.
        from teletravail.apps.telework_requests import demo, notices, personal_data  # noqa: F401
