"""The table of the account's API tokens, drawn by `core/_table.html`."""

from django.urls import reverse
from django.utils.translation import gettext as _

from teletravail.apps.core.tables import Action, Cell, moment, table


def tokens_table(tokens):
    """The person's active tokens, shown by their prefix (their value is never stored), each with its revoke button."""
    rows = [
        (
            token.name,
            Cell(code=f"{token.prefix}_…"),
            ", ".join(organisation.name for organisation in token.organisations.all()),
            moment(token.created_at, "DATE_FORMAT"),
            moment(token.expires_at, "DATE_FORMAT"),
            moment(token.last_used_at, "SHORT_DATETIME_FORMAT") if token.last_used_at else _("jamais"),
            Cell(
                actions=(
                    Action(
                        _("Révoquer"),
                        reverse("apitokens:revoke", kwargs={"token_id": token.pk}),
                        token.name,
                        post=True,
                    ),
                )
            ),
        )
        for token in tokens
    ]
    columns = (_("Nom"), _("Début du jeton"), _("Organisations"), _("Créé le"), _("Expire le"))
    columns += (_("Dernière utilisation"), _("Action"))
    return table(_("Mes jetons actifs"), columns, rows, empty=_("Aucun jeton actif."), caption_hidden=True)
