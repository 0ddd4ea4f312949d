from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "teletravail.apps.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        # And what it holds about a person, for their data archive.
        from teletravail.apps.accounts import personal_data, signals  # noqa: F401
