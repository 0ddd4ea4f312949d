"""The tables of the organisation pages (members, invitations, import, consultants, sites, teams, closures, journal),
drawn by `core/_table.html`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.tables import Action, Badge, Cell, Row, moment, table


def _commune(commune):
    return f"{commune.name} ({commune.code})" if commune is not None else None


def _url(name, organisation, **kwargs):
    return reverse(f"organisations:{name}", kwargs={"organisation_id": organisation.pk, **kwargs})


def members_table(organisation, memberships, can_manage):
    memberships = list(memberships)
    rows = []
    for membership in memberships:
        row = [
            membership.user.full_name,
            membership.user.email,
            membership.get_role_display(),
            membership.team.name if membership.team else None,
            ", ".join(team.name for team in membership.managed_teams.all()),
            _commune(membership.home_commune),
        ]
        if can_manage:
            who = str(membership.user)
            row.append(
                Cell(
                    actions=(
                        Action(
                            _("Modifier"), _url("membership_update", organisation, membership_id=membership.pk), who
                        ),
                        Action(
                            _("Retirer"),
                            _url("membership_delete", organisation, membership_id=membership.pk),
                            who,
                            kind="tertiary",
                        ),
                    )
                )
            )
        rows.append(row)
    columns = [_("Nom"), _("Adresse électronique"), _("Rôle"), _("Équipe"), _("Équipes encadrées")]
    columns += [_("Commune de résidence")] + ([_("Actions")] if can_manage else [])
    caption = ngettext("%(counter)s membre", "%(counter)s membres", len(memberships)) % {"counter": len(memberships)}
    return table(caption, columns, rows, empty=_("Aucun membre à afficher."))


def invitations_table(organisation, invitations, mail_states=None):
    """`mail_states`: invitation pk → what became of its last e-mail, when it is not simply sent."""
    mail_states = mail_states or {}
    rows = []
    for invitation in invitations:
        url_of = {
            name: _url(f"invitation_{name}", organisation, invitation_id=invitation.pk)
            for name in ("resend", "update", "cancel")
        }
        actions = (
            Action(_("Renvoyer"), url_of["resend"], invitation.email),
            Action(_("Modifier"), url_of["update"], invitation.email),
            Action(_("Annuler"), url_of["cancel"], invitation.email, kind="tertiary"),
        )
        rows.append(
            (
                invitation.email,
                invitation.full_name,
                invitation.get_role_display(),
                invitation.team.name if invitation.team else None,
                invitation.home_commune.label if invitation.home_commune else None,
                moment(invitation.expires_at, "j F Y"),
                mail_states.get(invitation.pk) or _("Envoyé"),
                Cell(actions=actions),
            )
        )
    columns = (_("Adresse électronique"), _("Nom"), _("Rôle"), _("Équipe"), _("Commune de résidence"))
    columns += (_("Valable jusqu'au"), _("E-mail"), _("Actions"))
    return table(_("Invitations en attente"), columns, rows, caption_hidden=True)


def imported_invitations_table(invitations):
    rows = [
        (
            invitation.email,
            invitation.full_name,
            invitation.get_role_display(),
            invitation.team.name if invitation.team else None,
            _commune(invitation.home_commune),
        )
        for invitation in invitations
    ]
    columns = (_("Adresse électronique"), _("Nom"), _("Rôle"), _("Équipe"), _("Commune de résidence"))
    return table(_("Invitations créées par l'import"), columns, rows, caption_hidden=True)


def import_preview_table(preview, can_choose):
    """The rows of an imported file; where a commune is to choose and the file can still be confirmed, a list of the
    communes it may mean (organisations/_import_commune_cell.html)."""
    rows = []
    for item in preview:
        if item.rejected:
            state = Cell(badges=(Badge(_("Refusée"), "error"),), items=tuple(item.reasons))
        elif item.to_choose:
            state = Cell(badges=(Badge(_("Commune à choisir"), "warning"),))
        else:
            state = Cell(badges=(Badge(_("Sera invitée"), "success"),))
        if item.to_choose:
            commune = Cell(
                template="organisations/_import_commune_cell.html", context={"item": item, "choose": can_choose}
            )
        else:
            commune = item.commune_label if item.commune else item.row.commune_text
        row = (
            item.row.line,
            item.row.full_name,
            item.row.email,
            item.role_label,
            item.row.team_name,
            commune,
            state,
        )
        rows.append(Row(row, attributes=(("data-line", item.row.line),)))
    columns = (_("Ligne"), _("Nom"), _("Adresse électronique"), _("Rôle"), _("Équipe"), _("Commune de résidence"))
    return table(_("Lignes du fichier"), columns + (_("État"),), rows, classes="fr-table--no-caption")


def consultant_accesses_table(organisation, accesses):
    rows = []
    for grant in accesses:
        if grant.is_active:
            state = Cell(badges=(Badge(_("Actif"), "success"),))
            actions = Cell(
                actions=(
                    Action(
                        _("Révoquer"),
                        _url("consultant_revoke", organisation, access_id=grant.pk),
                        str(grant.consultant),
                        kind="tertiary",
                    ),
                )
            )
        else:
            revoked = _("le %(date)s par %(who)s") % {
                "date": moment(grant.revoked_at, "j F Y H:i"),
                "who": grant.revoked_by or "—",
            }
            state = Cell(badges=(Badge(_("Révoqué")),), note=revoked)
            actions = ""
        rows.append(
            (
                Cell(str(grant.consultant), note=grant.consultant.email),
                moment(grant.granted_at, "j F Y H:i"),
                grant.granted_by,
                state,
                actions,
            )
        )
    columns = (_("Consultant·e"), _("Accordé le"), _("Par"), _("État"), _("Actions"))
    return table(
        _("Accès actifs et passés"), columns, rows, empty=_("Aucun accès accordé pour l'instant."), caption_hidden=True
    )


def desks_exceptions(site):
    """« 2 le vendredi, 4 le lundi »: the days a site has its own number of desks."""
    return ", ".join(
        _("%(count)s le %(day)s") % {"count": count, "day": day} for day, count in site.desks_exceptions()
    )


def _edit_and_delete(organisation, kind, pk, name):
    return Cell(
        actions=(
            Action(_("Modifier"), _url(f"{kind}_update", organisation, **{f"{kind}_id": pk}), name),
            Action(_("Supprimer"), _url(f"{kind}_delete", organisation, **{f"{kind}_id": pk}), name, kind="tertiary"),
        )
    )


def sites_table(organisation, sites):
    rows = [
        (
            site.name,
            _commune(site.commune),
            Cell("—" if site.desks is None else site.desks, note=desks_exceptions(site)),
            site.team_count,
            _edit_and_delete(organisation, "site", site.pk, site.name),
        )
        for site in sites
    ]
    columns = (_("Site"), _("Commune"), _("Postes de travail"), _("Équipes rattachées"), _("Actions"))
    return table(
        _("Sites de l'organisation"), columns, rows, empty=_("Aucun site pour l'instant."), caption_hidden=True
    )


def teams_table(organisation, teams):
    rows = [
        (
            team.name,
            team.site.name if team.site else None,
            team.member_count,
            _edit_and_delete(organisation, "team", team.pk, team.name),
        )
        for team in teams
    ]
    columns = (_("Équipe"), _("Site"), _("Membres"), _("Actions"))
    return table(
        _("Équipes de l'organisation"), columns, rows, empty=_("Aucune équipe pour l'instant."), caption_hidden=True
    )


def closure_dates(closure):
    first, last = moment(closure.first_day, "d/m/Y"), moment(closure.last_day, "d/m/Y")
    return first if first == last else _("du %(first)s au %(last)s") % {"first": first, "last": last}


def closures_table(organisation, closures):
    rows = [
        (
            closure.label,
            closure_dates(closure),
            closure.site.name if closure.site else _("Tous les sites"),
            Cell(
                actions=(
                    Action(
                        _("Supprimer"),
                        _url("closure_delete", organisation, closure_id=closure.pk),
                        closure.label,
                        kind="tertiary",
                    ),
                )
            ),
        )
        for closure in closures
    ]
    columns = (_("Motif"), _("Dates"), _("Site"), _("Actions"))
    return table(
        _("Fermetures de l'organisation"),
        columns,
        rows,
        empty=_("Aucune fermeture pour l'instant."),
        caption_hidden=True,
    )


def audit_log_table(rows):
    """The journal: `rows` are (event, [(label, text)] of its details)."""
    shown = [
        (
            Cell(moment(event.created_at, "j F Y H:i"), datetime=moment(event.created_at, "c")),
            event.get_action_display(),
            event.actor_email,
            Cell(items=tuple(f"{label} : {text}" if label else text for label, text in details)),
        )
        for event, details in rows
    ]
    return table(
        _("Journal des opérations de l'organisation"),
        (_("Date"), _("Opération"), _("Par"), _("Détails")),
        shown,
        empty=_("Aucune opération enregistrée."),
        caption_hidden=True,
    )
