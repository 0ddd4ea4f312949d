"""Reads about diagnostic campaigns. Other apps use only the functions below (contract kept stable)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CampaignProgress:
    """Progress of the organisation's latest campaign, for journey step 1."""

    campaign_id: int
    invited: int  # employees invited to the campaign
    answered: int  # of those, employees who submitted their own assessment
    decided: int  # of those, employees whose every activity has a shared decision


def campaign_progress(organisation):
    """Progress of the organisation's latest campaign; None when it has none."""
    return None


def eligible_telework_days(membership):
    """Telework days a week the shared decisions allow this member's job; None while nothing is decided."""
    return None


def eligible_activities(organisation):
    """Names of the activities decided teleworkable (fully or under conditions) in the latest campaign, sorted."""
    return []
