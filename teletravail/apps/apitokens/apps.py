from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    name = "teletravail.apps.apitokens"
    label = "apitokens"
    verbose_name = _("Jetons d'API")
