from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    name = "teletravail.apps.diagnostic"
    label = "diagnostic"
    verbose_name = _("Diagnostic de télétravaillabilité")

    def ready(self):
        # Registers what this app contributes to the organisation's journey, and its findings' links from the
        # action plan.
        # And the kinds of notification it sends, the tasks it gives each person, what it holds about a person
        # (their data archive), the reminders it sends, who may download its reports.
        from teletravail.apps.diagnostic import (  # noqa: F401
            action_origins,
            demo,  # noqa: F401
            documents,
            journey,  # noqa: F401
            my_tasks,
            notices,
            personal_data,
            reminders,
        )
