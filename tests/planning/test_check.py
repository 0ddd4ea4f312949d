import copy

from teletravail.planning import check_schedule
from tests.planning.conftest import solve_small


def edited(result, employee, week, day, where):
    schedule = copy.deepcopy(result)
    for item in schedule["assignments"]:
        if (item["employee"], item["week"], item["day"]) == (employee, week, day):
            item["where"] = where
    return schedule


def solved(base):
    base["teams"][0].update(min_on_site=2, anchor_days=1)
    base["rules"].update(max_telework_days_per_week=2, fixed_days=True)
    base["sites"][0]["desks"] = 3
    base["employees"][0].update(fixed_remote=["ven"], days_off=["mer"])
    base["employees"][1].update(can_telework=False)
    result = solve_small(base)
    assert check_schedule(base, result) == []
    return result


def test_hand_edits_are_reported_in_french_with_who_week_and_day(base):
    result = solved(base)
    schedule = edited(result, "amina", 2, "ven", "site")
    schedule = edited(schedule, "bruno", 1, "lun", "remote")
    violations = check_schedule(base, schedule)
    kinds = {(v.kind, v.employee, v.week, v.day) for v in violations}
    assert ("fixed_remote", "amina", 2, "ven") in kinds
    assert ("fixed_days", "amina", 2, "ven") in kinds
    assert ("cannot_telework", "bruno", 1, "lun") in kinds
    messages = [v.message for v in violations]
    assert "Amina doit télétravailler le vendredi (jour fixe) : semaine 2, le vendredi." in messages
    assert "Bruno ne peut pas télétravailler : télétravail en semaine 1, le lundi." in messages


def test_team_desks_limits_and_anchor_violations(base):
    result = solved(base)
    remote_everywhere = copy.deepcopy(result)
    for item in remote_everywhere["assignments"]:
        if item["employee"] == "chloe" and item["week"] == 1 and item["where"] == "site":
            item["where"] = "remote"
    violations = check_schedule(base, remote_everywhere)
    kinds = {v.kind for v in violations}
    assert {"rule_telework_max", "anchor"} <= kinds
    anchor = next(v for v in violations if v.kind == "anchor")
    assert anchor.team == "compta" and anchor.week == 1
    assert (
        "L'équipe Compta n'est au complet sur site que 0 jour en semaine 1 pour 1 jour d'ancrage demandé."
        == anchor.message
    )
    base["sites"][0]["desks"] = 1
    crowded = check_schedule(base, result)
    assert any(v.kind == "desks" and v.site == "siege" and "Le site Siège accueille" in v.message for v in crowded)


def test_day_off_mismatches(base):
    result = solved(base)
    schedule = edited(result, "amina", 1, "mer", "site")
    schedule = edited(schedule, "chloe", 2, "lun", "off")
    violations = {(v.kind, v.employee, v.week, v.day) for v in check_schedule(base, schedule)}
    assert {("day_off", "amina", 1, "mer"), ("day_off", "chloe", 2, "lun")} <= violations


def test_malformed_missing_and_duplicate_assignments(base):
    result = solved(base)
    items = result["assignments"]
    schedule = items[1:] + [items[2], {"employee": "zoe", "week": 1, "day": "lun", "where": "site"}]
    schedule += [{"employee": "amina", "week": 9, "day": "lun", "where": "site"}, "n'importe quoi"]
    schedule += [{"employee": "chloe", "week": 1, "day": "lun", "where": "plage"}]
    violations = check_schedule(base, schedule)
    kinds = [v.kind for v in violations]
    assert kinds.count("missing") == 1 and kinds.count("duplicate") == 1
    messages = " ".join(v.message for v in violations)
    assert "personne « zoe » inconnue" in messages
    assert "semaine « 9 » hors de l'horizon (1 à 2)" in messages
    assert "lieu « plage » inconnu" in messages
    assert "Amina n'a pas d'affectation en semaine 1, le lundi." in messages
    assert check_schedule(base, {"rien": []})[0].kind == "format"


def test_exceptional_mode_checks_coverage_and_remote_work(base):
    base.update(mode="exceptionnel", exceptional_reason="Épidémie")
    base["teams"][0]["min_on_site_exceptionnel"] = 1
    result = solve_small(base)
    assert check_schedule(base, result) == []
    on_site = next(a for a in result["assignments"] if a["where"] == "site")
    schedule = edited(result, on_site["employee"], on_site["week"], on_site["day"], "remote")
    other = next(a for a in result["assignments"] if a["where"] == "remote" and a["day"] != on_site["day"])
    schedule = edited(schedule, other["employee"], other["week"], other["day"], "site")
    schedule = edited(schedule, on_site["employee"], other["week"], other["day"], "site")
    kinds = {(v.kind, v.week, v.day) for v in check_schedule(base, schedule)}
    assert ("exceptional_coverage", on_site["week"], on_site["day"]) in kinds
    assert ("exceptional_remote", other["week"], other["day"]) in kinds


def test_violation_as_dict(base):
    result = solved(base)
    violation = check_schedule(base, edited(result, "bruno", 1, "mar", "remote"))[0]
    assert violation.as_dict()["employee"] == "bruno"
    assert set(violation.as_dict()) == {"kind", "message", "employee", "team", "site", "week", "day"}
