"""A quick constructive schedule, team by team: often feasible, never optimised.

It serves three purposes: the solver's first schedule when it passes `check_schedule` (so a plan exists within a
fraction of a second whatever the size of the problem), the solver's starting hint otherwise, and the benchmark's
baseline.

Normal mode, for each team and week: the anchor days are the days with the fewest members wishing to work
remotely, off the fair-rotation days, then with the most desks left at the team's site; every member working that
day is on site. Each member then adds their fixed on-site days and, until their weekly minimum (their own, the
common rule, or what their telework limits leave) is met, the days with the most desks left that they do not wish
to work remotely. Days short of the team's minimum presence take the members with the fewest on-site days so far.
Exceptional mode: whoever can telework does, but for the team's declared coverage, taken in turn. Desks are only
preferred, never enforced: the result may break them, and then `check_schedule` says so.
"""


def greedy_on_site(problem):
    """(employee index, week, day index) → True when on site, for every worked day."""
    load = {
        (site.id, week, day): 0
        for site in problem.sites
        for week in range(problem.weeks)
        for day in range(len(problem.days))
    }
    desks = {site.id: site.desks for site in problem.sites}
    members = {team.id: [] for team in problem.teams}
    for index, employee in enumerate(problem.employees):
        members[employee.team].append((index, employee))
    on_site = {}
    planned_weeks = [0] if problem.rules.fixed_days and not problem.exceptional else range(problem.weeks)
    for team in problem.teams:
        team_members = members[team.id]
        if not team_members:
            continue
        site_days = {}  # employee index → on-site days so far, for taking turns
        for week in planned_weeks:
            if problem.exceptional:
                chosen = _exceptional_week(problem, team, team_members, week, site_days)
            else:
                chosen = _normal_week(problem, team, team_members, week, load, desks)
            for index, employee in team_members:
                site_days[index] = site_days.get(index, 0) + len(chosen[index])
                copies = range(problem.weeks) if len(planned_weeks) == 1 and problem.weeks > 1 else [week]
                for copy in copies:
                    for day in problem.working_days(employee, copy):
                        on_site[index, copy, day] = day in chosen[index]
                        load[employee.site, copy, day] += day in chosen[index]
    return on_site


def _slack(load, desks, employee, week, day):
    return desks[employee.site][day] - load[employee.site, week, day]


def _normal_week(problem, team, team_members, week, load, desks):
    """Employee index → on-site days of that week."""
    rotation = problem.rules.fair_rotation_days
    working = {index: set(problem.working_days(employee, week)) for index, employee in team_members}
    gathering = []
    for day in range(len(problem.days)):
        present = [(index, employee) for index, employee in team_members if day in working[index]]
        if not present or any(day in employee.fixed_remote for _, employee in present):
            continue  # nobody to gather, or a member who never comes that day
        wishing = sum(day in employee.preferred_remote for _, employee in present)
        room = min(_slack(load, desks, employee, week, day) for _, employee in present) - len(present)
        gathering.append((room < 0, wishing, day in rotation, -room, day))
    anchors = {day for *_key, day in sorted(gathering)[: team.anchor_days]}
    chosen = {}
    for index, employee in team_members:
        days = working[index]
        if not employee.can_telework:
            chosen[index] = set(days)
            continue
        mine = (set(employee.fixed_on_site) & days) | (anchors & days)
        needed = len(days) - problem.telework_allowance(employee, week)  # the weekly minimums and telework limits
        free = [day for day in days if day not in mine and day not in employee.fixed_remote]
        free.sort(key=lambda day: (day in employee.preferred_remote, -_slack(load, desks, employee, week, day)))
        mine |= set(free[: max(0, needed - len(mine))])
        chosen[index] = mine
    for day in range(len(problem.days)):
        if problem.team_closed(team, week, day):
            continue
        present = sum(day in chosen[index] for index, _ in team_members)
        candidates = [
            (day in employee.preferred_remote, len(chosen[index]), index)
            for index, employee in team_members
            if day in working[index] and day not in chosen[index] and day not in employee.fixed_remote
        ]
        for *_key, index in sorted(candidates)[: max(0, team.min_on_site - present)]:
            chosen[index].add(day)
    return chosen


def _exceptional_week(problem, team, team_members, week, site_days):
    """Employee index → on-site days of that week: those who cannot telework, and the coverage taken in turn."""
    chosen = {
        index: set(problem.working_days(employee, week)) if not employee.can_telework else set()
        for index, employee in team_members
    }
    turns = dict(site_days)
    for day in range(len(problem.days)):
        if problem.team_closed(team, week, day):
            continue
        present = sum(day in chosen[index] for index, _ in team_members)
        candidates = [
            (turns.get(index, 0), day not in employee.preferred_on_site, index)
            for index, employee in team_members
            if employee.can_telework and problem.works(employee, week, day) and day not in employee.fixed_remote
        ]
        for *_key, index in sorted(candidates)[: max(0, team.min_on_site_exceptionnel - present)]:
            chosen[index].add(day)
            turns[index] = turns.get(index, 0) + 1
    return chosen


def greedy_assignments(problem):
    """The greedy schedule as assignments {employee, week, day, where}."""
    return problem.assignments(greedy_on_site(problem))
