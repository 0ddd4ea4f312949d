"""Cohesion indicators of a team's schedule: days together, people alone on site, members cut off from the team.

Plain data in, plain data out (no database), so that they can be computed on a grid being edited.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Member:
    key: object  # whatever identifies the member for the caller (a membership pk)
    name: str
    days_off: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class Cohesion:
    together_days: list  # per week, days on which every member working that day is on site
    alone: list  # (member, week, day) where the member is the only one of the team on site
    isolated: list  # (member, longest run of weeks without a day on site with a colleague)
    isolation_weeks: int


def team_cohesion(members, weeks, days, places, isolation_weeks):
    """`places` maps (member key, week, day) to "site", "remote" or "off"; weeks are numbered from 1."""
    together = []
    alone = []
    met = {(member.key, week): False for member in members for week in range(1, weeks + 1)}
    for week in range(1, weeks + 1):
        together_this_week = 0
        for day in days:
            working = [member for member in members if day not in member.days_off]
            on_site = [member for member in members if places.get((member.key, week, day)) == "site"]
            if working and all(places.get((member.key, week, day)) == "site" for member in working):
                together_this_week += 1
            if len(on_site) == 1 and len(members) > 1:
                alone.append((on_site[0], week, day))
            if len(on_site) > 1:
                for member in on_site:
                    met[member.key, week] = True
        together.append(together_this_week)
    isolated = []
    for member in members:
        longest = run = 0
        for week in range(1, weeks + 1):
            run = 0 if met[member.key, week] else run + 1
            longest = max(longest, run)
        if len(members) > 1 and longest >= isolation_weeks:
            isolated.append((member, longest))
    return Cohesion(together, alone, isolated, isolation_weeks)
