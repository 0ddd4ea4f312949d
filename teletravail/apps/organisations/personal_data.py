"""A person's places in organisations, in their data archive (core.personal_data): memberships, invitations sent
to their address, consultant accesses; on erasure, the invitations sent to them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teletravail.apps.core.personal_data import (
    PersonalTable,
    register_erasure,
    register_organisation_records,
    register_personal_data,
    register_processing,
)
from teletravail.apps.core.retention import register_retention
from teletravail.apps.organisations.models import (
    Closure,
    ConsultantAccess,
    ConsultantInvitation,
    Invitation,
    Membership,
    Organisation,
    Role,
    Site,
    Team,
)
from teletravail.apps.organisations.selectors import employer_admin_count


@register_personal_data
def organisation_records(user):
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation", "team", "home_commune")
        .prefetch_related("managed_teams")
        .order_by("created_at", "id")
    )
    invitations = Invitation.objects.filter(email__iexact=user.email).select_related("organisation", "team")
    accesses = ConsultantAccess.objects.filter(consultant=user).select_related("organisation")
    return [
        PersonalTable(
            "adhesions",
            _("Vos adhésions aux organisations"),
            (
                ("organisation", _("Organisation")),
                ("role", _("Rôle")),
                ("team", _("Équipe")),
                ("managed_teams", _("Équipes encadrées")),
                ("home_commune", _("Commune de résidence")),
                ("sex", _("Sexe")),
                ("created_at", _("Depuis le")),
            ),
            [
                [
                    m.organisation.name,
                    m.get_role_display(),
                    m.team.name if m.team else "",
                    sorted(team.name for team in m.managed_teams.all()),
                    f"{m.home_commune.name} ({m.home_commune.code})" if m.home_commune else "",
                    m.get_sex_display(),
                    m.created_at,
                ]
                for m in memberships
            ],
        ),
        PersonalTable(
            "invitations",
            _("Les invitations envoyées à votre adresse"),
            (
                ("organisation", _("Organisation")),
                ("full_name", _("Nom complet")),
                ("role", _("Rôle")),
                ("created_at", _("Envoyée le")),
                ("expires_at", _("Expire le")),
                ("accepted_at", _("Acceptée le")),
            ),
            [
                [i.organisation.name, i.full_name, i.get_role_display(), i.created_at, i.expires_at, i.accepted_at]
                for i in invitations.order_by("created_at", "id")
            ],
        ),
        PersonalTable(
            "acces_consultant",
            _("Vos accès consultant"),
            (("organisation", _("Organisation")), ("granted_at", _("Accordé le")), ("revoked_at", _("Retiré le"))),
            [[a.organisation.name, a.granted_at, a.revoked_at] for a in accesses.order_by("granted_at", "id")],
        ),
    ]


@register_erasure
def leave_organisations(user, alias):
    """Refused while the person is the only employer admin of an organisation (nobody could manage it any more);
    the invitations sent to their address go (the memberships go with the account)."""
    for membership in Membership.objects.filter(user=user, role=Role.EMPLOYER_ADMIN).select_related("organisation"):
        if employer_admin_count(membership.organisation) == 1:
            raise ValidationError(
                _(
                    "Vous êtes le seul administrateur employeur de « %(name)s » : nommez-en un autre avant de "
                    "supprimer votre compte."
                )
                % {"name": membership.organisation.name}
            )
    Invitation.objects.filter(email__iexact=user.email).delete()
    ConsultantInvitation.objects.filter(email__iexact=user.email).delete()


# The organisation's archive: the invitation links, which open the organisation, are never in it.
register_organisation_records(
    "organisation",
    gettext_lazy("L'organisation"),
    Organisation,
    lambda organisation: Organisation.objects.filter(pk=organisation.pk),
)
register_organisation_records("sites", gettext_lazy("Sites"), Site, "organisation")
register_organisation_records("equipes", gettext_lazy("Équipes"), Team, "organisation")
register_organisation_records(
    "membres",
    gettext_lazy("Membres"),
    Membership,
    "organisation",
    extra=(("user__full_name", gettext_lazy("Nom complet")),),
)
register_organisation_records(
    "invitations", gettext_lazy("Invitations"), Invitation, "organisation", leave_out=("token",)
)
register_organisation_records("acces_consultants", gettext_lazy("Accès consultants"), ConsultantAccess, "organisation")
register_organisation_records(
    "invitations_consultants",
    gettext_lazy("Invitations de consultants"),
    ConsultantInvitation,
    "organisation",
    leave_out=("token",),
)
register_organisation_records("fermetures", gettext_lazy("Fermetures"), Closure, "organisation")


register_retention(
    "expired_invitation_days",
    gettext_lazy("Invitations de membres expirées sans réponse"),
    lambda cutoff: Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff),
)
register_retention(
    "expired_invitation_days",
    gettext_lazy("Invitations de consultants expirées sans réponse"),
    lambda cutoff: ConsultantInvitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff),
)

register_processing(
    gettext_lazy("Organisations et adhésions"),
    purpose=gettext_lazy("Donner accès aux outils de votre organisation selon votre rôle ; inviter ses membres"),
    legal_basis=gettext_lazy("Intérêt légitime de l'employeur à organiser le télétravail (RGPD, art. 6.1.f)"),
    data=gettext_lazy(
        "Organisation, rôle, équipe, équipes encadrées, commune de résidence (facultative, jamais l'adresse "
        "précise) ; pour une invitation : adresse et nom de la personne invitée"
    ),
    recipients=gettext_lazy(
        "Les administrateurs et managers de votre organisation ; les consultants qu'elle a autorisés"
    ),
    retention=gettext_lazy("Tant que vous êtes membre de l'organisation, ou qu'elle existe"),
    periods=(("expired_invitation_days", gettext_lazy("invitation restée sans réponse, après son expiration")),),
)
