"""« Worked while ill » by sex in the equality indicators, from the latest closed campaign that asked it: the sex
travels on the response (copied at answer time), the questionnaire's threshold (20 answers a sex for this health
item) and rule of difference win over the Egapro rule, and the page says why in French."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.equality import selectors as equality_selectors
from teletravail.apps.organisations.models import Sex
from teletravail.apps.practices.equality import WORKED_WHILE_ILL
from teletravail.apps.practices.models import Response
from teletravail.equality import NO_DATA, SOURCE_DIFFERENCE, SOURCE_THRESHOLD
from tests.apps.practices.factories import answer, close, open_campaign, practices_world
from tests.world import build_world


pytestmark = pytest.mark.django_db


def worked_while_ill(organisation):
    return next(i for i in equality_selectors.equality_indicators(organisation) if i.code == "worked_while_ill")


def answers_of(campaign, sexes_and_answers):
    """Responses to the « worked while ill » item, one per (sex, answer), as the app stores them."""
    for index, (sex, value) in enumerate(sexes_and_answers):
        Response.objects.create(
            campaign=campaign,
            pseudonym=f"p{campaign.pk}-{index}",
            role="employee",
            sex=sex,
            answers={"risks": {WORKED_WHILE_ILL: value}},
        )


def page_text(client, organisation):
    content = client.get(reverse("equality:index", args=[organisation.pk])).content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


@pytest.fixture
def world(db):
    return build_world()


def test_the_response_carries_the_sex_the_member_declared_when_answering():
    practices = practices_world()
    woman, undeclared = practices.employees()[:2]
    woman.sex = Sex.WOMAN
    woman.save()
    assert answer(practices.campaign, woman).sex == Sex.WOMAN
    assert answer(practices.campaign, undeclared).sex == Sex.UNDECLARED


def test_twenty_women_and_twenty_men_give_the_shares_by_sex(world):
    campaign = close(open_campaign(world))
    answers_of(
        campaign,
        [(Sex.WOMAN, "yes")] * 15 + [(Sex.WOMAN, "no")] * 5 + [(Sex.MAN, "yes")] * 10 + [(Sex.MAN, "no")] * 10,
    )
    ill = worked_while_ill(world.organisation)
    assert ill.is_computed
    assert (ill.women.base, ill.men.base) == (20, 20)
    assert ill.women.value == pytest.approx(0.75) and ill.men.value == pytest.approx(0.5)


def test_under_the_questionnaire_threshold_it_is_not_calculable_and_says_why(client, world):
    campaign = close(open_campaign(world))
    # Enough for Egapro's three a sex, not for the questionnaire's twenty answers a sex to a health item.
    answers_of(campaign, [(Sex.WOMAN, "yes")] * 20 + [(Sex.MAN, "no")] * 19)
    ill = worked_while_ill(world.organisation)
    assert (ill.reason, ill.minimum, ill.shortfall) == (SOURCE_THRESHOLD, 20, 1)
    assert ill.women.value is None and ill.men.value is None
    client.force_login(world.admin.user)
    assert (
        "Non calculable : le questionnaire ne donne cette réponse qu'à partir de 20 femmes et 20 hommes qui y ont "
        "répondu, pour que personne ne puisse être reconnu ; il manque 1 réponse."
        in page_text(client, world.organisation)
    )


def test_the_rule_of_difference_keeps_one_undeclared_answer_from_being_read(client, world):
    # The whole campaign (41) minus the women (20) and the men (20) would give the one undeclared person's answer.
    campaign = close(open_campaign(world))
    answers_of(campaign, [(Sex.WOMAN, "no")] * 20 + [(Sex.MAN, "no")] * 20 + [(Sex.UNDECLARED, "yes")])
    assert worked_while_ill(world.organisation).reason == SOURCE_DIFFERENCE
    client.force_login(world.admin.user)
    assert "se déduiraient, par différence, des autres résultats publiés" in page_text(client, world.organisation)


def test_only_the_latest_closed_campaign_counts(world):
    older = close(open_campaign(world))
    answers_of(older, [(Sex.WOMAN, "yes")] * 20 + [(Sex.MAN, "yes")] * 20)
    newer = open_campaign(world)
    answers_of(newer, [(Sex.WOMAN, "no")] * 20 + [(Sex.MAN, "no")] * 20)
    # The newer campaign is still open: the older one's answers are read.
    assert worked_while_ill(world.organisation).women.value == 1
    close(newer)
    assert worked_while_ill(world.organisation).women.value == 0
    # A date before the newer one closed reads the older one.
    newer.closes_on = timezone.localdate() + timedelta(days=1)
    newer.closed_at = timezone.now() + timedelta(days=1)
    newer.save()
    assert worked_while_ill(world.organisation).women.value == 1


def test_a_campaign_without_the_risks_questionnaire_gives_no_data(world):
    campaign = close(open_campaign(world, questionnaires=("practices",)))
    assert campaign.questionnaires == ["practices"]
    assert worked_while_ill(world.organisation).reason == NO_DATA
