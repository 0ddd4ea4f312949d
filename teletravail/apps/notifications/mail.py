"""E-mails sent by a job, not in the request: the message is built while the request runs (its links, in the
reader's language) and queued; a worker hands it to the mail server. A mail server that refuses it or does not
answer gets one more try (`JOBS_MAX_ATTEMPTS`), then the job fails and says why in French (`mail_failure`)."""

import smtplib

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.jobs.selectors import failure_message
from teletravail.apps.jobs.services import RetryLater, lease_for, submit_job


MAIL_JOB = "mail.send"
# What a mail server takes to accept one message, at most (Django's SMTP backend waits as long as EMAIL_TIMEOUT).
MAIL_EXPECTED_SECONDS = 30.0


def queue_email(message, *, key, requested_by=None):
    """Queue `message` (an EmailMessage, with its HTML alternative if any). `key` names what it is about (one
    invitation, one notification): the same e-mail queued again while it waits is sent once. Returns the job."""
    payload = {
        "subject": message.subject,
        "body": message.body,
        "to": list(message.to),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }
    job, _queued = submit_job(
        kind=MAIL_JOB,
        key=f"{MAIL_JOB}:{key}",
        payload=payload,
        requested_by=requested_by,
        expected_seconds=MAIL_EXPECTED_SECONDS,
        lease_seconds=lease_for(MAIL_EXPECTED_SECONDS),
    )
    return job


def send_queued_email(payload):
    message = EmailMultiAlternatives(payload["subject"], payload["body"], None, payload["to"])
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    try:
        return message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise RetryLater(
            _(
                "Le serveur de messagerie n'a pas accepté l'e-mail à %(to)s (%(reason)s). Vérifiez l'adresse et "
                "renvoyez-le ; si cela se reproduit, prévenez l'administrateur de la plateforme."
            )
            % {"to": ", ".join(payload["to"]), "reason": error.__class__.__name__}
        ) from error


def store_sent(job, sent):
    return {"sent": sent}


register_kind(MAIL_JOB, compute=send_queued_email, store=store_sent)


def last_mail_jobs(keys):
    """key → the last e-mail job queued for it."""
    full = {f"{MAIL_JOB}:{key}": key for key in keys}
    latest = {}
    for job in Job.objects.filter(kind=MAIL_JOB, key__in=full).order_by("created_at", "id"):
        latest[full[job.key]] = job
    return latest


def mail_state(job):
    """What the sender reads of an e-mail's sending: sent, waiting, or why it failed (in French)."""
    if job is None or job.status == JobStatus.SUCCEEDED:
        return ""
    if job.status == JobStatus.FAILED:
        return _("Envoi de l'e-mail échoué : %(reason)s") % {"reason": failure_message(job)}
    if job.is_active:
        return _("E-mail en cours d'envoi.")
    return ""
