from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal token for the HTTP API. Only a keyed digest of its secret is stored; its prefix, shown on the
    account page, lets its owner recognise it. It opens the organisations listed, with the role its owner holds
    there at the time of each request, until it expires or is revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nom"), max_length=100)
    prefix = models.CharField(_("préfixe"), max_length=16, unique=True)
    secret_digest = models.CharField(max_length=64)
    organisations = models.ManyToManyField("organisations.Organisation", related_name="+")
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")

    def __str__(self):
        return f"{self.prefix} {self.name}"

    def is_active(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
