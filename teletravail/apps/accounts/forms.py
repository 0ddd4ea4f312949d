from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.accounts.services import (
    KNOWN_DEVICE_COOKIE,
    awaiting_activation,
    clear_login_failures,
    known_device,
    login_scopes,
    login_wait_seconds,
    record_login_failure,
    wait_text,
)
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import client_ip, record_event


class EmailAuthenticationForm(DsfrBaseForm, AuthenticationForm):
    """Sign-in by e-mail address, slowed down after repeated failures (accounts.services explains how)."""

    username = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : nom@domaine.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Adresse électronique ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
        "awaiting_activation": _(
            "Votre compte n'est pas encore activé : ouvrez le lien reçu par courriel après l'inscription."
        ),
        "throttled": _(
            "Trop de tentatives de connexion infructueuses. Réessayez dans %(wait)s ou réinitialisez votre "
            "mot de passe."
        ),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        device = known_device(self.request.COOKIES.get(KNOWN_DEVICE_COOKIE), email)
        scopes = login_scopes(email, client_ip(self.request), device)
        wait = login_wait_seconds(scopes)
        if wait:
            record_event(AuditAction.LOGIN_THROTTLED, actor_email=email, request=self.request)
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled", params={"wait": wait_text(wait)}
            )
        self.user_cache = authenticate(self.request, username=email, password=password)
        if self.user_cache is None:
            if awaiting_activation(email, password):
                raise forms.ValidationError(self.error_messages["awaiting_activation"], code="awaiting_activation")
            record_login_failure(scopes)
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        clear_login_failures(scopes)
        return self.cleaned_data


class EraseAccountForm(DsfrBaseForm):
    """The password once more: erasing cannot be undone. Wrong answers count as failed sign-ins (same throttle)."""

    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.scopes = login_scopes(user.email, client_ip(request))

    def clean_password(self):
        password = self.cleaned_data["password"]
        wait = login_wait_seconds(self.scopes)
        if wait:
            raise forms.ValidationError(_("Trop d'essais. Réessayez dans %(wait)s.") % {"wait": wait_text(wait)})
        if not self.user.check_password(password):
            record_login_failure(self.scopes)
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return password
