import base64

import polars as pl
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teletravail.apps.core.downloads import csv_download
from teletravail.apps.core.maps import commune_map, departement_map
from teletravail.apps.core.pages import organisation_context
from teletravail.apps.geo.selectors import commune_labels
from teletravail.apps.organisations.selectors import organisation_access, organisation_sites
from teletravail.apps.simulator.forms import EmployerSimulationForm, PersonSimulationForm, TerritorySimulationForm
from teletravail.apps.simulator.services import (
    desks_freed_note,
    localized_effects,
    run_territory_simulation,
    simulate_organisation_staff,
    simulate_person_form,
)
from teletravail.french import integer
from teletravail.geo import normalize
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.areas import communes_in_area
from teletravail.impact.flows.reference import load_reference
from teletravail.impact.params import parameter_rows


# The emission balance drawn as a chart: what is avoided, minus each rebound, gives the net figure.
EMISSION_BALANCE = (
    ("co2e_kg_avoided_per_year", 1),
    ("co2e_kg_rebound_re_travel_per_year", -1),
    ("co2e_kg_rebound_home_energy_per_year", -1),
    ("co2e_kg_rebound_video_calls_per_year", -1),
    ("co2e_kg_office_saved_per_year", 1),
    ("co2e_kg_net_per_year", 1),
)


# The employer's yearly balance: what telework saves it, minus what it pays, gives the net figure.
EMPLOYER_BALANCE = (
    ("employer_real_estate_eur_saved_per_year", 1),
    ("employer_absenteeism_eur_saved_per_year", 1),
    ("employer_turnover_eur_saved_per_year", 1),
    ("employer_productivity_eur_per_year", 1),
    ("employer_transport_eur_saved_per_year", 1),
    ("employer_allowances_eur_per_year", -1),
    ("employer_net_eur_per_year", 1),
)


def _amount(value, unit, *, signed=False):
    """« 1 234 kg », « −446 € », « +4 578 j »: narrow no-break spaces between thousands, a true minus sign."""
    return f"{integer(value, get_language() or 'fr', signed=signed)} {unit}"


def balance_rows(effects, balance, unit):
    """(label, signed value, shown value) for a balance chart: the contributions that are not zero, then the net
    figure (the last entry of `balance`), always shown."""
    *contributions, (net, _sign) = balance
    kept = [(name, sign) for name, sign in contributions if name in effects and effects[name].value]
    return [
        (effects[name].label, sign * effects[name].value, _amount(sign * effects[name].value, unit))
        for name, sign in [*kept, (net, 1)]
        if name in effects
    ]


def person(request):
    """The public person simulator: a GET form, so that a result can be bookmarked and shared."""
    form = PersonSimulationForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result, distance = simulate_person_form(data)
        except ImpactInputError as error:
            form.add_error(None, str(error))
        else:
            if request.GET.get("format") == "csv":
                return _results_csv(result, "simulation-teletravail.csv")
            effects = localized_effects(result.effects)
            context.update(
                result=result,
                effects=effects,
                distance=distance,
                distance_km=result.person.distance_km,
                uncertainty=result.uncertainty or {},
                central_at_edge=any(spread["central_side"] for spread in (result.uncertainty or {}).values()),
                balance_rows=balance_rows(effects, EMISSION_BALANCE, "kg"),
                csv_query=request.GET.urlencode() + "&format=csv",
            )
    return render(request, "simulator/person.html", context)


def _results_csv(result, filename):
    """Every effect with its spread, the per-employee rows of an employer result, and the parameters used."""
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
    return csv_download(rows, filename)


def parameters(request):
    """Every parameter of the simulator, with its value, date and source: the open-data release, readable."""
    rows = parameter_rows(all_values=True)
    if request.GET.get("format") == "csv":
        columns = list(rows[0])
        return csv_download(
            [columns, *([row[column] for column in columns] for row in rows)], "parametres-teletravail.csv"
        )
    return render(request, "simulator/parameters.html", {"rows": rows})


@login_required
def organisation(request, organisation_id):
    """Expected effects for the organisation's staff: its members' home communes, or an uploaded staff file."""
    access = organisation_access(request.user, organisation_id)
    access.require("can_see_member_list")
    sites = organisation_sites(access.organisation)
    initial = {"desks": sites.aggregate(total=Sum("desks"))["total"]}
    form = EmployerSimulationForm(request.POST or None, request.FILES or None, initial=initial)
    context = organisation_context(access, "simulator", form=form)
    if request.method == "POST" and form.is_valid():
        staff_bytes = _staff_file(request, form.cleaned_data["staff_file"])
        try:
            result, employees, skipped = simulate_organisation_staff(
                access, sites, form.cleaned_data, staff_bytes=staff_bytes, confirmed=_confirmed_titles(request)
            )
        except ImpactInputError as error:
            form.add_error(None, str(error))
        else:
            if request.POST.get("format") == "csv":
                return _results_csv(result, "effets-teletravail-organisation.csv")
            effects = localized_effects(result.effects)
            context.update(
                result=result,
                effects=effects,
                employees=employees,
                skipped=skipped,
                from_file=staff_bytes is not None,
                balance_rows=balance_rows(effects, EMPLOYER_BALANCE, "€"),
                desks_note=desks_freed_note(result, access.organisation.headcount),
                uncertain=result.uncertain_professions,
                unconfirmed=int(result.totals.get("employees_with_unconfirmed_profession", 0)),
            )
    return render(request, "simulator/organisation.html", context)


STORED_STAFF_FILE = "simulator_staff_file"
CONFIRMED_TITLES = "simulator_confirmed_titles"


def _staff_file(request, upload):
    """The staff file's bytes: the upload, kept in the session so that job titles can be confirmed without sending
    the file again; or, when the confirmation form is posted, the kept file. None without a file."""
    if upload:
        data = upload.read()
        request.session[STORED_STAFF_FILE] = base64.b64encode(data).decode("ascii")
        request.session[CONFIRMED_TITLES] = {}  # a new file: its titles are confirmed anew
        return data
    if request.POST.get("confirm_titles") and STORED_STAFF_FILE in request.session:
        return base64.b64decode(request.session[STORED_STAFF_FILE])
    return None


def _confirmed_titles(request):
    """Normalised job title → PCS 2020 code chosen in the confirmation table (« title-N » and « pcs-N »), added
    to the choices already made for the kept file, so that a second round of confirmation keeps the first."""
    if not request.POST.get("confirm_titles"):
        return {}
    chosen = dict(request.session.get(CONFIRMED_TITLES, {}))
    for key, title in request.POST.items():
        code = request.POST.get("pcs-" + key.removeprefix("title-")) if key.startswith("title-") else None
        if code:
            chosen[normalize(title)] = code
    request.session[CONFIRMED_TITLES] = chosen
    return chosen


def territory(request):
    """A telework scenario on commuter flows: totals, and the communes that gain and lose daytime presence."""
    form = TerritorySimulationForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = run_territory_simulation(
                data["flows_file"], telework_days=data["telework_days"], adoption=data["adoption"], area=data["area"]
            )
        except ImpactInputError as error:
            form.add_error(None, str(error))
        else:
            if request.POST.get("format") == "csv":
                return _communes_csv(result)
            context.update(territory_results(result, data["area"]))
    return render(request, "simulator/territory.html", context)


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
    digits = 1 if abs(value) < 10 else 0
    rounded = round(value, digits)
    text = number_format(abs(rounded), decimal_pos=digits, force_grouping=True)
    if not signed or rounded == 0:
        return text
    return ("+" if rounded > 0 else "\u2212") + text


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
    )


def _communes_csv(result):
    """The per-commune table of a territory scenario, for spreadsheets and open data."""
    table = result.by_commune
    return csv_download([table.columns, *table.rows()], "simulation-territoire-communes.csv")
