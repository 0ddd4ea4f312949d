"""What the practices campaigns contribute to the journey: the campaign with the staff and its answers (step 2), and
the six-month review, its report and the destruction of its key (step 4)."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from teletravail.apps.charters.selectors import procedure_status, review_date
from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks, share_task
from teletravail.apps.practices import selectors


TOP_NEEDS = 3  # the needs the journey names


def campaign_tasks(campaign, url):
    title = _("Mesurer les pratiques et les risques du télétravail avec les salariés (campagne de questionnaires)")
    if campaign is None:
        return (Task(title, False, url),)
    progress = selectors.progress(campaign)
    return (
        Task(
            title,
            True,
            url,
            _("« %(title)s », du %(opens)s au %(closes)s")
            % {
                "title": campaign.title,
                "opens": date_format(campaign.opens_on, "DATE_FORMAT"),
                "closes": date_format(campaign.closes_on, "DATE_FORMAT"),
            },
        ),
        share_task(_("Recueillir les réponses des membres invités"), progress.answered, progress.asked, url),
    )


def training_task(campaign, url):
    """The training needs the staff expressed, most asked first, once the campaign has enough answers to show."""
    title = _("Recenser les besoins de formation")
    needs = selectors.training_needs(campaign) if campaign is not None else None
    if needs is None:
        return Task(title, False, url, _("Ajoutez le questionnaire des besoins de formation à une campagne."))
    if not needs:
        return Task(title, False, url, _("Pas encore assez de réponses pour les montrer."))
    top = ", ".join(f"{need.label} ({need.people})" for need in needs[:TOP_NEEDS])
    return Task(title, True, url, _("Les plus demandés : %(needs)s") % {"needs": top})


def review_due(charter_status):
    """When the review is due: six months after the charter or agreement was adopted."""
    date = review_date(charter_status)
    if date is None:
        return _("Sa date sera fixée à l'adoption de la charte ou de l'accord.")
    return _("Six mois après l'adoption du texte (le %(adopted)s) : le %(date)s.") % {
        "adopted": date_format(charter_status.adopted_on, "DATE_FORMAT"),
        "date": date_format(date, "DATE_FORMAT"),
    }


def review_tasks(review, url, charter_status=None):
    """The review with the staff (done once the review campaign is closed), its report and its key."""
    title = _("Refaire la campagne en bilan à six mois et comparer avant / après")
    if review is None:
        return (
            Task(title, False, url, review_due(charter_status)),
            Task(_("Produire le rapport du bilan (PDF ou Word)"), False, url),
            Task(_("Détruire la clé de liaison des réponses après le bilan"), False, url),
        )
    return (
        Task(
            title,
            review.is_closed(),
            url,
            _("Clôture le %(date)s") % {"date": date_format(review.closes_on, "DATE_FORMAT")},
        ),
        Task(_("Produire le rapport du bilan (PDF ou Word)"), review.report_produced_at is not None, url),
        Task(
            _("Détruire la clé de liaison des réponses après le bilan"),
            review.family.key_destroyed_at is not None,
            url,
        ),
    )


@register_tasks(step=2, position=20)
def practices_with_the_staff(access):
    url = organisation_link(access, "practices:index", allowed=True)
    campaign = selectors.latest_campaign(access.organisation)
    return (
        *campaign_tasks(campaign, url),
        training_task(selectors.latest_campaign(access.organisation, "training"), url),
    )


@register_tasks(step=4, position=30)
def six_month_review(access):
    url = organisation_link(access, "practices:index", allowed=True)
    return review_tasks(selectors.latest_review(access.organisation), url, procedure_status(access.organisation))
