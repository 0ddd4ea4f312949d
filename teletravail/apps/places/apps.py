from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "teletravail.apps.places"
    label = "places"
    verbose_name = _("Lieux de télétravail")

    def ready(self):
        # Registers what this app contributes to the organisation's journey, and the kinds of notification it sends.
        from teletravail.apps.places import journey, notices  # noqa: F401
