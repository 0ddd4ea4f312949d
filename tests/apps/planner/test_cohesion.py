"""Cohesion indicators on small schedules worked out by hand."""

from teletravail.apps.planner.cohesion import Member, team_cohesion


DAYS = ("lun", "mar", "mer")
ANNA, BEN, CLARA = Member("a", "Anna"), Member("b", "Ben"), Member("c", "Clara", frozenset({"mer"}))


def schedule(rows):
    """{member key: ["sr-", ...] one string a week}: s on site, r remote, - off."""
    places = {}
    letters = {"s": "site", "r": "remote", "-": "off"}
    for key, weeks in rows.items():
        for week, days in enumerate(weeks, start=1):
            for day, letter in zip(DAYS, days, strict=True):
                places[key, week, day] = letters[letter]
    return places


def test_days_together_count_only_the_days_everyone_working_is_on_site():
    # Week 1: Monday all three on site; Wednesday Clara is off and Anna and Ben are on site: two days together.
    # Week 2: only Tuesday.
    places = schedule({"a": ["srs", "ssr"], "b": ["sss", "rss"], "c": ["sr-", "rs-"]})
    result = team_cohesion([ANNA, BEN, CLARA], 2, DAYS, places, isolation_weeks=2)
    assert result.together_days == [2, 1]


def test_a_person_alone_on_site_is_listed_with_the_week_and_day():
    # Week 1 Tuesday: only Ben. Week 2 Monday: only Anna; Wednesday: only Ben (Clara off, Anna remote).
    places = schedule({"a": ["srs", "ssr"], "b": ["sss", "rss"], "c": ["sr-", "rs-"]})
    result = team_cohesion([ANNA, BEN, CLARA], 2, DAYS, places, isolation_weeks=2)
    assert result.alone == [(BEN, 1, "mar"), (ANNA, 2, "lun"), (BEN, 2, "mer")]


def test_isolation_is_the_longest_run_of_weeks_without_a_colleague_on_site():
    # Clara never comes on site; Anna and Ben meet in weeks 1 and 3, not in week 2 (Ben alone on Tuesday).
    places = schedule(
        {
            "a": ["srr", "rrr", "srr"],
            "b": ["srr", "rsr", "srr"],
            "c": ["rr-", "rr-", "rr-"],
        }
    )
    result = team_cohesion([ANNA, BEN, CLARA], 3, DAYS, places, isolation_weeks=2)
    assert [(member.name, weeks) for member, weeks in result.isolated] == [("Clara", 3)]
    stricter = team_cohesion([ANNA, BEN, CLARA], 3, DAYS, places, isolation_weeks=1)
    assert [(member.name, weeks) for member, weeks in stricter.isolated] == [("Anna", 1), ("Ben", 1), ("Clara", 3)]


def test_a_team_of_one_is_neither_alone_nor_isolated():
    places = schedule({"a": ["sss"]})
    result = team_cohesion([ANNA], 1, DAYS, places, isolation_weeks=1)
    assert result.alone == [] and result.isolated == []
    assert result.together_days == [3]
