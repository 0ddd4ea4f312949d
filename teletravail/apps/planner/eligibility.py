"""How many days a week each member may telework, and the common rules of the organisation's sector.

The shared diagnostic (activities rated with the employees, then decided with their manager) says how many days
each member's job allows, through the diagnostic's `eligible_telework_days_by_membership` selector. The manager's
figure comes first; without either, the sector rule applies.
"""

from teletravail.apps.diagnostic import selectors as diagnostic_selectors
from teletravail.apps.organisations.models import Sector
from teletravail.parameters import load_parameters


def sector_rules(organisation, when=None):
    """The common weekly rules of the organisation's sector: (max telework days, min on-site days).

    Public sector: décret n° 2016-151, art. 3 (charter.yaml). Private sector: no legal figure, the charter or
    agreement decides, hence (None, None).
    """
    if organisation.sector != Sector.PUBLIC:
        return None, None
    parameters = load_parameters("charter")
    return (
        int(parameters["public.max_telework_days_per_week"].at(when).central),
        int(parameters["public.min_onsite_days_per_week"].at(when).central),
    )


def eligible_telework_days(membership, profile=None):
    """Telework days a week this member is eligible for: the manager's figure, else the diagnostic's, else the
    sector rule (None: no limit)."""
    return eligible_telework_days_by_membership([(membership, profile)])[membership.pk]


def eligible_telework_days_by_membership(members):
    """Membership pk → `eligible_telework_days` for (membership, profile) pairs, the diagnostic read once for all
    the members without the manager's figure (a fixed number of queries however many they are)."""
    days = {
        membership.pk: profile.telework_days_max if profile is not None else None for membership, profile in members
    }
    without_figure = [membership for membership, _profile in members if days[membership.pk] is None]
    if without_figure:
        from_diagnostic = diagnostic_selectors.eligible_telework_days_by_membership(without_figure)
        for membership in without_figure:
            days[membership.pk] = from_diagnostic[membership.pk]
            if days[membership.pk] is None:
                days[membership.pk] = sector_rules(membership.organisation)[0]
    return days
