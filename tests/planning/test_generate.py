from teletravail.planning import check_schedule, parse_problem, solve
from teletravail.planning.generate import generate_problem


def test_same_seed_same_instance_and_valid_input():
    first = generate_problem(employees=250, teams=20, sites=2, weeks=4, seed=3)
    assert first == generate_problem(employees=250, teams=20, sites=2, weeks=4, seed=3)
    assert first != generate_problem(employees=250, teams=20, sites=2, weeks=4, seed=4)
    problem = parse_problem(first)
    assert (len(problem.employees), len(problem.teams), len(problem.sites), problem.weeks) == (250, 20, 2, 4)
    employees = problem.employees
    assert any(e.days_off for e in employees) and any(not e.can_telework for e in employees)
    assert any(e.fixed_remote for e in employees) and any(e.fixed_on_site for e in employees)
    assert any(e.preferred_remote for e in employees) and any(e.telework_days_max for e in employees)


def test_a_small_generated_instance_is_feasible():
    data = generate_problem(employees=40, teams=4, sites=2, weeks=2, seed=5)
    # Any schedule will do: a gap of 100 % stops at the first one, and the 20 s bound leaves room for a loaded machine.
    result = solve(data, time_limit=20, seed=0, workers=1, relative_gap=1.0)
    assert result["status"] in {"optimal", "feasible"}
    assert check_schedule(data, result) == []
