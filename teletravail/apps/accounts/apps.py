from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "teletravail.apps.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        from teletravail.apps.accounts import signals  # noqa: F401
