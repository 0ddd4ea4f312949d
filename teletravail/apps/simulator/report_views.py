"""PDF reports of the simulator pages: the same form, the same simulation, built as a document whose rendering a
job does (the page answers at once with the job's progress, then the file).

Invalid input gives back the page with its French errors (status 400); the employer report obeys the access
rules of the employer page.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify

from teletravail.apps.core.pages import organisation_context
from teletravail.apps.jobs.documents import queued_document
from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations.selectors import organisation_sites
from teletravail.apps.simulator import reports
from teletravail.apps.simulator.forms import EmployerSimulationForm, PersonSimulationForm, TerritorySimulationForm
from teletravail.apps.simulator.presentation import emission_balance_rows, employer_balance_rows, territory_results
from teletravail.apps.simulator.selectors import EMPLOYER_PAGE, employer_page_access
from teletravail.apps.simulator.services import kept_territory_run, simulate_person_form, staff_run_of, stored_result
from teletravail.apps.simulator.views import (
    kept_run_form,
    run_simulation,
    simulate_posted_flows,
    simulated,
    simulated_staff,
    staff_run_url,
)


def _pdf_response(request, document, filename, access=None):
    return queued_document(request, document, output_format="pdf", filename=filename, access=access)


def person_report(request):
    """The person simulator's report, from the same GET query as the page."""
    form = PersonSimulationForm(request.GET)
    simulation = simulated(form, simulate_person_form)
    if simulation is not None:
        result, distance = simulation
        document = reports.person_report(form, result, distance, emission_balance_rows(result))
        return _pdf_response(request, document, "rapport-simulation-teletravail.pdf")
    return render(request, "simulator/person.html", {"form": form}, status=400)


@login_required
def organisation_report(request, organisation_id):
    """The employer simulator's report: a GET query (members' communes) or the page's form posted with a file."""
    access = employer_page_access(request.user, organisation_id)
    sites = organisation_sites(access.organisation)
    data = request.POST if request.method == "POST" else request.GET
    form = EmployerSimulationForm(data, request.FILES or None)
    simulation = simulated_staff(request, access, sites, form)
    if isinstance(simulation, Job):  # a large staff file: its run's page offers the report once it is ready
        return redirect(staff_run_url(access, simulation))
    if simulation is not None:
        return _employer_pdf(request, access, form, simulation)
    context = organisation_context(access, "simulator", form=form)
    return render(request, "simulator/organisation.html", context, status=400)


@login_required
def organisation_run_report(request, organisation_id, run_id):
    """The report of a large staff file's run, once its job has stored the result."""
    access = employer_page_access(request.user, organisation_id)
    run = staff_run_of(access, request.user, run_id)
    result = stored_result(run)
    if result is None:
        raise Http404
    form = EmployerSimulationForm(run.payload["hypotheses"])
    form.is_valid()
    return _employer_pdf(request, access, form, run_simulation(result))


def _employer_pdf(request, access, form, simulation):
    document = reports.employer_report(
        form,
        access.organisation,
        simulation.result,
        employees=simulation.employees,
        skipped=simulation.skipped,
        from_file=simulation.from_file,
        balance_rows=employer_balance_rows(simulation.result),
    )
    filename = f"rapport-effets-teletravail-{slugify(access.organisation.name) or access.organisation.pk}.pdf"
    return _pdf_response(request, document, filename, (EMPLOYER_PAGE, {"organisation_id": access.organisation.pk}))


def territory_report(request):
    """The territory simulator's report: of the result on screen (its job's, asked for by a link), or of the page's
    form posted with its flows file (computed within the request)."""
    if request.method == "GET":
        run = kept_territory_run(request.session)
        result = run.result() if run is not None else None
        if result is None:
            context = {"form": TerritorySimulationForm(), "no_kept_result": True}
            return render(request, "simulator/territory.html", context, status=400)
        return _territory_pdf(request, kept_run_form(run), result, run.area)
    form = TerritorySimulationForm(request.POST, request.FILES or None)
    result = simulated(form, simulate_posted_flows)
    if result is not None:
        return _territory_pdf(request, form, result, form.cleaned_data["area"])
    return render(request, "simulator/territory.html", {"form": form}, status=400)


def _territory_pdf(request, form, result, area):
    document = reports.territory_report(form, territory_results(result, area))
    return _pdf_response(request, document, "rapport-simulation-territoire.pdf")
