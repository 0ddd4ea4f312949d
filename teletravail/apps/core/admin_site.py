"""The technical administration (Django admin), served only to platform administrators already signed in through
the platform's own sign-in: the admin has no password form of its own, so every sign-in goes through one throttle
and one audit trail (accounts.services)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from teletravail.apps.accounts.models import PlatformRole


class PlatformAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_platform_role(PlatformRole.PLATFORM_ADMIN)

    def login(self, request, extra_context=None):
        """No form here, whatever the method: anonymous people go to the platform's sign-in and come back."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url, settings.LOGIN_URL)
        if self.has_permission(request):
            return redirect(next_url)
        raise PermissionDenied
