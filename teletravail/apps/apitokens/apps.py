from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    name = "teletravail.apps.apitokens"
    label = "apitokens"
    verbose_name = _("Jetons d'API")

    def ready(self):
        # Registers what it holds about a person, for their data archive.
        from teletravail.apps.apitokens import personal_data  # noqa: F401
