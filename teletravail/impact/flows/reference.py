"""The commune reference the flows are checked against: codes, populations, areas and centroids.

Read from the bundled `teletravail/data/communes/communes_france.csv` (COG 2026, 34,875 communes and the 45
arrondissements of Paris, Lyon and Marseille). Four communes re-established in 2026 have no published outline,
hence no centroid nor area: they get the population-weighted centroid and the median area of the other
communes of their EPCI (else of their département), flagged `imputed`.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from teletravail.impact.flows.errors import FlowsInputError


DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEFAULT_COMMUNES_FILE = DATA_DIR / "communes" / "communes_france.csv"
REQUIRED = (
    "code_insee",
    "nom",
    "type",
    "commune_parente",
    "dep_code",
    "reg_code",
    "zone",
    "epci_siren",
    "population",
    "superficie_km2",
    "latitude_centre",
    "longitude_centre",
)


@dataclass(frozen=True)
class CommuneReference:
    """One row per commune or PLM arrondissement, with columns:

    `code`, `name`, `type` (COM/ARM), `commune` (the parent commune for an arrondissement, else the code itself),
    `dep`, `reg`, `epci`, `territory` ("metro" or the DROM département), `population`, `area_km2`, `lat`, `lon`
    and `imputed` (centroid and area imputed).
    """

    table: pl.DataFrame
    source: str

    @property
    def imputed_codes(self):
        return tuple(self.table.filter(pl.col("imputed"))["code"].to_list())

    def __len__(self):
        return self.table.height

    def zones(self):
        """The places of residence and work of the synthetic table: communes, with Paris, Lyon and Marseille
        replaced by their arrondissements (as the census codes them)."""
        parents = set(self.table.filter(pl.col("type") == "ARM")["commune"].unique().to_list())
        return self.table.filter(~pl.col("code").is_in(list(parents)))


def load_reference(path=None):
    """The bundled reference (cached), or the one in `path` (same columns as communes_france.csv)."""
    return _load(str(Path(path) if path else DEFAULT_COMMUNES_FILE))


@cache
def _load(path):
    try:
        raw = pl.read_csv(path, infer_schema=False)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise FlowsInputError(Path(path).name, [f"référentiel des communes illisible : {exc}"]) from exc
    missing = [column for column in REQUIRED if column not in raw.columns]
    if missing:
        raise FlowsInputError(Path(path).name, [f"colonne(s) manquante(s) du référentiel : {', '.join(missing)}"])
    table = raw.select(
        code=pl.col("code_insee"),
        name=pl.col("nom"),
        type=pl.col("type"),
        commune=pl.when(pl.col("type") == "ARM").then(pl.col("commune_parente")).otherwise(pl.col("code_insee")),
        dep=pl.col("dep_code"),
        reg=pl.col("reg_code"),
        epci=pl.col("epci_siren"),
        territory=pl.when(pl.col("zone") == "metro").then(pl.lit("metro")).otherwise(pl.col("dep_code")),
        population=pl.col("population").cast(pl.Float64),
        area_km2=pl.col("superficie_km2").cast(pl.Float64),
        lat=pl.col("latitude_centre").cast(pl.Float64),
        lon=pl.col("longitude_centre").cast(pl.Float64),
    )
    return CommuneReference(table=_impute(table), source=path)


def _impute(table):
    """Fill the centroid and area of communes without outline from their EPCI, else their département."""
    table = table.with_columns(
        imputed=pl.col("lat").is_null() | pl.col("lon").is_null() | pl.col("area_km2").is_null()
    )
    if not table["imputed"].any():
        return table
    known = table.filter(~pl.col("imputed") & (pl.col("type") == "COM"))
    filled = table
    for key in ("epci", "dep"):
        weight = pl.col("population").clip(lower_bound=1.0)
        centres = (
            known.filter(pl.col(key).is_not_null())
            .group_by(key)
            .agg(
                lat_fill=(pl.col("lat") * weight).sum() / weight.sum(),
                lon_fill=(pl.col("lon") * weight).sum() / weight.sum(),
                area_fill=pl.col("area_km2").median(),
            )
        )
        filled = (
            filled.join(centres, on=key, how="left")
            .with_columns(
                lat=pl.coalesce("lat", "lat_fill"),
                lon=pl.coalesce("lon", "lon_fill"),
                area_km2=pl.coalesce("area_km2", "area_fill"),
            )
            .drop("lat_fill", "lon_fill", "area_fill")
        )
    return filled
