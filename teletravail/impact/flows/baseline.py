"""National baseline of a flows table with no telework: yearly km, hours, fuel and CO2, next to the plan's figures.

km a year = Σ workers × 2 × one-way km × commuting days (people with mode « aucun » do not travel);
hours = the same with each mode's timing (access minutes per trip, near km at the mode's speed, car km beyond the
near section at the long-distance speed); car fuel = car km / commuters per car × litres per km;
CO2 = the litres × the diesel factor.
Days, occupancy and the plan's figures come from flows.yaml; the speeds, the litres per km and the CO2 per litre
are the impact engine's (impact.yaml), resolved per mode by the engine itself (`teletravail.impact.core.speed_kmh`,
`long_distance_speed_kmh`, `access_minutes` and `litres_per_km`), so that both engines time and fuel a commute alike.
"""

from dataclasses import dataclass

import polars as pl

from teletravail.impact.core import LONG_SPEED_MODES, access_minutes, litres_per_km, long_distance_speed_kmh, speed_kmh
from teletravail.impact.flows.codes import TRAVEL_MODES
from teletravail.impact.flows.parameters import flows_parameters
from teletravail.impact.flows.reference import load_reference
from teletravail.parameters import load_parameters


# The impact engine's thermal car burns diesel (its fuel price and fuel use are a diesel car's).
CAR_FUEL_CO2_PARAMETER = "fuel_emission_factor_kgco2e_per_litre.gazole"


@dataclass(frozen=True)
class NationalBaseline:
    workers: float
    travellers: float
    same_commune_share: float
    mean_round_trip_km: float
    mode_shares: dict  # travel mode -> share among travellers
    speeds_kmh: dict  # travel mode -> door-to-door speed of the impact engine
    no_transport_share: float
    km_per_year: float
    hours_per_year: float
    car_km_per_year: float
    fuel_litres_per_year: float
    co2_tonnes_per_year: float
    plan_km_per_year: float
    plan_hours_per_year: float
    plan_fuel_litres_per_year: float
    commuting_days_per_year: float
    plan_tolerance: float

    @property
    def km_error(self):
        return self.km_per_year / self.plan_km_per_year - 1

    @property
    def hours_error(self):
        return self.hours_per_year / self.plan_hours_per_year - 1

    @property
    def fuel_error(self):
        return self.fuel_litres_per_year / self.plan_fuel_litres_per_year - 1

    @property
    def reproduces_plan(self):
        """km and hours within `plan_reproduction_tolerance` (flows.yaml) of the plan's national figures."""
        return abs(self.km_error) <= self.plan_tolerance and abs(self.hours_error) <= self.plan_tolerance

    def as_dict(self):
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(
            km_error=self.km_error,
            hours_error=self.hours_error,
            fuel_error=self.fuel_error,
            reproduces_plan=self.reproduces_plan,
        )
        return values


def _in_force(when):
    """Getter of impact.yaml's central values in force on `when` (only the parameters read are resolved)."""
    parameters = load_parameters("impact")
    return lambda name: parameters[name].at(when).central


def national_baseline(flows, params=None, reference=None, impact=None):
    """The baseline of a standard flows table (Polars DataFrame or LazyFrame with the standard columns).

    `impact` is the getter (parameter name → value) of the impact engine's parameters that gives the speeds and
    the fuel: impact.yaml's values in force on the date of `params` by default; pass
    `ImpactParameters.load(when, overrides={...}).value` to apply overrides as a simulation would.
    """
    params = params or flows_parameters()
    reference = reference or load_reference()
    impact = impact or _in_force(params.when)
    speeds_kmh = {mode: float(speed_kmh(mode, impact)) for mode in TRAVEL_MODES}
    near_section = impact("near_section_km")
    lazy = flows.lazy() if isinstance(flows, pl.DataFrame) else flows
    communes = reference.table.lazy().select("code", "commune")
    speeds = pl.DataFrame(
        {
            "mode": list(speeds_kmh),
            "speed": list(speeds_kmh.values()),
            "far_speed": [float(long_distance_speed_kmh(mode, impact)) for mode in speeds_kmh],
            "access_hours": [float(access_minutes(mode, impact)) / 60 for mode in speeds_kmh],
            "near_section": [near_section if mode in LONG_SPEED_MODES else float("inf") for mode in speeds_kmh],
        },
        schema={
            "mode": pl.Utf8,
            "speed": pl.Float64,
            "far_speed": pl.Float64,
            "access_hours": pl.Float64,
            "near_section": pl.Float64,
        },
    ).lazy()
    near = pl.min_horizontal(pl.col("distance_km"), pl.col("near_section"))
    far = pl.col("distance_km") - near
    trip_hours = pl.col("access_hours") + near / pl.col("speed") + far / pl.col("far_speed")
    by_mode = (
        lazy.select("home", "work", "mode", "workers", "distance_km")
        .join(communes.rename({"code": "home", "commune": "home_commune"}), on="home", how="left")
        .join(communes.rename({"code": "work", "commune": "work_commune"}), on="work", how="left")
        .join(speeds, on="mode", how="left")
        .group_by("mode")
        .agg(
            workers=pl.col("workers").sum(),
            same=pl.col("workers").filter(pl.col("home_commune") == pl.col("work_commune")).sum(),
            worker_km=(pl.col("workers") * pl.col("distance_km")).sum(),
            worker_hours=(pl.col("workers") * trip_hours).sum(),
        )
        .collect()
    )
    rows = {row["mode"]: row for row in by_mode.iter_rows(named=True)}
    workers = float(by_mode["workers"].sum())
    travel = {mode: float(rows[mode]["workers"]) if mode in rows else 0.0 for mode in TRAVEL_MODES}
    travellers = sum(travel.values())
    days = params.commuting_days_per_year
    km = 2 * days * sum(float(rows[mode]["worker_km"]) for mode in TRAVEL_MODES if mode in rows)
    hours = 2 * days * sum(float(rows[mode]["worker_hours"]) for mode in TRAVEL_MODES if mode in rows)
    car_km = 2 * days * float(rows["voiture"]["worker_km"]) if "voiture" in rows else 0.0
    fuel = car_km / params.car_commuters_per_vehicle * litres_per_km("voiture", impact)
    return NationalBaseline(
        workers=workers,
        travellers=travellers,
        same_commune_share=float(by_mode["same"].sum()) / workers if workers else 0.0,
        mean_round_trip_km=2 * float(by_mode["worker_km"].sum()) / workers if workers else 0.0,
        mode_shares={mode: (count / travellers if travellers else 0.0) for mode, count in travel.items()},
        speeds_kmh=speeds_kmh,
        no_transport_share=(workers - travellers) / workers if workers else 0.0,
        km_per_year=km,
        hours_per_year=hours,
        car_km_per_year=car_km,
        fuel_litres_per_year=fuel,
        co2_tonnes_per_year=fuel * impact(CAR_FUEL_CO2_PARAMETER) / 1000,
        plan_km_per_year=params.plan_km_per_year,
        plan_hours_per_year=params.plan_hours_per_year,
        plan_fuel_litres_per_year=params.plan_fuel_litres_per_year,
        commuting_days_per_year=days,
        plan_tolerance=params.plan_tolerance,
    )
