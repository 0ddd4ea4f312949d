"""Activity-level teleworkability diagnostic: activities → status, job → teleworkable time and days, organisation.

The scoring rule (docs/methodology/teleworkability.md):
- an activity with a blocker criterion is « non télétravaillable »; otherwise, with an obstacle not yet lifted,
  « télétravaillable sous conditions »; otherwise « télétravaillable »;
- a job's teleworkable share is the time share of its teleworkable activities; its feasible telework days are
  that share of the working week, rounded down to whole days and capped; the same with the obstacles lifted
  gives the days reachable once the means are in place;
- the social-interaction intensity (sum of the weights of the social criteria of an activity, capped at 1,
  time-weighted over the activities that can be done remotely) does not block: from a threshold it keeps one
  suggested day on site, never going below one day when one is feasible;
- the organisation synthesis weights each job by its headcount.
Thresholds are dated parameters (`teletravail/parameters/data/teleworkability.yaml`); criteria are data
(`criteria.yaml`). Everything here is a pure function of plain dataclasses.
"""

import math
from dataclasses import dataclass, field

from teletravail.parameters import load_parameters
from teletravail.teleworkability.criteria import BLOCKER, OBSTACLE, SOCIAL, load_criteria
from teletravail.teleworkability.errors import TeleworkabilityInputError
from teletravail.teleworkability.professions import profession


TELEWORKABLE = "teletravaillable"
CONDITIONAL = "sous_conditions"
NOT_TELEWORKABLE = "non_teletravaillable"
STATUS_LABELS = {
    TELEWORKABLE: "télétravaillable",
    CONDITIONAL: "télétravaillable sous conditions",
    NOT_TELEWORKABLE: "non télétravaillable",
}
PARAMETER_GROUP = "teleworkability"
_ROUNDING = 1e-9  # 0.6 × 5 must give 3 whole days, not 2.999…


@dataclass(frozen=True)
class Activity:
    """One activity of a job: its share of working time in percent and the criteria that apply to it.

    `lifted` lists the obstacles for which a means is in place (or decided): they no longer hold the
    activity back.
    """

    name: str
    time_share: float
    criteria: tuple[str, ...] = ()
    lifted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    """A job (poste) of the organisation, with its activities; `pcs2020` links it to the national reference."""

    name: str
    activities: tuple[Activity, ...]
    headcount: int = 1
    pcs2020: str | None = None


@dataclass(frozen=True)
class ScoringRule:
    working_days_per_week: float
    max_telework_days_per_week: float
    entirely_teleworkable_min_share: float
    social_interaction_threshold: float
    social_interaction_day_reduction: float
    time_share_tolerance: float

    @classmethod
    def load(cls, when=None):
        """The thresholds in force on `when` (a date or ISO string; today when omitted)."""
        parameters = load_parameters(PARAMETER_GROUP)
        return cls(**{name: parameters[name].at(when).central for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ActivityAssessment:
    name: str
    time_share: float  # fraction of the job's working time (0-1), after normalisation if asked
    status: str
    blockers: tuple[str, ...]
    open_obstacles: tuple[str, ...]
    lifted_obstacles: tuple[str, ...]
    social_intensity: float

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class JobAssessment:
    name: str
    headcount: int
    pcs2020: str | None
    activities: tuple[ActivityAssessment, ...]
    teleworkable_share: float
    conditional_share: float
    non_teleworkable_share: float
    social_intensity: float
    feasible_days: int
    feasible_days_if_lifted: int
    suggested_days: int
    entirely_teleworkable: bool
    reference: object = None  # the Profession of `pcs2020`, with its national reference scores
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CriterionImpact:
    """Share of the organisation's working time held back by one criterion (headcount-weighted)."""

    code: str
    label: str
    time_share: float
    jobs: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationSynthesis:
    jobs: tuple[JobAssessment, ...]
    headcount: int
    teleworkable_time_share: float
    teleworkable_time_share_if_lifted: float
    staff_share_with_telework_day: float
    staff_share_with_telework_day_if_lifted: float
    staff_share_entirely_teleworkable: float
    mean_suggested_days: float
    obstacles: tuple[CriterionImpact, ...]
    blockers: tuple[CriterionImpact, ...]
    dingel_neiman_reference: float | None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _as_codes(values):
    if isinstance(values, str):
        values = [values]
    return tuple(str(value).strip() for value in values or ())


def _activity_problems(activity, where):
    """French messages for one activity; empty when it is valid."""
    problems = []
    criteria = load_criteria().criteria
    share = activity.time_share
    if isinstance(share, bool) or not isinstance(share, int | float) or not math.isfinite(share) or share < 0:
        problems.append(f"{where} : part du temps invalide « {share} » (un pourcentage positif ou nul est attendu).")
    for code in _as_codes(activity.criteria):
        if code not in criteria:
            problems.append(f"{where} : critère inconnu « {code} ».")
    for code in _as_codes(activity.lifted):
        if code not in criteria:
            problems.append(f"{where} : obstacle levé inconnu « {code} ».")
        elif criteria[code].tier != OBSTACLE:
            problems.append(f"{where} : « {criteria[code].label} » n'est pas un obstacle levable.")
    return problems


def assess_activity(activity, job_total=100):
    """Status of one activity; its time share becomes a fraction of `job_total` (the sum of the job's shares).

    Bad criteria raise TeleworkabilityInputError naming the activity (`assess_job` also names the job).
    """
    problems = _activity_problems(activity, f"Activité « {(activity.name or '').strip()} »")
    if problems:
        raise TeleworkabilityInputError(problems=problems)
    criteria = load_criteria().criteria
    codes = _as_codes(activity.criteria)
    lifted = set(_as_codes(activity.lifted))
    blockers = tuple(code for code in codes if criteria[code].tier == BLOCKER)
    obstacles = [code for code in codes if criteria[code].tier == OBSTACLE]
    open_obstacles = tuple(code for code in obstacles if code not in lifted)
    social = min(1.0, sum((criteria[code].weight for code in codes if criteria[code].tier == SOCIAL), 0.0))
    if blockers:
        status = NOT_TELEWORKABLE
    elif open_obstacles:
        status = CONDITIONAL
    else:
        status = TELEWORKABLE
    return ActivityAssessment(
        name=activity.name.strip(),
        time_share=activity.time_share / job_total,
        status=status,
        blockers=blockers,
        open_obstacles=open_obstacles,
        lifted_obstacles=tuple(code for code in obstacles if code in lifted),
        social_intensity=social,
    )


def _whole_days(share, rule):
    days = math.floor(share * rule.working_days_per_week + _ROUNDING)
    return int(min(days, rule.max_telework_days_per_week))


def _job_problems(job, where):
    problems = []
    if isinstance(job.headcount, bool) or not isinstance(job.headcount, int) or job.headcount < 1:
        problems.append(f"{where} : effectif invalide « {job.headcount} » (un entier d'au moins 1 est attendu).")
    if not job.activities:
        problems.append(f"{where} : aucune activité déclarée (au moins une activité est attendue).")
    for index, activity in enumerate(job.activities or (), start=1):
        name = (activity.name or "").strip()
        if not name:
            problems.append(f"{where}, activité n° {index} : le nom de l'activité est obligatoire.")
        problems += _activity_problems(activity, f"{where}, activité « {name or index} »")
    if job.pcs2020:
        try:
            profession(job.pcs2020)
        except TeleworkabilityInputError as exc:
            problems.append(f"{where} : {exc}")
    return problems


def assess_job(job, normalise=False, rule=None):
    """Teleworkable share, feasible and suggested days of a job.

    The time shares (percent) must sum to 100 % within the tolerance parameter; with `normalise=True` they
    are rescaled instead, and the result carries a French warning saying so.
    """
    rule = rule or ScoringRule.load()
    name = (job.name or "").strip()
    where = f"Poste « {name} »" if name else "Poste sans nom"
    problems = [f"{where} : le nom du poste est obligatoire."] if not name else []
    problems += _job_problems(job, where)
    if problems:
        raise TeleworkabilityInputError(problems=problems)
    total = sum(activity.time_share for activity in job.activities)
    warnings = []
    if abs(total - 100) > rule.time_share_tolerance:
        if not normalise or total <= 0:
            raise TeleworkabilityInputError(
                f"{where} : les parts de temps des activités totalisent {total:g} % au lieu de 100 %."
            )
        warnings.append(f"{where} : les parts de temps totalisaient {total:g} % ; elles ont été ramenées à 100 %.")
    activities = tuple(assess_activity(activity, total) for activity in job.activities)

    def share_of(status):
        return sum((activity.time_share for activity in activities if activity.status == status), 0.0)

    teleworkable = share_of(TELEWORKABLE)
    conditional = share_of(CONDITIONAL)
    remote_time = teleworkable + conditional
    social = (
        sum(a.time_share * a.social_intensity for a in activities if a.status != NOT_TELEWORKABLE) / remote_time
        if remote_time
        else 0.0
    )
    feasible = _whole_days(teleworkable, rule)
    suggested = feasible
    if feasible and social >= rule.social_interaction_threshold - _ROUNDING:
        suggested = max(1, int(feasible - rule.social_interaction_day_reduction))
    return JobAssessment(
        name=name,
        headcount=job.headcount,
        pcs2020=profession(job.pcs2020).pcs2020 if job.pcs2020 else None,
        activities=activities,
        teleworkable_share=teleworkable,
        conditional_share=conditional,
        non_teleworkable_share=share_of(NOT_TELEWORKABLE),
        social_intensity=social,
        feasible_days=feasible,
        feasible_days_if_lifted=_whole_days(remote_time, rule),
        suggested_days=suggested,
        entirely_teleworkable=teleworkable >= rule.entirely_teleworkable_min_share - _ROUNDING,
        reference=profession(job.pcs2020) if job.pcs2020 else None,
        warnings=tuple(warnings),
    )


def _impacts(assessments, headcount, attribute, status):
    """Criteria of `attribute` over the activities of `status`, by share of the organisation's working time.

    Obstacles count only on activities « sous conditions »: on a blocked activity, lifting them changes nothing.
    """
    criteria = load_criteria().criteria
    time = {}
    jobs = {}
    for job in assessments:
        for activity in job.activities:
            if activity.status != status:
                continue
            for code in getattr(activity, attribute):
                time[code] = time.get(code, 0.0) + job.headcount * activity.time_share / headcount
                names = jobs.setdefault(code, [])
                if job.name not in names:
                    names.append(job.name)
    ranked = sorted(time, key=lambda code: (-time[code], code))
    return tuple(CriterionImpact(code, criteria[code].label, time[code], tuple(jobs[code])) for code in ranked)


def synthesise(jobs, normalise=False, rule=None):
    """The organisation's synthesis: every job assessed, then weighted by its headcount.

    Errors of every job are gathered into one TeleworkabilityInputError, each message naming its job.
    """
    rule = rule or ScoringRule.load()
    if not jobs:
        raise TeleworkabilityInputError("Aucun poste déclaré : la synthèse demande au moins un poste.")
    assessments, problems = [], []
    for job in jobs:
        try:
            assessments.append(assess_job(job, normalise=normalise, rule=rule))
        except TeleworkabilityInputError as exc:
            problems += exc.lines()
    if problems:
        raise TeleworkabilityInputError(problems=problems)
    headcount = sum(job.headcount for job in assessments)

    def staff_share(predicate):
        return sum(job.headcount for job in assessments if predicate(job)) / headcount

    def weighted(value):
        return sum(job.headcount * value(job) for job in assessments) / headcount

    in_scope = [job for job in assessments if job.reference is not None and job.reference.scores.in_scope]
    reference = (
        sum(job.headcount * job.reference.scores.dingel_neiman for job in in_scope)
        / sum(job.headcount for job in in_scope)
        if in_scope
        else None
    )
    return OrganisationSynthesis(
        jobs=tuple(assessments),
        headcount=headcount,
        teleworkable_time_share=weighted(lambda job: job.teleworkable_share),
        teleworkable_time_share_if_lifted=weighted(lambda job: job.teleworkable_share + job.conditional_share),
        staff_share_with_telework_day=staff_share(lambda job: job.feasible_days >= 1),
        staff_share_with_telework_day_if_lifted=staff_share(lambda job: job.feasible_days_if_lifted >= 1),
        staff_share_entirely_teleworkable=staff_share(lambda job: job.entirely_teleworkable),
        mean_suggested_days=weighted(lambda job: job.suggested_days),
        obstacles=_impacts(assessments, headcount, "open_obstacles", CONDITIONAL),
        blockers=_impacts(assessments, headcount, "blockers", NOT_TELEWORKABLE),
        dingel_neiman_reference=reference,
        warnings=tuple(warning for job in assessments for warning in job.warnings),
    )
