"""The tables of the places pages (an operator's history of a place, what a moderator reads of a proposed record, the
prices of a place), drawn by `core/_table.html`."""

from django.urls import reverse
from django.utils.translation import gettext as _

from teletravail import french
from teletravail.apps.core.tables import Cell, Column, moment, number, table


def _moment_cell(value):
    return Cell(moment(value, "SHORT_DATETIME_FORMAT"), datetime=moment(value, "c")) if value else None


def history_table(place):
    """Each version the operator proposed of `place`, with the moderator's decision and reason."""
    rows = [
        (
            _moment_cell(revision.created_at),
            revision.get_decision_display(),
            revision.reason,
            _moment_cell(revision.decided_at),
        )
        for revision in place.revisions.all()
    ]
    return table(
        _("Historique de la fiche de %(name)s") % {"name": place.name},
        (_("Proposée le"), _("Décision"), _("Raison"), _("Décidée le")),
        rows,
        row_header=None,
    )


def proposed_table(proposed):
    """`proposed`: (label, value) of each field of a proposed record (`presentation.proposed_rows`)."""
    return table(_("Valeurs proposées"), (_("Champ"), _("Valeur proposée")), proposed)


def offers_table(offers):
    """`offers`: the place's offers as `presentation.offer_rows` writes them."""
    rows = [(offer.label, offer.price_excl_vat, offer.vat_rate, offer.price_incl_vat) for offer in offers]
    columns = (_("Offre"), Column(_("Prix HT"), numeric=True), Column(_("TVA"), numeric=True))
    return table(_("Tarifs"), columns + (Column(_("Prix TTC"), numeric=True),), rows)


def near_home_table(near):
    """The places nearest a home (`selectors.places_near_home`) and what a day at each saves against the office."""
    rows = [
        (
            Cell(
                entry.place.name, href=reverse("places:detail", args=[entry.place.pk]), note=entry.place.commune.label
            ),
            number(entry.day.place_km, "decimal"),
            number(entry.day.km_saved, "decimal"),
            number(entry.day.minutes_saved, "integer"),
            number(entry.day.co2e_kg_saved, "decimal", places=2),
        )
        for entry in near.places
    ]
    columns = (
        _("Lieu"),
        Column(_("Distance du domicile (km)"), numeric=True),
        Column(_("Km évités par jour"), numeric=True),
        Column(_("Minutes gagnées par jour"), numeric=True),
        Column(_("kg CO2e évités par jour"), numeric=True),
    )
    return table(
        _("Lieux de télétravail les plus proches du domicile"),
        columns,
        rows,
        empty=_("Aucun lieu de télétravail publié dans l'annuaire."),
        id="lieux-proches",
    )


def threshold_text(thresholds, language):
    """« 10 km » or « 20 min en voiture »: the threshold of a search of the communes lacking a place."""
    if "max_km" in thresholds:
        return _("%(km)s km") % {"km": french.decimal(thresholds["max_km"], language=language)}
    return _("%(minutes)s min en voiture") % {"minutes": french.integer(thresholds["max_minutes"], language=language)}


def threshold_columns(thresholds):
    """The threshold as the CSV's last two columns give it, numbers not words; the other one is None (empty)."""
    return {"seuil_km": thresholds.get("max_km"), "seuil_minutes_voiture": thresholds.get("max_minutes")}


def threshold_file_suffix(thresholds):
    """« 10km » or « 20min »: the threshold in the CSV's file name."""
    if "max_km" in thresholds:
        return f"{thresholds['max_km']:g}km"
    return f"{thresholds['max_minutes']:g}min"


def lacking_places_table(gaps, *, caption):
    """Communes lacking a place (`selectors.territory_lacking_places`), each with a search of the places around it."""
    rows = [
        (
            Cell(gap.residence.name, code=gap.residence.code),
            number(gap.residence.teleworkers, "integer"),
            number(gap.nearest_km, "decimal") if gap.nearest_km is not None else _("aucun lieu"),
            number(gap.nearest_minutes, "integer") if gap.nearest_minutes is not None else _("aucun lieu"),
            Cell(
                _("Lieux autour"),
                href=lacking_search_url(gap),
                hidden_suffix=_(" de %(commune)s") % {"commune": gap.residence.name},
            ),
        )
        for gap in gaps
    ]
    columns = (
        _("Commune"),
        Column(_("Télétravailleurs potentiels"), numeric=True),
        Column(_("Lieu le plus proche (km)"), numeric=True),
        Column(_("Lieu le plus proche (minutes en voiture)"), numeric=True),
        _("Annuaire"),
    )
    return table(caption, columns, rows, empty=_("Aucune commune ne manque de lieu à ce seuil."), id="communes")


def lacking_search_url(gap):
    """The directory's search of the places around a commune lacking one, as far as the nearest one."""
    return f"{reverse('places:index')}?commune={gap.residence.code}&radius_km=50"


def lacking_places_rows(gaps, thresholds):
    """The CSV of the communes lacking a place: a header, then one row per commune (numbers, not words), each with
    the threshold it was found with."""
    threshold = threshold_columns(thresholds)
    return [
        (
            "code_insee",
            "commune",
            "teletravailleurs_potentiels",
            "lieu_le_plus_proche_km",
            "lieu_le_plus_proche_minutes_voiture",
            *threshold,
        ),
        *(
            (
                gap.residence.code,
                gap.residence.name,
                round(gap.residence.teleworkers, 1),
                gap.nearest_km or "",
                "" if gap.nearest_minutes is None else round(gap.nearest_minutes, 1),
                *threshold.values(),
            )
            for gap in gaps
        ),
    ]
