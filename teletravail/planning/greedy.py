"""A quick greedy schedule: the solver's starting hint, and the benchmark's baseline.

Each employee in turn takes their fixed on-site days, then the least loaded of their other working days until
their weekly minimum is met, and works remotely the rest. No optimisation and no guarantee: team minimums,
anchor days and desks may be broken (CP-SAT repairs the hint).
"""


def greedy_on_site(problem):
    """(employee index, week, day index) → True when on site, for every worked day."""
    load = {
        (site.id, week, day): 0
        for site in problem.sites
        for week in range(problem.weeks)
        for day in range(len(problem.days))
    }
    on_site = {}
    for index, employee in enumerate(problem.employees):
        working = problem.working_days(employee)
        needed = max(employee.on_site_days_min, problem.common_on_site_floor(employee))
        cap = problem.rules.max_telework_days_per_week
        limits = [limit for limit in (employee.telework_days_max, cap) if limit is not None]
        if limits:
            needed = max(needed, len(working) - min(limits))
        for week in range(problem.weeks):
            if not employee.can_telework:
                chosen = set(working)
            else:
                chosen = set(employee.fixed_on_site)
                free = [day for day in working if day not in chosen and day not in employee.fixed_remote]
                free.sort(key=lambda day: (day in employee.preferred_remote, load[employee.site, week, day]))
                chosen |= set(free[: max(0, needed - len(chosen))])
            for day in working:
                on_site[index, week, day] = day in chosen
                load[employee.site, week, day] += day in chosen
    return on_site


def greedy_assignments(problem):
    """The greedy schedule as assignments {employee, week, day, where}."""
    on_site = greedy_on_site(problem)
    return [
        {
            "employee": employee.id,
            "week": week + 1,
            "day": code,
            "where": "off" if (index, week, day) not in on_site else "site" if on_site[index, week, day] else "remote",
        }
        for index, employee in enumerate(problem.employees)
        for week in range(problem.weeks)
        for day, code in enumerate(problem.days)
    ]
