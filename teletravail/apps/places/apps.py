from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "teletravail.apps.places"
    label = "places"
    verbose_name = _("Lieux de télétravail")

    def ready(self):
        # Registers what this app contributes to the organisation's journey, the kinds of notification it sends and
        # the reminder asking operators to re-assess their place against a new quality charter.
        from teletravail.apps.places import journey, notices, reminders  # noqa: F401
