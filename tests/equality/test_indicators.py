"""The equality engine on hand-computed cases: shares and means by sex, the Egapro group rule (3 women and 3 men),
the 11-person floor, people whose sex is not declared, and the national comparison."""

import json

import pytest

from teletravail.equality import (
    BELOW_HEADCOUNT,
    NO_DATA,
    SOURCE_DIFFERENCE,
    SOURCE_THRESHOLD,
    TOO_FEW_BOTH,
    TOO_FEW_MEN,
    TOO_FEW_WOMEN,
    Person,
    Rules,
    Withheld,
    equality_indicators,
    indicators_from_record,
    indicators_record,
)


RULES = Rules(minimum_per_sex=3, minimum_headcount=11)


def indicator(people, code, headcount=20, **options):
    return next(
        item for item in equality_indicators(people, headcount=headcount, rules=RULES, **options) if item.code == code
    )


def women(count, **facts):
    return [Person("F", **facts) for _ in range(count)]


def men(count, **facts):
    return [Person("H", **facts) for _ in range(count)]


def test_eligibility_share_by_sex_and_its_gap_in_points():
    people = women(3, eligible=True) + women(1, eligible=False) + men(2, eligible=True) + men(3, eligible=False)
    eligible = indicator(people, "eligible")
    assert eligible.is_computed
    assert (eligible.women.base, eligible.men.base) == (4, 5)
    assert eligible.women.value == pytest.approx(0.75) and eligible.men.value == pytest.approx(0.4)
    assert eligible.gap_points == pytest.approx(35.0)


def test_days_granted_is_a_mean_among_those_granted_telework():
    people = [Person("F", granted=True, days_granted=days) for days in (2, 3, 1)]
    people += [Person("H", granted=True, days_granted=1)] * 3 + [Person("H", granted=False)] * 4
    days = indicator(people, "days_granted")
    assert (days.women.base, days.men.base) == (3, 3)  # the men without telework are not in the base
    assert days.women.value == pytest.approx(2.0) and days.men.value == pytest.approx(1.0)
    assert days.is_mean and days.gap_points == pytest.approx(1.0)


def test_access_is_measured_among_the_eligible_only():
    people = women(3, eligible=True, granted=True) + women(3, eligible=False, granted=False)
    people += men(2, eligible=True, granted=True) + men(2, eligible=True, granted=False)
    granted = indicator(people, "granted")
    assert (granted.women.base, granted.men.base) == (3, 4)
    assert granted.gap_points == pytest.approx(50.0)


def test_isolation_share_by_sex():
    people = women(1, isolated=True) + women(2, isolated=False) + men(3, isolated=False)
    isolated = indicator(people, "isolated")
    assert isolated.women.value == pytest.approx(1 / 3) and isolated.men.value == 0
    assert isolated.gap_points == pytest.approx(100 / 3)


@pytest.mark.parametrize(
    ("women_count", "men_count", "reason", "shortfall"),
    [
        (3, 3, "", 0),
        (3, 2, TOO_FEW_MEN, 1),
        (1, 5, TOO_FEW_WOMEN, 2),
        (2, 2, TOO_FEW_BOTH, 1),
        (0, 2, TOO_FEW_BOTH, 3),
    ],
)
def test_a_group_under_three_women_or_three_men_is_not_calculable(women_count, men_count, reason, shortfall):
    people = women(women_count, isolated=True) + men(men_count, isolated=False)
    isolated = indicator(people, "isolated")
    assert (isolated.reason, isolated.shortfall) == (reason, shortfall)
    if reason:
        # No figure at all for a group too small: neither the shares nor the gap.
        assert isolated.women.value is None and isolated.men.value is None and isolated.gap_points is None
        assert (isolated.women.base, isolated.men.base) == (women_count, men_count)


def test_people_whose_sex_is_not_declared_count_in_no_group():
    people = women(3, isolated=True) + men(2, isolated=False) + [Person("", isolated=False)] * 10
    assert indicator(people, "isolated").reason == TOO_FEW_MEN


@pytest.mark.parametrize(("headcount", "computed"), [(10, False), (11, True), (12, True)])
def test_only_organisations_of_at_least_eleven_people(headcount, computed):
    people = women(3, eligible=True) + men(3, eligible=False)
    eligible = indicator(people, "eligible", headcount=headcount)
    assert eligible.is_computed is computed
    assert eligible.reason == ("" if computed else BELOW_HEADCOUNT)


def test_an_indicator_nobody_has_data_for_says_so():
    people = women(4, eligible=True) + men(4, eligible=True)
    results = {item.code: item for item in equality_indicators(people, headcount=20, rules=RULES)}
    assert results["eligible"].is_computed
    assert {code for code, item in results.items() if item.reason == NO_DATA} == {
        "requested",
        "granted",
        "refused",
        "days_granted",
        "isolated",
        "worked_while_ill",
    }


def test_refusals_are_counted_among_the_requests():
    people = women(3, requested=True, refused=True) + women(1, requested=False, refused=False)
    people += men(3, requested=True, refused=False) + men(1, requested=True, refused=True)
    refused = indicator(people, "refused")
    assert (refused.women.base, refused.men.base) == (3, 4)
    assert refused.gap_points == pytest.approx(75.0)


def test_the_national_figure_is_given_beside_the_organisation_s():
    people = women(3, worked_while_ill=True) + men(3, worked_while_ill=False)
    ill = indicator(people, "worked_while_ill", national={"worked_while_ill": (0.52, 0.56)})
    assert (ill.national_women, ill.national_men) == (0.52, 0.56)
    assert ill.national_gap_points == pytest.approx(-4.0)
    assert ill.gap_points == pytest.approx(100.0)
    assert indicator(people, "eligible").national_gap_points is None


def test_a_source_that_withholds_its_answers_wins_over_the_egapro_rule():
    # Enough women and men for Egapro, but the questionnaire's threshold (20 a sex) is not reached: its rule wins.
    people = women(4, worked_while_ill=True) + men(4, worked_while_ill=False)
    withheld = {"worked_while_ill": Withheld(SOURCE_THRESHOLD, minimum=20, shortfall=16)}
    ill = indicator(people, "worked_while_ill", withheld=withheld)
    assert (ill.reason, ill.minimum, ill.shortfall) == (SOURCE_THRESHOLD, 20, 16)
    assert ill.women.value is None and ill.men.value is None and ill.gap_points is None
    # Only that indicator: the others follow their own rule.
    assert indicator(women(3, eligible=True) + men(3, eligible=True), "eligible", withheld=withheld).is_computed
    difference = indicator([], "worked_while_ill", withheld={"worked_while_ill": Withheld(SOURCE_DIFFERENCE)})
    assert difference.reason == SOURCE_DIFFERENCE


def test_the_headcount_floor_still_comes_first_when_a_source_withholds():
    withheld = {"worked_while_ill": Withheld(SOURCE_THRESHOLD, minimum=20, shortfall=20)}
    assert indicator([], "worked_while_ill", headcount=10, withheld=withheld).reason == BELOW_HEADCOUNT


def test_indicators_kept_as_plain_data_come_back_the_same():
    people = women(4, eligible=True, granted=True, days_granted=2.0) + men(2, eligible=True, granted=False)
    found = equality_indicators(
        people,
        headcount=20,
        rules=RULES,
        national={"granted": (0.202, 0.186)},
        withheld={"worked_while_ill": Withheld(SOURCE_THRESHOLD, minimum=20, shortfall=7)},
    )
    record = json.loads(json.dumps(indicators_record(found)))
    assert indicators_from_record(record) == found
    assert {item["code"]: item["reason"] for item in record}["granted"] == TOO_FEW_MEN
