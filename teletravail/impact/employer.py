"""Employer level: a staff list plus employer inputs (desks, desk sharing, allowance, own figures).

The commuting effects are those of the person level, summed over the staff (same features, same factors). The
employer's own effects (real estate, absenteeism, turnover, productivity, allowances, set-up) are computed from
staff totals and parameters; every employer figure given by the user replaces the parameter of the same name
(`workstation_cost_eur_per_year`, `absence_days_per_employee_per_year`, `turnover_rate_per_year`,
`telework_setup_cost_eur_per_teleworker`) and is reported as such.
"""

import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from teletravail.geo import normalize
from teletravail.impact.communes import commute_distance
from teletravail.impact.core import (
    N_MODES,
    Balance,
    Structure,
    combine,
    commute_features,
    global_factors,
    mode_coefficients,
    sum_by_mode,
    works_in_ile_de_france,
)
from teletravail.impact.effects import HEADLINE, make_effect
from teletravail.impact.errors import FileInputError, ImpactInputError
from teletravail.impact.modes import MODE_INDEX
from teletravail.impact.montecarlo import draw_parameters, drawn_getter, summarize, uncertainty_block
from teletravail.impact.notices import SimulationWarning
from teletravail.impact.params import ImpactParameters, parse_number
from teletravail.impact.person import PersonInput, derived_effects, validate_person
from teletravail.teleworkability import (
    CANDIDATES_TO_CHOOSE,
    TeleworkabilityInputError,
    profession,
    reference_scores,
    search_professions,
)
from teletravail.uploads import UploadLimitError, upload_limits
from teletravail.uploads.tables import InputError, TableInputError, limit_input_error, read_table


MAX_PROBLEMS = 50
# French templates of the staff file's own messages; the English catalogue translates them.
EMPTY_STAFF_FILE = "Le fichier du personnel est vide."
NO_EMPLOYEE = "Le fichier du personnel ne contient aucun salarié."
MISSING_COLUMNS = "colonne(s) manquante(s) : %(missing)s (colonnes lues : %(header)s)."
STOPPED_AFTER = "… (arrêt après %(count)s erreurs)"
STAFF_FILE_TEMPLATES = (EMPTY_STAFF_FILE, NO_EMPLOYEE, MISSING_COLUMNS, STOPPED_AFTER)
NOT_EMPLOYER = ("share_of_average_footprint_percent",)


@dataclass(frozen=True)
class Employee:
    person: PersonInput
    gross_salary_eur_per_year: float | None = None
    line: int | None = None
    profession: str | None = None  # PCS 2020 code, when the staff file gives the occupation
    profession_to_confirm: str | None = None  # a job title the search could not code confidently
    isco08: str | None = None  # set when the job title is more precise than its PCS group (a translator: 2643)


@dataclass(frozen=True)
class EmployerInput:
    """The staff and the employer's organisation. `desk_sharing_ratio` = desks per employee after reorganising."""

    employees: tuple
    desks: float | None = None
    desk_sharing_ratio: float | None = None
    allowance_eur_per_telework_day: float = 0.0


# --- Staff file -----------------------------------------------------------------------------------------------

COLUMN_ALIASES = {
    "distance_km": ("distance_km", "distance", "distance_aller_km", "distance_aller"),
    "home": ("commune_domicile", "code_commune_domicile", "domicile", "home", "code_insee_domicile"),
    "work": ("commune_travail", "code_commune_travail", "lieu_de_travail", "site", "work", "code_insee_travail"),
    "mode": ("mode", "mode_transport", "mode_de_transport"),
    "telework_days": ("jours_teletravail", "teletravail", "telework_days", "jours_de_teletravail"),
    "office_days": ("jours_bureau", "jours_presentiel", "presentiel", "office_days", "jours_au_bureau"),
    "salary": ("salaire_brut_annuel", "salaire_brut_annuel_eur", "tranche_salaire", "salaire", "salary"),
    "round_trip_minutes": ("temps_trajet_aller_retour_min", "temps_trajet_min", "round_trip_minutes"),
    "car_cv": ("puissance_fiscale_cv", "puissance_fiscale", "cv", "car_cv"),
    "profession": ("profession", "pcs", "code_pcs", "pcs2020", "pcs_2020", "metier", "emploi", "intitule_du_poste"),
}
PCS_CODE = re.compile(r"^\d{2}[A-Za-z]\d$")


def _salary(raw, column):
    """A yearly gross salary or the middle of a band « 30000-40000 » / « 30 000 à 40 000 »."""
    text = str(raw).strip()
    parts = [part for part in re.split(r"\s*(?:-|–|à|a)\s*(?=\d)", text) if part.strip()]
    if len(parts) == 2:
        low, high = (parse_number(part, column) for part in parts)
        if high < low:
            raise ImpactInputError(f"« {column} » : tranche « {raw} » à l'envers.")
        return (low + high) / 2
    return parse_number(text, column)


def _staff_rows(source, limits, deadline):
    """The header and the rows of a staff file given as a path, bytes or CSV text: CSV or XLSX (`read_table`)."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and Path(source).exists()):
        try:
            source = Path(source).read_bytes()
        except OSError as exc:
            raise ImpactInputError(f"Fichier du personnel illisible : {exc.strerror}.") from exc
    try:
        table = read_table(source, limits, deadline=deadline)
    except TableInputError as exc:
        raise _staff_file_error(exc.errors) from None
    if table.is_empty:
        raise FileInputError([InputError(EMPTY_STAFF_FILE)])
    return table


def _commune_code(text):
    """INSEE codes typed as numbers in a spreadsheet lose their leading zero: 1001 → 01001."""
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


def _profession_code(text, column, confirmed=None):
    """(PCS 2020 code, ISCO-08 code when the title refines it, else None): the code given as such (« 46A1 »),
    confirmed by the user for this job title, or the search's confident match; (None, None) when the search is
    not confident (the title is then listed for the user to confirm, never coded silently)."""
    text = str(text).strip()
    code = (confirmed or {}).get(normalize(text), text)
    try:
        if PCS_CODE.match(code):
            return profession(code).pcs2020, None
        matches = search_professions(text, limit=1)
    except TeleworkabilityInputError as exc:  # an unknown code, or a title with no word to search (« 0 »)
        raise ImpactInputError(f"« {column} » : {exc}") from None
    if not (matches and matches[0].confident):
        return None, None
    return matches[0].profession.pcs2020, matches[0].isco08 if matches[0].refined else None


def uncertain_professions(employees):
    """The job titles left to confirm, each once: the title, its lines and the best candidates to choose from."""
    lines = {}
    for employee in employees:
        if employee.profession_to_confirm:
            lines.setdefault(employee.profession_to_confirm, []).append(employee.line)
    return [
        {
            "title": title,
            "employees": len(found),
            "lines": found,
            "candidates": [
                {
                    "pcs2020": match.profession.pcs2020,
                    "label": match.profession.label,
                    "isco08": match.isco08,
                    "matched_title": match.matched_title,
                }
                for match in search_professions(title, limit=CANDIDATES_TO_CHOOSE)
            ],
        }
        for title, found in lines.items()
    ]


def job_titles_to_search(professions):
    """The distinct job titles among `professions` (codes, titles or None) that need a search: not PCS codes."""
    texts = (str(text).strip() for text in professions if text is not None)
    return {text for text in texts if text and not PCS_CODE.match(text)}


def _profession_coder(confirmed=None):
    """`_profession_code` (with the user's `confirmed` titles) remembered per distinct (title, column) for one
    staff list.

    A staff list repeats a few hundred titles over thousands of people, and each search scans the whole
    vocabulary: searching each distinct title once keeps 10,000 employees in seconds. An unknown title's error is
    remembered too, so that its repetitions do not search again.
    """
    outcomes = {}

    def code(text, column):
        key = (str(text).strip(), column)
        if key not in outcomes:
            try:
                outcomes[key] = _profession_code(text, column, confirmed)
            except ImpactInputError as exc:
                outcomes[key] = exc
        outcome = outcomes[key]
        if isinstance(outcome, ImpactInputError):
            raise ImpactInputError(str(outcome), outcome.problems)
        return outcome

    return code


def read_staff(source, params, *, work_commune=None, confirmed=None, limits=None):
    """Employees from a staff file (path, bytes or CSV text; CSV or XLSX), or ImpactInputError listing every bad line.

    Columns (French names, case and accents ignored; CSV `;` or `,` separated, or the first sheet of an XLSX
    workbook): `distance_km` or `commune_domicile` (+ `commune_travail`, or `work_commune` for everyone), `mode`,
    `jours_teletravail`, `jours_bureau`, optional `salaire_brut_annuel` (a number or a band « 30000-40000 »),
    `temps_trajet_aller_retour_min`, `puissance_fiscale_cv`, `profession` (a PCS 2020 code or a job title: it gives
    the teleworkable-jobs potential from the national reference). A job title the search cannot code confidently
    leaves the employee's profession unknown and is kept in `profession_to_confirm`, unless `confirmed` (normalised
    title → PCS 2020 code) gives the user's choice.

    `limits` (UploadLimits, those of uploads.yaml for a staff file by default) bound the rows, columns, cells,
    unpacked size and reading time: a file beyond them is refused before the rows are checked.
    """
    limits = limits or upload_limits("staff_file")
    deadline = limits.deadline()
    try:
        return _read_staff(source, params, work_commune, limits, deadline, confirmed)
    except UploadLimitError as exc:
        raise _staff_file_error([limit_input_error(exc)]) from None


def _staff_file_error(errors):
    """The FileInputError of a staff file; its message names the file before the first error."""
    first = errors[0]
    where = f", ligne {first.line}" if first.line is not None else ""
    return FileInputError(errors, f"Fichier du personnel{where} : {first.text.rstrip('.')}.")


def _read_staff(source, params, work_commune, limits, deadline, confirmed):
    table = _staff_rows(source, limits, deadline)
    header = table.header
    normalized = [normalize(name).replace(" ", "_") for name in header]
    columns = {}
    for key, aliases in COLUMN_ALIASES.items():
        for index, name in enumerate(normalized):
            if name in aliases and key not in columns:
                columns[key] = index
    missing = [
        name
        for name, present in (
            ("mode", "mode" in columns),
            ("jours_teletravail", "telework_days" in columns),
            ("distance_km ou commune_domicile", "distance_km" in columns or "home" in columns),
        )
        if not present
    ]
    if missing:
        raise _staff_file_error(
            [
                InputError(
                    MISSING_COLUMNS,
                    1,
                    params={"missing": ", ".join(missing), "header": ", ".join(header)},
                )
            ]
        )
    labels = {key: header[index] for key, index in columns.items()}
    labels.setdefault("office_days", "jours_bureau")
    labels.setdefault("distance_km", "distance_km")
    employees, problems = [], []
    profession_code = _profession_coder(confirmed)
    for line_number, row in table.rows:
        deadline.check()
        if not any(cell.strip() for cell in row):
            continue
        if len(problems) >= MAX_PROBLEMS:
            problems.append(InputError(STOPPED_AFTER, line_number, params={"count": MAX_PROBLEMS}))
            break

        def cell(key, row=row):
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            raw = {key: cell(key) or None for key in ("mode", "telework_days", "office_days", "round_trip_minutes")}
            raw["car_cv"] = cell("car_cv") or None
            raw["distance_km"] = cell("distance_km") or None
            if raw["distance_km"] is None and not cell("home"):
                names = [labels[key] for key in ("distance_km", "home") if key in columns]
                raise ImpactInputError(f"« {' » ou « '.join(names)} » : valeur manquante.")
            work = cell("work") or work_commune
            raw["work_commune"] = _commune_code(work) if work else None
            if raw["distance_km"] is None:
                if not work:
                    raise ImpactInputError(
                        "« commune_travail » : valeur manquante (ajoutez la colonne ou donnez la commune du site)."
                    )
                raw["distance_km"] = commute_distance(
                    _commune_code(cell("home")),
                    _commune_code(work),
                    params.when,
                    home_field=labels.get("home", "commune_domicile"),
                    work_field=labels.get("work", "commune_travail"),
                ).road_km
            person = validate_person(raw, params, labels)
            salary = _salary(cell("salary"), labels["salary"]) if cell("salary") else None
            if salary is not None and salary < 0:
                raise ImpactInputError(f"« {labels['salary']} » : la valeur ne peut pas être négative.")
            title = cell("profession")
            occupation, isco = profession_code(title, labels["profession"]) if title else (None, None)
            to_confirm = title if title and occupation is None else None
            employees.append(Employee(person, salary, line_number, occupation, to_confirm, isco))
        except ImpactInputError as exc:
            problems.extend(InputError(problem, line_number) for problem in exc.problems)
    if problems:
        raise FileInputError(problems, str(problems[0]))
    if not employees:
        raise FileInputError([InputError(NO_EMPLOYEE)])
    return employees


# --- Simulation -----------------------------------------------------------------------------------------------


@dataclass
class EmployerResult:
    employer: EmployerInput
    method: str
    when: str
    totals: dict
    effects: dict
    per_employee: list
    parameters: list
    uncertainty: dict | None = None
    draws: int = 0
    seed: int | None = None
    warnings: list = field(default_factory=list)
    desks_held: float | None = None  # the desks the staff covered hold now, on which the desks freed are counted
    uncertain_professions: list = field(default_factory=list)  # job titles to confirm, with their candidates

    @property
    def results(self):
        return dict(self.totals)

    def as_dict(self):
        first = ["employees", "teleworkers", "desks_saved", "employer_net_eur_per_year"]
        ordered = [name for name in first + list(HEADLINE) if name in self.totals]
        ordered += [name for name in self.totals if name not in ordered]
        return {
            "level": "employeur",
            "method": self.method,
            "date": self.when,
            "inputs": {
                "employees": len(self.employer.employees),
                "desks": self.employer.desks,
                "desks_held_by_staff": self.desks_held,
                "desk_sharing_ratio": self.employer.desk_sharing_ratio,
                "allowance_eur_per_telework_day": self.employer.allowance_eur_per_telework_day,
            },
            "results": {name: self.totals[name] for name in ordered},
            "effects": [self.effects[name].as_dict() for name in ordered if name in self.effects],
            "uncertainty": uncertainty_block(self.uncertainty, self.draws, self.seed),
            "per_employee": self.per_employee,
            "parameters": [parameter.as_dict() for parameter in self.parameters],
            "warnings": list(self.warnings),
            "uncertain_professions": list(self.uncertain_professions),
        }


def _employee(item, index):
    if isinstance(item, Employee):
        return item
    if isinstance(item, PersonInput):
        return Employee(item, None, index)
    raw = dict(item)
    salary = raw.pop("gross_salary_eur_per_year", None)
    occupation, to_confirm, isco = (raw.pop(key, None) for key in ("profession", "profession_to_confirm", "isco08"))
    return Employee(raw, salary, raw.pop("line", index), occupation, to_confirm, isco)


def _check_employer(employer):
    problems = []

    def positive(value, name):
        if value is None:
            return None
        try:
            number = parse_number(value, name)
        except ImpactInputError as exc:
            problems.append(str(exc))
            return None
        if number < 0:
            problems.append(f"« {name} » : la valeur ne peut pas être négative.")
        return number

    desks = positive(employer.desks, "postes de travail")
    ratio = positive(employer.desk_sharing_ratio, "postes par salarié après réorganisation")
    allowance = positive(employer.allowance_eur_per_telework_day, "indemnité de télétravail par jour (€)") or 0.0
    if problems:
        raise ImpactInputError(" ".join(problems), problems)
    return desks, ratio, allowance


def desks_freed(desks, ratio, staff_count, average_presence=0.0):
    """(desks the staff hold now, desks they keep after sharing, desks freed) for `staff_count` people.

    Desk sharing frees only desks the people covered hold now, one each at most: desks beyond the staff count
    are empty already or belong to people the calculation does not cover (an organisation's desks with only a few
    members known), and counting them would credit telework with the whole building. The desks kept never fall
    below the average presence (people on site on an average day): a ratio that leaves fewer desks cannot be
    carried out, and the desks it would free are not counted.
    """
    held = min(desks, staff_count)
    if ratio is None:
        return held, held, 0.0
    needed = min(held, math.ceil(average_presence - 1e-9))
    after = min(held, max(math.ceil(ratio * staff_count - 1e-9), needed))
    return held, after, float(held - after)


# The employer's yearly balance: what telework saves it, minus what it pays.
EMPLOYER_BALANCE = Balance(
    "employer_net_eur_per_year",
    (
        ("employer_real_estate_eur_saved_per_year", 1),
        ("employer_absenteeism_eur_saved_per_year", 1),
        ("employer_turnover_eur_saved_per_year", 1),
        ("employer_productivity_eur_per_year", 1),
        ("employer_transport_eur_saved_per_year", 1),
        ("employer_allowances_eur_per_year", -1),
        ("employer_equipment_eur_per_year", -1),
    ),
)


def employer_finance(v, staff):
    """The employer's yearly money effects from staff totals; `v` gives parameters (floats or draws)."""
    ratio = v("labour_cost_per_euro_of_gross_wages")
    default_cost = v("labour_cost_eur_per_year")
    # Σ labour cost × telework share of the week, salaries given or not.
    cost_share = ratio * staff["salary_share"] + default_cost * staff["default_share"]
    productivity = v("productivity_gain_share") * cost_share
    # Absence days are calendar days (the barometer's rate is days / 365): their share of the year is the share of
    # the labour cost lost. The reduction was measured on short absences only, so it applies to those.
    absenteeism = (
        v("absenteeism_reduction_per_telework_share")
        * v("short_absence_share_of_absence_days")
        * v("absence_days_per_employee_per_year")
        / v("calendar_days_per_year")
        * cost_share
    )
    gross_of_teleworkers = staff["teleworker_salaries"] + default_cost / ratio * staff["teleworkers_without_salary"]
    turnover = (
        v("turnover_reduction_share")
        * v("turnover_rate_per_year")
        * v("turnover_cost_share_of_gross_salary")
        * gross_of_teleworkers
    )
    real_estate = staff["desks_saved"] * v("workstation_cost_eur_per_year")
    setup = staff["teleworkers"] * v("telework_setup_cost_eur_per_teleworker")
    equipment = staff["teleworkers"] * v("telework_equipment_cost_eur_per_teleworker_per_year")
    terms = {
        "employer_real_estate_eur_saved_per_year": real_estate,
        "employer_absenteeism_eur_saved_per_year": absenteeism,
        "employer_turnover_eur_saved_per_year": turnover,
        "employer_productivity_eur_per_year": productivity,
        "employer_transport_eur_saved_per_year": staff["transport"],
        "employer_allowances_eur_per_year": staff["allowances"],
        "employer_equipment_eur_per_year": equipment,
    }
    net = EMPLOYER_BALANCE.net_of(terms)
    return {
        **terms,
        EMPLOYER_BALANCE.net: net,
        "employer_setup_cost_eur_one_off": setup,
        "employer_net_eur_first_year": net - setup,
    }


def simulate_employer(employer, params=None, *, method="default", overrides=None, when=None, monte_carlo=0, seed=None):
    """Yearly effects of telework for an employer (EmployerInput; employees as Employee, PersonInput or dicts)."""
    if params is None:
        params = ImpactParameters.load(when=when, overrides=overrides, method=method)
    desks, ratio, allowance = _check_employer(employer)
    employees, problems = [], []
    profession_code = _profession_coder()
    for index, item in enumerate(employer.employees, start=1):
        employee = _employee(item, index)
        person = employee.person
        raw = asdict(person) if isinstance(person, PersonInput) else dict(person)
        raw["allowance_eur_per_day"] = allowance
        try:
            person = validate_person(raw, params)
            occupation, isco = (
                profession_code(employee.profession, "profession") if employee.profession else (None, None)
            )
        except ImpactInputError as exc:
            problems.extend(f"Salarié {employee.line or index} : {problem}" for problem in exc.problems)
            continue
        to_confirm = employee.profession_to_confirm or (employee.profession if occupation is None else None)
        employees.append(
            Employee(
                person,
                employee.gross_salary_eur_per_year,
                employee.line or index,
                occupation,
                to_confirm,
                employee.isco08 or isco,
            )
        )
    if problems:
        raise ImpactInputError(problems[0], problems)
    if not employees:
        raise ImpactInputError("« employees » : aucun salarié.")

    structure = Structure.from_parameters(params)
    staff_count = len(employees)
    desks_now = staff_count if desks is None else desks
    people = [employee.person for employee in employees]
    mode_index = np.array([MODE_INDEX[person.mode] for person in people])
    telework = np.array([person.telework_days for person in people])
    office = np.array([person.office_days for person in people])
    presence = average_presence(office, structure)
    desks_held, desks_after, desks_saved = desks_freed(desks_now, ratio, staff_count, presence)
    # The desks freed, shared among the teleworkers in proportion to their telework days (they sum to desks_saved).
    desks_released = desks_saved * telework / telework.sum() if desks_saved > 0 else 0.0
    minutes = np.array([np.nan if p.round_trip_minutes is None else p.round_trip_minutes for p in people])
    features = commute_features(
        np.array([person.distance_km for person in people]),
        mode_index,
        telework,
        office,
        structure,
        round_trip_minutes=minutes if not np.isnan(minutes).all() else None,
        car_cv=np.array([structure.car_default_cv if p.car_cv is None else p.car_cv for p in people]),
        moto_cv=np.array([structure.moto_default_cv if p.moto_cv is None else p.moto_cv for p in people]),
        desks_released=desks_released,
        ile_de_france=np.array([works_in_ile_de_france(person.work_commune) for person in people]),
        allowance_eur_per_day=allowance,
    )
    coefficients, factors = mode_coefficients(params.value), global_factors(params.value)
    per_person = combine(features, mode_index, coefficients, factors)
    per_mode = sum_by_mode(features, mode_index, 1.0)
    all_modes = np.arange(N_MODES)

    salaries = np.array(
        [np.nan if e.gross_salary_eur_per_year is None else e.gross_salary_eur_per_year for e in employees]
    )
    given = ~np.isnan(salaries)
    share = telework / structure.working_days_per_week
    teleworking = telework > 0
    base_staff = {
        "salary_share": float(np.sum(np.where(given, salaries, 0.0) * share)),
        "default_share": float(np.sum(np.where(given, 0.0, share))),
        "teleworker_salaries": float(np.sum(np.where(given & teleworking, salaries, 0.0))),
        "teleworkers_without_salary": float(np.sum(~given & teleworking)),
        "desks_saved": desks_saved,
        "teleworkers": float(teleworking.sum()),
    }

    def totals_for(getter, draws=None):
        combined = combine(per_mode, all_modes, mode_coefficients(getter), global_factors(getter))
        totals = {name: np.asarray(value).sum(axis=-1) for name, value in combined.items() if name not in NOT_EMPLOYER}
        totals.update(derived_effects(totals, params))
        staff = {
            **base_staff,
            "transport": totals["employer_transport_eur_saved_per_year"],
            "allowances": totals["allowance_eur_per_year"],
        }
        totals.update(employer_finance(getter, staff))
        return totals

    totals = {"employees": float(staff_count), "teleworkers": base_staff["teleworkers"], "desks_saved": desks_saved}
    totals.update({name: float(value) for name, value in totals_for(params.value).items()})
    occupation_scores = [_occupation_scores(employee) for employee in employees]
    totals.update(teleworkable_jobs_potential(occupation_scores))
    to_confirm = uncertain_professions(employees)
    if to_confirm:
        totals["employees_with_unconfirmed_profession"] = float(sum(item["employees"] for item in to_confirm))
    modes = sorted({person.mode for person in people})
    context = {
        "car_cvs": sorted({structure.car_default_cv if p.car_cv is None else p.car_cv for p in people}),
        "moto_cvs": sorted({structure.moto_default_cv if p.moto_cv is None else p.moto_cv for p in people}),
        "timed_by_speed": bool(np.isnan(minutes).any()),
    }
    effects = {name: make_effect(name, value, modes, **context) for name, value in totals.items()}
    used = set().union(*(effect.parameters for effect in effects.values()))

    per_employee = []
    for position, employee in enumerate(employees):
        row = {"line": employee.line, "mode": employee.person.mode, "distance_km": employee.person.distance_km}
        scores = occupation_scores[position]
        if scores is not None:
            row.update(
                profession=employee.profession,
                isco08=scores.isco08,
                teleworkability_dingel_neiman=scores.dingel_neiman,
                teleworkability_jrc=scores.jrc_physical,
            )
        elif employee.profession_to_confirm:
            row["profession_to_confirm"] = employee.profession_to_confirm
        row.update({name: float(per_person[name][position]) for name in HEADLINE})
        per_employee.append(row)

    result = EmployerResult(
        employer=EmployerInput(tuple(employees), desks_now, ratio, allowance),
        method=params.method,
        when=params.when.isoformat(),
        totals=totals,
        effects=effects,
        per_employee=per_employee,
        parameters=params.subset(used),
        warnings=_warnings(employees, desks_after, ratio, staff_count, presence),
        desks_held=desks_held,
        uncertain_professions=to_confirm,
    )
    if monte_carlo:
        draws = draw_parameters(params, monte_carlo, seed, names=used)
        samples = totals_for(drawn_getter(params, draws))
        result.uncertainty = summarize(
            {name: np.broadcast_to(value, (monte_carlo,)) for name, value in samples.items() if name in effects},
            totals,
        )
        result.draws, result.seed = monte_carlo, seed
    return result


def _occupation_scores(employee):
    """The reference scores of an employee's occupation: of the job title's ISCO-08 code when it refines the
    profession's, else of the profession; None when the profession is unknown."""
    if employee.isco08:
        return reference_scores(employee.isco08)
    return profession(employee.profession).scores if employee.profession else None


def teleworkable_jobs_potential(occupation_scores):
    """Jobs teleworkable by the national occupation references, over the employees whose profession is known.

    Each employee counts for the score of their profession (Dingel–Neiman: share of the occupation's jobs that can
    be done at home; JRC: technical teleworkability index); professions outside both indices (armed forces)
    count as known but add nothing. Empty when no profession is given.
    """
    known = [scores for scores in occupation_scores if scores is not None]
    if not known:
        return {}
    return {
        "employees_with_known_profession": float(len(known)),
        "teleworkable_jobs_dingel_neiman": float(sum(score.dingel_neiman or 0.0 for score in known)),
        "teleworkable_jobs_jrc": float(sum(score.jrc_physical or 0.0 for score in known)),
    }


def average_presence(office_days, structure):
    """People on site on an average working day: Σ office days per week / working days per week."""
    return float(np.sum(office_days)) / structure.working_days_per_week


def _warnings(employees, desks_after, ratio, staff_count, presence):
    warnings = []
    if ratio is not None and math.ceil(ratio * staff_count - 1e-9) < math.ceil(presence - 1e-9):
        warnings.append(SimulationWarning("desks_short", presence=presence, desks=desks_after))
    if not any(employee.person.telework_days > 0 for employee in employees):
        warnings.append(SimulationWarning("nobody_teleworks"))
    return warnings
