"""One way to build a page of an organisation's space: the context every such page needs, and the call of a service
whose refusal the person must see (on the form, or as a message of the next page).

A view reads: access → form → `call_service` → redirect on success, else render with `organisation_context`.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError

from teletravail.apps.core.conflicts import status_of
from teletravail.apps.core.forms import show_service_errors


def organisation_context(access, section, **extra):
    """What every organisation page's template reads: `access` (who the person is there, for the tabs and the
    buttons), `organisation`, and `nav_section`, the tab to mark as current."""
    return {"access": access, "organisation": access.organisation, "nav_section": section, **extra}


@dataclass(frozen=True)
class ServiceCall:
    ok: bool
    result: object = None
    error: ValidationError | None = None

    def status(self, default=200):
        """The HTTP status of the page shown after the call: 409 when the service refused a conflicting write."""
        return default if self.error is None else status_of(self.error, default)


def call_service(request, service, *, success=None, form=None, shown_in_page=False):
    """Runs `service()` (a write). On its ValidationError the messages go on `form` (on the field they name, else at
    the top) or, without a form, to the messages of the next page, unless the page shows `error` itself
    (`shown_in_page`, a confirmation page); `ok` is then False. On success, `success` (a text, or a function of the
    service's result giving one) is shown, and `result` holds what the service returned."""
    try:
        result = service()
    except ValidationError as error:
        if form is not None:
            show_service_errors(form, error)
        elif not shown_in_page:
            for message in error.messages:
                messages.error(request, message)
        return ServiceCall(ok=False, error=error)
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return ServiceCall(ok=True, result=result)


def error_text(error):
    """A service's refusal as one sentence, for a page that shows it in place (a confirmation page)."""
    return " ".join(error.messages)
