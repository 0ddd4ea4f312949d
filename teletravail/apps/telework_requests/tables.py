"""The tables of the telework requests, drawn by `core/_table.html`."""

from django.urls import reverse
from django.utils.translation import gettext as _

from teletravail.apps.core.tables import Action, Badge, Cell, moment, number, table
from teletravail.apps.telework_requests.models import Status


STATUS_BADGES = {Status.OPEN: "info", Status.GRANTED: "success", Status.REFUSED: "error", Status.WITHDRAWN: ""}


def _status(telework_request):
    return Cell(badges=(Badge(telework_request.get_status_display(), STATUS_BADGES[telework_request.status]),))


def _granted(telework_request):
    return number(telework_request.days_granted) if telework_request.days_granted is not None else "—"


def _name(membership):
    return membership.user.full_name or membership.user.email


def own_requests_table(organisation, requests):
    rows = []
    for found in requests:
        row = [
            moment(found.created_at),
            number(found.days_requested),
            _status(found),
            _granted(found),
            Cell(found.reason or "—", note=_name_of_decider(found)),
        ]
        if found.is_open:
            url = reverse(
                "telework_requests:withdraw",
                kwargs={"organisation_id": organisation.pk, "telework_request_id": found.pk},
            )
            row.append(Cell(actions=(Action(_("Retirer la demande"), url, kind="tertiary", post=True),)))
        else:
            row.append("")
        rows.append(row)
    columns = (
        _("Demandée le"),
        _("Jours demandés"),
        _("État"),
        _("Jours accordés"),
        _("Motif de la décision"),
        _("Action"),
    )
    return table(
        _("Mes demandes de télétravail"),
        columns,
        rows,
        empty=_("Vous n'avez fait aucune demande de télétravail."),
        classes="fr-mb-3w",
    )


def _name_of_decider(found):
    if found.decided_by is None:
        return ""
    return _("Décision de %(name)s") % {"name": found.decided_by.full_name or found.decided_by.email}


def requests_to_decide_table(organisation, requests):
    rows = []
    for found in requests:
        url = reverse(
            "telework_requests:decide", kwargs={"organisation_id": organisation.pk, "telework_request_id": found.pk}
        )
        label = _("Décider") if found.is_open else _("Voir")
        rows.append(
            [
                _name(found.membership),
                found.membership.team.name if found.membership.team_id else "—",
                moment(found.created_at),
                number(found.days_requested),
                _status(found),
                Cell(actions=(Action(label, url, hidden_suffix=_name(found.membership), kind="tertiary"),)),
            ]
        )
    columns = (_("Personne"), _("Équipe"), _("Demandée le"), _("Jours demandés"), _("État"), _("Décision"))
    return table(
        _("Demandes de votre périmètre"),
        columns,
        rows,
        empty=_("Aucune demande de télétravail à examiner."),
        classes="fr-mb-3w",
    )
