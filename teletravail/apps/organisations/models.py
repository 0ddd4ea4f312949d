import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.bounds import DAYS_PER_WEEK
from teletravail.apps.organisations.days import DAY_LABELS
from teletravail.apps.organisations.validators import validate_desks_by_day, validate_naf_code, validate_siret


class Sector(models.TextChoices):
    PRIVATE = "prive", _("Secteur privé")
    PUBLIC = "public", _("Secteur public")


class Role(models.TextChoices):
    EMPLOYER_ADMIN = "employer_admin", _("Administrateur·rice employeur")
    MANAGER = "manager", _("Manager")
    EMPLOYEE = "employee", _("Salarié·e / agent·e")


class Sex(models.TextChoices):
    """Declared by the person or the employer, optional: only read, by sex, in the equality indicators."""

    UNDECLARED = "", _("Non renseigné")
    WOMAN = "F", _("Femme")
    MAN = "H", _("Homme")


class Organisation(models.Model):
    name = models.CharField(_("raison sociale"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    sector = models.CharField(_("secteur"), max_length=10, choices=Sector.choices, default=Sector.PRIVATE)
    headcount = models.PositiveIntegerField(_("effectif"))
    naf_code = models.CharField(_("code NAF"), max_length=6, blank=True, validators=[validate_naf_code])
    is_demo = models.BooleanField(_("organisation de démonstration"), default=False)
    # Whether members may mark some of their telework days as days at a telework place near home (the planner's
    # « tiers-lieu » days), and at most how many a week.
    place_days_allowed = models.BooleanField(_("jours en tiers-lieu autorisés"), default=False)
    place_days_per_week_max = models.PositiveSmallIntegerField(
        _("jours en tiers-lieu par semaine au plus"),
        default=1,
        validators=[MinValueValidator(DAYS_PER_WEEK.minimum), MaxValueValidator(DAYS_PER_WEEK.maximum)],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Site(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("nom du site"), max_length=150)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    desks = models.PositiveIntegerField(_("postes de travail"), null=True, blank=True)
    # Days with another figure than `desks` (a floor closed on Friday…): {day code: desks}; other days: `desks`.
    desks_by_day = models.JSONField(
        _("postes de travail selon le jour"), default=dict, blank=True, validators=[validate_desks_by_day]
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_site_name_per_organisation")
        ]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return self.name

    def desks_on(self, day):
        """Desks on the day (code lun … dim): the day's own figure, else the usual one; None when unknown."""
        return self.desks_by_day.get(day, self.desks)

    def desks_exceptions(self):
        """[(day name, desks)] of the days with their own figure, in week order."""
        return [(DAY_LABELS[day], self.desks_by_day[day]) for day in DAY_LABELS if day in self.desks_by_day]


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("nom de l'équipe"), max_length=150)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="teams")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name_per_organisation")
        ]
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's place in one organisation: role, own team, the teams they manage, home commune."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members", verbose_name=_("équipe")
    )
    managed_teams = models.ManyToManyField(
        Team, blank=True, related_name="managers", verbose_name=_("équipes encadrées")
    )
    # Declared to this organisation only: used for commute estimates, never shown to other organisations.
    home_commune = models.ForeignKey(
        "geo.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune de résidence"),
    )
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True, default=Sex.UNDECLARED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


def _new_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse électronique"))
    full_name = models.CharField(_("nom complet"), max_length=150, blank=True)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Carried over to the membership on acceptance, so that a manager sees their teams from the first sign-in.
    managed_teams = models.ManyToManyField(Team, blank=True, related_name="+", verbose_name=_("équipes encadrées"))
    home_commune = models.ForeignKey("geo.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True, default=Sex.UNDECLARED)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="sent_invitations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    # When the one reminder of the current period was sent (a resent invitation starts a new period, not reminded).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_email",
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self):
        return self.accepted_at is None and self.expires_at > timezone.now()

    def renew_token(self):
        """A new link: the one sent before stops working (the invitation changed address)."""
        self.token = _new_token()


class ConsultantAccess(models.Model):
    """Consent given by an organisation to one consultant; access holds only while not revoked."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consultant_accesses")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_accesses"
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "consultant"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_consultant_access",
            )
        ]
        verbose_name = _("accès consultant")
        verbose_name_plural = _("accès consultants")

    def __str__(self):
        return f"{self.consultant} → {self.organisation}"

    @property
    def is_active(self):
        return self.revoked_at is None


class ConsultantInvitation(models.Model):
    """An access offered to a consultant who has no account yet: signing up from the link creates their consultant
    account and the access, as if the organisation had granted it then."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consultant_invitations")
    email = models.EmailField(_("adresse électronique"))
    full_name = ""  # the sign-up form asks for it; the organisation gives only an address
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True),
                name="one_pending_consultant_invitation_per_email",
            )
        ]
        verbose_name = _("invitation de consultant·e")
        verbose_name_plural = _("invitations de consultant·es")

    def __str__(self):
        return f"{self.email} → {self.organisation} (consultant)"


class Closure(models.Model):
    """Days the organisation closes (a bridge, the annual closure…), on one site or on every site: nobody works
    there then, as on a public holiday (public holidays themselves are computed, not entered)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="closures")
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        verbose_name=_("site"),
        help_text=_("Laissez vide pour une fermeture de tous les sites."),
    )
    first_day = models.DateField(_("premier jour"))
    last_day = models.DateField(_("dernier jour"))
    label = models.CharField(_("motif"), max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="closure_ends_after_start")
        ]
        verbose_name = _("fermeture")
        verbose_name_plural = _("fermetures")

    def __str__(self):
        return f"{self.label} ({self.first_day} – {self.last_day})"
