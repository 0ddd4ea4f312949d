"""Which communes an area covers: France, a région, a département, an EPCI or a list of communes.

Areas are written `france`, `reg:84`, `dep:42`, `epci:200069193` or `communes:42218,69383`. A commune split into
municipal arrondissements (Paris, Lyon, Marseille) brings its arrondissements along, since the census codes
places of residence and work by arrondissement there.
"""

import polars as pl

from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.reference import load_reference


# Area kinds are column names of the commune reference (arrondissements carry their parent's values).
AREA_KINDS = ("reg", "dep", "epci")


def communes_in_area(spec, reference=None):
    """The INSEE codes of the area `spec` (None for France: no filter), or ImpactInputError in French."""
    spec = (spec or "france").strip()
    if spec.lower() == "france":
        return None
    kind, _, value = spec.partition(":")
    kind, value = kind.strip().lower(), value.strip()
    table = (reference or load_reference()).table
    if kind == "communes":
        wanted = {code.strip() for code in value.split(",") if code.strip()}
        unknown = sorted(wanted - set(table["code"].to_list()))
        if not wanted or unknown:
            raise ImpactInputError(f"Zone : commune(s) inconnue(s) : {', '.join(unknown) or '(aucune)'}.")
        # `commune` is the parent of an arrondissement: naming Lyon brings its nine arrondissements.
        selected = table.filter(pl.col("code").is_in(wanted) | pl.col("commune").is_in(wanted))
    elif kind in AREA_KINDS:
        selected = table.filter(pl.col(kind) == value)
        if selected.is_empty():
            raise ImpactInputError(f"Zone : aucune commune pour « {spec} » (code {kind} inconnu).")
    else:
        raise ImpactInputError(
            f"Zone : « {spec} » n'est pas une zone ; écrivez france, reg:CODE, dep:CODE, epci:SIREN ou "
            "communes:CODE,CODE…"
        )
    return frozenset(selected["code"].to_list())


def flows_touching(flows, codes):
    """Flows whose home or work commune is in `codes` (all flows when `codes` is None)."""
    if codes is None:
        return flows
    codes = list(codes)
    return flows.filter(pl.col("home").is_in(codes) | pl.col("work").is_in(codes))
