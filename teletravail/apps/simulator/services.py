"""The simulator's shell: turns form or API input into engine calls. The arithmetic lives in teletravail.impact."""

import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from teletravail.apps.organisations.selectors import organisation_sites, visible_memberships
from teletravail.impact.communes import commute_distance
from teletravail.impact.employer import Employee, EmployerInput, job_titles_to_search, read_staff, simulate_employer
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.simulation import simulate_flows_file
from teletravail.impact.params import ImpactParameters
from teletravail.impact.person import simulate_person
from teletravail.impact.territory import TerritoryScenario


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
    """A territory scenario on an uploaded flows file (the reader needs a path: the upload is spooled to a private
    folder under its own name)."""
    with tempfile.TemporaryDirectory(prefix="teletravail-flux-") as folder:
        path = Path(folder) / _upload_name(upload)
        _spool(upload, path)
        return simulate_flows_file(path, TerritoryScenario(float(telework_days), float(adoption)), area=area or None)


KEPT_TERRITORY_RUN = "simulator_territory_run"


@dataclass(frozen=True)
class TerritoryRun:
    """The flows file and the scenario of the territory result on screen, kept for its downloads."""

    path: Path
    telework_days: str
    adoption: str
    area: str

    def simulate(self):
        scenario = TerritoryScenario(float(self.telework_days), float(self.adoption))
        return simulate_flows_file(self.path, scenario, area=self.area or None)


def _kept_runs_folder():
    return Path(settings.SIMULATION_KEPT_FILES_DIR)


def _remove_stale_runs(folder):
    """Kept files older than the settings' lifetime are removed: a session that ended leaves nothing behind."""
    oldest = time.time() - settings.SIMULATION_KEPT_FILES_HOURS * 3600
    for run in folder.iterdir() if folder.is_dir() else ():
        if run.is_dir() and run.stat().st_mtime < oldest:
            shutil.rmtree(run, ignore_errors=True)


def forget_territory_run(session):
    kept = session.pop(KEPT_TERRITORY_RUN, None)
    if kept:
        shutil.rmtree(_kept_runs_folder() / kept["token"], ignore_errors=True)


def keep_territory_run(session, upload, *, telework_days, adoption, area):
    """Keep the flows file (in a private folder, named by a random token held in the session) and the scenario, so
    that the CSV and the PDF downloaded after « Calculer » are of the result on screen, without the file again."""
    forget_territory_run(session)
    root = _kept_runs_folder()
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_runs(root)
    token = secrets.token_urlsafe(16)
    folder = root / token
    folder.mkdir(mode=0o700)
    name = _upload_name(upload)
    _spool(upload, folder / name)
    session[KEPT_TERRITORY_RUN] = {
        "token": token,
        "name": name,
        "telework_days": str(telework_days),
        "adoption": str(adoption),
        "area": area or "",
    }
    return kept_territory_run(session)


def kept_territory_run(session):
    """The territory run kept in this session, or None (none yet, or its file was removed as stale)."""
    kept = session.get(KEPT_TERRITORY_RUN)
    if not kept:
        return None
    path = _kept_runs_folder() / kept["token"] / kept["name"]
    if not path.is_file():
        return None
    return TerritoryRun(path, kept["telework_days"], kept["adoption"], kept["area"])


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
    result = run_employer_simulation(
        employees=employees,
        desks=data["desks"],
        desk_sharing_ratio=data["desk_sharing_ratio"],
        allowance_eur_per_telework_day=float(data["allowance"] or 0),
    )
    return result, len(employees), skipped


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
