"""Territory level: origin–destination commuter flows and a telework adoption scenario.

`flows` has one row per (home commune, work commune, mode) with `workers` (person weights) and `distance_km`
(one-way road km, an intra-commune distance on same-commune rows). In the scenario, a share
`adoption × teleworkable_share` of the commuters of every row telework `telework_days_per_week` days out of
`office_days_per_week`; the others keep commuting every day. Before telework everybody commutes
`office_days_per_week` days a week.

The per-row quantities are those of the person level (`core.commute_features`); they are summed per mode once
(weighted by workers) and combined with the per-mode factors, which is exact because the combination is linear.
A Monte Carlo draw therefore costs a few hundred multiplications whatever the number of rows.

As every row has the same days, the per-mode sums themselves come from a `CommuteProfile` computed once per
table (`prepare_flows`): a new scenario rescales it and only re-reads the car and moto rows for the barème.
"""

from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import polars as pl

from teletravail.french import counted
from teletravail.impact.core import (
    BASELINE_EFFECTS,
    COMMUTES,
    ILE_DE_FRANCE_DEPARTMENTS,
    N_MODES,
    CommuteProfile,
    Structure,
    combine,
    global_factors,
    mode_coefficients,
    uniform_commute_sums,
)
from teletravail.impact.effects import HEADLINE, make_effect
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import MODES
from teletravail.impact.montecarlo import draw_parameters, drawn_getter, summarize, uncertainty_block
from teletravail.impact.params import ImpactParameters, parse_number
from teletravail.impact.person import derived_effects


REQUIRED_COLUMNS = ("home", "work", "mode", "workers", "distance_km")
MODE_ENUM = pl.Enum(list(MODES))
# Effects that are not meaningful for a territory (an employer's or a person's own inputs).
NOT_TERRITORIAL = ("allowance_eur_per_year", "co2e_kg_office_saved_per_year", "share_of_average_footprint_percent")


@dataclass(frozen=True)
class TerritoryScenario:
    """Telework scenario. Shares default to parameters: `teleworkable_share`, `working_days_per_week`."""

    telework_days_per_week: float
    adoption: float
    teleworkable_share: float | None = None
    office_days_per_week: float | None = None


@dataclass
class TerritoryResult:
    scenario: TerritoryScenario
    method: str
    when: str
    totals: dict
    effects: dict
    parameters: list
    by_commune: pl.DataFrame | None = None
    uncertainty: dict | None = None
    draws: int = 0
    seed: int | None = None
    warnings: list = field(default_factory=list)

    def __getattr__(self, name):
        # Totals read as attributes: result.km_avoided_per_year.
        if name != "totals" and name in self.__dict__.get("totals", {}):
            return self.__dict__["totals"][name]
        raise AttributeError(name)

    def __getitem__(self, name):
        return self.totals[name]

    def top_gainers(self, n=10):
        """Communes whose daytime population grows most (home communes of teleworkers)."""
        return self._ranked(n, descending=True)

    def top_losers(self, n=10):
        """Communes whose daytime population falls most (work communes)."""
        return self._ranked(n, descending=False)

    def _ranked(self, n, descending):
        if self.by_commune is None:
            raise ValueError("simulate_territory(..., by_commune=True) est nécessaire pour le classement.")
        return self.by_commune.sort("net_presence_days_per_year", descending=descending).head(n)

    def as_dict(self, top=10):
        ordered = [name for name in ("workers", "teleworkers") if name in self.totals]
        ordered += [name for name in HEADLINE if name in self.totals]
        ordered += [name for name in self.totals if name not in ordered]
        data = {
            "level": "territoire",
            "method": self.method,
            "date": self.when,
            "scenario": {
                "telework_days_per_week": self.scenario.telework_days_per_week,
                "adoption": self.scenario.adoption,
                "teleworkable_share": self.scenario.teleworkable_share,
                "office_days_per_week": self.scenario.office_days_per_week,
            },
            "results": {name: self.totals[name] for name in ordered},
            "effects": [self.effects[name].as_dict() for name in ordered if name in self.effects],
            "uncertainty": uncertainty_block(self.uncertainty, self.draws, self.seed),
            "parameters": [parameter.as_dict() for parameter in self.parameters],
            "warnings": list(self.warnings),
        }
        if self.by_commune is not None and top:
            data["top_gainers"] = self.top_gainers(top).to_dicts()
            data["top_losers"] = self.top_losers(top).to_dicts()
        return data


# The scenario's fields as people read them in messages (the web form, the API and the command share them).
SCENARIO_LABELS = {
    "telework_days_per_week": "jours de télétravail par semaine",
    "adoption": "part des actifs télétravaillables qui télétravaillent",
    "teleworkable_share": "part des actifs télétravaillables",
    "office_days_per_week": "jours travaillés par semaine",
}


def resolve_scenario(scenario, params):
    """The scenario with its defaults filled in and checked; French errors naming the field in words."""
    labels = SCENARIO_LABELS
    working_days = params.value("working_days_per_week")
    telework = parse_number(scenario.telework_days_per_week, labels["telework_days_per_week"])
    adoption = parse_number(scenario.adoption, labels["adoption"])
    share = (
        params.value("teleworkable_share")
        if scenario.teleworkable_share is None
        else parse_number(scenario.teleworkable_share, labels["teleworkable_share"])
    )
    office = (
        working_days
        if scenario.office_days_per_week is None
        else parse_number(scenario.office_days_per_week, labels["office_days_per_week"])
    )
    problems = []
    if not 0 <= adoption <= 1:
        problems.append(f"« {labels['adoption']} » : une part entre 0 et 1 est attendue, {adoption:g} trouvé.")
    if not 0 <= share <= 1:
        problems.append(f"« {labels['teleworkable_share']} » : une part entre 0 et 1 est attendue, {share:g} trouvé.")
    if not 0 <= office <= working_days:
        problems.append(
            f"« {labels['office_days_per_week']} » : entre 0 et {working_days:g} jours, {office:g} trouvé."
        )
    if telework < 0:
        problems.append(
            f"« {labels['telework_days_per_week']} » : la valeur ne peut pas être négative ({telework:g})."
        )
    elif telework > office:
        problems.append(
            f"« {labels['telework_days_per_week']} » : {telework:g} jours de télétravail pour {office:g} jours de "
            "travail par semaine."
        )
    if problems:
        raise ImpactInputError(" ".join(problems), problems)
    return TerritoryScenario(telework, adoption, share, office)


def _collect(flows):
    if isinstance(flows, pl.LazyFrame):
        columns = flows.collect_schema().names()
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            raise ImpactInputError(f"Flux : colonne(s) manquante(s) : {', '.join(missing)}.")
        return flows.select(REQUIRED_COLUMNS).collect()
    if not isinstance(flows, pl.DataFrame):
        raise ImpactInputError("Flux : un polars.DataFrame ou LazyFrame est attendu.")
    missing = [column for column in REQUIRED_COLUMNS if column not in flows.columns]
    if missing:
        raise ImpactInputError(f"Flux : colonne(s) manquante(s) : {', '.join(missing)}.")
    return flows


def _mode_index(column):
    if column.null_count():
        raise ImpactInputError(
            f"Flux, colonne « mode » : {counted(column.null_count(), 'valeur manquante', 'valeurs manquantes')}."
        )
    if column.dtype != MODE_ENUM:
        try:
            column = column.cast(pl.String).cast(MODE_ENUM)
        except pl.exceptions.PolarsError:
            unknown = sorted(set(column.cast(pl.String).unique().to_list()) - set(MODES))
            shown = ", ".join(f"« {value} »" for value in unknown[:10])
            raise ImpactInputError(
                f"Flux, colonne « mode » : mode(s) inconnu(s) {shown} (modes possibles : {', '.join(MODES)})."
            ) from None
    return column.to_physical().to_numpy().astype(np.intp, copy=False)


def _numbers(column, name):
    try:
        values = column.cast(pl.Float64).to_numpy()
    except pl.exceptions.PolarsError:
        raise ImpactInputError(f"Flux, colonne « {name} » : des nombres sont attendus.") from None
    bad = ~np.isfinite(values)
    if bad.any():
        raise ImpactInputError(
            f"Flux, colonne « {name} » : "
            f"{counted(int(bad.sum()), 'valeur manquante ou non numérique', 'valeurs manquantes ou non numériques')}."
        )
    negative = values < 0
    if negative.any():
        raise ImpactInputError(
            f"Flux, colonne « {name} » : {counted(int(negative.sum()), 'valeur négative', 'valeurs négatives')}."
        )
    return values


@dataclass(frozen=True)
class PreparedFlows:
    """A flows table checked and turned into arrays once, for running several scenarios on it."""

    frame: pl.DataFrame
    mode_index: np.ndarray
    distance: np.ndarray
    workers: np.ndarray

    # Computed on the first scenario, then reused: every later scenario only rescales them.
    @cached_property
    def profile(self):
        work = self.frame.get_column("work").cast(pl.Utf8).str.strip_chars().str.zfill(5)
        ile_de_france = work.str.slice(0, 2).is_in(ILE_DE_FRANCE_DEPARTMENTS).cast(pl.Float64).to_numpy()
        return CommuteProfile.from_rows(self.distance, self.mode_index, self.workers, ile_de_france)

    @cached_property
    def commuters_moving(self):
        """Per commune, the commuting weight of the rows with home ≠ work, as home (gained) and as work (lost)."""
        rows = (
            pl.DataFrame(
                {
                    "home": self.frame.get_column("home"),
                    "work": self.frame.get_column("work"),
                    "weight": self.workers * COMMUTES[self.mode_index],
                }
            )
            .lazy()
            .filter(pl.col("home") != pl.col("work"))
        )
        # Both sums in one parallel collection (the filter is shared).
        gained, lost = pl.collect_all(
            [
                rows.group_by("home").agg(pl.col("weight").sum().alias("gained")),
                rows.group_by("work").agg(pl.col("weight").sum().alias("lost")),
            ]
        )
        return (
            gained.rename({"home": "commune"})
            .join(lost.rename({"work": "commune"}), on="commune", how="full", coalesce=True)
            .fill_null(0.0)
        )


def prepare_flows(flows):
    """Check the columns and convert them (mode codes, distances, weights): the scenario-independent work."""
    if isinstance(flows, PreparedFlows):
        return flows
    frame = _collect(flows)
    return PreparedFlows(
        frame=frame,
        mode_index=_mode_index(frame.get_column("mode")),
        distance=_numbers(frame.get_column("distance_km"), "distance_km"),
        workers=_numbers(frame.get_column("workers"), "workers"),
    )


def simulate_territory(
    flows,
    scenario,
    params=None,
    *,
    by_commune=True,
    monte_carlo=0,
    seed=None,
    overrides=None,
    when=None,
    method="default",
):
    """Yearly effects of a telework scenario on commuter flows (see the module docstring).

    `flows`: a Polars DataFrame or LazyFrame, or a `PreparedFlows` from `prepare_flows` when several scenarios
    run on the same table.
    """
    if params is None:
        params = ImpactParameters.load(when=when, overrides=overrides, method=method)
    user_share = scenario.teleworkable_share is not None
    scenario = resolve_scenario(scenario, params)
    prepared = prepare_flows(flows)
    profile = prepared.profile

    structure = Structure.from_parameters(params)
    telework = scenario.telework_days_per_week
    per_mode = uniform_commute_sums(profile, telework, scenario.office_days_per_week - telework, structure)
    modes_present = [MODES[i] for i in np.flatnonzero(np.bincount(prepared.mode_index, minlength=N_MODES))]
    share = scenario.adoption * scenario.teleworkable_share
    all_modes = np.arange(N_MODES)

    def totals_for(getter, adopting_share):
        combined = combine(per_mode, all_modes, mode_coefficients(getter), global_factors(getter))
        totals = {}
        for name, value in combined.items():
            if name in NOT_TERRITORIAL:
                continue
            total = np.asarray(value).sum(axis=-1)
            totals[name] = total if name in BASELINE_EFFECTS else total * adopting_share
        totals["km_per_year_remaining"] = totals["km_per_year_baseline"] - totals["commute_km_avoided_per_year"]
        totals["co2e_kg_per_year_remaining"] = totals["co2e_kg_per_year_baseline"] - totals["co2e_kg_avoided_per_year"]
        totals.update(derived_effects(totals, params))
        return totals

    commuting_workers = float(np.dot(profile.weight, COMMUTES))
    totals = {"workers": float(profile.weight.sum()), "teleworkers": commuting_workers * share}
    totals.update({name: float(value) for name, value in totals_for(params.value, share).items()})

    names_used = set()
    effects = {}
    for name, value in totals.items():
        effect = make_effect(name, value, modes_present)
        if name == "teleworkers":
            effect = replace(effect, parameters=() if user_share else ("teleworkable_share",))
        effects[name] = effect
        names_used |= set(effect.parameters)
    names_used |= {"working_days_per_week"} if user_share else {"working_days_per_week", "teleworkable_share"}

    result = TerritoryResult(
        scenario=scenario,
        method=params.method,
        when=params.when.isoformat(),
        totals=totals,
        effects=effects,
        parameters=params.subset(names_used),
        warnings=[],
    )
    if by_commune:
        result.by_commune = _by_commune(prepared.commuters_moving, share, telework, structure, params)
        result.totals["presence_days_moved_per_year"] = float(result.by_commune["presence_days_gained_per_year"].sum())
        result.effects["presence_days_moved_per_year"] = make_effect(
            "presence_days_moved_per_year", result.totals["presence_days_moved_per_year"], modes_present
        )
    if monte_carlo:
        draws = draw_parameters(params, monte_carlo, seed, names=names_used)
        getter = drawn_getter(params, draws)
        if "teleworkable_share" in draws:
            drawn_share = scenario.adoption * draws["teleworkable_share"]
        else:
            drawn_share = np.full(monte_carlo, share)
        samples = totals_for(getter, drawn_share)
        samples["teleworkers"] = commuting_workers * drawn_share
        result.uncertainty = summarize(
            {name: np.broadcast_to(value, (monte_carlo,)) for name, value in samples.items() if name in effects},
            {name: effect.value for name, effect in effects.items()},
        )
        result.draws, result.seed = monte_carlo, seed
    return result


def _by_commune(commuters_moving, share, telework, structure, params):
    """Presence days moved from work communes to home communes (rows with home ≠ work only)."""
    moved_per_commuter = share * telework * structure.working_weeks_per_year
    days_per_year = structure.working_days_per_week * structure.working_weeks_per_year
    spending = params.value("local_spending_eur_per_office_day")
    return (
        commuters_moving.select(
            "commune",
            (pl.col("gained") * moved_per_commuter).alias("presence_days_gained_per_year"),
            (pl.col("lost") * moved_per_commuter).alias("presence_days_lost_per_year"),
        )
        .with_columns(
            (pl.col("presence_days_gained_per_year") - pl.col("presence_days_lost_per_year")).alias(
                "net_presence_days_per_year"
            )
        )
        .with_columns(
            (pl.col("net_presence_days_per_year") / days_per_year).alias("net_daytime_population"),
            (pl.col("net_presence_days_per_year") * spending).alias("net_local_spending_eur_per_year"),
        )
        .sort("net_presence_days_per_year", descending=True)
    )
