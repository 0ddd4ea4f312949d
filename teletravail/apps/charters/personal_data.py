"""An organisation's charters and their versions, in its data archive (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.charters.models import CharterDocument, CharterVersion
from teletravail.apps.core.personal_data import register_organisation_records, register_processing


register_organisation_records("chartes", _("Chartes et accords"), CharterDocument, "organisation")
register_organisation_records("chartes_versions", _("Versions des chartes"), CharterVersion, "document__organisation")


register_processing(
    _("Charte et accord de télétravail"),
    purpose=_("Rédiger la charte ou l'accord de l'organisation et suivre ses étapes (CSE, information, signature)"),
    legal_basis=_(
        "Intérêt légitime de l'employeur à tracer la mise en place du télétravail (RGPD, art. 6.1.f ; Code du "
        "travail, art. L1222-9)"
    ),
    data=_("Adresse de qui a enregistré chaque version et chaque étape"),
    recipients=_("Les administrateurs de votre organisation"),
    retention=_("Tant que l'organisation existe"),
)
