"""Seeded synthetic planning instances with every kind of constraint, for benchmarks and tests.

    >>> from teletravail.planning.generate import generate_problem
    >>> data = generate_problem(employees=250, teams=20, sites=2, weeks=4, seed=1)

The figures below shape a plausible organisation, not a measured one: about one employee in seven part time
(one day off), one in twenty whose activities cannot be done remotely, a few fixed days and many preferences,
public-sector-like common rules, and desks for about seven people in ten. The instance is built feasible by
construction: enough desks for every team's anchor day and common on-site days, minimum presences below the
size of each team, and one day per team free of fixed remote days for the team to gather.
"""

import random


DAYS = ("lun", "mar", "mer", "jeu", "ven")
PART_TIME_SHARE = 0.15
CANNOT_TELEWORK_SHARE = 0.05
FIXED_REMOTE_SHARE = 0.1
FIXED_ON_SITE_SHARE = 0.1
PERSONAL_LIMIT_SHARE = 0.2
PREFERENCE_SHARE = 0.7
DESKS_PER_EMPLOYEE = 0.7
MAX_TELEWORK_DAYS = 3
MIN_ON_SITE_DAYS = 2
ROTATION_DAYS = ["lun", "ven"]


def _team_sizes(rng, employees, teams):
    """Random team sizes summing to `employees`, at least 3 each."""
    sizes = [3] * teams
    for _ in range(employees - 3 * teams):
        sizes[rng.randrange(teams)] += 1
    return sizes


def generate_problem(employees=250, teams=20, sites=2, weeks=4, seed=0):
    """A JSON-compatible planning input; the same arguments always give the same instance."""
    if employees < 3 * teams:
        raise ValueError("generate_problem: at least three employees per team")
    rng = random.Random(seed)
    site_ids = [f"site{index + 1}" for index in range(sites)]
    team_rows, employee_rows = [], []
    headcount = dict.fromkeys(site_ids, 0)
    largest_team = dict.fromkeys(site_ids, 0)
    presence = dict.fromkeys(site_ids, 0)  # the teams' minimum presences, summed
    for team_index, size in enumerate(_team_sizes(rng, employees, teams)):
        team_id = f"equipe{team_index + 1:03d}"
        # No fixed remote day on this day, so that the team can always gather (anchor day).
        gathering_day = rng.choice(DAYS)
        site = site_ids[team_index % sites]
        headcount[site] += size
        largest_team[site] = max(largest_team[site], size)
        presence[site] += max(1, size // 4)
        team_rows.append(
            {
                "id": team_id,
                "name": f"Service {team_index + 1}",
                "site": site,
                "min_on_site": max(1, size // 4),
                "anchor_days": 1,
                "min_on_site_exceptionnel": 1,
            }
        )
        for _ in range(size):
            number = len(employee_rows) + 1
            days = list(DAYS)
            row = {"id": f"p{number:05d}", "name": f"Personne {number}", "team": team_id}
            if rng.random() < PART_TIME_SHARE:
                row["days_off"] = [days.pop(rng.randrange(len(days)))]
            if rng.random() < CANNOT_TELEWORK_SHARE:
                row["can_telework"] = False
                employee_rows.append(row)
                continue
            if rng.random() < PERSONAL_LIMIT_SHARE:
                row["telework_days_max"] = 2
            if rng.random() < FIXED_REMOTE_SHARE:
                choices = [day for day in days if day != gathering_day]
                row["fixed_remote"] = [rng.choice(choices)]
                days.remove(row["fixed_remote"][0])
            if rng.random() < FIXED_ON_SITE_SHARE:
                row["fixed_on_site"] = [days.pop(rng.randrange(len(days)))]
            if rng.random() < PREFERENCE_SHARE:
                wishes = rng.sample(days, min(len(days), 2))
                row["preferred_remote"] = wishes[:1]
                if rng.random() < 0.5:
                    row["preferred_on_site"] = wishes[1:]
            employee_rows.append(row)
    site_rows = []
    for index, site in enumerate(site_ids):
        # On a small site, the largest team gathered (anchor day) beside the others' minimum presence may need more.
        gathering = largest_team[site] + presence[site] - max(1, largest_team[site] // 4)
        desks = max(1, round(DESKS_PER_EMPLOYEE * headcount[site]), gathering)
        # Every other site has fewer desks on Friday (part of the floor closed), given day by day.
        site_rows.append(
            {"id": site, "name": f"Site {index + 1}", "desks": desks}
            if index % 2 == 0
            else {
                "id": site,
                "name": f"Site {index + 1}",
                "desks": {**dict.fromkeys(DAYS, desks), "ven": desks * 9 // 10},
            }
        )
    return {
        "horizon": {"weeks": weeks, "days": list(DAYS)},
        "sites": site_rows,
        "teams": team_rows,
        "employees": employee_rows,
        "rules": {
            "max_telework_days_per_week": MAX_TELEWORK_DAYS,
            "min_on_site_days_per_week": MIN_ON_SITE_DAYS,
            "fixed_days": False,
            "fair_rotation_days": ROTATION_DAYS,
        },
        "mode": "normal",
    }
