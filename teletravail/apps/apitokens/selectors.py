"""Reads about API tokens: a person sees and revokes their own tokens only."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from teletravail.apps.apitokens.models import ApiToken


def active_tokens(user):
    """The tokens of `user` still usable, newest first, with their organisations."""
    return (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .prefetch_related("organisations")
        .order_by("-created_at", "-id")
    )


def own_token(user, token_id):
    """One token of `user`; 404 for another person's, as for a missing one."""
    return get_object_or_404(ApiToken, pk=token_id, user=user)


def token_by_prefix(prefix):
    """The token shown as `prefix` (the command line revokes by it), or None."""
    return ApiToken.objects.select_related("user").filter(prefix=prefix.strip()).first()
