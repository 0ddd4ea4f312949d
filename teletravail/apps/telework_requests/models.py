"""A member's request for telework and the decision on it: granted (with the days granted) or refused (with the
written reason the Code du travail asks of the employer, art. L1222-9)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    OPEN = "en_attente", _("En attente de décision")
    GRANTED = "accordee", _("Accordée")
    REFUSED = "refusee", _("Refusée")
    WITHDRAWN = "retiree", _("Retirée")


DECIDED_STATUSES = (Status.GRANTED, Status.REFUSED)


class TeleworkRequest(models.Model):
    """One request; once decided or withdrawn it is history, kept and shown, never changed again."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="telework_requests"
    )
    membership = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="telework_requests"
    )
    days_requested = models.PositiveSmallIntegerField(_("jours de télétravail demandés par semaine"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    days_granted = models.PositiveSmallIntegerField(_("jours de télétravail accordés par semaine"), null=True)
    reason = models.TextField(_("motif de la décision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("décidée par")
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now)
    closed_at = models.DateTimeField(_("décidée ou retirée le"), null=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"], condition=Q(status="en_attente"), name="one_open_telework_request_per_member"
            ),
            models.CheckConstraint(
                condition=~Q(status="refusee") | ~Q(reason=""), name="a_refused_telework_request_has_a_reason"
            ),
        ]
        verbose_name = _("demande de télétravail")
        verbose_name_plural = _("demandes de télétravail")

    def __str__(self):
        return f"{self.membership} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status == Status.OPEN
