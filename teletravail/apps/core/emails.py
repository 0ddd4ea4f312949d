"""E-mails built from templates: `<name>_subject.txt`, `<name>.txt` (the plain-text part) and `<name>.html` (the
HTML alternative), all three rendered with the same context."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def templated_email(name, context, to):
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(subject, render_to_string(f"{name}.txt", context), None, list(to))
    message.attach_alternative(render_to_string(f"{name}.html", context), "text/html")
    return message
