"""What the diagnostic contributes to the organisation's journey (step 1)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from teletravail.apps.diagnostic.selectors import campaign_progress
from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks


def diagnostic_task(progress, url):
    """Done once every employee invited to the latest campaign has a shared decision on each of their activities."""
    title = _("Évaluer avec les salariés les activités télétravaillables")
    if progress is None:
        return Task(title, False, url)
    # One plural per figure: « 2 salariés invités, 1 a répondu ».
    detail = ", ".join(
        (
            ngettext("%(count)d salarié invité", "%(count)d salariés invités", progress.invited)
            % {"count": progress.invited},
            ngettext("%(count)d a répondu", "%(count)d ont répondu", progress.answered) % {"count": progress.answered},
            ngettext("%(count)d avec une décision partagée", "%(count)d avec une décision partagée", progress.decided)
            % {"count": progress.decided},
        )
    )
    if progress.contested:
        detail += ngettext(
            " ; %(contested)d conteste une décision", " ; %(contested)d contestent une décision", progress.contested
        ) % {"contested": progress.contested}
    return Task(title, progress.invited > 0 and progress.decided == progress.invited, url, detail)


@register_tasks(step=1, position=40)
def assess_with_the_employees(access):
    # Every member and the consultant open the diagnostic's index (each sees what their role allows).
    url = organisation_link(access, "diagnostic:index", allowed=True)
    return (diagnostic_task(campaign_progress(access.organisation), url),)
