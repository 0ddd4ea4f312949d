from datetime import date

from teletravail.places.freshness import is_stale, months_before


def test_months_before_keeps_the_day_or_takes_the_month_end():
    assert months_before(date(2026, 12, 7), 12) == date(2025, 12, 7)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_a_record_is_stale_after_twelve_months_or_when_never_verified():
    today = date(2026, 12, 7)
    assert not is_stale(date(2025, 12, 7), today)
    assert is_stale(date(2025, 12, 6), today)
    assert is_stale(None, today)
    assert is_stale(date(2019, 6, 13), today)  # the CGET 2019 list
