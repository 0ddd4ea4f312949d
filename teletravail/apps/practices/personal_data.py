"""A person's answers to the practices campaigns, in their data archive, and their erasure.

The answers are kept under a keyed pseudonym: they are the person's data while the family's key exists (it finds
them again), and anonymous once it is destroyed (nothing can tie them to anyone, so neither the archive nor the
erasure can find them). On erasure, the person's responses go while the key exists; the results are computed from
the responses at each reading, so every group figure drops that person's answers, and a group that falls under the
engine's threshold (or that the rule of difference then catches) is hidden, never shown over too few people. The
participations (that the person answered, not what) go with their membership.
"""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import (
    PersonalTable,
    register_erasure,
    register_organisation_records,
    register_personal_data,
    register_processing,
)
from teletravail.apps.organisations.models import Membership
from teletravail.apps.practices import selectors
from teletravail.apps.practices.models import Campaign, CampaignFamily, LinkageKey, Participation, Response


def _own_responses(user):
    """(campaign, response) of each campaign of the person's organisations where the key finds their answers."""
    found = []
    for membership in Membership.objects.filter(user=user):
        for campaign in Campaign.objects.filter(organisation_id=membership.organisation_id).order_by("pk"):
            response = selectors.own_response(campaign, membership)
            if response is not None:
                found.append((campaign, response))
    return found


@register_personal_data
def practices(user):
    participations = (
        Participation.objects.filter(membership__user=user)
        .select_related("campaign__organisation")
        .order_by("submitted_at", "pk")
    )
    return [
        PersonalTable(
            "pratiques_participations",
            _("Vos participations aux campagnes sur les pratiques du télétravail"),
            (
                ("organisation", _("Organisation")),
                ("campaign", _("Campagne")),
                ("submitted_at", _("Réponse envoyée le")),
            ),
            [[p.campaign.organisation.name, p.campaign.title, p.submitted_at] for p in participations],
        ),
        PersonalTable(
            "pratiques_reponses",
            _("Vos réponses aux questionnaires (retrouvées par la clé de liaison, tant qu'elle existe)"),
            (
                ("campaign", _("Campagne")),
                ("questionnaire", _("Questionnaire")),
                ("item", _("Question")),
                ("answer", _("Réponse")),
            ),
            [
                [campaign.title, questionnaire_id, item_id, value]
                for campaign, response in _own_responses(user)
                for questionnaire_id, answers in sorted(response.answers.items())
                for item_id, value in sorted(answers.items())
            ],
        ),
    ]


@register_erasure
def erase_answers(user, alias):
    for _campaign, response in _own_responses(user):
        response.delete()


register_organisation_records(
    "pratiques_familles", _("Familles de campagnes (campagne et bilan)"), CampaignFamily, "organisation"
)
# The key itself never leaves the platform: the archive says only that it exists.
register_organisation_records(
    "pratiques_cles", _("Clés de liaison"), LinkageKey, "family__organisation", leave_out=("key",)
)
register_organisation_records("pratiques_campagnes", _("Campagnes sur les pratiques"), Campaign, "organisation")
register_organisation_records(
    "pratiques_participations", _("Participations aux campagnes"), Participation, "campaign__organisation"
)
register_organisation_records("pratiques_reponses", _("Réponses pseudonymes"), Response, "campaign__organisation")

register_processing(
    _("Pratiques, risques et bilan à six mois"),
    purpose=_(
        "Mesurer avec le personnel les pratiques du télétravail, ses risques, la maturité numérique et les besoins "
        "de formation, puis comparer six mois plus tard"
    ),
    legal_basis=_(
        "Intérêt légitime de l'employeur à évaluer et prévenir les risques du télétravail (RGPD, art. 6.1.f ; "
        "Code du travail, art. L4121-1 et L1222-9)"
    ),
    data=_(
        "Vos réponses, sous un pseudonyme calculé avec une clé propre à la campagne et à son bilan, gardée à part ; "
        "votre équipe ; le fait que vous avez répondu"
    ),
    recipients=_(
        "Vous seul voyez vos réponses ; l'employeur, les managers et un consultant autorisé ne voient que des "
        "résultats de groupes d'au moins cinq personnes (vingt pour la santé et le harcèlement)"
    ),
    retention=_(
        "Tant que l'organisation garde la campagne ; la clé est détruite après le bilan à six mois, vos réponses "
        "deviennent alors anonymes"
    ),
)
