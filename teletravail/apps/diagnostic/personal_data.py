"""A person's diagnostic, in their data archive (core.personal_data): the campaigns they took part in, the answers
on their activities (theirs and their manager's, by role) and the shared decisions, without the other people's
names."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.personal_data import (
    PersonalTable,
    register_organisation_records,
    register_personal_data,
    register_processing,
)
from teletravail.apps.core.retention import register_retention
from teletravail.apps.diagnostic.models import (
    Action,
    Answer,
    Campaign,
    CampaignJob,
    CampaignStatus,
    Decision,
    JobActivity,
    Participant,
)


@register_personal_data
def diagnostic(user):
    participations = (
        Participant.objects.filter(membership__user=user)
        .select_related("campaign__organisation", "job")
        .order_by("invited_at", "id")
    )
    answers = (
        Answer.objects.filter(participant__membership__user=user)
        .select_related("participant__campaign", "activity")
        .order_by("participant_id", "activity_id", "role")
    )
    decisions = (
        Decision.objects.filter(participant__membership__user=user)
        .select_related("participant__campaign", "activity")
        .order_by("participant_id", "activity_id")
    )
    return [
        PersonalTable(
            "diagnostic_participations",
            _("Vos participations au diagnostic de télétravaillabilité"),
            (
                ("organisation", _("Organisation")),
                ("campaign", _("Campagne")),
                ("job", _("Poste")),
                ("invited_at", _("Invité·e le")),
                ("submitted_at", _("Votre évaluation envoyée le")),
                ("manager_submitted_at", _("Évaluation du manager envoyée le")),
            ),
            [
                [
                    p.campaign.organisation.name,
                    p.campaign.title,
                    p.job.title,
                    p.invited_at,
                    p.submitted_at,
                    p.manager_submitted_at,
                ]
                for p in participations
            ],
        ),
        PersonalTable(
            "diagnostic_reponses",
            _("Les réponses sur vos activités"),
            (
                ("campaign", _("Campagne")),
                ("activity", _("Activité")),
                ("role", _("Rôle")),
                ("criteria", _("Critères")),
                ("comment", _("Commentaire")),
                ("answered_at", _("Date")),
            ),
            [
                [
                    a.participant.campaign.title,
                    a.activity.name,
                    a.get_role_display(),
                    a.criteria,
                    a.comment,
                    a.answered_at,
                ]
                for a in answers
            ],
        ),
        PersonalTable(
            "diagnostic_decisions",
            _("Les décisions partagées sur vos activités"),
            (
                ("campaign", _("Campagne")),
                ("activity", _("Activité")),
                ("criteria", _("Critères")),
                ("note", _("Note")),
                ("decided_at", _("Date")),
                ("employee_response", _("Votre réponse")),
                ("employee_comment", _("Votre commentaire")),
            ),
            [
                [
                    d.participant.campaign.title,
                    d.activity.name,
                    d.criteria,
                    d.note,
                    d.decided_at,
                    d.get_employee_response_display(),
                    d.employee_comment,
                ]
                for d in decisions
            ],
        ),
    ]


register_organisation_records("diagnostic_campagnes", _("Campagnes de diagnostic"), Campaign, "organisation")
register_organisation_records("diagnostic_postes", _("Postes étudiés"), CampaignJob, "campaign__organisation")
register_organisation_records(
    "diagnostic_activites", _("Activités des postes"), JobActivity, "job__campaign__organisation"
)
register_organisation_records(
    "diagnostic_participants", _("Participants au diagnostic"), Participant, "campaign__organisation"
)
register_organisation_records(
    "diagnostic_reponses", _("Réponses au diagnostic"), Answer, "participant__campaign__organisation"
)
register_organisation_records(
    "diagnostic_decisions", _("Décisions partagées"), Decision, "participant__campaign__organisation"
)
register_organisation_records("diagnostic_actions", _("Plan d'actions"), Action, "campaign__organisation")

# The results are computed from the shared decisions, which stay: removing the raw answers changes no figure.
register_retention(
    "closed_campaign_answers_days",
    _("Réponses individuelles des campagnes de diagnostic closes"),
    lambda cutoff: Answer.objects.filter(
        participant__campaign__status=CampaignStatus.CLOSED, participant__campaign__closed_at__lt=cutoff
    ),
)

register_processing(
    _("Diagnostic de télétravaillabilité"),
    purpose=_("Évaluer, avec votre manager, quelles activités de votre poste se prêtent au télétravail"),
    legal_basis=_(
        "Intérêt légitime de l'employeur à définir les postes éligibles au télétravail (RGPD, art. 6.1.f ; "
        "Code du travail, art. L1222-9)"
    ),
    data=_("Poste, activités et leur part de temps, réponses et commentaires, décisions partagées"),
    recipients=_(
        "Vous, votre manager et les administrateurs ; un consultant autorisé ne voit que des résultats agrégés"
    ),
    retention=_("Décisions partagées : tant que l'organisation garde la campagne"),
    periods=(("closed_campaign_answers_days", _("réponses individuelles, après la clôture de la campagne")),),
)
