from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from teletravail.apps.accounts.forms import EmailAuthenticationForm
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        record_event(
            AuditAction.PASSWORD_RESET_REQUESTED, actor_email=form.cleaned_data["email"], request=self.request
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(AuditAction.PASSWORD_CHANGED, actor=form.user, request=self.request)
        return response
