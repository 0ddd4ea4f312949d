"""Home-to-work flows for the impact simulator: INSEE readers, distances and a synthetic national table.

Pure Python + Polars/NumPy/PyArrow (no Django), usable from a notebook:

    >>> from teletravail.impact.flows import read_flows
    >>> table = read_flows("teletravail/data/mobpro/fd_mobpro_2021_extrait_01001-01004.csv")  # doctest: +SKIP
    >>> table.flows.columns  # doctest: +SKIP
    ['home', 'work', 'mode', 'workers', 'distance_km']

The standard flows table (`STANDARD_SCHEMA`) is what `teletravail.impact.territory.simulate_territory` consumes.
Method and calibration: docs/methodology/synthetic-flows.md.
"""

from teletravail.lazy import lazy_exports


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "CommuneReference": "teletravail.impact.flows.reference",
        "FlowsInputError": "teletravail.impact.flows.errors",
        "FlowsParameters": "teletravail.impact.flows.parameters",
        "FlowsTable": "teletravail.impact.flows.readers",
        "MODES": "teletravail.impact.flows.codes",
        "NationalBaseline": "teletravail.impact.flows.baseline",
        "STANDARD_COLUMNS": "teletravail.impact.flows.codes",
        "STANDARD_SCHEMA": "teletravail.impact.flows.codes",
        "TRANS_TO_MODE": "teletravail.impact.flows.codes",
        "TRAVEL_MODES": "teletravail.impact.flows.codes",
        "flows_parameters": "teletravail.impact.flows.parameters",
        "great_circle_km_array": "teletravail.impact.flows.distances",
        "intra_commune_km": "teletravail.impact.flows.distances",
        "load_reference": "teletravail.impact.flows.reference",
        "national_baseline": "teletravail.impact.flows.baseline",
        "read_flows": "teletravail.impact.flows.readers",
        "road_km_array": "teletravail.impact.flows.distances",
    },
)

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
