from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulatorConfig(AppConfig):
    name = "teletravail.apps.simulator"
    label = "simulator"
    verbose_name = _("Simulateur d'impact")

    def ready(self):
        # Registers what this app contributes to the organisation's journey, and its job.
        from teletravail.apps.simulator import jobs, journey  # noqa: F401
