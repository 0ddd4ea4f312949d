"""Codes shared by the readers, the synthetic generator and the engine: modes, census TRANS codes, special codes.

The census codes come from the INSEE code list bundled in `teletravail/data/mobpro/fd_mobpro_2021_modalites.csv`
(variable TRANS, « Mode de transport principal le plus souvent utilisé pour aller travailler »).
"""

import polars as pl


# Engine mode codes, in the order of the census TRANS codes 1 to 6.
MODES = ("aucun", "marche", "velo", "moto", "voiture", "transports_en_commun")

# TRANS 1 « Pas de transport », 2 « Marche à pied (ou rollers, patinette) », 3 « Vélo (y compris à assistance
# électrique) », 4 « Deux-roues motorisé », 5 « Voiture, camion, fourgonnette », 6 « Transports en commun ».
TRANS_TO_MODE = {str(code): mode for code, mode in enumerate(MODES, start=1)}
MODE_TO_TRANS = {mode: code for code, mode in TRANS_TO_MODE.items()}

# Modes of people who travel (every mode but « aucun »), the base of the national modal shares.
TRAVEL_MODES = MODES[1:]

# The standard flows table consumed by teletravail.impact.territory.simulate_territory.
STANDARD_SCHEMA = {
    "home": pl.Utf8,
    "work": pl.Utf8,
    "mode": pl.Utf8,
    "workers": pl.Float64,
    "distance_km": pl.Float64,
}
STANDARD_COLUMNS = tuple(STANDARD_SCHEMA)

# Special values of DCLT (place of work) in FD_MOBPRO and in the « base flux » file.
WORK_ABROAD = "99999"  # « Individu travaillant à l'étranger »
NOT_APPLICABLE = "YYYYY"  # « Sans objet »
# ARM (arrondissement of residence) when the commune is not Paris, Lyon or Marseille.
ARM_NOT_APPLICABLE = "ZZZZZ"

# Reasons a row is excluded (kept out of the table, counted in the metadata), in French for the user.
EXCLUDED_ABROAD = "lieu de travail à l'étranger (99999 ou code de pays)"
EXCLUDED_NOT_APPLICABLE = "lieu de travail sans objet (YYYYY)"
EXCLUDED_OVERSEAS_COLLECTIVITY = "lieu de travail dans une collectivité d'outre-mer (975xx, 977xx, 978xx, 98xxx)"
EXCLUDED_UNKNOWN = "code commune inconnu du référentiel (exclusion demandée)"

# Work codes outside the INSEE commune list that designate a place abroad: DCFLT-style border communes
# (AL Germany, BE Belgium, LU Luxembourg, SU Switzerland) and other two-letter country prefixes.
FOREIGN_CODE_PATTERN = r"^[A-Z]{2}[0-9A-Z]*$"
# Collectivités d'outre-mer (Saint-Pierre-et-Miquelon 975, Saint-Barthélemy 977, Saint-Martin 978, Pacific 98x):
# outside the census commuting base and outside the bundled communes table.
OVERSEAS_COLLECTIVITY_PATTERN = r"^(97[578]|98)[0-9]*$"
