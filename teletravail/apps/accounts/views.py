from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teletravail.apps.accounts import services
from teletravail.apps.accounts.forms import EmailAuthenticationForm, EraseAccountForm
from teletravail.apps.accounts.services import (
    KNOWN_DEVICE_COOKIE,
    check_and_record,
    email_request_scopes,
    known_device_cookie,
    wait_text,
)
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import client_ip, record_event
from teletravail.apps.core.downloads import file_download
from teletravail.apps.core.pages import call_service
from teletravail.apps.core.personal_data import erase_account, personal_archive


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True
    extra_context = {
        "title": gettext_lazy("Se connecter"),
        "legend": gettext_lazy("Se connecter avec son adresse électronique"),
        "submit_label": gettext_lazy("Se connecter"),
        "centred": True,
    }

    def form_valid(self, form):
        response = super().form_valid(form)
        # This browser now counts apart from anyone else behind its IP (accounts.services).
        response.set_cookie(
            KNOWN_DEVICE_COOKIE,
            known_device_cookie(form.get_user().email),
            max_age=settings.KNOWN_DEVICE_COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "core/form_page.html"
    title = gettext_lazy("Mot de passe oublié")
    extra_context = {
        "intro": gettext_lazy(
            "Indiquez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau "
            "mot de passe."
        ),
        "submit_label": gettext_lazy("Recevoir le lien"),
        "centred": True,
    }
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        # The same limit whether the address has an account or not: the answer reveals nothing.
        wait = check_and_record(email_request_scopes("password-reset", email, client_ip(self.request)))
        if wait:
            form.add_error(
                None,
                _("Trop de demandes de réinitialisation. Réessayez dans %(wait)s.") % {"wait": wait_text(wait)},
            )
            return self.form_invalid(form)
        record_event(AuditAction.PASSWORD_RESET_REQUESTED, actor_email=email, request=self.request)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    title = gettext_lazy("Nouveau mot de passe")
    extra_context = {"submit_label": gettext_lazy("Enregistrer le mot de passe"), "centred": True}
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(AuditAction.PASSWORD_CHANGED, actor=form.user, request=self.request)
        return response


def activate(request, uidb64, token):
    """The link of the sign-up e-mail: a button to press (link checkers of mail servers only fetch the page), then
    the account is active and its owner signed in."""
    user = services.account_awaiting_activation(uidb64, token)
    if user is None:
        return render(
            request, "accounts/activation_invalid.html", {"title": _("Lien d'activation invalide")}, status=404
        )
    if request.method == "POST":
        services.activate_account(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Votre compte est activé. Invitez maintenant les membres de votre organisation."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/activation_confirm.html", {"account": user, "title": _("Activer mon compte")})


@login_required
def my_data(request):
    """What the download holds, and the button."""
    return render(request, "accounts/my_data.html")


@login_required
def my_data_archive(request):
    """Everything the platform holds about the person signed in, in one zip (JSON and CSV)."""
    archive = personal_archive(request.user)
    record_event(AuditAction.PERSONAL_DATA_EXPORTED, actor=request.user, request=request)
    return file_download(archive, f"mes-donnees-teletravail-{timezone.localdate():%Y-%m-%d}.zip", "application/zip")


@login_required
def erase(request):
    """The erasure of one's account, after the password is given again."""
    form = EraseAccountForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        call = call_service(request, lambda: erase_account(request.user), form=form)
        if call.ok:
            # Not logout(): its signal would record an event for an account that no longer exists.
            request.session.flush()
            request.user = AnonymousUser()
            messages.success(request, _("Votre compte est supprimé, avec vos données personnelles."))
            return redirect("core:home")
    context = {
        "form": form,
        "title": _("Supprimer mon compte"),
        "submit_label": _("Supprimer définitivement mon compte"),
        "cancel_url": reverse("home:dashboard"),
    }
    return render(request, "accounts/erase.html", context)
