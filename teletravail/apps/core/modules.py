"""The platform's modules, as shown on the home page and the tools page.

A module without `url_name` nor `organisation_url_name` is not built yet: pages show it as « à venir » and never
link to it. A module that works inside an organisation (planner, diagnostic, charter) names its organisation page; the
public link goes through `home:open_module`, which signs the person in and picks the organisation.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    summary: str
    audience: str
    plan_actions: str
    url_name: str | None = None
    organisation_url_name: str | None = None  # takes `organisation_id`

    @property
    def is_available(self):
        return self.url_name is not None or self.organisation_url_name is not None

    @property
    def url(self):
        if self.url_name:
            return reverse(self.url_name)
        if self.organisation_url_name:
            return reverse("home:open_module", kwargs={"slug": self.slug})
        return None

    def organisation_url(self, organisation):
        return reverse(self.organisation_url_name, kwargs={"organisation_id": organisation.pk})


def module_by_slug(slug):
    return next((module for module in MODULES if module.slug == slug), None)


MODULES = [
    Module(
        "communes",
        _("Communes et distances"),
        _("Retrouver une commune par son nom, son code postal ou son code INSEE et estimer la distance entre deux."),
        _("Tout public"),
        _("Géographie de référence (COG 2026)"),
        url_name="geo:communes",
    ),
    Module(
        "diagnostic",
        _("Diagnostic de télétravaillabilité"),
        _("Identifier avec les salariés les activités qui peuvent être faites à distance et les obstacles à lever."),
        _("Employeurs, managers, salariés"),
        _("Objectif Télétravail, point 1"),
        organisation_url_name="diagnostic:index",
    ),
    Module(
        "planning",
        _("Planning hybride"),
        _(
            "Organiser les jours sur site et à distance en gardant le collectif et en respectant les postes "
            "disponibles."
        ),
        _("Managers, salariés"),
        _("Objectif Télétravail, points 3 et 4 ; action 8 du plan"),
        organisation_url_name="planner:index",
    ),
    Module(
        "charte",
        _("Charte et accord"),
        _("Rédiger une charte ou un accord conforme au Code du travail ou aux règles de la fonction publique."),
        _("Employeurs, représentants du personnel"),
        _("Objectif Télétravail, point 5 ; actions 9 et 10"),
        organisation_url_name="charters:index",
    ),
    Module(
        "simulateur",
        _("Simulateur d'impact"),
        _("Temps, kilomètres, CO2, argent, accidents évités : pour une personne, un employeur ou un territoire."),
        _("Tout public, employeurs, collectivités"),
        _("Action 20 du plan"),
        url_name="simulator:person",
    ),
    Module(
        "lieux",
        _("Lieux de télétravail"),
        _(
            "Annuaire et carte des tiers-lieux et espaces de coworking : recherche par commune ou code postal, "
            "rayon, services, accessibilité, horaires ; un widget à intégrer au site d'une collectivité."
        ),
        _("Salariés, gestionnaires de lieux, collectivités"),
        _("Actions 11, 12, 14 et 15"),
        url_name="places:index",
    ),
]
