from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from teletravail.apps.organisations.selectors import organisation_access


@login_required
def journey(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    return render(request, "organisations/journey.html", {"access": access, "organisation": access.organisation})
