import pytest

from teletravail.planning import PlanningInputError, parse_problem


def problems_of(data):
    with pytest.raises(PlanningInputError) as caught:
        parse_problem(data)
    return caught.value.lines()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["employees"][0].update(team="rh"), "employees[0] (amina) : équipe « rh » inconnue"),
        (lambda d: d["teams"][0].update(site="annexe"), "teams[0] (compta) : site « annexe » inconnu"),
        (lambda d: d["employees"][1].update(site="annexe"), "employees[1] (bruno) : site « annexe » inconnu"),
        (lambda d: d["sites"][0].update(desks=-1), "sites[0] (siege) : « desks » doit être supérieur ou égal à 0"),
        (
            lambda d: d["sites"][0].update(desks={"lun": 3, "mar": -2, "mer": 3, "jeu": 3, "ven": 3}),
            "sites[0] (siege), desks : « mar » doit être supérieur ou égal à 0",
        ),
        (lambda d: d["employees"][0].update(days_off=["mercredy"]), "jour inconnu « mercredy »"),
        (lambda d: d["horizon"].update(days=["lun", "lundi"]), "horizon : le lundi figure deux fois"),
        (lambda d: d["employees"][2].update(id="amina"), "employees[2] : identifiant « amina » en double"),
        (lambda d: d["teams"].append(dict(d["teams"][0])), "teams[1] : identifiant « compta » en double"),
        (
            lambda d: d["employees"][0].update(telework_days_max=1, fixed_remote=["lun", "ven"]),
            "employees[0] (amina) : 2 jours de télétravail fixes pour 1 autorisés par semaine (limite de la personne)",
        ),
        (
            lambda d: (
                d["rules"].update(max_telework_days_per_week=1),
                d["employees"][1].update(fixed_remote=["lun", "mar"]),
            ),
            "employees[1] (bruno) : 2 jours de télétravail fixes pour 1 autorisés par semaine (règle commune)",
        ),
        (
            lambda d: d["employees"][0].update(fixed_remote=["lun"], fixed_on_site=["lun"]),
            "le lundi est à la fois dans « fixed_remote » et « fixed_on_site »",
        ),
        (lambda d: d["employees"][0].update(fixed_remote=["sam"]), "le samedi ne fait pas partie de l'horizon"),
        (lambda d: d["teams"][0].update(anchor_days=6), "« anchor_days » doit être inférieur ou égal à 5"),
        (lambda d: d["employees"][0].update(telework_max=2), "employees[0] (amina) : champ inconnu « telework_max »"),
        (lambda d: d.update(mode="crise"), "« mode » : « crise » inconnu"),
        (lambda d: d.update(mode="exceptionnel"), "« exceptional_reason » : indiquez la circonstance"),
        (lambda d: d["employees"][0].update(can_telework=False, fixed_remote=["lun"]), "can_telework: false"),
        (lambda d: d["horizon"].update(weeks=0), "horizon : « weeks » doit être supérieur ou égal à 1"),
    ],
)
def test_bad_input_is_named_in_french(base, change, expected):
    change(base)
    assert any(expected in line for line in problems_of(base)), problems_of(base)


def test_every_problem_is_reported_at_once(base):
    base["employees"][0]["team"] = "rh"
    base["sites"][0]["desks"] = "beaucoup"
    lines = problems_of(base)
    assert len(lines) == 2
    assert "« desks » doit être un nombre entier, « beaucoup » trouvé" in lines[0]


def test_day_names_ignore_case_and_accept_full_names(base):
    base["employees"][0]["days_off"] = ["Mercredi"]
    base["rules"]["fair_rotation_days"] = ["LUN", "vendredi"]
    problem = parse_problem(base)
    assert problem.employees[0].days_off == {2}
    assert problem.rules.fair_rotation_days == {0, 4}


def test_employee_site_defaults_to_the_team_site(base):
    base["sites"].append({"id": "annexe", "desks": 2})
    base["employees"][1]["site"] = "annexe"
    employees = parse_problem(base).employees
    assert [employee.site for employee in employees] == ["siege", "annexe", "siege"]


def test_common_on_site_floor_is_prorated_to_worked_days(base):
    base["rules"]["min_on_site_days_per_week"] = 2
    base["employees"][0]["days_off"] = ["lun", "mar", "mer", "jeu"]
    problem = parse_problem(base)
    assert problem.common_on_site_floor(problem.employees[0]) == 1
    assert problem.common_on_site_floor(problem.employees[1]) == 2


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (-1, "employees[1] (bruno) : « telework_days_wanted » doit être supérieur ou égal à 0, -1 trouvé."),
        (
            6,
            "employees[1] (bruno) : « telework_days_wanted » doit être inférieur ou égal à 5 "
            "(jours de la semaine planifiée), 6 trouvé.",
        ),
        ("deux", "employees[1] (bruno) : « telework_days_wanted » doit être un nombre entier, « deux » trouvé."),
    ],
)
def test_telework_days_wanted_is_checked(base, wanted, expected):
    base["employees"][1]["telework_days_wanted"] = wanted
    assert problems_of(base) == [expected]


def test_telework_target_defaults_to_the_allowance_and_stays_within_it(base):
    base["rules"].update(max_telework_days_per_week=3, min_on_site_days_per_week=2)
    base["employees"][0].update(telework_days_max=1)
    base["employees"][1].update(telework_days_wanted=5, fixed_on_site=["lun", "mar", "mer"])
    base["employees"][2].update(telework_days_wanted=1, days_off=["ven"])
    base["employees"].append({"id": "david", "team": "compta", "can_telework": False, "telework_days_wanted": 2})
    problem = parse_problem(base)
    assert [problem.telework_allowance(e) for e in problem.employees] == [1, 2, 2, 0]
    assert [problem.telework_target(e) for e in problem.employees] == [1, 2, 1, 0]


@pytest.mark.parametrize(
    ("desks", "expected"),
    [
        (
            {"lun": 3, "mardi": 3, "Mar": 2, "mer": 3, "jeu": 3, "ven": 3},
            "sites[0] (siege) : « desks » : le mardi figure deux fois.",
        ),
        (
            {"lun": 3, "mar": 3, "jeu": 3},
            "sites[0] (siege) : « desks » : nombre de bureaux manquant pour le mercredi, le vendredi "
            "(indiquez 0 pour un jour de fermeture).",
        ),
        (
            {"lun": 3, "mar": 3, "mer": 3, "jeu": 3, "ven": 3, "jour férié": 0},
            "sites[0] (siege) : « desks » : jour inconnu « jour férié » "
            "(jours possibles : lun mar mer jeu ven sam dim).",
        ),
        (
            {"lun": 3, "mar": 3, "mer": 3, "jeu": 3, "ven": 2.5},
            "sites[0] (siege), desks : « ven » doit être un nombre entier, « 2.5 » trouvé.",
        ),
    ],
)
def test_desks_per_day_are_checked_naming_the_site(base, desks, expected):
    base["sites"][0]["desks"] = desks
    assert problems_of(base) == [expected]


def test_desks_as_one_number_or_per_day(base):
    base["sites"][0]["desks"] = {"Lundi": 4, "mar": 3, "mer": 0, "jeu": 3, "vendredi": 2, "sam": 0}
    base["sites"].append({"id": "annexe", "desks": 6})
    problem = parse_problem(base)
    assert [site.desks for site in problem.sites] == [(4, 3, 0, 3, 2), (6, 6, 6, 6, 6)]


def test_restriction_to_some_teams_keeps_their_members_and_every_site(base):
    base["teams"].append({"id": "rh", "site": "siege"})
    base["employees"][1]["team"] = "rh"
    problem = parse_problem(base).for_teams(["rh"])
    assert [team.id for team in problem.teams] == ["rh"]
    assert [employee.id for employee in problem.employees] == ["bruno"]
    assert [site.id for site in problem.sites] == ["siege"]
