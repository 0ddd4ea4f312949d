from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record_event(AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    email = credentials.get("username") or credentials.get("email") or ""
    record_event(AuditAction.LOGIN_FAILED, actor_email=email[:254], request=request)
