"""The hybrid planner's data: what the manager and each member set, the team plans and the organisation's mode.

The solver itself is the pure engine `teletravail.planning`; these models hold its inputs (member profiles, plan
settings) and its outputs (one `Assignment` per member and day, editable by hand).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The planner's other modules import the day names from here.
from teletravail.apps.organisations.days import DAY_CHOICES, DAY_LABELS, WORKING_WEEK  # noqa: F401
from teletravail.planning.problem import DAYS


# The kind of job that solves a plan off the request (services.submit_solve).
SOLVE_JOB = "planner.solve"
# The kind of job that solves every team of an organisation together (services.submit_organisation_solve).
ORGANISATION_SOLVE_JOB = "planner.solve_organisation"


class Place(models.TextChoices):
    SITE = "site", _("Sur site")
    REMOTE = "remote", _("Télétravail")
    OFF = "off", _("Non travaillé")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


class SolverStatus(models.TextChoices):
    OPTIMAL = "optimal", _("Optimal")
    FEASIBLE = "feasible", _("Réalisable")
    INFEASIBLE = "infeasible", _("Impossible")
    UNKNOWN = "unknown", _("Aucun planning trouvé à temps")


def new_calendar_token():
    return secrets.token_urlsafe(32)


class MemberPlanningProfile(models.Model):
    """One member's planning constraints (set by their manager) and wishes (entered by the member)."""

    membership = models.OneToOneField(
        "organisations.Membership", on_delete=models.CASCADE, related_name="planning_profile"
    )
    # Eligibility: None means « the default », see services.eligible_telework_days.
    telework_days_max = models.PositiveSmallIntegerField(_("jours de télétravail éligibles par semaine"), null=True)
    can_telework = models.BooleanField(_("peut télétravailler"), default=True)
    on_site_days_min = models.PositiveSmallIntegerField(_("jours sur site minimum par semaine"), default=0)
    days_off = models.JSONField(_("jours non travaillés"), default=list, blank=True)
    fixed_remote = models.JSONField(_("jours de télétravail fixes"), default=list, blank=True)
    fixed_on_site = models.JSONField(_("jours sur site fixes"), default=list, blank=True)
    preferred_remote = models.JSONField(_("jours de télétravail souhaités"), default=list, blank=True)
    preferred_on_site = models.JSONField(_("jours sur site souhaités"), default=list, blank=True)
    # The telework place near home the member chose, and the days of the week they telework there (the planner
    # labels their telework days on those days, see services.sync_place_days).
    telework_place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lieu de télétravail choisi"),
    )
    place_days = models.JSONField(_("jours en tiers-lieu"), default=list, blank=True)
    preferences_updated_at = models.DateTimeField(null=True, blank=True)
    # Private address of the member's calendar feed: whoever holds it reads the schedule, so it can be replaced.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)

    class Meta:
        verbose_name = _("profil de planification")
        verbose_name_plural = _("profils de planification")

    def __str__(self):
        return str(self.membership)


class TeamPlan(models.Model):
    """A team's schedule over a few weeks: its settings, the engine's input and answer, and its assignments."""

    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="plans")
    start = models.DateField(_("premier lundi"))
    weeks = models.PositiveSmallIntegerField(_("nombre de semaines"))
    days = models.JSONField(_("jours planifiés"), default=list)
    min_on_site = models.PositiveSmallIntegerField(_("présents minimum chaque jour"), default=0)
    anchor_days = models.PositiveSmallIntegerField(_("jours d'équipe au complet par semaine"), default=0)
    min_on_site_exceptionnel = models.PositiveSmallIntegerField(_("présents minimum en mode exceptionnel"), default=0)
    max_telework_days_per_week = models.PositiveSmallIntegerField(
        _("jours de télétravail maximum par semaine"), null=True, blank=True
    )
    min_on_site_days_per_week = models.PositiveSmallIntegerField(
        _("jours sur site minimum par semaine"), null=True, blank=True
    )
    fixed_days = models.BooleanField(_("mêmes jours chaque semaine"), default=False)
    fair_rotation_days = models.JSONField(_("jours à partager équitablement"), default=list, blank=True)
    isolation_weeks = models.PositiveSmallIntegerField(_("seuil d'isolement (semaines)"), default=2)
    mode = models.CharField(max_length=20, default="normal")
    # The engine's input as generated (the grid is checked against it) and its answer (status, metrics…).
    problem = models.JSONField(default=dict, blank=True)
    members = models.JSONField(default=dict, blank=True)  # engine employee id → membership pk
    result = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # Counts the writes of the grid: a grid posted from an older one is refused rather than saved over it.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-start", "-created_at"]
        verbose_name = _("planning d'équipe")
        verbose_name_plural = _("plannings d'équipe")

    def __str__(self):
        return f"{self.team} — {self.start:%d/%m/%Y}"

    @property
    def end(self):
        return self.date_of(self.weeks, self.days[-1]) if self.days else self.start

    @property
    def is_published(self):
        return self.status == PlanStatus.PUBLISHED

    @property
    def solver_status(self):
        return self.result.get("status", "")

    def date_of(self, week, day):
        return self.start + timedelta(weeks=week - 1, days=DAYS.index(day))


class Assignment(models.Model):
    """Where one member works on one day of a plan."""

    plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="assignments")
    membership = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    week = models.PositiveSmallIntegerField()
    day = models.CharField(max_length=3, choices=DAY_CHOICES)
    date = models.DateField(db_index=True)
    where = models.CharField(max_length=8, choices=Place.choices)
    # A telework day spent at this telework place near home (a « tiers-lieu » day). The solver never knows of it: for
    # the on-site rules a day at a place is a telework day like any other (never on site), so it stays `remote`
    # and the label is set after the solve and each edit, from the member's choice (services.sync_place_days).
    telework_place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tiers-lieu"),
    )

    # The day's public holiday or closure of the site (« Férié — Noël »), when selectors.member_schedule read it.
    closure = None

    class Meta:
        ordering = ["date", "membership_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "membership", "week", "day"], name="one_assignment_per_day")
        ]
        verbose_name = _("affectation")
        verbose_name_plural = _("affectations")

    def __str__(self):
        return f"{self.membership_id} {self.date} {self.where}"


class ModeSwitch(models.Model):
    """Each switch of an organisation to the exceptional mode (epidemic, pollution, storms…) and back."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="planning_mode_switches"
    )
    exceptional = models.BooleanField()
    reason = models.TextField(_("motif"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as text so that the record survives the deletion of the account.
    actor_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("changement de mode")
        verbose_name_plural = _("changements de mode")

    def __str__(self):
        return f"{self.organisation} {'exceptionnel' if self.exceptional else 'normal'} {self.created_at:%Y-%m-%d}"
