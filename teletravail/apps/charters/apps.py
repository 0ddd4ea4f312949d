from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "teletravail.apps.charters"
    label = "charters"
    verbose_name = _("Charte et accord de télétravail")

    def ready(self):
        # Registers what this app contributes to the organisation's journey.
        # And the kinds of notification it sends, the tasks it gives each person, what it keeps for an
        # organisation (its data archive), who may download its files.
        from teletravail.apps.charters import (  # noqa: F401
            demo,  # noqa: F401
            documents,
            journey,  # noqa: F401
            my_tasks,
            notices,
            personal_data,
        )
