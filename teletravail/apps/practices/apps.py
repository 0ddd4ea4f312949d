from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "teletravail.apps.practices"
    label = "practices"
    verbose_name = _("Pratiques, risques et bilan à six mois")

    def ready(self):
        # What this app contributes to the journey, the demo, each person's tasks, the notifications it sends, the
        # equality indicators' « worked while ill » and the data archive.
        from teletravail.apps.practices import (  # noqa: F401
            action_origins,
            demo,
            equality,
            journey,
            my_tasks,
            notices,
            personal_data,
        )
