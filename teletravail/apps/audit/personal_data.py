"""The audit events a person caused, in their data archive (core.personal_data): what, when, from which address and
in which organisation; not the details, which may name other people (the address of someone invited…). On erasure,
the trail becomes pseudonymous."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.personal_data import (
    PersonalTable,
    register_erasure,
    register_organisation_records,
    register_personal_data,
    register_processing,
    replace_person,
)
from teletravail.apps.core.retention import register_retention


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


@register_erasure
def pseudonymise_trail(user, alias):
    """The trail keeps what happened, and when: the person's events lose their address (the alias stands for it)
    and their IP; their address and name in the details of any event become the alias."""
    organisation_ids = list(user.memberships.values_list("organisation_id", flat=True))
    own = Q(actor=user) | Q(actor_email__iexact=user.email)
    for event in AuditEvent.objects.filter(
        own | Q(details__icontains=user.email) | Q(organisation__in=organisation_ids)
    ):
        details = replace_person(event.details, user, alias)
        mine = event.actor_id == user.pk or event.actor_email.lower() == user.email.lower()
        if mine or details != event.details:
            event.details = details
            if mine:
                event.actor, event.actor_email, event.ip_address = None, alias, None
            event.save(update_fields=["details", "actor", "actor_email", "ip_address"])
    record_event(AuditAction.ACCOUNT_ERASED, actor_email=alias)


register_organisation_records("journal_audit", _("Journal d'audit"), AuditEvent, "organisation")
register_retention(
    "audit_event_days",
    _("Événements du journal d'audit"),
    lambda cutoff: AuditEvent.objects.filter(created_at__lt=cutoff),
)

register_processing(
    _("Journal d'audit"),
    purpose=_("Sécurité du service et traçabilité des accès et des changements de droits"),
    legal_basis=_("Intérêt légitime : sécurité du traitement (RGPD, art. 6.1.f et 32)"),
    data=_("Action, date, adresse IP, organisation concernée, adresse de qui l'a faite"),
    recipients=_("Les administrateurs de votre organisation (ses événements) ; les administrateurs techniques"),
    retention=_("Pseudonymisé quand le compte est supprimé, puis supprimé au terme de la durée"),
    periods=(("audit_event_days", _("événement du journal")),),
)
