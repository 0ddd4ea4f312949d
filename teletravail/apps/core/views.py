from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from teletravail.apps.core.modules import MODULES, module_by_slug
from teletravail.apps.organisations.selectors import organisations_of


def home(request):
    return render(request, "core/home.html", {"modules": MODULES})


def modules(request):
    return render(request, "core/modules.html", {"modules": MODULES})


@login_required
def dashboard(request):
    """Where a signed-in person lands: straight to the journey when they belong to exactly one organisation."""
    member_of, consulted = organisations_of(request.user)
    if len(member_of) == 1 and not consulted.exists():
        return redirect("organisations:journey", organisation_id=member_of[0].pk)
    return render(request, "core/dashboard.html", {"member_of": member_of, "consulted": consulted})


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
    return render(request, "core/open_module.html", {"module": module, "choices": choices})


def legal_notice(request):
    return render(request, "core/legal/legal_notice.html")


def personal_data(request):
    return render(request, "core/legal/personal_data.html")


def accessibility(request):
    return render(request, "core/legal/accessibility.html")


def sitemap(request):
    return render(request, "core/legal/sitemap.html", {"modules": MODULES})
