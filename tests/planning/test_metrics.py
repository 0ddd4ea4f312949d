from teletravail.planning import parse_problem, schedule_metrics


def test_metrics_of_a_hand_written_schedule(base):
    base["employees"][0].update(preferred_remote=["lun"], preferred_on_site=["mar"])
    base["rules"]["fair_rotation_days"] = ["lun"]
    base["horizon"] = {"weeks": 2, "days": ["lun", "mar"]}
    base["sites"][0]["desks"] = 4
    grid = {"amina": "TS TT", "bruno": "SS SS", "chloe": "TS ST"}
    assignments = [
        {"employee": who, "week": week, "day": day, "where": "site" if mark == "S" else "remote"}
        for who, weeks in grid.items()
        for week, marks in enumerate(weeks.split(), start=1)
        for day, mark in zip(["lun", "mar"], marks, strict=True)
    ]
    metrics = schedule_metrics(parse_problem(base), assignments)
    assert metrics["preferences"] == {"met": 3, "total": 4, "percent": 75.0}
    assert metrics["peak_desk_use"]["siege"] == {"peak": 3, "desks": 4, "week": 1, "day": "mar", "percent": 75.0}
    assert metrics["on_site_headcount"]["compta"] == [{"lun": 1, "mar": 3}, {"lun": 2, "mar": 1}]
    assert metrics["anchor_days"]["compta"] == [["mar"], []]
    assert metrics["fair_rotation_remote_days"]["compta"] == {"min": 0, "max": 2}
    assert metrics["pattern_changes"] == 3


def test_telework_wanted_and_desk_use_per_day(base):
    base["horizon"] = {"weeks": 1, "days": ["lun", "mar", "mer"]}
    base["sites"][0]["desks"] = {"lun": 4, "mar": 2, "mer": 0}
    base["employees"][0]["telework_days_wanted"] = 1
    base["employees"][1]["telework_days_wanted"] = 2
    base["employees"][2]["telework_days_wanted"] = 0
    grid = {"amina": "TTT", "bruno": "SST", "chloe": "SST"}
    assignments = [
        {"employee": who, "week": 1, "day": day, "where": "site" if mark == "S" else "remote"}
        for who, marks in grid.items()
        for day, mark in zip(["lun", "mar", "mer"], marks, strict=True)
    ]
    metrics = schedule_metrics(parse_problem(base), assignments)
    # Amina: 1 wanted, 3 granted (2 beyond); Bruno: 1 of 2; Chloé: 0 wanted, 1 beyond.
    assert metrics["telework_days_wanted"] == {"granted": 2, "wanted": 3, "percent": 66.7, "beyond_wanted": 3}
    assert metrics["desk_use"]["siege"] == {
        "desks": {"lun": 4, "mar": 2, "mer": 0},
        "used": [{"lun": 2, "mar": 2, "mer": 0}],
    }
    # Tuesday's two desks are all taken: the peak, although Monday has as many people.
    assert metrics["peak_desk_use"]["siege"] == {"peak": 2, "desks": 2, "week": 1, "day": "mar", "percent": 100.0}
