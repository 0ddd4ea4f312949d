"""Where a signed-in person lands: their organisations, a module opened in the right one, an organisation's journey.

These pages sit at the top of the layers: they read the organisations and what the modules registered, and no app
below imports them.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from teletravail.apps.core.modules import module_by_slug
from teletravail.apps.notifications.my_tasks import personal_tasks
from teletravail.apps.organisations.journey import journey_steps, next_task
from teletravail.apps.organisations.selectors import organisation_access, organisations_of


def tasks_by_organisation(accesses):
    """[(organisation, its tasks for this person)] for the organisations where the person has something to do."""
    found = ((access.organisation, personal_tasks(access)) for access in accesses)
    return [(organisation, tasks) for organisation, tasks in found if tasks]


@login_required
def dashboard(request):
    """Each person lands on their own tasks; the employer admin of a single organisation, on its journey (the
    employer's checklist, which shows their own tasks too)."""
    member_of, consulted = organisations_of(request.user)
    accesses = [organisation_access(request.user, organisation.pk) for organisation in member_of]
    if len(accesses) == 1 and accesses[0].is_employer_admin and not consulted.exists():
        return redirect("home:journey", organisation_id=accesses[0].organisation.pk)
    return render(
        request,
        "home/dashboard.html",
        {
            "member_of": member_of,
            "consulted": consulted,
            "my_tasks": tasks_by_organisation(accesses),
            "show_organisation": len(accesses) > 1,
        },
    )


@login_required
def open_module(request, slug):
    """A module used inside an organisation: straight to it when the person has one organisation, else a choice."""
    module = module_by_slug(slug)
    if module is None or module.organisation_url_name is None:
        raise Http404
    member_of, consulted = organisations_of(request.user)
    organisations = [*member_of, *consulted]
    if len(organisations) == 1:
        return redirect(module.organisation_url(organisations[0]))
    choices = [(organisation, module.organisation_url(organisation)) for organisation in organisations]
    return render(request, "home/open_module.html", {"module": module, "choices": choices})


@login_required
def journey(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    steps = journey_steps(access)
    return render(
        request,
        "home/journey.html",
        {
            "access": access,
            "organisation": access.organisation,
            "steps": steps,
            "next_task": next_task(steps),
            "my_tasks": tasks_by_organisation([access]),
        },
    )
