"""Writes about API tokens, and the check of a token presented to the API.

A token is `tt_` followed by ten hexadecimal characters (its prefix, shown on the account page), an underscore and
a 256-bit random secret. Only an HMAC-SHA256 of the whole token, keyed by the platform's secret key, is stored: a
fast keyed hash suffices for a secret this long (nothing to guess), and the check costs no more than a lookup.
Changing SECRET_KEY invalidates every token.

The check reads the token from the database on every request, never from a cache: a revoked token is refused on
the very next request.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teletravail.apps.apitokens.models import ApiToken
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.organisations.selectors import organisations_of


TOKEN_START = "tt_"
PREFIX_LENGTH = len(TOKEN_START) + 10
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length


class TokenRefused(Exception):
    """A token the API does not accept (unknown, expired, revoked, its account closed); the message is for the
    caller, in the request's language."""


def _digest(raw_token):
    return salted_hmac("teletravail.apitokens", raw_token, algorithm="sha256").hexdigest()


def _new_prefix():
    while True:
        prefix = TOKEN_START + secrets.token_hex(5)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix


def token_organisation_choices(user):
    """The organisations a token of `user` may open: those they belong to, then those they accompany."""
    member_of, consulted = organisations_of(user)
    return [*member_of.order_by("name"), *consulted.order_by("name")]


def _check_new_token(user, name, organisation_ids, days):
    errors = {}
    if not name.strip():
        errors["name"] = _("Donnez un nom au jeton (par exemple, le script qui l'utilise).")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("Le nom comporte au plus %(count)d caractères.") % {"count": NAME_MAX_LENGTH}
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        errors["days"] = _("La durée de validité va de 1 à %(max)d jours.") % {"max": settings.API_TOKEN_MAX_DAYS}
    allowed = {organisation.pk for organisation in token_organisation_choices(user)}
    if not organisation_ids:
        errors["organisations"] = _("Choisissez au moins une organisation que le jeton ouvrira.")
    elif not set(organisation_ids) <= allowed:
        errors["organisations"] = _(
            "Un jeton n'ouvre que des organisations dont vous êtes membre ou que vous accompagnez."
        )
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()).count()
    if active >= settings.API_TOKEN_MAX_ACTIVE:
        errors["__all__"] = _(
            "Vous avez déjà %(count)d jetons actifs, le maximum : révoquez-en un avant d'en créer un autre."
        ) % {"count": active}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_token(*, user, name, organisation_ids, days, request=None):
    """A new token of `user` and its whole value, which is shown once and never stored."""
    if not user.is_active:
        raise ValidationError(_("Ce compte est désactivé : il ne peut pas recevoir de jeton."))
    _check_new_token(user, name, organisation_ids, days)
    prefix = _new_prefix()
    raw_token = f"{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=prefix,
        secret_digest=_digest(raw_token),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    token.organisations.set(organisation_ids)
    record_event(
        AuditAction.API_TOKEN_CREATED,
        actor=user,
        request=request,
        token=prefix,
        name=token.name,
        organisations=sorted(organisation_ids),
        expires_at=token.expires_at.isoformat(),
    )
    return token, raw_token


@transaction.atomic
def revoke_token(*, token, actor=None, request=None):
    """Revoke `token` now (already revoked: nothing changes). `actor` is None from the command line."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        AuditAction.API_TOKEN_REVOKED,
        actor=actor,
        actor_email="" if actor else token.user.email,
        request=request,
        token=token.prefix,
        name=token.name,
        via="account" if actor else "command_line",
    )
    return token


def authenticate(raw_token, *, request=None):
    """The active token whose whole value is `raw_token`, its use recorded; TokenRefused otherwise."""
    token = (
        ApiToken.objects.select_related("user").filter(prefix=raw_token[:PREFIX_LENGTH]).first()
        if raw_token.startswith(TOKEN_START)
        else None
    )
    if token is None or not constant_time_compare(token.secret_digest, _digest(raw_token)):
        raise TokenRefused(_("Jeton d'API inconnu : vérifiez sa valeur, ou créez-en un depuis votre compte."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused(_("Ce jeton d'API a été révoqué : créez-en un autre depuis votre compte."))
    if token.expires_at <= now:
        raise TokenRefused(
            _("Ce jeton d'API a expiré le %(date)s : créez-en un autre depuis votre compte.")
            % {"date": date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")}
        )
    if not token.user.is_active:
        raise TokenRefused(_("Le compte de ce jeton d'API est désactivé."))
    _record_use(token, now, request)
    return token


def _record_use(token, now, request):
    """The last use on the token; in the audit log, a use at most every API_TOKEN_USE_AUDIT_INTERVAL seconds per
    token (the writes made with it carry its prefix in their own events)."""
    quiet_since = now - timedelta(seconds=settings.API_TOKEN_USE_AUDIT_INTERVAL)
    unused = Q(last_used_at__isnull=True) | Q(last_used_at__lt=quiet_since)
    # One conditional UPDATE: of concurrent first requests, one only records the use.
    if ApiToken.objects.filter(unused, pk=token.pk).update(last_used_at=now):
        record_event(
            AuditAction.API_TOKEN_USED,
            actor=token.user,
            request=request,
            token=token.prefix,
            name=token.name,
            call=f"{request.method} {request.path}" if request is not None else "",
        )
    else:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
