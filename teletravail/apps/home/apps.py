from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top of the layers: where a person lands (their space, an organisation's journey) and the demo."""

    name = "teletravail.apps.home"
    label = "home"
    verbose_name = _("Accueil et parcours")
