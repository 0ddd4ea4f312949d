from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "teletravail.apps.planner"
    label = "planner"
    verbose_name = _("Planning hybride")

    def ready(self):
        # Registers what this app contributes to the organisation's journey.
        from teletravail.apps.planner import journey  # noqa: F401
