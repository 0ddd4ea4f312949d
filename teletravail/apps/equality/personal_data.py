"""The declared sex, read for the equality indicators (stored on the membership: organisations.personal_data)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import register_processing


register_processing(
    _("Indicateurs d'égalité entre les femmes et les hommes"),
    purpose=_(
        "Mesurer, sans nommer personne, si les femmes et les hommes accèdent autant au télétravail et le vivent de "
        "la même façon (accès, jours accordés, isolement), comme dans l'expérimentation ANACT – Droits des femmes"
    ),
    legal_basis=_(
        "Intérêt légitime de l'employeur à prévenir les inégalités entre les femmes et les hommes (RGPD, art. 6.1.f ; "
        "Code du travail, art. L1142-8) ; le sexe est facultatif et peut rester « non renseigné »"
    ),
    data=_("Sexe déclaré (facultatif), croisé avec le diagnostic et le planning de l'organisation"),
    recipients=_(
        "Les administrateurs et managers de votre organisation, et les consultants qu'elle a autorisés : des "
        "chiffres agrégés seulement, jamais pour un groupe de moins de 3 femmes ou de 3 hommes"
    ),
    retention=_("Tant que vous êtes membre de l'organisation"),
)
