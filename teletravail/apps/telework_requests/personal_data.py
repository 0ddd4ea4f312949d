"""The telework requests in a person's archive and the organisation's, on the « Données personnelles » page, and
their retention: a decided or withdrawn request goes after the period of retention.yaml. An erased account's
requests go with its memberships."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import (
    PersonalTable,
    field_columns,
    register_organisation_records,
    register_personal_data,
    register_processing,
)
from teletravail.apps.core.retention import register_retention
from teletravail.apps.telework_requests.models import Status, TeleworkRequest


RETENTION = "closed_telework_request_days"

register_organisation_records("demandes_teletravail", _("Demandes de télétravail"), TeleworkRequest, "organisation")

register_retention(
    RETENTION,
    _("demande de télétravail décidée ou retirée"),
    lambda cutoff: TeleworkRequest.objects.filter(~Q(status=Status.OPEN), closed_at__lt=cutoff),
)

register_processing(
    _("Demandes de télétravail"),
    purpose=_(
        "Demander à télétravailler et recevoir une réponse motivée ; compter, sans nommer personne, les demandes "
        "et les refus par sexe dans les indicateurs d'égalité"
    ),
    legal_basis=_(
        "Exécution du contrat de travail et obligation légale de l'employeur de motiver un refus (RGPD, art. 6.1.b "
        "et 6.1.c ; Code du travail, art. L1222-9)"
    ),
    data=_("Jours demandés, message, décision, jours accordés, motif, qui a décidé et quand"),
    recipients=_(
        "Vous ; le manager de votre équipe et les administrateurs de votre organisation. Les consultants ne voient "
        "que les indicateurs agrégés"
    ),
    retention=_("Tant que la demande est en attente, puis pendant la durée indiquée après la décision ou le retrait"),
    periods=((RETENTION, _("demande décidée ou retirée")),),
)


@register_personal_data
def own_requests(user):
    requests = (
        TeleworkRequest.objects.filter(membership__user=user)
        .select_related("organisation", "decided_by")
        .order_by("organisation__name", "created_at", "pk")
    )
    columns = (
        ("organisation", _("Organisation")),
        *field_columns(
            TeleworkRequest,
            "created_at",
            "days_requested",
            "message",
            "status",
            "days_granted",
            "reason",
            "decided_by",
            "closed_at",
        ),
    )
    return [
        PersonalTable(
            "demandes_teletravail",
            _("Vos demandes de télétravail et les décisions prises"),
            columns,
            [
                [
                    found.organisation.name,
                    found.created_at,
                    found.days_requested,
                    found.message,
                    found.status,
                    found.days_granted,
                    found.reason,
                    found.decided_by.email if found.decided_by_id else "",
                    found.closed_at,
                ]
                for found in requests
            ],
        )
    ]
