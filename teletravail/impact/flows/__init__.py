"""Home-to-work flows for the impact simulator: INSEE readers, distances and a synthetic national table.

Pure Python + Polars/NumPy/PyArrow (no Django), usable from a notebook:

    >>> from teletravail.impact.flows import read_flows
    >>> table = read_flows("teletravail/data/mobpro/fd_mobpro_2021_extrait_01001-01004.csv")  # doctest: +SKIP
    >>> table.flows.columns  # doctest: +SKIP
    ['home', 'work', 'mode', 'workers', 'distance_km']

The standard flows table (`STANDARD_SCHEMA`) is what `teletravail.impact.territory.simulate_territory` consumes.
Method and calibration: docs/methodology/synthetic-flows.md.
"""

from teletravail.impact.flows.baseline import NationalBaseline, national_baseline
from teletravail.impact.flows.codes import MODES, STANDARD_COLUMNS, STANDARD_SCHEMA, TRANS_TO_MODE, TRAVEL_MODES
from teletravail.impact.flows.distances import great_circle_km_array, intra_commune_km, road_km_array
from teletravail.impact.flows.errors import FlowsInputError
from teletravail.impact.flows.parameters import FlowsParameters, flows_parameters
from teletravail.impact.flows.readers import FlowsTable, read_flows
from teletravail.impact.flows.reference import CommuneReference, load_reference


__all__ = [
    "MODES",
    "STANDARD_COLUMNS",
    "STANDARD_SCHEMA",
    "TRANS_TO_MODE",
    "TRAVEL_MODES",
    "CommuneReference",
    "FlowsInputError",
    "FlowsParameters",
    "FlowsTable",
    "NationalBaseline",
    "flows_parameters",
    "great_circle_km_array",
    "intra_commune_km",
    "load_reference",
    "national_baseline",
    "read_flows",
    "road_km_array",
]
