"""A territory scenario on a flows file: read and check it, keep the area, simulate. Used by the command line,
the web page and the API, so that all three read files and choose areas the same way."""

import polars as pl

from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.areas import communes_in_area, flows_touching
from teletravail.impact.flows.readers import read_flows
from teletravail.impact.territory import simulate_territory


def simulate_flows_file(path, scenario, params=None, *, area=None, monte_carlo=0, seed=None, limits=None):
    """`simulate_territory` on the flows of `path` (any INSEE or standard layout) touching `area`.

    Every problem comes back as an ImpactInputError in French (file, line, field), nothing half-computed; a file
    that cannot be used raises FlowsInputError, which is one (and the TableInputError of every upload).
    `limits`: as in `read_flows` (those of an uploaded flows file by default).
    """
    try:
        codes = communes_in_area(area)
        flows = flows_touching(read_flows(path, limits=limits).flows, codes)
        if flows.is_empty():
            raise ImpactInputError(f"Zone : aucun flux du fichier ne touche la zone « {area} ».")
        return simulate_territory(flows, scenario, params, monte_carlo=monte_carlo, seed=seed)
    except pl.exceptions.PolarsError as exc:
        raise ImpactInputError(f"« --flows » : fichier illisible ({str(exc).splitlines()[0]}).") from None
