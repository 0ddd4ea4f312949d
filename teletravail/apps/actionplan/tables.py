"""The table of the action plan, drawn by `core/_table.html`."""

from django.urls import reverse
from django.utils.translation import gettext as _

from teletravail.apps.actionplan.models import Status
from teletravail.apps.actionplan.origins import origin_label, origin_link
from teletravail.apps.core.tables import Action, Badge, Cell, moment, table


STATUS_BADGES = {Status.TODO: "info", Status.IN_PROGRESS: "new", Status.DONE: "success", Status.ABANDONED: ""}


def _owner(action):
    if action.owner_id:
        return f"{action.owner.user} ({action.get_owner_role_display()})"
    return action.get_owner_role_display()


def actions_table(organisation, actions, *, today, can_edit):
    rows = []
    for action in actions:
        badges = [Badge(action.get_status_display(), STATUS_BADGES[action.status])]
        if action.is_late(today):
            badges.append(Badge(_("En retard"), "error"))
        link = origin_link(organisation, action.origin)
        row = [
            Cell(action.title, note=action.detail),
            Cell(str(origin_label(action.origin)), href=link or ""),
            _owner(action),
            moment(action.due_on) if action.due_on else _("Sans échéance"),
            Cell(badges=tuple(badges)),
        ]
        if can_edit:
            url = reverse("actionplan:edit", kwargs={"organisation_id": organisation.pk, "plan_action_id": action.pk})
            row.append(Cell(actions=(Action(_("Modifier"), url, hidden_suffix=action.title, kind="tertiary"),)))
        rows.append(row)
    columns = [_("Action"), _("Origine"), _("Qui"), _("Échéance"), _("État")]
    if can_edit:
        columns.append(_("Modifier"))
    return table(
        _("Actions du plan"), columns, rows, empty=_("Aucune action ne correspond à ces filtres."), classes="fr-mb-3w"
    )
