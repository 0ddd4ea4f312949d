"""What the charter contributes to the organisation's journey: its procedure (step 3). The six-month review (step 4)
is the practices app's task, dated from the adoption of the text (`selectors.review_date`)."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from teletravail.apps.charters.selectors import procedure_status
from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks


def charter_tasks(status, url):
    """Drafting, then the procedure the document's type and sector require (CSE opinion, information, signature)."""
    if status is None:
        return (
            Task(_("Rédiger la charte ou l'accord de télétravail"), False, url),
            Task(_("Informer les salariés du texte adopté"), False, url),
        )
    tasks = [
        Task(
            _("Rédiger la charte ou l'accord de télétravail"),
            status.drafted,
            url,
            _("Dernière version conforme") if status.compliant else _("La dernière version comporte des erreurs"),
        ),
        Task(_("Vérifier la conformité du texte"), status.drafted and status.compliant, url),
    ]
    if status.needs_cse:
        planned = ""
        if status.cse_meeting_date and not status.cse_consulted:
            planned = _("Réunion prévue le %(date)s.") % {"date": date_format(status.cse_meeting_date, "DATE_FORMAT")}
        tasks.append(Task(_("Recueillir l'avis du CSE (ou du comité social)"), status.cse_consulted, url, planned))
    tasks.append(Task(_("Informer les salariés du texte adopté"), status.employees_informed, url))
    if status.needs_signature:
        tasks.append(Task(_("Signer l'accord"), status.signed, url))
    return tuple(tasks)


@register_tasks(step=3, position=10)
def legal_framework(access):
    url = organisation_link(access, "charters:index", allowed=True)
    return charter_tasks(procedure_status(access.organisation), url)
