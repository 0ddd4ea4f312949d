"""The answers to « worked while ill » by sex, for the equality indicators (`apps.equality`).

They come from the latest closed campaign that asked the item, counted by the engine's `item_counts` over the same
groups as the campaign's results (the whole campaign, each team) plus the women and the men: the theme's threshold
(20 answers for this health item) and its rule of difference then hold for the figures by sex too, so that neither
a small group nor a subtraction of published groups (the whole campaign minus the women…) gives anyone's answer.
"""

from django.utils import timezone

from teletravail.apps.equality.selectors import WorkedWhileIll, register_worked_while_ill_source
from teletravail.apps.practices import selectors
from teletravail.apps.practices.models import Campaign
from teletravail.equality import MEN, SOURCE_DIFFERENCE, SOURCE_THRESHOLD, WOMEN, Withheld
from teletravail.practices import THRESHOLD, item_counts
from teletravail.practices.scoring import anonymity_of


WORKED_WHILE_ILL = "risks.worked_while_ill"
YES = "yes"


def _closed_by(campaign, day):
    return day > campaign.closes_on or (
        campaign.closed_at is not None and timezone.localdate(campaign.closed_at) <= day
    )


def _asking(campaign, item_id):
    return next(
        (q for q in selectors.questionnaires_of(campaign) if any(item.id == item_id for item in q.items)), None
    )


def latest_closed_campaign_asking(organisation, item_id, at=None):
    """(campaign, questionnaire) of the campaign closed by `at` (today by default) that asked the item last; the
    first wave or a review alike. None when there is none."""
    day = at or timezone.localdate()
    found = None
    for campaign in Campaign.objects.filter(organisation=organisation, opens_on__lte=day):
        questionnaire = _asking(campaign, item_id)
        if questionnaire is not None and _closed_by(campaign, day):
            if found is None or (campaign.last_day, campaign.pk) > (found[0].last_day, found[0].pk):
                found = (campaign, questionnaire)
    return found


@register_worked_while_ill_source
def worked_while_ill(organisation, at=None):
    latest = latest_closed_campaign_asking(organisation, WORKED_WHILE_ILL, at)
    if latest is None:
        return None
    campaign, questionnaire = latest
    responses = campaign.responses.all()
    groups = selectors.results_groups(campaign)
    by_sex = {(WOMEN,): set(), (MEN,): set()}
    for response in responses:
        if (response.sex,) in by_sex:
            by_sex[(response.sex,)].add(response.pseudonym)
    counts = {
        count.group: count
        for count in item_counts(
            questionnaire, WORKED_WHILE_ILL, selectors.questionnaire_answers(campaign, questionnaire), groups | by_sex
        )
    }
    women, men = counts[(WOMEN,)], counts[(MEN,)]
    if women.shown and men.shown:
        return WorkedWhileIll(
            [(sex, value == YES) for sex, count in ((WOMEN, women), (MEN, men)) for value in _answers(count)]
        )
    if THRESHOLD in (women.hidden_reason, men.hidden_reason):
        theme = questionnaire.theme(questionnaire.item(WORKED_WHILE_ILL).theme)
        min_group, _difference = anonymity_of(questionnaire, theme)
        return WorkedWhileIll(
            [], Withheld(SOURCE_THRESHOLD, minimum=min_group, shortfall=max(0, min_group - min(women.n, men.n)))
        )
    return WorkedWhileIll([], Withheld(SOURCE_DIFFERENCE))


def _answers(count):
    """Each answer counted, once per time it was given."""
    return [value for value, n in count.counts.items() for _ in range(n)]
