import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from teletravail.impact import ImpactInputError
from teletravail.impact.communes import commute_distance
from teletravail.impact.employer import EmployerInput, desks_freed, read_staff, simulate_employer
from teletravail.impact.params import ImpactParameters


WHEN = "2026-11-01"


@pytest.fixture
def params():
    return ImpactParameters.load(when=WHEN)


def test_reads_a_french_excel_csv_with_bands_and_decimal_commas(params):
    text = (
        "Commune domicile;Commune travail;Mode;Jours télétravail;Jours bureau;Salaire brut annuel\n"
        "44109;49007;Voiture thermique;2;3;30 000 - 40 000\n"
        ";;;;;\n"
        "49007;49007;tramway;1,5;3,5;\n"
    )
    staff = read_staff(("\ufeff" + text).encode("utf-8"), params)  # UTF-8 with a byte order mark
    assert read_staff(text.encode("cp1252"), params) == staff  # what Excel writes in France
    assert [employee.line for employee in staff] == [2, 4]  # blank line skipped, lines numbered as in a spreadsheet
    assert staff[0].person.mode == "voiture_thermique"
    assert staff[0].gross_salary_eur_per_year == 35000  # middle of the band
    assert staff[0].person.distance_km == pytest.approx(commute_distance("44109", "49007").road_km)
    assert staff[1].person.telework_days == 1.5 and staff[1].gross_salary_eur_per_year is None


def _workbook(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_reads_an_xlsx_workbook_like_the_same_csv(params, tmp_path):
    """Numbers typed in cells (INSEE codes losing their leading zero, integral floats) read as in the CSV."""
    csv_text = (
        "commune_domicile;commune_travail;mode;jours_teletravail;jours_bureau;salaire_brut_annuel\n"
        "01053;01004;voiture_thermique;2;3;30000-40000\n"
        "44109;49007;tramway;1,5;3,5;\n"
    )
    workbook = _workbook(
        [
            [
                "Commune domicile",
                "Commune travail",
                "Mode",
                "Jours télétravail",
                "Jours bureau",
                "Salaire brut annuel",
            ],
            [1053, 1004, "voiture_thermique", 2.0, 3, "30000-40000"],
            [None, None, None, None, None, None],
            ["44109", 49007, "tramway", 1.5, 3.5, None],
        ]
    )
    path = tmp_path / "personnel.xlsx"
    path.write_bytes(workbook)
    from_csv = read_staff(csv_text, params)
    for staff in (read_staff(workbook, params), read_staff(path, params)):
        assert [employee.line for employee in staff] == [2, 4]
        assert [employee.person for employee in staff] == [employee.person for employee in from_csv]
        assert staff[0].gross_salary_eur_per_year == 35000


def test_bad_xlsx_lines_are_numbered_and_a_damaged_workbook_is_named(params):
    workbook = _workbook([["distance_km", "mode", "jours_teletravail"], [12, "voiture", 2], [-3, "voiture", 2]])
    with pytest.raises(ImpactInputError, match="Ligne 3 : « distance_km » : la valeur ne peut pas être négative"):
        read_staff(workbook, params)
    with pytest.raises(ImpactInputError, match="classeur XLSX illisible"):
        read_staff(workbook[:200], params)
    with pytest.raises(ImpactInputError, match="vide"):
        read_staff(_workbook([]), params)


def test_distance_column_and_default_work_commune(params):
    staff = read_staff("distance_km,mode,jours_teletravail\n12.5,velo,2\n", params)
    assert staff[0].person.distance_km == 12.5
    assert staff[0].person.office_days == 3  # the rest of the week
    staff = read_staff("commune_domicile,mode,jours_teletravail\n75056,metro,1\n", params, work_commune="92012")
    assert staff[0].person.distance_km > 0


def test_every_bad_line_is_reported_with_its_number(params):
    text = (
        "distance_km;mode;jours_teletravail;jours_bureau\n12;voiture;2;3\n-4;voiture;2;3\nabc;avion;2;3\n10;bus;4;3\n"
    )
    with pytest.raises(ImpactInputError) as error:
        read_staff(text, params)
    problems = error.value.problems
    assert problems[0] == "Ligne 3 : « distance_km » : la valeur ne peut pas être négative (-4)."
    assert "Ligne 4 : « distance_km » : un nombre est attendu, « abc » trouvé." in problems
    assert any(problem.startswith("Ligne 4 : « mode » : mode inconnu « avion »") for problem in problems)
    assert "Ligne 5 : « jours_teletravail » + « jours_bureau » : 7 jours par semaine, au plus 5." in problems


def test_unknown_commune_and_missing_columns(params):
    with pytest.raises(
        ImpactInputError, match="Ligne 2 : « commune_domicile » : code commune INSEE inconnu « 99999 »"
    ):
        read_staff("commune_domicile;commune_travail;mode;jours_teletravail\n99999;49007;bus;2\n", params)
    with pytest.raises(ImpactInputError, match="ligne 1 : colonne\\(s\\) manquante\\(s\\) : jours_teletravail"):
        read_staff("distance_km;mode\n3;bus\n", params)
    with pytest.raises(ImpactInputError, match="« commune_travail » : valeur manquante"):
        read_staff("commune_domicile;mode;jours_teletravail\n49007;bus;2\n", params)
    with pytest.raises(ImpactInputError, match="aucun salarié"):
        read_staff("distance_km;mode;jours_teletravail\n", params)


def test_employer_figures_given_by_the_user_replace_the_parameters():
    # 4 people on site 2 days out of 5: 1.6 on an average day, so 2 desks kept and 2 freed.
    people = ({"distance_km": 10, "mode": "voiture", "telework_days": 3, "office_days": 2},) * 4
    default = simulate_employer(EmployerInput(people, desks=4, desk_sharing_ratio=0.5), when=WHEN)
    assert default.totals["desks_saved"] == 2
    assert default.totals["employer_real_estate_eur_saved_per_year"] == pytest.approx(2 * 11051)
    own = simulate_employer(
        EmployerInput(people, desks=4, desk_sharing_ratio=0.5),
        when=WHEN,
        overrides={"workstation_cost_eur_per_year": 8000, "turnover_rate_per_year": 0},
    )
    assert own.totals["employer_real_estate_eur_saved_per_year"] == pytest.approx(16000)
    assert own.totals["employer_turnover_eur_saved_per_year"] == 0
    reported = {parameter.name: parameter.overridden_by for parameter in own.parameters}
    assert reported["workstation_cost_eur_per_year"] == "utilisateur"


def test_desks_below_the_average_presence_are_not_counted_as_freed():
    """Ten people on site 4 days out of 5: 8 on an average day. A ratio of 0.5 would keep 5 desks; only the 2 desks
    beyond the average presence are freed, and only they save rent and office emissions."""
    people = ({"distance_km": 10, "mode": "bus", "telework_days": 1, "office_days": 4},) * 10
    result = simulate_employer(EmployerInput(people, desk_sharing_ratio=0.5), when=WHEN)
    assert result.totals["desks_saved"] == 2
    assert result.totals["employer_real_estate_eur_saved_per_year"] == pytest.approx(2 * 11051)
    assert result.totals["co2e_kg_office_saved_per_year"] == pytest.approx(2 * 11 * 15.64)
    [warning] = result.warnings
    assert warning.startswith(
        "Postes insuffisants : le ratio de partage laisserait moins de postes que la présence moyenne de 8,0 "
    )
    assert "8 postes sont gardés" in warning
    assert warning.text("en").startswith(
        "Not enough desks: the sharing ratio would leave fewer desks than the average presence of 8.0 people a day;"
    )


def test_bad_employer_inputs_are_named():
    people = ({"distance_km": 10, "mode": "bus", "telework_days": 1, "office_days": 4},)
    ratio = "« postes par salarié après réorganisation » : la valeur ne peut pas être négative"
    with pytest.raises(ImpactInputError, match=ratio):
        simulate_employer(EmployerInput(people, desk_sharing_ratio=-1), when=WHEN)
    mode = "Salarié 2 : « mode de transport » : mode inconnu « fusée » \\(modes possibles : Voiture thermique,"
    with pytest.raises(ImpactInputError, match=mode):
        simulate_employer(EmployerInput(people + ({**people[0], "mode": "fusée"},)), when=WHEN)


def test_professions_give_the_teleworkable_jobs_potential(params):
    """Codes or job titles; each employee counts for the national score of their profession."""
    from teletravail.teleworkability import profession

    text = (
        "distance_km;mode;jours_teletravail;profession\n12;voiture_thermique;2;37C1\n8;bus;0;infirmière\n5;velo;1;\n"
    )
    staff = read_staff(text, params)
    assert [employee.profession for employee in staff] == ["37C1", "43A5", None]
    result = simulate_employer(EmployerInput(tuple(staff)), params)
    accountant, nurse = profession("37C1").scores, profession("43A5").scores
    assert result.totals["employees_with_known_profession"] == 2
    assert result.totals["teleworkable_jobs_dingel_neiman"] == pytest.approx(
        accountant.dingel_neiman + nurse.dingel_neiman
    )
    assert result.totals["teleworkable_jobs_jrc"] == pytest.approx(accountant.jrc_physical + nurse.jrc_physical)
    assert result.totals["teleworkable_jobs_dingel_neiman"] > 0.9  # the accountant's job, not the nurse's
    assert result.per_employee[0]["profession"] == "37C1" and "profession" not in result.per_employee[2]
    assert "teleworkable_jobs_dingel_neiman" not in simulate_employer(EmployerInput(tuple(staff[2:])), params).totals


def test_unknown_profession_code_is_named_with_its_line(params):
    with pytest.raises(ImpactInputError) as error:
        read_staff("distance_km;mode;jours_teletravail;profession\n12;bus;2;99Z9\n4;bus;1;46A1\n", params)
    assert error.value.problems[0].startswith("Ligne 2 : « profession » : Code PCS 2020 « 99Z9 » inconnu")
    with pytest.raises(ImpactInputError, match="Salarié 1 : « profession »"):
        simulate_employer(
            EmployerInput(({"distance_km": 3, "mode": "bus", "telework_days": 1, "profession": "99Z9"},)), params
        )


@pytest.mark.parametrize("title", ["0", "---", "12"])
def test_a_job_title_with_no_word_is_refused_as_an_input_error_with_its_employee(params, title):
    """« 0 » as a profession reached the title search, whose own error went out of the engine uncaught (an error 500
    of the API, found by the fuzz test)."""
    with pytest.raises(ImpactInputError, match="Salarié 1 : « profession »"):
        simulate_employer(
            EmployerInput(({"distance_km": 3, "mode": "bus", "telework_days": 1, "profession": title},)), params
        )


def test_desks_freed_count_only_the_desks_of_the_staff_covered():
    """Two sites of 25 and 12 desks, one member known, 0.7 desk per person: one person frees no desk (issue 16)."""
    one = ({"distance_km": 30, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},)
    result = simulate_employer(EmployerInput(one, desks=25 + 12, desk_sharing_ratio=0.7), when=WHEN)
    # By hand: the person holds 1 desk; after sharing they need ceil(0.7 × 1) = 1; 1 − 1 = 0 desk freed.
    assert result.totals["desks_saved"] == 0
    assert result.totals["employer_real_estate_eur_saved_per_year"] == 0
    assert result.desks_held == 1
    assert result.as_dict()["inputs"]["desks_held_by_staff"] == 1
    ten = simulate_employer(EmployerInput(one * 10, desks=37, desk_sharing_ratio=0.7), when=WHEN)
    # 10 people hold 10 of the 37 desks and need ceil(0.7 × 10) = 7: 3 desks freed, not 37 − 7 = 30.
    assert ten.totals["desks_saved"] == 3
    assert ten.totals["employer_real_estate_eur_saved_per_year"] == pytest.approx(3 * 11051)


@given(
    desks=st.integers(min_value=0, max_value=500),
    staff=st.integers(min_value=1, max_value=300),
    ratio=st.one_of(st.none(), st.floats(min_value=0, max_value=2, allow_nan=False)),
)
def test_desks_freed_never_exceed_what_the_staff_covered_can_free(desks, staff, ratio):
    held, after, freed = desks_freed(desks, ratio, staff)
    assert held == min(desks, staff) and freed == held - after >= 0
    assert freed <= staff * (1 - (ratio if ratio is not None else 1)) + 1e-9 or freed == 0


STAFF_WITH_UNCERTAIN_TITLES = (
    "distance_km;mode;jours_teletravail;profession\n"
    "12;bus;2;agent des espaces verts\n"  # coded as a real-estate agent before
    "8;bus;1;comptable\n"  # three levels: to confirm
    "5;bus;1;Comptable\n"
    "6;bus;1;xqzwv\n"  # nothing found: to confirm too, not a blocking error
)


def test_uncertain_job_titles_are_listed_with_candidates_and_not_coded(params):
    staff = read_staff(STAFF_WITH_UNCERTAIN_TITLES, params)
    assert [employee.profession for employee in staff] == ["63A1", None, None, None]
    assert [employee.profession_to_confirm for employee in staff] == [None, "comptable", "Comptable", "xqzwv"]
    result = simulate_employer(EmployerInput(tuple(staff)), params)
    assert result.totals["employees_with_known_profession"] == 1
    assert result.totals["employees_with_unconfirmed_profession"] == 3
    listed = {item["title"]: item for item in result.as_dict()["uncertain_professions"]}
    assert set(listed) == {"comptable", "Comptable", "xqzwv"}
    assert listed["comptable"]["lines"] == [3]
    assert {candidate["pcs2020"] for candidate in listed["comptable"]["candidates"]} == {"37C1", "46A2", "54A3"}
    assert listed["xqzwv"]["candidates"] == []
    assert result.per_employee[1]["profession_to_confirm"] == "comptable"


def test_confirmed_titles_are_coded(params):
    staff = read_staff(STAFF_WITH_UNCERTAIN_TITLES, params, confirmed={"comptable": "54A3"})
    assert [employee.profession for employee in staff] == ["63A1", "54A3", "54A3", None]


def test_job_titles_sent_to_the_api_engine_are_not_coded_silently(params):
    people = (
        {"distance_km": 3, "mode": "bus", "telework_days": 1, "profession": "responsable RH"},
        {"distance_km": 3, "mode": "bus", "telework_days": 1, "profession": "assistante"},
    )
    result = simulate_employer(EmployerInput(people), params)
    assert result.per_employee[0]["profession"] == "37B3"
    assert [item["title"] for item in result.uncertain_professions] == ["assistante"]
    assert len(result.uncertain_professions[0]["candidates"]) == 3


def test_a_job_title_more_precise_than_its_profession_scores_with_its_own_isco_code(params):
    """A translator is coded 46E1 (PCS) but scored as a translator (ISCO 2643), not as a communication assistant."""
    from teletravail.teleworkability import profession, reference_scores

    staff = read_staff("distance_km;mode;jours_teletravail;profession\n12;bus;2;traductrice\n", params)
    assert (staff[0].profession, staff[0].isco08) == ("46E1", "2643")
    result = simulate_employer(EmployerInput(tuple(staff)), params)
    translator = reference_scores("2643")
    assert translator.dingel_neiman != profession("46E1").scores.dingel_neiman
    assert result.totals["teleworkable_jobs_dingel_neiman"] == pytest.approx(translator.dingel_neiman)
    assert result.per_employee[0]["isco08"] == "2643"


def test_each_distinct_job_title_is_searched_once_per_staff_list(params, monkeypatch):
    """A staff list repeats a few titles over many people: the vocabulary is searched once per distinct title."""
    from teletravail.impact import employer

    searched = []
    search = employer.search_professions

    def counting_search(text, limit=10):
        searched.append(text)
        return search(text, limit=limit)

    monkeypatch.setattr(employer, "search_professions", counting_search)
    titles = ["responsable RH", "infirmière", "xqzwv"]  # two coded with confidence, one found nowhere
    staff = [
        {"distance_km": 10, "mode": "bus", "telework_days": 2, "office_days": 3, "profession": titles[i % 2]}
        for i in range(300)
    ]
    result = simulate_employer(EmployerInput(employees=tuple(staff)), params)
    assert sorted(searched) == ["infirmière", "responsable RH"]
    assert result.totals["employees_with_known_profession"] == 300

    rows = "".join(f"{i};bus;2;{titles[i % 3]}\n" for i in range(1, 61))
    searched.clear()
    staff = read_staff("distance_km;mode;jours_teletravail;profession\n" + rows, params)
    assert sorted(searched) == sorted(titles)
    # every line of the title found nowhere is still listed to confirm
    assert [employee.line for employee in staff if employee.profession_to_confirm == "xqzwv"] == list(range(3, 61, 3))


def test_absences_in_calendar_days_do_not_depend_on_the_working_weeks():
    """Absence days are calendar days (22.3 = 6.11 % × 365): their cost is a share of the year, not of the working
    days, so changing the working weeks changes the commute but not the absences avoided."""
    people = ({"distance_km": 10, "mode": "bus", "telework_days": 2, "office_days": 3},) * 3
    employer = EmployerInput(people)
    usual = simulate_employer(employer, when=WHEN).totals
    fewer_weeks = simulate_employer(employer, when=WHEN, overrides={"working_weeks_per_year": 40}).totals
    assert fewer_weeks["commute_km_avoided_per_year"] < usual["commute_km_avoided_per_year"]
    assert fewer_weeks["employer_absenteeism_eur_saved_per_year"] == pytest.approx(
        usual["employer_absenteeism_eur_saved_per_year"], rel=1e-12
    )


def test_the_absence_reduction_applies_only_to_the_short_absences_it_was_measured_on():
    people = ({"distance_km": 10, "mode": "bus", "telework_days": 2, "office_days": 3},)
    only_long = simulate_employer(
        EmployerInput(people), when=WHEN, overrides={"short_absence_share_of_absence_days": 0}
    ).totals
    assert only_long["employer_absenteeism_eur_saved_per_year"] == 0


def test_the_place_of_work_picks_the_public_transport_fares():
    """Navigo in Île-de-France (998.80 €/yr), a large provincial network's pass elsewhere (600 €/yr)."""
    person = {"distance_km": 5, "mode": "metro", "telework_days": 5, "office_days": 0}
    paris = simulate_employer(EmployerInput(({**person, "work_commune": "75056"},)), when=WHEN).totals
    lyon = simulate_employer(EmployerInput(({**person, "work_commune": "69383"},)), when=WHEN).totals
    assert paris["employer_transport_eur_saved_per_year"] == pytest.approx(0.5 * 998.80)
    assert lyon["employer_transport_eur_saved_per_year"] == pytest.approx(0.5 * 600)


def test_a_staff_file_gives_the_place_of_work_to_the_fares():
    text = "commune_domicile;commune_travail;mode;jours_teletravail;jours_bureau\n92050;75056;metro;5;0\n"
    employees = read_staff(text, ImpactParameters.load(when=WHEN))
    assert employees[0].person.work_commune == "75056"
    totals = simulate_employer(EmployerInput(tuple(employees)), when=WHEN).totals
    assert totals["employer_transport_eur_saved_per_year"] == pytest.approx(0.5 * 998.80)
