"""Which communes an area covers: France, a région, a département, an EPCI or a list of communes.

Areas are written `france`, `reg:84`, `dep:42`, `epci:200069193` or `communes:42218,69383`. A commune split into
municipal arrondissements (Paris, Lyon, Marseille) brings its arrondissements along, since the census codes
places of residence and work by arrondissement there.
"""

from functools import cache

import polars as pl

from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.reference import DEFAULT_COMMUNES_FILE


AREA_KINDS = {"reg": "reg_code", "dep": "dep_code", "epci": "epci_siren"}


@cache
def _geography(path=DEFAULT_COMMUNES_FILE):
    return pl.read_csv(
        path,
        columns=["code_insee", "commune_parente", "dep_code", "reg_code", "epci_siren"],
        schema_overrides={
            name: pl.Utf8 for name in ("code_insee", "commune_parente", "dep_code", "reg_code", "epci_siren")
        },
    )


def communes_in_area(spec, path=DEFAULT_COMMUNES_FILE):
    """The INSEE codes of the area `spec` (None for France: no filter), or ImpactInputError in French."""
    spec = (spec or "france").strip()
    if spec.lower() == "france":
        return None
    kind, _, value = spec.partition(":")
    kind, value = kind.strip().lower(), value.strip()
    geography = _geography(path)
    if kind == "communes":
        wanted = {code.strip() for code in value.split(",") if code.strip()}
        known = set(geography["code_insee"].to_list())
        unknown = sorted(wanted - known)
        if not wanted or unknown:
            raise ImpactInputError(f"« --area » : commune(s) inconnue(s) : {', '.join(unknown) or '(aucune)'}.")
        selected = geography.filter(pl.col("code_insee").is_in(wanted) | pl.col("commune_parente").is_in(wanted))
    elif kind in AREA_KINDS:
        selected = geography.filter(pl.col(AREA_KINDS[kind]) == value)
        if selected.is_empty():
            raise ImpactInputError(f"« --area » : aucune commune pour « {spec} » (code {kind} inconnu).")
        parents = selected["code_insee"].to_list()
        selected = geography.filter(pl.col("code_insee").is_in(parents) | pl.col("commune_parente").is_in(parents))
    else:
        raise ImpactInputError(
            f"« --area » : « {spec} » n'est pas une zone ; écrivez france, reg:CODE, dep:CODE, epci:SIREN ou "
            "communes:CODE,CODE…"
        )
    return frozenset(selected["code_insee"].to_list())


def flows_touching(flows, codes):
    """Flows whose home or work commune is in `codes` (all flows when `codes` is None)."""
    if codes is None:
        return flows
    codes = list(codes)
    return flows.filter(pl.col("home").is_in(codes) | pl.col("work").is_in(codes))
