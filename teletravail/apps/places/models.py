from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teletravail.apps.geo.models import Commune
from teletravail.apps.places.vocabulary import KIND_CHOICES, OFFER_CHOICES


class PlaceStatus(models.TextChoices):
    PUBLISHED = "published", _("Publié")
    PENDING = "pending", _("En attente de modération")
    CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
    REJECTED = "rejected", _("Refusé")


class Place(models.Model):
    """A telework place as the directory shows it: the union of what its sources say (places-marketplace §3.3).

    Each source's own record is kept in PlaceSource; `field_sources` names the source of a field that came from
    another source than the place's own (`source`), so that each field keeps its source and licence."""

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=KIND_CHOICES)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="places", verbose_name=_("commune"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    siret = models.CharField(_("SIRET de l'exploitant"), max_length=14, blank=True)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("courriel"), max_length=200, blank=True)
    opening_hours = models.CharField(_("horaires (syntaxe OpenStreetMap)"), max_length=255, blank=True)
    services = models.JSONField(_("services"), default=list, blank=True)
    accessibility = models.JSONField(_("accessibilité"), default=list, blank=True)
    acceslibre_url = models.URLField(_("fiche Acceslibre"), max_length=500, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    booking_url = models.URLField(_("lien de réservation"), max_length=500, blank=True)
    labels = models.JSONField(_("labels"), default=list, blank=True)
    desks = models.PositiveIntegerField(_("postes de travail"), null=True, blank=True)
    meeting_rooms = models.PositiveIntegerField(_("salles de réunion"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=40)
    licence = models.CharField(_("licence"), max_length=100)
    # {field: {"source": …, "licence": …}} for the fields another source gave.
    field_sources = models.JSONField(default=dict, blank=True)
    verified_on = models.DateField(_("dernière vérification"), null=True, blank=True)
    # Only published places are in the directory; a place an operator registers waits for a moderator.
    status = models.CharField(_("statut"), max_length=20, choices=PlaceStatus.choices, default=PlaceStatus.PUBLISHED)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated_places",
        verbose_name=_("exploitant"),
    )
    # The quality charter's badge: the version a moderator approved the place's assessment against (blank: none).
    # It stays, shown « à réévaluer », when a newer version is published, until the new assessment is approved.
    charter_version = models.CharField(_("charte qualité (version)"), max_length=20, blank=True)
    # The version in force the operator was last told to re-assess the place against: one notice per version.
    charter_reassessment_asked = models.CharField(
        _("réévaluation demandée (version de la charte)"), max_length=20, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("lieu de télétravail")
        verbose_name_plural = _("lieux de télétravail")
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["status", "name"]),
            # The open API's boxes: published places in a range of latitude (then of longitude, in the index too).
            # Without it a database takes the (status, name) index, which every published place matches.
            models.Index(fields=["status", "latitude", "longitude"], name="places_published_position"),
        ]
        permissions = [("moderate_place", _("Peut modérer les lieux de télétravail"))]

    def __str__(self):
        return self.name


class PlaceOffer(models.Model):
    """One line of a place's spaces and offers summary; the price is stored excluding VAT, with its rate."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(_("offre"), max_length=30, choices=OFFER_CHOICES)
    price_excl_vat_cents = models.PositiveIntegerField(_("prix HT (centimes)"), null=True, blank=True)
    vat_rate_percent = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacité"), null=True, blank=True)

    class Meta:
        ordering = ["place", "pk"]

    def __str__(self):
        return f"{self.place} — {self.get_kind_display()}"


class PlaceSource(models.Model):
    """One source's record of a place, as last imported (`data`): what makes an import idempotent, and what a merge
    is undone from."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="sources")
    source = models.CharField(max_length=40)
    source_id = models.CharField(max_length=100)
    licence = models.CharField(max_length=100)
    data = models.JSONField(default=dict)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="places_one_record_per_source_id")]

    def __str__(self):
        return f"{self.source}:{self.source_id}"


class PlaceMerge(models.Model):
    """A source record found to be a place already known (near it, with a similar name) and attached to it.

    `filled_fields` are the fields of the place the merged record filled in (they were empty): undoing the merge
    empties them again and gives the record its own place."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="merges")
    merged_source = models.ForeignKey(PlaceSource, on_delete=models.CASCADE, related_name="merges")
    distance_m = models.PositiveIntegerField()
    name_similarity = models.PositiveSmallIntegerField()
    filled_fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"{self.merged_source} → {self.place}"


class Decision(models.TextChoices):
    PENDING = "pending", _("En attente")
    APPROVED = "approved", _("Approuvée")
    CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
    REJECTED = "rejected", _("Refusée")


class PlaceRevision(models.Model):
    """A version of a place proposed by its operator (the registration, then each edit), and the moderator's decision
    on it: the place's history of who changed what. An approved revision's `data` is what the place then shows."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.place} ({self.created_at:%Y-%m-%d})"


class CharterAssessment(models.Model):
    """An operator's self-assessment of their place against a version of the quality charter (teletravail.places.
    quality): the evidence of each criterion ({code: text or link}), and the moderator's decision on it."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="charter_assessments")
    version = models.CharField(_("version de la charte"), max_length=20)
    evidence = models.JSONField(_("éléments de preuve"), default=dict)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.place} — {self.version}"
