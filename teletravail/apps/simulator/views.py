import base64
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teletravail.apps.core.downloads import csv_download
from teletravail.apps.core.pages import organisation_context
from teletravail.apps.core.uploads import add_input_errors
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.selectors import failure_message, job_progress, job_state
from teletravail.apps.jobs.services import cancel_job, sweep_stale_jobs
from teletravail.apps.organisations.selectors import organisation_sites
from teletravail.apps.places.presentation import near_home_section
from teletravail.apps.simulator.forms import (
    FLOWS_FILE,
    MODE_NAMES,
    NATIONAL_TABLE,
    EmployerSimulationForm,
    PersonSimulationForm,
    TerritorySimulationForm,
)
from teletravail.apps.simulator.presentation import (
    communes_table,
    employer_balance_rows,
    parameter_group_table,
    person_results,
    results_table,
    territory_results,
)
from teletravail.apps.simulator.selectors import employer_page_access, parameter_lines
from teletravail.apps.simulator.services import (
    cancel_territory_run,
    desks_freed_note,
    kept_territory_run,
    localized_effects,
    run_territory_simulation,
    simulate_organisation_staff,
    simulate_person_form,
    staff_file_job_rows,
    staff_run_of,
    stored_result,
    submit_staff_simulation,
    submit_territory_simulation,
)
from teletravail.geo import normalize
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.params import parameter_rows


def person(request):
    """The public person simulator: a GET form, so that a result can be bookmarked and shared."""
    form = PersonSimulationForm(request.GET or None)
    context = {"form": form}
    simulation = simulated(form, simulate_person_form) if form.is_bound else None
    if simulation is not None:
        result, distance = simulation
        if request.GET.get("format") == "csv":
            return _results_csv(result, "simulation-teletravail.csv")
        context.update(person_results(result, distance), csv_query=request.GET.urlencode() + "&format=csv")
        data = form.cleaned_data
        if data["home"] and data["work"]:
            mode = data["mode"]
            context["near_home"] = near_home_section(data["home"], data["work"], mode, MODE_NAMES[mode])
    return render(request, "simulator/person.html", context)


def simulated(form, simulate):
    """What `simulate(form.cleaned_data)` gives for a valid form; None when the form is invalid or the engine refuses
    the input, its French messages then shown on the form."""
    if not form.is_valid():
        return None
    try:
        return simulate(form.cleaned_data)
    except ImpactInputError as error:
        add_input_errors(form, error)
        return None


def _results_csv(result, filename):
    return csv_download(results_table(result), filename)


def parameters(request):
    """Every parameter of the simulator, with its value, date and source: the open-data release, readable."""
    if request.GET.get("format") == "csv":
        rows = parameter_rows(all_values=True)
        columns = list(rows[0])
        return csv_download(
            [columns, *([row[column] for column in columns] for row in rows)], "parametres-teletravail.csv"
        )
    query = request.GET.get("q", "").strip()
    groups = [(label, parameter_group_table(label, lines), shown) for label, lines, shown in parameter_lines(query)]
    return render(
        request,
        "simulator/parameters.html",
        {"groups": groups, "query": query, "count": sum(shown for _label, _table, shown in groups)},
    )


@login_required
def organisation(request, organisation_id):
    """Expected effects for the organisation's staff: its members' home communes, or an uploaded staff file."""
    access = employer_page_access(request.user, organisation_id)
    sites = organisation_sites(access.organisation)
    initial = {"desks": sites.aggregate(total=Sum("desks"))["total"]}
    form = EmployerSimulationForm(request.POST or None, request.FILES or None, initial=initial)
    context = organisation_context(access, "simulator", form=form)
    simulation = simulated_staff(request, access, sites, form) if request.method == "POST" else None
    if isinstance(simulation, Job):
        return redirect(staff_run_url(access, simulation))
    if simulation is not None:
        if request.POST.get("format") == "csv":
            return _results_csv(simulation.result, "effets-teletravail-organisation.csv")
        context.update(staff_results(access, simulation))
    return render(request, "simulator/organisation.html", context)


def staff_results(access, simulation):
    """What the employer page shows of a simulation (of the request, or of a run's job)."""
    result = simulation.result
    return {
        "result": result,
        "effects": localized_effects(result.effects),
        "employees": simulation.employees,
        "skipped": simulation.skipped,
        "from_file": simulation.from_file,
        "balance_rows": employer_balance_rows(result),
        "desks_note": desks_freed_note(result, access.organisation.headcount),
        "uncertain": result.uncertain_professions,
        "unconfirmed": int(result.totals.get("employees_with_unconfirmed_profession", 0)),
    }


@dataclass(frozen=True)
class StaffSimulation:
    result: object
    employees: int  # how many were simulated
    skipped: int  # members without a home commune
    from_file: bool  # of a staff file (uploaded or kept), not of the members


def simulated_staff(request, access, sites, form):
    """The employer simulation of the posted form, on the staff file uploaded or kept (with the job titles
    confirmed) or on the members; None when the form or the engine refuses the input (see `simulated`). A large
    staff file, or a new calculation on the file of such a run, is queued instead: the run's Job."""

    def simulate(data):
        upload = data["staff_file"]
        rows = staff_file_job_rows(upload) if upload else None
        kept_run = None if upload else posted_staff_run(request, access)
        if rows is not None or kept_run is not None:
            request.session.pop(STORED_STAFF_FILE, None)  # this file is in the storage, not in the session
            confirmed = {} if kept_run is None else confirmed_titles(request, kept=kept_run.payload["confirmed"])
            return submit_staff_simulation(
                access, request.user, data, upload=upload, rows=rows, kept_run=kept_run, confirmed=confirmed
            )
        staff_bytes = kept_staff_file(request, upload)
        result, employees, skipped = simulate_organisation_staff(
            access, sites, data, staff_bytes=staff_bytes, confirmed=confirmed_titles(request)
        )
        return StaffSimulation(result, employees, skipped, from_file=staff_bytes is not None)

    return simulated(form, simulate)


STORED_STAFF_FILE = "simulator_staff_file"
CONFIRMED_TITLES = "simulator_confirmed_titles"
# Posted by the page's form once a result comes from a staff file: a new calculation, the PDF and the CSV use the
# kept file, so that a download is of the result on screen (the browser empties the file field).
KEPT_STAFF_FILE = "kept_staff_file"
# Posted instead once the result is a run's (a large file, simulated by a job): a new calculation is a new run on
# that run's file.
KEPT_STAFF_RUN = "kept_staff_run"


def posted_staff_run(request, access):
    """The run whose file the posted form asks a new calculation on (Http404 if it is not the user's), or None."""
    run_id = request.POST.get(KEPT_STAFF_RUN, "")
    return staff_run_of(access, request.user, int(run_id)) if run_id.isdigit() else None


def kept_staff_file(request, upload):
    """The staff file's bytes: the upload, kept in the session so that job titles can be confirmed and results
    downloaded without sending the file again; or, when the page's form says so, the kept file. None without."""
    if upload:
        data = upload.read()
        request.session[STORED_STAFF_FILE] = base64.b64encode(data).decode("ascii")
        request.session[CONFIRMED_TITLES] = {}  # a new file: its titles are confirmed anew
        return data
    wants_kept = request.POST.get("confirm_titles") or request.POST.get(KEPT_STAFF_FILE)
    if wants_kept and STORED_STAFF_FILE in request.session:
        return base64.b64decode(request.session[STORED_STAFF_FILE])
    return None


def confirmed_titles(request, kept=None):
    """Normalised job title → PCS 2020 code chosen in the confirmation table (« title-N » and « pcs-N »), added
    to the choices already made for the kept file (those of the session, or `kept`, those of a run), so that a
    second round of confirmation keeps the first."""
    chosen = dict(request.session.get(CONFIRMED_TITLES, {}) if kept is None else kept)
    if not request.POST.get("confirm_titles"):
        return chosen if request.POST.get(KEPT_STAFF_FILE) or kept is not None else {}
    for key, title in request.POST.items():
        code = request.POST.get("pcs-" + key.removeprefix("title-")) if key.startswith("title-") else None
        if code:
            chosen[normalize(title)] = code
    if kept is None:
        request.session[CONFIRMED_TITLES] = chosen
    return chosen


def staff_run_url(access, job):
    return reverse("simulator:organisation_run", kwargs={"organisation_id": access.organisation.pk, "run_id": job.pk})


def _staff_run(request, organisation_id, run_id):
    access = employer_page_access(request.user, organisation_id)
    job = staff_run_of(access, request.user, run_id)
    sweep_stale_jobs()
    job.refresh_from_db()
    return access, job


@login_required
def organisation_run(request, organisation_id, run_id):
    """A large staff file simulated by a job: its progress (in place where JavaScript runs, a link otherwise), why
    it failed, or its result, with the page's form to calculate again on the same file, and its CSV."""
    access, job = _staff_run(request, organisation_id, run_id)
    texts = {
        JobStatus.QUEUED: _("En attente d'un serveur de calcul…"),
        JobStatus.RUNNING: _("Calcul en cours : %(percent)d %%.") % {"percent": job_progress(job)},
        JobStatus.SUCCEEDED: _("Le calcul est terminé."),
        JobStatus.FAILED: _("Le calcul a échoué."),
        JobStatus.CANCELLED: _(
            "Calcul annulé : envoyez de nouveau le fichier du personnel et cliquez sur « Calculer »."
        ),
    }
    state = job_state(job, texts=texts, url=staff_run_url(access, job))
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(state)
    result = stored_result(job)
    if result is not None and request.GET.get("format") == "csv":
        return _results_csv(result, "effets-teletravail-organisation.csv")
    form = EmployerSimulationForm(job.payload["hypotheses"])
    form.is_valid()  # its fields show the hypotheses of the run
    context = organisation_context(
        access, "simulator", form=form, run=job, state=state, status_url=state["url"], poll_seconds=1
    )
    if result is not None:
        context.update(staff_results(access, run_simulation(result)))
    elif job.status == JobStatus.SUCCEEDED:
        context["no_kept_result"] = True  # its files were removed as stale
    return render(request, "simulator/organisation.html", context)


def run_simulation(result):
    """The StaffSimulation of a run's stored result: all of a file's employees are simulated."""
    return StaffSimulation(result, len(result.employer.employees), 0, from_file=True)


@login_required
@require_POST
def organisation_run_cancel(request, organisation_id, run_id):
    """« Annuler le calcul »: the run's result, if its job ends anyway, is never stored nor shown."""
    access, job = _staff_run(request, organisation_id, run_id)
    if not cancel_job(job=job):
        messages.info(request, _("Le calcul était déjà terminé."))
    return redirect(staff_run_url(access, job))


def territory(request):
    """A telework scenario on commuter flows: totals, and the communes that gain and lose daytime presence.

    « Calculer » streams the flows file to the storage and queues a job (or queues one on the synthetic national
    table); the page then shows the job's progress, its failure in French, or its result, whose CSV and PDF are of
    that result, without sending the file again. A CSV posted with its file is computed within the request."""
    run = kept_territory_run(request.session)
    if request.method == "GET" and request.GET.get("format") == "csv":
        result = run.result() if run is not None else None
        if result is None:
            return _no_kept_result(request)
        return _communes_csv(result)
    if request.method == "POST":
        form = TerritorySimulationForm(request.POST, request.FILES or None)
        if request.POST.get("format") == "csv":
            result = simulated(form, simulate_posted_flows)
            if result is not None:
                return _communes_csv(result)
        elif form.is_valid():
            data = form.cleaned_data
            _job, queued_now = submit_territory_simulation(
                request.session,
                data["flows_file"] if data["source"] == FLOWS_FILE else None,
                telework_days=data["telework_days"],
                adoption=data["adoption"],
                area=data["area"],
                user=request.user,
            )
            if not queued_now:
                messages.info(request, _("Un calcul est déjà en cours : voici où il en est."))
            return redirect("simulator:territory")
        return render(request, "simulator/territory.html", {"form": form})
    context = {"form": kept_run_form(run) if run is not None else TerritorySimulationForm()}
    if run is not None:
        sweep_stale_jobs()
        run.job.refresh_from_db()
        context.update(territory_run_state(run))
    return render(request, "simulator/territory.html", context)


def kept_run_form(run):
    """The page's form as it was sent for the kept run (its file named, not read again): shown above the run, and
    the table of inputs of its report."""
    data = {
        "source": NATIONAL_TABLE if run.national else FLOWS_FILE,
        "telework_days": run.telework_days,
        "adoption": format((Decimal(run.adoption) * 100).normalize(), "f"),
        "area": run.area,
    }
    form = TerritorySimulationForm(data, {} if run.national else {"flows_file": SimpleUploadedFile(run.name, b"")})
    form.fields["flows_file"].allow_empty_file = True  # its name stands for the file, read by the job
    form.full_clean()
    return form


def territory_run_state(run):
    """What the page shows of this session's run: its progress while queued or running, why it failed, or its
    result."""
    job = run.job
    text = {
        JobStatus.QUEUED: _("En attente d'un serveur de calcul…"),
        JobStatus.RUNNING: _("Calcul en cours : %(percent)d %%.") % {"percent": job_progress(job)},
        JobStatus.SUCCEEDED: _("Le calcul est terminé."),
        JobStatus.FAILED: _("Le calcul a échoué."),
        JobStatus.CANCELLED: _("Calcul annulé : envoyez de nouveau le fichier des flux et cliquez sur « Calculer »."),
    }[job.status]
    state = {
        "run": run,
        "job": job,
        "run_text": text,
        "progress": job_progress(job),
        "failure": failure_message(job).splitlines(),
    }
    result = run.result()
    if result is not None:
        state.update(territory_results(result, run.area))
    elif job.status == JobStatus.SUCCEEDED:
        state["no_kept_result"] = True  # its files were removed as stale
    return state


@require_POST
def territory_cancel(request):
    """« Annuler le calcul »: the run's result, if its job ends anyway, is never stored nor shown."""
    if not cancel_territory_run(request.session):
        messages.info(request, _("Le calcul était déjà terminé."))
    return redirect("simulator:territory")


def simulate_posted_flows(data):
    """The simulation of a flows file posted with a download, within the request (the national table and large
    files go through « Calculer », as a job)."""
    if data["source"] != FLOWS_FILE:
        raise ImpactInputError(_("La table nationale se calcule en arrière-plan : cliquez sur « Calculer »."))
    return run_territory_simulation(
        data["flows_file"], telework_days=data["telework_days"], adoption=data["adoption"], area=data["area"]
    )


def _no_kept_result(request):
    """A download asked for after the session's result expired: the page, saying to calculate again."""
    context = {"form": TerritorySimulationForm(), "no_kept_result": True}
    return render(request, "simulator/territory.html", context, status=400)


def _communes_csv(result):
    return csv_download(communes_table(result), "simulation-territoire-communes.csv")
