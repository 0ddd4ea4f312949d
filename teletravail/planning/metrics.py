"""Figures of a schedule, from its assignments alone (the solver's or one edited by hand)."""


def grid(problem, assignments):
    """(employee id, week, day code) → where, for the well-formed assignments (others are the checker's job)."""
    days = set(problem.days)
    return {
        (item["employee"], item["week"], item["day"]): item["where"]
        for item in assignments
        if isinstance(item, dict) and item.get("day") in days and "employee" in item and "week" in item
    }


def _eligible_for_rotation(problem, employee):
    return problem.telework_target(employee) > 0 and not employee.days_off & problem.rules.fair_rotation_days


def _telework_granted(problem, places):
    """Remote days granted within each employee's weekly target (Problem.telework_target), and beyond it."""
    wanted = granted = beyond = 0
    for employee in problem.employees:
        for week in range(1, problem.weeks + 1):
            target = problem.telework_target(employee, week - 1)  # within the days the site opens that week
            remote = sum(places.get((employee.id, week, day)) == "remote" for day in problem.days)
            wanted += target
            granted += min(remote, target)
            beyond += max(0, remote - target)
    return {
        "granted": granted,
        "wanted": wanted,
        "percent": round(100 * granted / wanted, 1) if wanted else None,
        "beyond_wanted": beyond,
    }


def schedule_metrics(problem, assignments, anchors=None):
    """Preferences met, telework days wanted granted, desk use per site and day (with the peak, the day whose
    desks are the most taken), on-site headcount per team and day, anchor days, fairness.

    `anchors` (team id → one list of day codes per week) are the anchor days the solver chose; without them, the
    days on which every working member of the team is on site are listed.
    """
    places = grid(problem, assignments)
    weeks, days = range(1, problem.weeks + 1), problem.days
    met = total = 0
    for employee in problem.employees:
        for week in weeks:
            for wanted, field in (("remote", "preferred_remote"), ("site", "preferred_on_site")):
                for day in getattr(employee, field):
                    if not problem.works(employee, week - 1, day):
                        continue  # a wish for a public holiday or a closure is moot
                    total += 1
                    met += places.get((employee.id, week, days[day])) == wanted
    headcount = {team.id: [dict.fromkeys(days, 0) for _ in weeks] for team in problem.teams}
    load = {site.id: [dict.fromkeys(days, 0) for _ in weeks] for site in problem.sites}
    for employee in problem.employees:
        for week in weeks:
            for day in days:
                if places.get((employee.id, week, day)) == "site":
                    headcount[employee.team][week - 1][day] += 1
                    load[employee.site][week - 1][day] += 1
    peak = {}
    for site in problem.sites:
        desks_of = dict(zip(days, site.desks, strict=True))

        def occupancy(key, site=site, desks_of=desks_of):
            """Share of the day's desks taken (a day without desk but with people ranks first), then people."""
            used = load[site.id][key[0] - 1][key[1]]
            desks = desks_of[key[1]]
            return (used / desks if desks else float("inf") if used else 0.0, used)

        week, day = max(((w, d) for w in weeks for d in days), key=occupancy)
        desks = desks_of[day]
        used = load[site.id][week - 1][day]
        peak[site.id] = {
            "peak": used,
            "desks": desks,
            "week": week,
            "day": day,
            "percent": round(100 * used / desks, 1) if desks else None,
        }
    if anchors is None:
        anchors = {}
        for team in problem.teams:
            members = problem.members[team.id]
            anchors[team.id] = [
                [
                    day
                    for index, day in enumerate(days)
                    if any(problem.works(member, week - 1, index) for member in members)
                    and all(
                        places.get((member.id, week, day)) == "site"
                        for member in members
                        if problem.works(member, week - 1, index)
                    )
                ]
                for week in weeks
            ]
    rotation = {}
    rotation_days = [days[day] for day in sorted(problem.rules.fair_rotation_days)]
    for team in problem.teams:
        counts = [
            sum(places.get((member.id, week, day)) == "remote" for week in weeks for day in rotation_days)
            for member in problem.members[team.id]
            if _eligible_for_rotation(problem, member)
        ]
        if rotation_days and counts:
            rotation[team.id] = {"min": min(counts), "max": max(counts)}
    # As in the solver: a day compared with the week before when both are worked (a closure is no change).
    changes = sum(
        places.get((employee.id, week, day)) != places.get((employee.id, week - 1, day))
        for employee in problem.employees
        for week in weeks
        if week > 1
        for index, day in enumerate(days)
        if problem.works(employee, week - 1, index) and problem.works(employee, week - 2, index)
    )
    return {
        "preferences": {"met": met, "total": total, "percent": round(100 * met / total, 1) if total else None},
        "telework_days_wanted": _telework_granted(problem, places),
        "peak_desk_use": peak,
        "desk_use": {
            site.id: {"desks": dict(zip(days, site.desks, strict=True)), "used": load[site.id]}
            for site in problem.sites
        },
        "on_site_headcount": headcount,
        "anchor_days": anchors,
        "fair_rotation_remote_days": rotation,
        "pattern_changes": changes,
    }
