"""What the charter contributes to the organisation's journey: its procedure (step 3) and the review's date (4)."""

from dateutil.relativedelta import relativedelta
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from teletravail.apps.charters.selectors import procedure_status
from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks
from teletravail.parameters import load_parameters


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


def review_date(status):
    """The six-month review's date: a fixed span after the charter or agreement was adopted; None before that."""
    if status is None or status.adopted_on is None:
        return None
    months = load_parameters("journey")["review.months_after_adoption"].at(status.adopted_on).central
    return status.adopted_on + relativedelta(months=int(months))


def review_task(status):
    """The review itself: not done until it exists; its date follows the adoption of the text."""
    title = _("Faire le bilan à six mois avec les salariés")
    date = review_date(status)
    if date is None:
        return Task(title, False, None, _("Sa date sera fixée à l'adoption de la charte ou de l'accord."))
    detail = _("Six mois après l'adoption du texte (le %(adopted)s) : le %(date)s.") % {
        "adopted": date_format(status.adopted_on, "DATE_FORMAT"),
        "date": date_format(date, "DATE_FORMAT"),
    }
    return Task(title, False, None, detail)


@register_tasks(step=3, position=10)
def legal_framework(access):
    url = organisation_link(access, "charters:index", allowed=True)
    return charter_tasks(procedure_status(access.organisation), url)


@register_tasks(step=4, position=20)
def six_month_review(access):
    return (review_task(procedure_status(access.organisation)),)
