"""PDF reports of the simulator pages: the same form, the same simulation, rendered as a document to download.

Invalid input gives back the page with its French errors (status 400); the employer report obeys the access
rules of the employer page.
"""

from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.shortcuts import render
from django.utils.text import slugify

from teletravail.apps.core.downloads import file_download
from teletravail.apps.core.pages import organisation_context
from teletravail.apps.core.uploads import add_input_errors
from teletravail.apps.organisations.selectors import organisation_access, organisation_sites
from teletravail.apps.simulator import reports
from teletravail.apps.simulator.forms import EmployerSimulationForm, PersonSimulationForm, TerritorySimulationForm
from teletravail.apps.simulator.presentation import emission_balance_rows, employer_balance_rows, territory_results
from teletravail.apps.simulator.services import (
    kept_territory_run,
    run_territory_simulation,
    simulate_organisation_staff,
    simulate_person_form,
)
from teletravail.apps.simulator.views import confirmed_titles, kept_staff_file
from teletravail.documents import render_pdf
from teletravail.impact.errors import ImpactInputError


def _pdf_response(document, filename):
    return file_download(render_pdf(document), filename, "application/pdf")


def person_report(request):
    """The person simulator's report, from the same GET query as the page."""
    form = PersonSimulationForm(request.GET)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result, distance = simulate_person_form(data)
        except ImpactInputError as error:
            add_input_errors(form, error)
        else:
            document = reports.person_report(form, result, distance, emission_balance_rows(result))
            return _pdf_response(document, "rapport-simulation-teletravail.pdf")
    return render(request, "simulator/person.html", {"form": form}, status=400)


@login_required
def organisation_report(request, organisation_id):
    """The employer simulator's report: a GET query (members' communes) or the page's form posted with a file."""
    access = organisation_access(request.user, organisation_id)
    access.require("can_see_member_list")
    sites = organisation_sites(access.organisation)
    data = request.POST if request.method == "POST" else request.GET
    form = EmployerSimulationForm(data, request.FILES or None)
    if form.is_valid():
        staff_bytes = kept_staff_file(request, form.cleaned_data["staff_file"])
        try:
            result, employees, skipped = simulate_organisation_staff(
                access, sites, form.cleaned_data, staff_bytes=staff_bytes, confirmed=confirmed_titles(request)
            )
        except ImpactInputError as error:
            add_input_errors(form, error)
        else:
            document = reports.employer_report(
                form,
                access.organisation,
                result,
                employees=employees,
                skipped=skipped,
                from_file=staff_bytes is not None,
                balance_rows=employer_balance_rows(result),
            )
            filename = f"rapport-effets-teletravail-{slugify(access.organisation.name) or access.organisation.pk}.pdf"
            return _pdf_response(document, filename)
    context = organisation_context(access, "simulator", form=form)
    return render(request, "simulator/organisation.html", context, status=400)


def territory_report(request):
    """The territory simulator's report: of the result on screen (kept by « Calculer », asked for by a link), or of
    the page's form posted with its flows file."""
    if request.method == "GET":
        run = kept_territory_run(request.session)
        if run is None:
            context = {"form": TerritorySimulationForm(), "no_kept_result": True}
            return render(request, "simulator/territory.html", context, status=400)
        return _territory_pdf(_kept_run_form(run), run.simulate(), run.area)
    form = TerritorySimulationForm(request.POST, request.FILES or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = run_territory_simulation(
                data["flows_file"], telework_days=data["telework_days"], adoption=data["adoption"], area=data["area"]
            )
        except ImpactInputError as error:
            add_input_errors(form, error)
        else:
            return _territory_pdf(form, result, data["area"])
    return render(request, "simulator/territory.html", {"form": form}, status=400)


def _kept_run_form(run):
    """The page's form as it was posted for the kept run, for the report's table of inputs."""
    scenario = {"telework_days": run.telework_days, "adoption": run.adoption, "area": run.area}
    with run.path.open("rb") as handle:
        form = TerritorySimulationForm(scenario, {"flows_file": File(handle, name=run.path.name)})
        form.full_clean()
    return form


def _territory_pdf(form, result, area):
    document = reports.territory_report(form, territory_results(result, area))
    return _pdf_response(document, "rapport-simulation-territoire.pdf")
