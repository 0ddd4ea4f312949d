"""The tables of the communes page, drawn by `core/_table.html`."""

from django.utils.formats import localize
from django.utils.translation import gettext as _

from teletravail.apps.core.tables import Column, number, table


def communes_table(communes):
    rows = [
        (
            commune.name,
            commune.code,
            f"{commune.departement.name} ({commune.departement_id})",
            commune.region.name,
            commune.epci.name if commune.epci else _("aucune"),
            number(commune.population),
        )
        for commune in communes
    ]
    columns = (_("Commune"), _("Code INSEE"), _("Département"), _("Région"), _("Intercommunalité (EPCI)"))
    return table(
        _("Données de référence des deux communes"),
        columns + (Column(_("Population"), numeric=True),),
        rows,
        classes="fr-mb-4w",
    )


def distance_table(estimate):
    """The distance as the crow flies, the detour factor and the road distance, low, central and high."""

    def km(value):
        return number(value, "fixed", places=1)

    rows = [
        (_("À vol d'oiseau (km)"), None, km(estimate.great_circle_km), None),
        (
            _("Facteur de détour"),
            localize(estimate.detour_factor_low),
            localize(estimate.detour_factor),
            localize(estimate.detour_factor_high),
        ),
        (
            _("Par la route, estimation (km)"),
            km(estimate.road_km_low),
            km(estimate.road_km),
            km(estimate.road_km_high),
        ),
    ]
    columns = (_("Mesure"), *(Column(label, numeric=True) for label in (_("Basse"), _("Centrale"), _("Haute"))))
    return table(_("Distance entre les deux communes"), columns, rows, classes="fr-mb-3w")
