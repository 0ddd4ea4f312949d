"""The simulator's shell: turns form or API input into engine calls. The arithmetic lives in teletravail.impact."""

import pickle
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from teletravail.apps.core.uploads import input_error_messages, upload_max_bytes
from teletravail.apps.jobs.models import ACTIVE, Job, JobStatus
from teletravail.apps.jobs.services import cancel_job, lease_for, submit_job
from teletravail.apps.organisations.selectors import organisation_sites, visible_memberships
from teletravail.apps.simulator.forms import EmployerSimulationForm, flows_file_too_large
from teletravail.impact.communes import commute_distance
from teletravail.impact.employer import Employee, EmployerInput, job_titles_to_search, read_staff, simulate_employer
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.simulation import simulate_flows_file
from teletravail.impact.flows.synthetic import DEFAULT_SEED, synthesize, synthetic_table_name, write_synthetic
from teletravail.impact.params import ImpactParameters
from teletravail.impact.person import simulate_person
from teletravail.impact.territory import TerritoryScenario
from teletravail.parameters import load_parameters
from teletravail.uploads import MEGABYTE, UNBOUNDED, UploadLimitError, upload_limits
from teletravail.uploads.tables import TableInputError, read_table


# A short, seeded Monte Carlo: enough for stable p5/p95 on one person, fast enough for a page (< 1 s).
WEB_MONTE_CARLO_DRAWS = 500
WEB_MONTE_CARLO_SEED = 2026


def run_person_simulation(
    *, mode, telework_days, office_days, method="default", distance_km=None, home=None, work=None, overrides=None
):
    """(result, distance) for one commuter; `home`/`work` are INSEE codes used when no distance is given."""
    distance = None
    if distance_km is None:
        distance = commute_distance(home, work)
        distance_km = distance.road_km
    result = simulate_person(
        {
            "distance_km": float(distance_km),
            "mode": mode,
            "telework_days": float(telework_days),
            "office_days": float(office_days),
            "work_commune": work,
        },
        method=method,
        overrides=overrides,
        monte_carlo=WEB_MONTE_CARLO_DRAWS,
        seed=WEB_MONTE_CARLO_SEED,
    )
    return result, distance


def simulate_person_form(data):
    """`run_person_simulation` for the person form's cleaned `data` (communes as Commune objects)."""
    return run_person_simulation(
        mode=data["mode"],
        telework_days=data["telework_days"],
        office_days=data["office_days"],
        method=data["method"],
        distance_km=data["distance_km"],
        home=data["home"].code if data["home"] else None,
        work=data["work"].code if data["work"] else None,
    )


class SimulationTooLarge(ValueError):
    """More employees, or distinct job titles, than a request computes in time; the message names the limit."""


def check_synchronous_size(employees):
    """SimulationTooLarge when `employees` (dicts) exceed SIMULATION_MAX_EMPLOYEES or SIMULATION_MAX_JOB_TITLES."""
    limit = settings.SIMULATION_MAX_EMPLOYEES
    if len(employees) > limit:
        raise SimulationTooLarge(
            _(
                "La simulation en ligne porte sur %(limit)s salariés au plus (%(count)s envoyés) : pour un effectif "
                "plus grand, utilisez la commande teletravail simulate employer."
            )
            % {"limit": limit, "count": len(employees)}
        )
    limit = settings.SIMULATION_MAX_JOB_TITLES
    titles = job_titles_to_search(employee.get("profession") for employee in employees)
    if len(titles) > limit:
        raise SimulationTooLarge(
            _(
                "La simulation en ligne accepte %(limit)s intitulés de poste différents au plus (%(count)s envoyés) : "
                "indiquez des codes PCS 2020 (ex. 46A1), ou utilisez la commande teletravail simulate employer."
            )
            % {"limit": limit, "count": len(titles)}
        )


def run_employer_simulation(
    *,
    employees,
    desks=None,
    desk_sharing_ratio=None,
    allowance_eur_per_telework_day=0.0,
    method="default",
    overrides=None,
):
    """Employer-level effects; each employee gives a distance or two INSEE codes (resolved here)."""
    staff = []
    for line, employee in enumerate(employees, start=1):
        if isinstance(employee, Employee):  # already resolved (staff file)
            staff.append(employee)
            continue
        employee = dict(employee)
        home, work = employee.pop("home", None), employee.pop("work", None)
        if employee.get("distance_km") is None:
            if not (home and work):
                raise ImpactInputError(
                    f"Salarié n° {line} : indiquez la distance domicile-travail, ou les communes de résidence et de "
                    "travail (codes INSEE)."
                )
            employee["distance_km"] = commute_distance(
                home,
                work,
                home_field=f"salarié n° {line}, commune de résidence",
                work_field=f"salarié n° {line}, commune de travail",
            ).road_km
        staff.append({**employee, "line": line, "work_commune": work})  # the place of work picks the fares
    return simulate_employer(
        EmployerInput(
            employees=tuple(staff),
            desks=desks,
            desk_sharing_ratio=desk_sharing_ratio,
            allowance_eur_per_telework_day=allowance_eur_per_telework_day,
        ),
        method=method,
        overrides=overrides,
    )


def staff_from_members(access, *, mode, telework_days, office_days):
    """Employees from the members the user may see: home commune to their team's site (else the first site).

    Returns (employees, skipped): members without a home commune, or in an organisation without a site, cannot be
    placed and are counted in `skipped`.
    """
    sites = list(organisation_sites(access.organisation))
    default_site = sites[0] if sites else None
    employees, skipped = [], 0
    for membership in visible_memberships(access).select_related("team__site__commune"):
        site = membership.team.site if membership.team and membership.team.site else default_site
        if membership.home_commune_id is None or site is None:
            skipped += 1
            continue
        employees.append(
            {
                "home": membership.home_commune_id,
                "work": site.commune_id,
                "mode": mode,
                "telework_days": float(telework_days),
                "office_days": float(office_days),
            }
        )
    return employees, skipped


def staff_from_file(data, *, work_commune=None, confirmed=None):
    """Employees of an uploaded staff file (CSV), with their distances resolved, or ImpactInputError by line;
    `confirmed` gives the PCS 2020 code the user chose for job titles the search could not code."""
    return read_staff(data, ImpactParameters.load(), work_commune=work_commune, confirmed=confirmed)


def _spool(upload, path):
    upload.seek(0)
    with path.open("wb") as spooled:
        for chunk in upload.chunks():
            spooled.write(chunk)


def _upload_name(upload):
    """The upload's own name without any folder part: error messages name the file the person sent."""
    return Path(upload.name or "flux.csv").name or "flux.csv"


def run_territory_simulation(upload, *, telework_days, adoption, area=None):
    """A territory scenario on an uploaded flows file, within the request (the API, a download posted with its
    file): refused beyond the synchronous size (the page's own uploads run as jobs). The reader needs a path: the
    upload is spooled to a private folder under its own name."""
    if upload.size > upload_max_bytes("flows_file"):
        raise ImpactInputError(flows_file_too_large())
    with tempfile.TemporaryDirectory(prefix="teletravail-flux-") as folder:
        path = Path(folder) / _upload_name(upload)
        _spool(upload, path)
        return simulate_flows_file(path, TerritoryScenario(float(telework_days), float(adoption)), area=area or None)


# --- The territory page's simulations, as jobs --------------------------------------------------------------------
# The flows file is streamed to the storage (Django's upload handlers already hold it in a temporary file), a job
# simulates it, and the result is stored beside it for the page, its CSV and its PDF. The session holds which run
# is its own (a random token), so that nobody else reads it.

TERRITORY_JOB = "territory_simulation"
KEPT_TERRITORY_RUN = "simulator_territory_run"
RUNS_FOLDER = "simulations/territoire"
NATIONAL_FOLDER = "simulations/france-synthetique"
RESULT_NAME = "resultat.pickle"


def _run_folder(token, root=RUNS_FOLDER):
    return f"{root}/{token}"


@contextmanager
def local_copy(name):
    """A path on this machine to the stored file `name`: its own path on a local storage, else a temporary copy."""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:
        pass  # a remote storage (S3…): copied to a temporary folder for the readers, which need a path
    with tempfile.TemporaryDirectory(prefix="teletravail-flux-") as folder:
        path = Path(folder) / Path(name).name
        with default_storage.open(name, "rb") as stored, path.open("wb") as copy:
            shutil.copyfileobj(stored, copy, MEGABYTE)
        yield path


def _delete_folder(folder):
    try:
        _subfolders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")


def _remove_stale_runs(root=RUNS_FOLDER):
    """Runs older than the settings' lifetime are removed: a session that ended leaves nothing behind."""
    oldest = timezone.now() - timedelta(hours=settings.SIMULATION_KEPT_FILES_HOURS)
    try:
        tokens, _files = default_storage.listdir(root)
    except FileNotFoundError:
        return
    for token in tokens:
        folder = _run_folder(token, root)
        _subfolders, files = default_storage.listdir(folder)
        if all(default_storage.get_modified_time(f"{folder}/{name}") < oldest for name in files):
            _delete_folder(folder)


def forget_territory_run(session):
    kept = session.pop(KEPT_TERRITORY_RUN, None)
    if kept:
        _delete_folder(_run_folder(kept["token"]))


def _expected_seconds(upload):
    if upload is None:
        return settings.SIMULATION_NATIONAL_EXPECTED_SECONDS
    return max(1.0, upload.size / MEGABYTE * settings.SIMULATION_TERRITORY_SECONDS_PER_MB)


def submit_territory_simulation(session, upload, *, telework_days, adoption, area, user=None):
    """Queue the territory simulation of `upload` (None: the synthetic national table) for this session: (job, True
    when queued now). One run per session: sent again while its run is queued or running, the page follows that one
    (its file is not kept)."""
    if session.session_key is None:
        session.save()  # an anonymous visitor's first form: the job's key needs the session's
    key = f"{TERRITORY_JOB}:{session.session_key}"
    running = Job.objects.filter(key=key, status__in=ACTIVE).first()
    if running is not None and session.get(KEPT_TERRITORY_RUN, {}).get("job") == running.pk:
        return running, False
    forget_territory_run(session)
    _remove_stale_runs()
    token = secrets.token_urlsafe(16)
    name = _upload_name(upload) if upload is not None else ""
    stored = default_storage.save(f"{_run_folder(token)}/{name}", upload) if upload is not None else ""
    payload = {
        "token": token,
        "flows": stored,
        "telework_days": str(telework_days),
        "adoption": str(adoption),
        "area": area or "",
    }
    job, queued_now = submit_job(
        kind=TERRITORY_JOB,
        key=key,
        payload=payload,
        requested_by=user if user is not None and user.is_authenticated else None,
        expected_seconds=_expected_seconds(upload),
        lease_seconds=lease_for(settings.SIMULATION_TERRITORY_MAX_SECONDS),
    )
    if not queued_now:
        _delete_folder(_run_folder(token))
        payload = job.payload
    session[KEPT_TERRITORY_RUN] = {"job": job.pk, "token": payload["token"], "name": name or _("France entière")}
    return job, queued_now


def national_flows_table():
    """The stored name of the synthetic national table, generated (and stored) by the first job that needs it: the
    same seed and parameters always give the same table, so its name holds them."""
    rows = settings.SIMULATION_NATIONAL_FLOWS_ROWS
    name = f"{NATIONAL_FOLDER}/{synthetic_table_name(DEFAULT_SEED, rows)}"
    if default_storage.exists(name):
        return name
    with tempfile.TemporaryDirectory(prefix="teletravail-france-") as folder:
        path = Path(folder) / Path(name).name
        write_synthetic(synthesize(rows=rows, seed=DEFAULT_SEED), path)
        if not default_storage.exists(name):  # another worker may have stored it meanwhile
            with path.open("rb") as table:
                default_storage.save(name, File(table))
    return name


def compute_territory_job(payload):
    """The job's work: the simulation of the uploaded file (within the limits of a job's upload), or of the national
    table (the platform's own file: no limit); the file's problems fail the job with their messages."""
    scenario = TerritoryScenario(float(payload["telework_days"]), float(payload["adoption"]))
    name, limits = payload["flows"], upload_limits("flows_file_job")
    if not name:
        name, limits = national_flows_table(), UNBOUNDED
    try:
        with local_copy(name) as path:
            return simulate_flows_file(path, scenario, area=payload["area"] or None, limits=limits)
    except ImpactInputError as error:
        # One message per line: the page shows the file's problems one by one, as the form did.
        raise ValidationError("\n".join(input_error_messages(error))) from None


def store_territory_job(job, result):
    """The result beside its flows file, pickled: the page, its CSV and its PDF read the engine's result again
    (with its table by commune); only the platform writes to its storage."""
    return _store_result(_run_folder(job.payload["token"]), result)


def _store_result(folder, result):
    name = f"{folder}/{RESULT_NAME}"
    default_storage.delete(name)
    default_storage.save(name, ContentFile(pickle.dumps(result)))
    return {"result": name}


def stored_result(job):
    """What `_store_result` kept for the job, or None while it has none (queued, running, failed, cancelled, or its
    files removed)."""
    stored = job.result.get("result") if job.status == JobStatus.SUCCEEDED else None
    if not stored or not default_storage.exists(stored):
        return None
    with default_storage.open(stored, "rb") as handle:
        return pickle.load(handle)  # noqa: S301 — written by _store_result, never by a visitor


@dataclass(frozen=True)
class TerritoryRun:
    """The territory run of this session: its job and, once it succeeded, its result."""

    job: Job
    name: str

    @property
    def telework_days(self):
        return self.job.payload["telework_days"]

    @property
    def adoption(self):
        return self.job.payload["adoption"]

    @property
    def area(self):
        return self.job.payload["area"]

    @property
    def national(self):
        return not self.job.payload["flows"]

    def result(self):
        """The engine's result, or None while the job has none (queued, running, failed, cancelled, or removed)."""
        return stored_result(self.job)


def kept_territory_run(session):
    """The territory run of this session, or None (none yet, or its job was removed)."""
    kept = session.get(KEPT_TERRITORY_RUN)
    if not kept:
        return None
    job = Job.objects.filter(pk=kept["job"], kind=TERRITORY_JOB, payload__token=kept["token"]).first()
    return None if job is None else TerritoryRun(job, kept["name"])


def cancel_territory_run(session):
    """Cancel this session's run if it is queued or running; False if it had ended (or there is none)."""
    run = kept_territory_run(session)
    return run is not None and cancel_job(job=run.job)


def simulate_organisation_staff(access, sites, data, *, staff_bytes=None, confirmed=None):
    """(result, employees simulated, members skipped) for the employer form's cleaned `data`: the staff file
    (uploaded, or `staff_bytes` kept from the previous upload while job titles are confirmed; the work commune
    defaults to the first site), else the members' home communes."""
    skipped = 0
    if staff_bytes is None and data["staff_file"]:
        staff_bytes = data["staff_file"].read()
    if staff_bytes is not None:
        first_site = sites.first()
        employees = staff_from_file(
            staff_bytes, work_commune=first_site.commune_id if first_site else None, confirmed=confirmed
        )
    else:
        employees, skipped = staff_from_members(
            access, mode=data["mode"], telework_days=data["telework_days"], office_days=data["office_days"]
        )
    if not employees:
        raise ImpactInputError(
            _("Aucun salarié à simuler : renseignez la commune de résidence des membres ou importez un fichier.")
        )
    return _employer_result(employees, data), len(employees), skipped


def _employer_result(employees, data):
    """The employer simulation of `employees` under the hypotheses of the employer form's cleaned `data`."""
    return run_employer_simulation(
        employees=employees,
        desks=data["desks"],
        desk_sharing_ratio=data["desk_sharing_ratio"],
        allowance_eur_per_telework_day=float(data["allowance"] or 0),
    )


def localized_effects(effects):
    """The effects (name → Effect) with labels and units in the active language."""
    language = get_language() or "fr"
    return {name: effect.in_language(language) for name, effect in effects.items()}


def desks_freed_note(result, headcount):
    """What the desks freed are counted on, for the organisation's page and report: the staff covered by the
    calculation against the declared headcount, and the declared desks left out. Empty without desk sharing."""
    if result.employer.desk_sharing_ratio is None:
        return ""
    staff = len(result.employer.employees)
    note = ngettext(
        "Postes libérés calculés sur %(staff)s salarié couvert par le calcul, pour un effectif déclaré de "
        "%(headcount)s.",
        "Postes libérés calculés sur les %(staff)s salariés couverts par le calcul, pour un effectif déclaré de "
        "%(headcount)s.",
        staff,
    ) % {"staff": staff, "headcount": headcount}
    held = result.desks_held
    if held is not None and held < result.employer.desks:
        note += " " + ngettext(
            "Seul %(held)s des %(desks)s postes déclarés leur est compté : un salarié ne libère que son propre poste.",
            "Seuls %(held)s des %(desks)s postes déclarés leur sont comptés : un salarié ne libère que son propre "
            "poste.",
            int(held),
        ) % {"held": f"{held:g}", "desks": f"{result.employer.desks:g}"}
    return note


# --- The employer page's large staff files, as jobs ----------------------------------------------------------------
# From `uploads.staff_file_job_min_rows` rows, the staff file is streamed to the storage (not kept in the session),
# a job reads and simulates it, and the result is stored beside it. The run belongs to the person who sent the file,
# within the organisation: its page checks both. A new calculation on the same file (other hypotheses, job titles
# confirmed) is a new run on a copy of the file; a run's files go with its job.

STAFF_JOB = "employer_simulation"
STAFF_RUNS_FOLDER = "simulations/employeur"
# Reading and simulating a staff file whose job titles are searched: 100,000 rows took 33 s on a quiet machine;
# twice that leaves room for a loaded one (for the progress shown and the run's lease).
STAFF_SECONDS_PER_ROW = 0.0007


class StaffFileNotKept(ImpactInputError):
    """The run whose file a new calculation asks for has no file any more (removed as stale, or its job deleted)."""


def staff_file_rows(upload):
    """The data rows of an uploaded staff file, read as a table only (no commune nor job title looked up); 0 when the
    reader refuses it, so that the request's own reading says why."""
    upload.seek(0)
    try:
        return len(read_table(upload.read(), upload_limits("staff_file")).rows)
    except (TableInputError, UploadLimitError):
        return 0
    finally:
        upload.seek(0)


def staff_file_job_rows(upload):
    """The data rows of a staff file large enough to be simulated by a job (`uploads.staff_file_job_min_rows`), else
    None: smaller files are simulated within the request."""
    rows = staff_file_rows(upload)
    return rows if rows >= load_parameters("uploads")["staff_file_job_min_rows"].at().central else None


def _hypotheses(data):
    """The employer form's cleaned `data` but the file, as the form's own input: the job cleans it again."""
    return {name: "" if value is None else str(value) for name, value in data.items() if name != "staff_file"}


def submit_staff_simulation(access, user, data, *, upload=None, rows=None, kept_run=None, confirmed=None):
    """Queue the simulation of a staff file for `user` in the organisation of `access`: the `upload` of `rows` data
    rows, or the file of a previous run `kept_run` (copied, so that each run owns its files). One run at a time per
    person and organisation: a second one while it is queued or running gets that one. Returns the job."""
    _remove_stale_runs(STAFF_RUNS_FOLDER)
    token = secrets.token_urlsafe(16)
    folder = _run_folder(token, STAFF_RUNS_FOLDER)
    if upload is not None:
        name = Path(upload.name or "personnel.csv").name or "personnel.csv"
        upload.seek(0)
        stored = default_storage.save(f"{folder}/{name}", upload)
    else:
        name = kept_run.payload["name"]
        if not default_storage.exists(kept_run.payload["file"]):
            raise StaffFileNotKept(
                _("Le fichier du personnel n'est plus gardé : envoyez-le de nouveau et cliquez sur « Calculer ».")
            )
        with default_storage.open(kept_run.payload["file"], "rb") as kept:
            stored = default_storage.save(f"{folder}/{name}", File(kept))
    rows = kept_run.payload["rows"] if upload is None else rows
    first_site = organisation_sites(access.organisation).first()
    expected = max(1.0, rows * STAFF_SECONDS_PER_ROW)
    job, queued_now = submit_job(
        kind=STAFF_JOB,
        key=f"{STAFF_JOB}:{access.organisation.pk}:{user.pk}",
        payload={
            "organisation": access.organisation.pk,
            "token": token,
            "file": stored,
            "name": name,
            "rows": rows,
            "hypotheses": _hypotheses(data),
            "work_commune": first_site.commune_id if first_site else None,
            "confirmed": confirmed or {},
        },
        requested_by=user,
        expected_seconds=expected,
        lease_seconds=lease_for(upload_limits("staff_file").seconds + 2 * expected),
    )
    if not queued_now:
        _delete_folder(folder)
    return job


def compute_staff_job(payload):
    """The job's work: the staff file read and simulated as the page does within a request; the file's problems
    fail the job with their messages, one per line."""
    form = EmployerSimulationForm(payload["hypotheses"])
    if not form.is_valid():  # checked when the run was asked for: only a changed bound refuses it now
        raise ValidationError([str(error) for errors in form.errors.values() for error in errors])
    try:
        with local_copy(payload["file"]) as path:
            employees = staff_from_file(path, work_commune=payload["work_commune"], confirmed=payload["confirmed"])
        return _employer_result(employees, form.cleaned_data)
    except ImpactInputError as error:
        raise ValidationError("\n".join(input_error_messages(error))) from None


def store_staff_job(job, result):
    return _store_result(_run_folder(job.payload["token"], STAFF_RUNS_FOLDER), result)


def staff_run_of(access, user, job_id):
    """The staff-file run `job_id` of `user` in the organisation of `access`; Http404 otherwise (another person's
    run, or another organisation's, is not found, like one that does not exist)."""
    job = Job.objects.filter(
        pk=job_id, kind=STAFF_JOB, requested_by=user, payload__organisation=access.organisation.pk
    ).first()
    if job is None:
        raise Http404
    return job


@receiver(post_delete, sender=Job)
def delete_run_files(sender, instance, **kwargs):
    """A simulation job removed (retention, erasure) takes its files with it."""
    if instance.kind == STAFF_JOB:
        _delete_folder(_run_folder(instance.payload["token"], STAFF_RUNS_FOLDER))
    elif instance.kind == TERRITORY_JOB:
        _delete_folder(_run_folder(instance.payload["token"]))
