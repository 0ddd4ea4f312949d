"""The audit events a person caused, in their data archive (core.personal_data): what, when, from which address and
in which organisation; not the details, which may name other people (the address of someone invited…)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.core.personal_data import PersonalTable, register_personal_data


@register_personal_data
def audit_events(user):
    events = AuditEvent.objects.filter(actor=user).select_related("organisation").order_by("created_at", "id")
    columns = (
        ("date", _("Date")),
        ("action", _("Action")),
        ("ip_address", _("Adresse IP")),
        ("organisation", _("Organisation")),
    )
    rows = [
        [
            event.created_at,
            event.get_action_display(),
            event.ip_address,
            event.organisation.name if event.organisation else "",
        ]
        for event in events
    ]
    return [PersonalTable("journal", _("Vos actions enregistrées dans le journal d'audit"), columns, rows)]
