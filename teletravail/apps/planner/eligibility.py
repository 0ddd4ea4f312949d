"""How many days a week each member may telework, and the common rules of the organisation's sector.

The shared diagnostic (activities rated with the employees, then decided with their manager) says how many days
each member's job allows, through the diagnostic's `eligible_telework_days` selector. The manager's figure comes
first; without either, the sector rule applies.
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
    if profile is not None and profile.telework_days_max is not None:
        return profile.telework_days_max
    from_diagnostic = diagnostic_selectors.eligible_telework_days(membership)
    if from_diagnostic is not None:
        return from_diagnostic
    return sector_rules(membership.organisation)[0]
