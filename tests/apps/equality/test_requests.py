"""« Ont demandé » and « demandes refusées » by sex, from the telework requests of the period, computed by hand on
three women and three men; a granted request counts as telework granted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from teletravail.apps.equality import selectors
from teletravail.apps.equality.tables import indicators_table, why_not_computed
from teletravail.apps.organisations.models import Membership
from teletravail.apps.telework_requests import services
from teletravail.apps.telework_requests.models import TeleworkRequest
from tests.world import build_world


pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def team(world, monkeypatch):
    """Six eligible employees in « Alpha »: women W1, W2, W3 and men M1, M2, M3 (the others undeclared)."""
    from tests.factories import MembershipFactory

    for _ in range(3):
        MembershipFactory(organisation=world.organisation, team=world.team, role="employee")
    members = list(Membership.objects.filter(team=world.team, role="employee").order_by("pk"))
    for membership, sex in zip(members, "FFFHHH", strict=True):
        membership.sex = sex
        membership.save()
    monkeypatch.setattr(
        selectors.diagnostic_selectors,
        "eligible_telework_days_by_membership",
        lambda memberships: {m.pk: 2 if m.sex else None for m in memberships},
    )
    return dict(zip(("W1", "W2", "W3", "M1", "M2", "M3"), members, strict=True))


def ask(membership, days=2):
    return services.submit_request(membership=membership, actor=membership.user, days=days)


def grant(world, telework_request, days):
    return services.decide_request(
        telework_request=telework_request, actor=world.manager.user, grant=True, days_granted=days
    )


def refuse(world, telework_request):
    return services.decide_request(
        telework_request=telework_request, actor=world.manager.user, grant=False, reason="Accueil du public."
    )


def by_code(organisation):
    return {indicator.code: indicator for indicator in selectors.equality_indicators(organisation)}


def test_requested_refused_and_granted_by_sex_computed_by_hand(world, team):
    grant(world, ask(team["W1"]), 2)
    refuse(world, ask(team["W2"]))
    refuse(world, ask(team["W3"]))
    refuse(world, ask(team["M1"]))
    refuse(world, ask(team["M2"], days=3))
    grant(world, ask(team["M2"], days=3), 3)  # asked again: the latest decision counts
    grant(world, ask(team["M3"], days=1), 1)

    found = by_code(world.organisation)
    requested, refused, granted = found["requested"], found["refused"], found["granted"]
    # Every eligible person asked: 3/3 and 3/3.
    assert (requested.women.base, requested.men.base) == (3, 3)
    assert (requested.women.value, requested.men.value, requested.gap_points) == (1.0, 1.0, 0.0)
    # Refused: W2, W3 of 3 women (2/3); M1 of 3 men (M2's latest request was granted): 1/3; gap +33.3 points.
    assert (refused.women.base, refused.men.base) == (3, 3)
    assert refused.women.value == pytest.approx(2 / 3) and refused.men.value == pytest.approx(1 / 3)
    assert refused.gap_points == pytest.approx(100 / 3)
    # Granted among the eligible, from the requests alone (no plan published): W1 (1/3), M2 and M3 (2/3).
    assert granted.women.value == pytest.approx(1 / 3) and granted.men.value == pytest.approx(2 / 3)
    # Days granted: one woman only (W1), so not calculable; the men's 3 and 1 are two.
    assert found["days_granted"].reason == "too_few_both" and found["days_granted"].shortfall == 2

    rows = {row.cells[0].text: row for row in indicators_table(found.values(), selectors.rules()).rows}
    refused_row = rows["Demandes refusées, parmi les personnes qui ont demandé (dernière décision)"]
    shown = [" ".join(str(cell.text).split()) for cell in refused_row.cells]  # no-break spaces as spaces
    assert shown[1:5] == ["67 %", "33 %", "+33,3 points", "3 femmes, 3 hommes"]


def test_a_withdrawn_or_older_request_does_not_count_and_two_women_are_below_the_egapro_rule(world, team):
    grant(world, ask(team["W1"]), 2)
    refuse(world, ask(team["W2"]))
    services.withdraw_request(telework_request=ask(team["W3"]), actor=team["W3"].user)
    for man in ("M1", "M2"):
        refuse(world, ask(team[man]))
    old = ask(team["M3"])
    months = selectors.requests_period_months()
    TeleworkRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31 * (months + 1)))

    found = by_code(world.organisation)
    requested, refused = found["requested"], found["refused"]
    # W3 withdrew, M3 asked before the period: 2/3 each.
    assert requested.women.value == pytest.approx(2 / 3) and requested.men.value == pytest.approx(2 / 3)
    # Refused among those who asked: two women, two men, under the rule of three of each.
    assert (refused.women.base, refused.men.base) == (2, 2)
    assert refused.reason == "too_few_both" and refused.women.value is None
    assert why_not_computed(refused, selectors.rules()) == (
        "Non calculable : il manque 1 personne de femmes et d'hommes pour atteindre 3 femmes et 3 hommes, la règle "
        "de l'index Egapro qui évite de lire la situation d'une personne."
    )


def test_without_any_request_in_the_period_nothing_is_known(world, team):
    found = by_code(world.organisation)
    assert found["requested"].reason == "no_data" and found["refused"].reason == "no_data"
    assert why_not_computed(found["requested"], selectors.rules()) == (
        "Non calculable : aucune demande de télétravail n'a été faite pendant la période comptée."
    )
