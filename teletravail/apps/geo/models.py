from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    zone = models.CharField(_("zone"), max_length=8)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    siren = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=8)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")

    def __str__(self):
        return self.name


class Commune(models.Model):
    """A commune or a municipal arrondissement (Paris, Lyon, Marseille), COG vintage of the bundled data."""

    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    # Lower-case, accent-free, punctuation folded to spaces: what searches compare against.
    search_name = models.CharField(max_length=100, db_index=True)
    kind = models.CharField(_("type"), max_length=3)  # COM or ARM
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="arrondissements")
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(Epci, null=True, blank=True, on_delete=models.PROTECT, related_name="communes")
    postal_codes = models.CharField(_("codes postaux"), max_length=200, blank=True)  # space-separated
    population = models.PositiveIntegerField(_("population"), default=0)
    area_km2 = models.FloatField(_("superficie (km²)"), null=True, blank=True)
    latitude = models.FloatField(_("latitude du centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude du centre"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """How a commune is shown in lists: its name and its département code, e.g. "Saint-Étienne (42)"."""
        return f"{self.name} ({self.departement_id})"

    @property
    def postal_code_list(self):
        return self.postal_codes.split()
