"""The account itself, in the person's data archive (core.personal_data)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.accounts.models import User
from teletravail.apps.core.personal_data import (
    PersonalTable,
    field_columns,
    register_personal_data,
    register_processing,
)


@register_personal_data
def account(user):
    columns = (
        *field_columns(User, "email", "full_name", "platform_role", "is_active", "date_joined"),
        ("last_login", _("Dernière connexion")),
    )
    row = [
        user.email,
        user.full_name,
        user.get_platform_role_display(),
        user.is_active,
        user.date_joined,
        user.last_login,
    ]
    return [PersonalTable("compte", _("Votre compte"), columns, [row])]


register_processing(
    _("Comptes et connexion"),
    purpose=_("Créer et sécuriser votre compte, vous connecter, réinitialiser votre mot de passe"),
    legal_basis=_("Exécution des conditions d'utilisation du service (RGPD, art. 6.1.b)"),
    data=_("Adresse électronique, nom, mot de passe (haché avec Argon2), dates d'inscription et de connexion"),
    recipients=_("Vous ; les administrateurs techniques de la plateforme"),
    retention=_("Tant que le compte existe ; vous pouvez le supprimer à tout moment depuis « Mes données »"),
)
