"""An organisation's charters and their versions, in its data archive (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.charters.models import CharterDocument, CharterVersion
from teletravail.apps.core.personal_data import register_organisation_records


register_organisation_records("chartes", _("Chartes et accords"), CharterDocument, "organisation")
register_organisation_records("chartes_versions", _("Versions des chartes"), CharterVersion, "document__organisation")
