from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlannerConfig(AppConfig):
    name = "teletravail.apps.planner"
    label = "planner"
    verbose_name = _("Planning hybride")
