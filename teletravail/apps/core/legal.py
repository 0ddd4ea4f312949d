"""What the legal pages show in tables."""

from django.utils.translation import gettext as _

from teletravail.apps.core.tables import table


def personal_data_table():
    """The personal data the platform keeps, why, and for how long."""
    rows = [
        (
            _("Adresse électronique, nom, mot de passe (haché avec Argon2)"),
            _("Créer et sécuriser votre compte"),
            _("Tant que le compte existe"),
        ),
        (
            _("Organisation, rôle, équipe"),
            _("Donner accès aux outils de votre organisation"),
            _("Tant que vous en êtes membre"),
        ),
        (
            _("Commune de résidence (facultative)"),
            _("Estimer les trajets domicile-travail évités ; jamais l'adresse précise"),
            _("Tant que vous êtes membre de l'organisation"),
        ),
        (
            _("Journal d'audit : connexions, invitations, changements d'adhésion et d'accès, adresse IP"),
            _("Sécurité du service et traçabilité des accès"),
            _("Un an"),
        ),
    ]
    return table(
        _("Données traitées, finalités et durées de conservation"),
        (_("Données"), _("Finalité"), _("Conservation")),
        rows,
    )
