"""What the simulator pages and reports show of a result: balance charts, rankings, maps and tables.

The engine computes; this module only arranges its figures for reading, in the page's language. The views and the
PDF reports build their context here, so that a page and its report show the same thing.
"""

import polars as pl
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from teletravail.apps.core.parameters import used_parameter_lines
from teletravail.apps.core.tables import Badge, Cell, Row, number, table
from teletravail.apps.geo.selectors import commune_labels
from teletravail.apps.simulator.services import localized_effects
from teletravail.geo.maps import MapTexts, commune_map, departement_map
from teletravail.impact.core import EMISSION_BALANCE
from teletravail.impact.employer import EMPLOYER_BALANCE
from teletravail.impact.flows.areas import communes_in_area
from teletravail.impact.flows.reference import load_reference


def _amount(value, unit, *, signed=False):
    """« 1 234 kg », « −446 € », « +4 578 j »: narrow no-break spaces between thousands, a true minus sign."""
    return f"{number(value, signed=signed)} {unit}"


def balance_rows(effects, balance, unit):
    """(label, signed value, shown value) for the chart of an engine `Balance`: its terms that are not zero, then
    the net figure, always shown."""
    kept = [(name, sign) for name, sign in balance.terms if name in effects and effects[name].value]
    return [
        (effects[name].label, sign * effects[name].value, _amount(sign * effects[name].value, unit))
        for name, sign in [*kept, (balance.net, 1)]
        if name in effects
    ]


def person_results(result, distance):
    """What the person page and its report show of one commuter's result."""
    effects = localized_effects(result.effects)
    uncertainty = result.uncertainty or {}
    used_parameters = used_parameter_lines(result.parameters)
    return {
        "result": result,
        "effects": effects,
        "distance": distance,
        "distance_km": result.person.distance_km,
        "uncertainty": uncertainty,
        "central_at_edge": any(spread["central_side"] for spread in uncertainty.values()),
        "balance_rows": emission_balance_rows(result),
        "used_parameters": used_parameters,
        "effects_table": effects_with_interval_table(effects, uncertainty),
        "used_parameters_table": used_parameters_table(used_parameters),
    }


def _secondary(secondary):
    return (Badge(_("source secondaire")),) if secondary else ()


def _two_places(value):
    """« 1 688 », « 0,34 »: two decimals unless the value is whole."""
    return number(value, "fixed_unless_whole", places=2)


def effects_with_interval_table(effects, uncertainty):
    """Every effect of a person's result with its 90 % interval (empty when no uncertain parameter moves it)."""
    rows = []
    for name, effect in effects.items():
        spread = uncertainty.get(name)
        interval = f"{_two_places(spread['low'])} – {_two_places(spread['high'])}" if spread else ""
        rows.append((effect.label, _two_places(effect.value), effect.unit, Cell(interval)))
    columns = (_("Effet"), _("Valeur"), _("Unité"), _("Intervalle de 90 %"))
    return table(_("Effets annuels, valeur centrale et intervalle de 90 %"), columns, rows)


def used_parameters_table(lines):
    """The parameters a calculation used (`core.parameters.used_parameter_lines`), with their source."""
    rows = [
        (
            Cell(line["description"], code=line["name"]),
            line["value"],
            Cell(line["source"], badges=_secondary(line["secondary"])),
        )
        for line in lines
    ]
    columns = (_("Paramètre"), _("Valeur"), _("Source"))
    return table(_("Paramètres utilisés par ce calcul, avec leur source"), columns, rows)


def parameter_group_table(label, lines):
    """One parameter file on the parameters page (`selectors.parameter_lines`): its rows carry the text the live
    search filters them by, hidden when they do not match the query."""
    rows = []
    for line in lines:
        source_date = f"({line.source_date})" if line.source_date else ""
        rows.append(
            Row(
                (
                    Cell(line.description, code=line.identifier),
                    Cell(
                        line.value, note=_("fourchette : %(spread)s") % {"spread": line.spread} if line.spread else ""
                    ),
                    line.valid_from,
                    Cell(
                        line.source_title,
                        href=line.source_url,
                        note=source_date,
                        badges=_secondary(line.secondary),
                        items=(capfirst(line.secondary_reason),) if line.secondary and line.secondary_reason else (),
                    ),
                ),
                attributes=(("data-search", line.search_text),),
                hidden=not line.shown,
            )
        )
    columns = (_("Paramètre"), _("Valeur"), _("En vigueur depuis"), _("Source"))
    return table(label, columns, rows, classes="fr-table--layout-fixed fr-table--no-caption")


def emission_balance_rows(result):
    return balance_rows(localized_effects(result.effects), EMISSION_BALANCE, "kg")


def employer_balance_rows(result):
    return balance_rows(localized_effects(result.effects), EMPLOYER_BALANCE, "€")


def results_table(result):
    """Rows of the results CSV: every effect with its spread, the per-employee rows of an employer result, and the
    parameters used."""
    percentiles = result.uncertainty or {}
    rows = [["effet", "libelle", "valeur", "unite", "p5", "p95"]]
    for effect in localized_effects(result.effects).values():
        spread = percentiles.get(effect.name, {})
        rows.append(
            [effect.name, effect.label, effect.value, effect.unit, spread.get("p5", ""), spread.get("p95", "")]
        )
    per_employee = getattr(result, "per_employee", None)
    if per_employee:
        columns = list(dict.fromkeys(key for row in per_employee for key in row))
        rows += [[], columns, *([row.get(column, "") for column in columns] for row in per_employee)]
    rows += [[], ["parametre", "valeur", "unite", "source", "a_verifier"]]
    rows += [
        [
            parameter.name,
            parameter.central,
            parameter.unit,
            parameter.source.title,
            _("oui") if parameter.source.to_verify else _("non"),
        ]
        for parameter in result.parameters
    ]
    return rows


def communes_table(result):
    """Rows of the per-commune CSV of a territory scenario, for spreadsheets and open data."""
    table = result.by_commune
    return [table.columns, *table.rows()]


def territory_results(result, area):
    """What the territory page and its report show: effects, the ranking of communes and the map."""
    net = pl.col("net_presence_days_per_year")
    ranking = (
        result.top_gainers(8).filter(net > 0).vstack(result.top_losers(8).filter(net < 0).sort(net, descending=True))
    )
    labels = commune_labels(ranking["commune"].to_list())
    return {
        "result": result,
        "effects": localized_effects(result.effects),
        "ranking_rows": [
            (
                labels.get(row["commune"], row["commune"]),
                row["net_presence_days_per_year"],
                _amount(row["net_presence_days_per_year"], "j", signed=True),
            )
            for row in ranking.iter_rows(named=True)
        ],
        "territory_map": _territory_map(result, area),
    }


def _people(value, signed=True):
    """« +1 234 », « −4,8 »: a number of people in the page's language, one decimal below ten."""
    return number(value, "fixed", places=1 if abs(value) < 10 else 0, signed=signed)


def map_texts():
    """The words of a map in the page's language."""
    return MapTexts(
        range=_("de %(low)s à %(high)s"),
        no_change=_("aucun changement"),
        no_data=_("pas de données"),
        departements=_("Départements"),
        communes=_("Communes"),
    )


def _territory_map(result, area):
    """The net daytime population on a map: per département for France or a région, else per commune (circles
    over the outlines of the départements of the area)."""
    reference = load_reference().table
    spec = (area or "france").strip()
    kind, _sep, code = spec.partition(":")
    kind = kind.strip().lower()
    net = result.by_commune.select("commune", "net_daytime_population").join(
        reference.select("code", "name", "dep", "reg", "lat", "lon"), left_on="commune", right_on="code"
    )
    value_header = _("Personnes présentes en plus ou en moins un jour ouvré moyen")
    if kind in ("france", "reg"):
        codes = None
        if kind == "reg":
            codes = reference.filter(pl.col("reg") == code.strip())["dep"].unique().to_list()
        totals = dict(net.group_by("dep").agg(pl.col("net_daytime_population").sum()).iter_rows())
        return departement_map(
            _("Population présente en journée : gain ou perte par département"),
            totals,
            value_header=value_header,
            codes=codes,
            format_value=_people,
            texts=map_texts(),
        )
    codes = list(communes_in_area(spec))
    rows = net.filter(pl.col("commune").is_in(codes))
    return commune_map(
        _("Population présente en journée : gain ou perte par commune"),
        [
            (
                row["commune"],
                f"{row['name']} ({row['dep']})",
                row["lon"],
                row["lat"],
                row["dep"],
                row["net_daytime_population"],
            )
            for row in rows.iter_rows(named=True)
        ],
        value_header=value_header,
        departements=reference.filter(pl.col("code").is_in(codes))["dep"].unique().to_list(),
        format_value=_people,
        texts=map_texts(),
    )
