from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "teletravail.apps.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        # Registers what this app contributes to the organisation's journey.
        # And the kinds of notification it sends, what it holds about a person (their data archive), the
        # reminders it sends, and the job that applies a large import.
        from teletravail.apps.organisations import (
            import_jobs,  # noqa: F401
            journey,  # noqa: F401
            notices,  # noqa: F401
            personal_data,  # noqa: F401
            reminders,  # noqa: F401
        )
