"""Campaigns of questionnaires on telework practices, risks, digital maturity and training needs, and their
six-month review.

The questionnaires, their scoring and the anonymity rules live in the pure engine `teletravail.practices`; these
models hold who was asked, the answers and the linkage key. No table holds both a person and their answers: a
`Participation` says that a member answered (so that nobody answers twice and the tasks are right), a `Response`
holds the answers under the engine's keyed pseudonym, and the key of the campaign family (a campaign and its
review) lives in its own table, `LinkageKey`, destroyed after the review.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teletravail.apps.organisations.models import Sex


class RespondentRole(models.TextChoices):
    """The parts of a questionnaire a person answers (the engine's `items_for(role)`)."""

    EMPLOYEE = "employee", _("Salarié·e")
    MANAGER = "manager", _("Manager")
    EMPLOYER = "employer", _("Employeur")


class CampaignFamily(models.Model):
    """A campaign and its six-month review: they share the linkage key, so that a person's answers pair up."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="practice_families"
    )
    created_at = models.DateTimeField(default=timezone.now)
    key_destroyed_at = models.DateTimeField(_("clé de liaison détruite le"), null=True, blank=True)
    key_destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("famille de campagnes")
        verbose_name_plural = _("familles de campagnes")

    def __str__(self):
        return f"{self.organisation} — {self.pk}"


class LinkageKey(models.Model):
    """The secret of a family's pseudonyms, apart from the answers; deleting the row is destroying the key."""

    family = models.OneToOneField(CampaignFamily, on_delete=models.CASCADE, related_name="linkage_key")
    key = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("clé de liaison")
        verbose_name_plural = _("clés de liaison")

    def __str__(self):
        return str(self.family)


class Campaign(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="practice_campaigns"
    )
    family = models.ForeignKey(CampaignFamily, on_delete=models.CASCADE, related_name="campaigns")
    # The campaign this one reviews six months later (same questionnaires, same teams, same family).
    review_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="review", verbose_name=_("bilan de")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    questionnaires = models.JSONField(_("questionnaires"), default=list)  # the engine's ids, in order
    # Empty: the whole organisation.
    teams = models.ManyToManyField("organisations.Team", blank=True, related_name="+", verbose_name=_("équipes"))
    opens_on = models.DateField(_("ouverture"))
    closes_on = models.DateField(_("clôture"))
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    report_produced_at = models.DateTimeField(_("rapport produit le"), null=True, blank=True)
    # The equality indicators as they stood when the campaign closed (apps.equality's reading record: figures by
    # sex, aggregates only), kept once so that the review compares the first wave's with its own: the modules they
    # are computed from keep no history. None: not closed yet (or not seen closed yet); {}: closed before the
    # platform kept them, so there is nothing to compare with.
    equality_reading = models.JSONField(_("indicateurs d'égalité à la clôture"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("campagne sur les pratiques")
        verbose_name_plural = _("campagnes sur les pratiques")

    def __str__(self):
        return self.title

    def is_closed(self, today=None):
        return self.closed_at is not None or (today or timezone.localdate()) > self.closes_on

    @property
    def last_day(self):
        """The day answers stopped (or will stop): the closing date, or the day it was closed by hand before."""
        if self.closed_at is not None:
            return min(self.closes_on, timezone.localdate(self.closed_at))
        return self.closes_on

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today and not self.is_closed(today)


class Participation(models.Model):
    """That a member answered the campaign (when), never what: the answers are in `Response`."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    membership = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(_("réponse envoyée le"), default=timezone.now)

    class Meta:
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "membership"], name="one_practice_participation_per_member")
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self):
        return f"{self.campaign} — {self.membership_id}"


class Response(models.Model):
    """One person's answers to a campaign, under their keyed pseudonym. A random identifier and no time, so that the
    order of the rows does not pair them with the participations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    pseudonym = models.CharField(_("pseudonyme"), max_length=64)
    role = models.CharField(_("rôle"), max_length=10, choices=RespondentRole.choices)
    # The team the results are grouped by (the person's team when they answered).
    team = models.ForeignKey("organisations.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The sex the member declared when they answered, copied here like the team: the equality indicators count
    # « worked while ill » by sex, and the response cannot be joined back to its member (no table holds both, the
    # key goes after the review), so the sex must travel with the answers. It is only read through the engine's
    # `item_counts` (theme threshold and rule of difference), never shown per response.
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True, default=Sex.UNDECLARED)
    answers = models.JSONField(_("réponses"), default=dict)  # {questionnaire id: {item id: value}}

    class Meta:
        ordering = ["campaign", "pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "pseudonym"], name="one_practice_response_per_pseudonym")
        ]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self):
        return f"{self.campaign} — {self.pseudonym[:8]}"
