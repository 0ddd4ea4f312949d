from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlatformRole(models.TextChoices):
    """Roles that exist above organisations. Organisation roles live on Membership."""

    NONE = "", _("Aucun")
    CONSULTANT = "consultant", _("Consultant·e (ARACT, conseil)")
    PLACE_OPERATOR = "place_operator", _("Gestionnaire de lieu")
    PUBLIC_ANALYST = "public_analyst", _("Analyste public (collectivité, État)")
    PLATFORM_ADMIN = "platform_admin", _("Administrateur·rice de la plateforme")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Une adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("platform_role", PlatformRole.PLATFORM_ADMIN)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person, identified by e-mail address (stored lower-case)."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=150, blank=True)
    platform_role = models.CharField(
        _("rôle sur la plateforme"), max_length=32, choices=PlatformRole.choices, blank=True, default=""
    )
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration technique"), default=False)
    date_joined = models.DateTimeField(_("date d'inscription"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_platform_role(self, role):
        return self.is_active and self.platform_role == role


class ThrottleCounter(models.Model):
    """Attempts counted in one throttling scope for one identifier (see services): how many in the current window,
    and until when the next one must wait. The identifier is stored as a keyed digest, never in clear."""

    scope = models.CharField(max_length=40)
    key_digest = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now, db_index=True)
    blocked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("compteur de tentatives")
        verbose_name_plural = _("compteurs de tentatives")
        constraints = [models.UniqueConstraint(fields=["scope", "key_digest"], name="throttle_counter_unique_key")]

    def __str__(self):
        return f"{self.scope} {self.attempts}"
