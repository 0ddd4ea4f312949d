"""The simulator's shell: turns form or API input into engine calls. The arithmetic lives in teletravail.impact."""

from teletravail.impact.communes import commute_distance
from teletravail.impact.employer import EmployerInput, simulate_employer
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.person import simulate_person


# A short, seeded Monte Carlo: enough for stable p5/p95 on one person, fast enough for a page (< 1 s).
WEB_MONTE_CARLO_DRAWS = 500
WEB_MONTE_CARLO_SEED = 2026


def run_person_simulation(
    *, mode, telework_days, office_days, method="default", distance_km=None, home=None, work=None, overrides=None
):
    """(result, distance) for one commuter; `home`/`work` are INSEE codes used when no distance is given."""
    distance = None
    if distance_km is None:
        distance = commute_distance(home, work, home_field="home", work_field="work")
        distance_km = distance.road_km
    result = simulate_person(
        {
            "distance_km": float(distance_km),
            "mode": mode,
            "telework_days": float(telework_days),
            "office_days": float(office_days),
        },
        method=method,
        overrides=overrides,
        monte_carlo=WEB_MONTE_CARLO_DRAWS,
        seed=WEB_MONTE_CARLO_SEED,
    )
    return result, distance


def run_employer_simulation(
    *,
    employees,
    desks=None,
    desk_sharing_ratio=None,
    allowance_eur_per_telework_day=0.0,
    method="default",
    overrides=None,
):
    """Employer-level effects; each employee gives a distance or two INSEE codes (resolved here)."""
    staff = []
    for line, employee in enumerate(employees, start=1):
        employee = dict(employee)
        home, work = employee.pop("home", None), employee.pop("work", None)
        if employee.get("distance_km") is None:
            if not (home and work):
                raise ImpactInputError(f"Salarié n° {line} : indiquez distance_km, ou home et work (codes INSEE).")
            employee["distance_km"] = commute_distance(
                home, work, home_field=f"salarié n° {line}, home", work_field=f"salarié n° {line}, work"
            ).road_km
        staff.append({**employee, "line": line})
    return simulate_employer(
        EmployerInput(
            employees=tuple(staff),
            desks=desks,
            desk_sharing_ratio=desk_sharing_ratio,
            allowance_eur_per_telework_day=allowance_eur_per_telework_day,
        ),
        method=method,
        overrides=overrides,
    )
