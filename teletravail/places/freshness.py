"""Is a place record fresh? A record not verified for `freshness_months` (places.yaml) says so on its page."""

import calendar
from datetime import date

from teletravail.parameters import load_parameters


def months_before(day, months):
    """The same day `months` months earlier, or the month's last day when shorter (31 March − 1 month: 28/29 Feb)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def freshness_months(when=None):
    return int(load_parameters("places")["freshness_months"].at(when).central)


def is_stale(verified_on, today):
    """True when the record was never verified, or last verified more than `freshness_months` before `today`."""
    return verified_on is None or verified_on < months_before(today, freshness_months(today))
