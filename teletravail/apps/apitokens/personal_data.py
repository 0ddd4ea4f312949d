"""A person's API tokens, in their data archive (core.personal_data): never the value, which is not kept."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.apitokens.models import ApiToken
from teletravail.apps.core.personal_data import (
    PersonalTable,
    field_columns,
    register_organisation_records,
    register_personal_data,
    register_processing,
)


@register_personal_data
def api_tokens(user):
    tokens = ApiToken.objects.filter(user=user).prefetch_related("organisations").order_by("created_at", "id")
    columns = (
        *field_columns(ApiToken, "name", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"),
        ("organisations", _("Organisations")),
    )
    rows = [
        [
            token.name,
            token.prefix,
            token.created_at,
            token.expires_at,
            token.revoked_at,
            token.last_used_at,
            sorted(organisation.name for organisation in token.organisations.all()),
        ]
        for token in tokens
    ]
    return [PersonalTable("jetons_api", _("Vos jetons d'API"), columns, rows)]


# A token is its holder's: deleting an organisation only takes the organisation out of the tokens that open it.
register_organisation_records(
    "jetons_api",
    _("Jetons d'API ouvrant l'organisation"),
    ApiToken,
    "organisations",
    leave_out=("secret_digest",),
    deleted_with_organisation=False,
)

register_processing(
    _("Jetons d'API"),
    purpose=_("Utiliser l'API de la plateforme depuis un autre logiciel, en votre nom"),
    legal_basis=_("Exécution des conditions d'utilisation du service (RGPD, art. 6.1.b)"),
    data=_("Nom du jeton, préfixe, empreinte (jamais sa valeur), organisations ouvertes, dates d'usage"),
    recipients=_("Vous ; les administrateurs de l'organisation voient les actions faites avec un jeton"),
    retention=_("Tant que le compte existe ; un jeton expiré ou révoqué ne sert plus"),
)
