"""What the places directory contributes to the organisation's journey (step 2): a public tool, not a measured task."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teletravail.apps.organisations.journey import Task, register_tasks


@register_tasks(step=2, position=15)
def places_near_home(access):
    return (Task(_("Trouver des lieux de télétravail près du domicile"), None, reverse("places:index")),)
