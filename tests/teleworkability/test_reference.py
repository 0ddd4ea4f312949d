"""National references recomputed from the bundled data, checked against the published figures."""

import pytest

from teletravail.teleworkability.errors import TeleworkabilityInputError
from teletravail.teleworkability.reference import (
    country_teleworkable_share,
    ilo_employment_by_isco2,
    isco2_teleworkable_shares,
    published_country_share,
    reference_scores,
    us_teleworkable_share,
)


def test_france_share_reproduces_the_published_dingel_neiman_figure():
    computed = country_teleworkable_share("FRA")
    assert computed == pytest.approx(0.377, abs=0.001)
    assert computed == pytest.approx(published_country_share("FRA"), abs=0.001)


def test_united_states_headline_share_is_the_papers_37_percent():
    assert 0.366 <= us_teleworkable_share() <= 0.37
    # Paper: 46 % of US wages are paid in jobs that can be done at home.
    assert us_teleworkable_share("wage") == pytest.approx(0.46, abs=0.005)


def test_united_states_with_ilo_weights_matches_the_country_table():
    assert country_teleworkable_share("USA") == pytest.approx(published_country_share("USA"), abs=0.002)


def test_france_by_isco_group_ranks_office_work_above_manual_work():
    shares = isco2_teleworkable_shares("FRA")
    assert set(shares) == set(ilo_employment_by_isco2("FRA"))
    assert shares and all(0 <= share <= 1 for share in shares.values())
    assert shares["25"] == pytest.approx(1.0)  # ICT professionals
    assert shares["41"] == pytest.approx(1.0)  # general and keyboard clerks
    assert shares["91"] == pytest.approx(0.0)  # cleaners and helpers
    assert shares["24"] > 0.9 > 0.1 > shares["52"]  # business professionals vs sales workers


def test_armed_forces_are_outside_the_country_weights():
    assert not [group for group in ilo_employment_by_isco2("FRA") if group.startswith("0")]


def test_scores_come_from_the_most_detailed_level_available():
    developer = reference_scores("2512")
    assert (developer.dingel_neiman, developer.dingel_neiman_level, developer.jrc_level) == (1.0, 4, 3)
    assert developer.jrc_physical == pytest.approx(1.0)
    assert developer.jrc_social == pytest.approx(0.464)
    nurse = reference_scores("2221")
    assert nurse.dingel_neiman == 0.0 and nurse.jrc_physical == 0.0
    # 223 (traditional medicine) is missing from the JRC table: the 2-digit mean of the health professionals.
    traditional = reference_scores("2230")
    assert traditional.jrc_level == 2
    health = [reference_scores(code).jrc_physical for code in ("2211", "2221", "2250", "2261")]
    assert min(health) <= traditional.jrc_physical <= max(health)
    three_digit = reference_scores("251")
    assert three_digit.dingel_neiman_level == 3 and three_digit.dingel_neiman == pytest.approx(1.0)


def test_duplicated_source_codes_are_merged_into_one_weighted_score():
    # isco08_4digit_dn_usweights.csv lists 5169 twice (0.0097 and 0.981, one code with a trailing space).
    merged = reference_scores("5169").dingel_neiman
    assert 0.0097 < merged < 0.981


def test_armed_forces_have_no_reference_score():
    officers = reference_scores("0110")
    assert not officers.in_scope
    assert officers.dingel_neiman is None and officers.jrc_physical is None


@pytest.mark.parametrize(
    ("code", "message"),
    [("12a4", "Code CITP-08 « 12a4 » invalide"), ("7", "Code CITP-08 « 7 » invalide"), ("99", "« 99 » inconnu")],
)
def test_bad_isco_codes_are_named(code, message):
    with pytest.raises(TeleworkabilityInputError, match=message):
        reference_scores(code)


def test_unknown_country_and_weight_are_named():
    with pytest.raises(TeleworkabilityInputError, match="Pays « DEU » absent des données d'emploi OIT"):
        country_teleworkable_share("DEU")
    with pytest.raises(TeleworkabilityInputError, match="Pondération « heures » inconnue"):
        us_teleworkable_share("heures")
