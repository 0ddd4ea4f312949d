"""The page of the equality indicators; their table is also inside the diagnostic's results and the planner."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from teletravail.apps.core.pages import organisation_context
from teletravail.apps.equality import selectors


@require_GET
@login_required
def index(request, organisation_id):
    access = selectors.equality_access(request.user, organisation_id)
    return render(
        request,
        "equality/index.html",
        organisation_context(access, "diagnostic", **selectors.equality_table_context(access.organisation)),
    )
