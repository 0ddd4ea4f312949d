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
