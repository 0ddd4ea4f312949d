"""The teleworkability diagnostic campaign: jobs and their activities, the employees invited, their answers and the
manager's, the shared decisions and the action plan.

Only answers and decisions are stored: statuses, shares and days are computed by the engine
`teletravail.teleworkability` (see selectors.py) each time they are shown.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("En préparation")
    OPEN = "open", _("En cours")
    # With a context: Django's own French catalogue translates the bare "Close" as the verb « Fermer ».
    CLOSED = "closed", pgettext_lazy("statut de campagne", "Close")


class AuthorRole(models.TextChoices):
    EMPLOYEE = "employee", _("Salarié·e")
    MANAGER = "manager", _("Manager")


class EmployeeResponse(models.TextChoices):
    """What the employee says of a shared decision on one of their activities (blank while they have not said)."""

    ACCEPTED = "accepted", _("Acceptée")
    CONTESTED = "contested", _("Contestée")


class Campaign(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="diagnostic_campaigns"
    )
    title = models.CharField(_("intitulé de la campagne"), max_length=150)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("campagne de diagnostic")
        verbose_name_plural = _("campagnes de diagnostic")

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.status == CampaignStatus.CLOSED


class CampaignJob(models.Model):
    """A job (poste) assessed in the campaign, optionally linked to a PCS 2020 profession for the reference."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(_("intitulé du poste"), max_length=150)
    pcs2020 = models.CharField(_("code PCS 2020"), max_length=4, blank=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "title"], name="unique_job_title_per_campaign")]
        verbose_name = _("poste")
        verbose_name_plural = _("postes")

    def __str__(self):
        return self.title


class JobActivity(models.Model):
    """An activity of a job with its share of working time (percent, as entered).

    `added_by` is empty for the activities the manager defined for the job; otherwise it names the participant who
    added it to their own assessment (nobody else's assessment includes it).
    """

    job = models.ForeignKey(CampaignJob, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("activité"), max_length=200)
    time_share = models.DecimalField(_("part du temps de travail (%)"), max_digits=5, decimal_places=2)
    added_by = models.ForeignKey(
        "Participant", null=True, blank=True, on_delete=models.CASCADE, related_name="own_activities"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["job", "added_by_id", "id"]
        verbose_name = _("activité")
        verbose_name_plural = _("activités")

    def __str__(self):
        return self.name


class Participant(models.Model):
    """A member invited to the campaign, with the job they hold."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="diagnostic_participations"
    )
    job = models.ForeignKey(CampaignJob, on_delete=models.PROTECT, related_name="participants")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)  # the employee's own assessment
    manager_submitted_at = models.DateTimeField(null=True, blank=True)
    # When the one reminder to fill in their assessment was sent.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The total of their time shares (percent) the participant or their manager asked to rescale to 100 %: the
    # results rescale it while the total stays this one, and report it as off again once an activity changes it.
    normalised_total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["campaign", "membership__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "membership"], name="one_participation_per_campaign")
        ]
        verbose_name = _("participant·e")
        verbose_name_plural = _("participant·es")

    def __str__(self):
        return f"{self.membership.user} — {self.campaign}"


class Answer(models.Model):
    """The criteria one author (the employee or their manager) ticks for one activity."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    activity = models.ForeignKey(JobActivity, on_delete=models.CASCADE, related_name="answers")
    role = models.CharField(max_length=10, choices=AuthorRole.choices)
    criteria = models.JSONField(default=list, blank=True)  # codes of teletravail/teleworkability/criteria.yaml
    comment = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["participant", "activity", "role"]
        constraints = [models.UniqueConstraint(fields=["participant", "activity", "role"], name="one_answer_per_role")]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self):
        return f"{self.participant_id} {self.activity} ({self.role})"


class Decision(models.Model):
    """The criteria the employee and the manager agreed on for one activity, with who recorded it and when, and the
    employee's answer to it: accepted, or contested with their reason (blank until they answer; a decision whose
    criteria change waits for a new answer)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="decisions")
    activity = models.ForeignKey(JobActivity, on_delete=models.CASCADE, related_name="decisions")
    criteria = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    employee_response = models.CharField(
        _("réponse du salarié"), max_length=10, choices=EmployeeResponse.choices, blank=True
    )
    employee_comment = models.TextField(_("commentaire du salarié"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["participant", "activity"]
        constraints = [models.UniqueConstraint(fields=["participant", "activity"], name="one_decision_per_activity")]
        verbose_name = _("décision partagée")
        verbose_name_plural = _("décisions partagées")

    def __str__(self):
        return f"{self.participant_id} {self.activity}"

    @property
    def is_contested(self):
        return self.employee_response == EmployeeResponse.CONTESTED


class Action(models.Model):
    """A step of the action plan that lifts an obstacle: what, who, when. Once done, the obstacle counts as lifted
    for the activities of its job (of every job when no job is named)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="actions")
    job = models.ForeignKey(
        CampaignJob, null=True, blank=True, on_delete=models.CASCADE, related_name="actions", verbose_name=_("poste")
    )
    criterion = models.CharField(_("obstacle à lever"), max_length=40)
    what = models.CharField(_("action"), max_length=300)
    who = models.CharField(_("responsable"), max_length=150)
    due_date = models.DateField(_("échéance"))
    done = models.BooleanField(_("réalisée"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done", "due_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.what
