"""The organisation's audit trail, for its employer admins. Routed under the organisations URLs."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teletravail.apps.core.pages import organisation_context
from teletravail.apps.organisations.days import DAY_LABELS
from teletravail.apps.organisations.models import Role, Sector, Sex
from teletravail.apps.organisations.selectors import organisation_access, organisation_audit_events
from teletravail.apps.organisations.tables import audit_log_table


DETAIL_LABELS = {
    "email": _("Adresse"),
    "consultant": _("Consultant·e"),
    "role": _("Rôle"),
    "team": _("Équipe"),
    "managed_teams": _("Équipes encadrées"),
    "home_commune": _("Commune de résidence"),
    "sex": _("Sexe"),
    "name": _("Nom"),
    "siret": _("SIRET"),
    "sector": _("Secteur"),
    "headcount": _("Effectif"),
    "naf_code": _("Code NAF"),
    "site": _("Site"),
    "commune": _("Commune"),
    "desks": _("Postes de travail"),
    "desks_by_day": _("Postes de travail selon le jour"),
    "members": _("Membres"),
    "object": _("Objet"),
    "operation": _("Opération"),
    "before": _("Avant"),
    "after": _("Après"),
    "changes": _("Modifications"),
    "invitations": _("Invitations"),
    "teams_created": _("Équipes créées"),
    "roles": _("Rôles"),
    "invited_by": _("Invité·e par"),
    "new_account": _("Nouveau compte"),
    "resent": _("Renvoi"),
    "demo": _("Démonstration"),
    "campaign": _("Campagne"),
    "title": _("Titre"),
    "job": pgettext_lazy("emploi", "Poste"),
    "activity": _("Activité"),
    "participant": _("Participant·e"),
    "action": _("Action"),
    "count": _("Nombre"),
    "plan": _("Planning"),
    "start": _("Début"),
    "weeks": _("Semaines"),
    "mode": _("Mode"),
    "reason": _("Motif"),
    "changed": _("Invitation modifiée"),
    "new_address": _("Nouvelle adresse"),
    "invitation": _("Invitation"),
    "token": _("Jeton d'API"),
    "organisations": _("Organisations"),
    "expires_at": _("Expire le"),
    "via": _("Depuis"),
    "call": _("Requête"),
    "deleted_organisation": _("Organisation supprimée (pseudonyme)"),
    "rows": _("Lignes supprimées"),
    "item": _("Action du plan (numéro)"),
    "origin": _("Origine"),
    "owner_role": _("Porté par"),
    "owner": _("Personne responsable"),
    "due_on": _("Échéance"),
    "status": _("État"),
    "review_of": _("Campagne dont c'est le bilan (numéro)"),
    "first_wave": _("Première vague (numéro de campagne)"),
}
VALUE_LABELS = {
    "object": {"organisation": _("organisation"), "site": _("site"), "team": _("équipe")},
    "operation": {"created": _("création"), "changed": _("modification"), "deleted": _("suppression")},
    "role": dict(Role.choices),
    "sex": dict(Sex.choices),
    "mode": {"exceptionnel": _("exceptionnel"), "normal": _("normal")},
    "sector": dict(Sector.choices),
    "via": {"account": _("la page du compte"), "command_line": _("la ligne de commande")},
}


def _text(key, value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    if isinstance(value, list):
        return ", ".join(_text(key, item) for item in value)
    if isinstance(value, dict):
        if key == "roles":
            return ", ".join(f"{_text('role', role)} : {count}" for role, count in value.items())
        if key == "desks_by_day":
            return ", ".join(f"{DAY_LABELS.get(day, day)} : {count}" for day, count in value.items()) or "—"
        if key == "changes":
            # {field: [before, after]}
            return " ; ".join(
                f"{DETAIL_LABELS.get(k, k)} : {' → '.join(_text(k, item) for item in v)}" for k, v in value.items()
            )
        return " ; ".join(f"{DETAIL_LABELS.get(k, k)} : {_text(k, v)}" for k, v in value.items())
    labels = VALUE_LABELS.get(key)
    if labels and value in labels:
        return str(labels[value])
    return str(value)


def describe_details(details):
    """(label, text) pairs of an event's details, with known keys and codes in words."""
    if not isinstance(details, dict):
        return [("", str(details))]
    return [(str(DETAIL_LABELS.get(key, key)), _text(key, value)) for key, value in details.items()]


@login_required
def organisation_log(request, organisation_id):
    access = organisation_access(request.user, organisation_id).require("can_see_audit_log")
    page = Paginator(organisation_audit_events(access.organisation), settings.AUDIT_LOG_EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(event, describe_details(event.details)) for event in page.object_list]
    return render(
        request,
        "audit/organisation_log.html",
        organisation_context(access, "audit_log", page_obj=page, rows=rows, log_table=audit_log_table(rows)),
    )
