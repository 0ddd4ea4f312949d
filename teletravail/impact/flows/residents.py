"""The workers living in each commune, as the commuting flows model spreads them, and the potential teleworkers
among them (the teleworkability reference's share of jobs that can be done at home)."""

import polars as pl

from teletravail.impact.flows.areas import communes_in_area
from teletravail.impact.flows.parameters import flows_parameters
from teletravail.impact.flows.reference import load_reference
from teletravail.impact.params import ImpactParameters


def workers_by_residence(population, target_workers):
    """The national workers (`target_workers`, flows.yaml) spread over the zones in proportion to their population:
    the resident workers of the synthetic flows table (NumPy arrays or Polars expressions alike)."""
    return population * target_workers / population.sum()


def potential_teleworkers(area, when=None, reference=None):
    """(code, name, latitude, longitude, potential teleworkers) of each zone of `area` (« dep:01 », « reg:84 »…) where
    people live: communes, with Paris, Lyon and Marseille by arrondissement, as the flows model counts them."""
    reference = reference or load_reference()
    codes = communes_in_area(area, reference)
    share = ImpactParameters.load(when=when).value("teleworkable_share")
    zones = reference.zones().with_columns(
        teleworkers=workers_by_residence(pl.col("population").fill_null(0.0), flows_parameters(when).target_workers)
        * share
    )
    if codes is not None:
        zones = zones.filter(pl.col("code").is_in(list(codes)))
    return zones.select("code", "name", "lat", "lon", "teleworkers").rows()
