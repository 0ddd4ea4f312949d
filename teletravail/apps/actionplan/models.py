from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    TODO = "a_faire", _("À faire")
    IN_PROGRESS = "en_cours", _("En cours")
    DONE = "fait", _("Fait")
    ABANDONED = "abandonne", _("Abandonné")


# Statuses of an action that is over: it can no longer be late.
CLOSED_STATUSES = (Status.DONE, Status.ABANDONED)


class OwnerRole(models.TextChoices):
    EMPLOYER = "employer", _("L'employeur")
    MANAGERS = "managers", _("Les managers")
    EMPLOYEES = "employees", _("Les salariés")
    CSE = "cse", _("Le CSE ou les représentants du personnel")


class Action(models.Model):
    """One item of the organisation's action plan: what, who (a member, or a role), when, where it stands.

    `origin` says what the action answers (« practices:<campaign>:<theme> », « planner:<plan>:isolation »,
    « diagnostic:<campaign>:obstacle:<code> »): the same origin gives the same action, never two, and its page links
    back to it. An action written by hand has no origin."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    detail = models.TextField(_("précisions"), blank=True)
    origin = models.CharField(_("origine"), max_length=200, blank=True)
    owner_role = models.CharField(
        _("responsable (rôle)"), max_length=20, choices=OwnerRole.choices, default=OwnerRole.EMPLOYER
    )
    owner = models.ForeignKey(
        "organisations.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("responsable (personne)"),
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.TODO)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "origin"], condition=~Q(origin=""), name="one_action_per_origin"
            )
        ]
        verbose_name = _("action du plan")
        verbose_name_plural = _("actions du plan")

    def __str__(self):
        return self.title

    @property
    def origin_kind(self):
        """The module the action comes from (« practices », « planner », « diagnostic »), "" when written by hand."""
        return self.origin.split(":", 1)[0]

    def is_late(self, today):
        return self.due_on is not None and self.due_on < today and self.status not in CLOSED_STATUSES
