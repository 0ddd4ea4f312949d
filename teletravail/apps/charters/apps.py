from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChartersConfig(AppConfig):
    name = "teletravail.apps.charters"
    label = "charters"
    verbose_name = _("Charte et accord de télétravail")
