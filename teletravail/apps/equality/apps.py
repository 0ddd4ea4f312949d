from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EqualityConfig(AppConfig):
    name = "teletravail.apps.equality"
    label = "equality"
    verbose_name = _("Égalité entre les femmes et les hommes")

    def ready(self):
        # Registers the processing of the declared sex on the « Données personnelles » page.
        from teletravail.apps.equality import personal_data  # noqa: F401
