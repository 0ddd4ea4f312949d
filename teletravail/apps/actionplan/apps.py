from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "teletravail.apps.actionplan"
    label = "actionplan"
    verbose_name = _("Plan d'action")

    def ready(self):
        # Registers what this app contributes to the organisation's journey and what it keeps for an organisation
        # (its data archive), its demo action.
        from teletravail.apps.actionplan import demo, journey, personal_data  # noqa: F401
