from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top of the layers: where a person lands (their space, an organisation's journey) and the demo."""

    name = "teletravail.apps.home"
    label = "home"
    verbose_name = _("Accueil et parcours")

    def ready(self):
        from teletravail.apps.home import navigation  # noqa: F401  (registers its entry of the main menu)
