"""National references by occupation: Dingel–Neiman (O*NET) and JRC (Sostero et al.) teleworkability indices.

Dingel & Neiman (2020) classify each US occupation as teleworkable (1) or not (0) from O*NET surveys; an
occupation group scores the employment-weighted share of its teleworkable jobs. The JRC index (Sostero et al.
2020) gives, per ISCO-08 3-digit group, a technical teleworkability score from the physical tasks and a
social-interaction score. Both are *potential* teleworkability ("could the whole job be done at home"),
not actual telework.

The country shares are recomputed here from the bundled data, following the published method: each US
occupation (BLS OES 2018) keeps its employment; for a country, it is split across the ISCO-08 2-digit groups
the BLS crosswalk links it to, in proportion to the country's employment in those groups (ILOSTAT); a group
scores the weighted mean of its occupations; the country share is the employment-weighted mean of its groups,
armed forces excluded. Data and licences: teletravail/data/teleworkability/SOURCES.md.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from teletravail.parameters import load_parameters
from teletravail.teleworkability.errors import TeleworkabilityInputError


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "teleworkability"
ARMED_FORCES_MAJOR_GROUP = "0"
WEIGHTS = ("employment", "wage")


@dataclass(frozen=True)
class ReferenceScores:
    """The national reference scores of one ISCO-08 code, each in [0, 1] (None when out of scope).

    `dingel_neiman_level` and `jrc_level` give the number of digits of the ISCO group whose score was used
    (4, 3 or 2: the most detailed available for the code).
    """

    isco08: str
    dingel_neiman: float | None
    dingel_neiman_level: int | None
    jrc_physical: float | None
    jrc_social: float | None
    jrc_level: int | None

    @property
    def in_scope(self):
        return self.dingel_neiman is not None


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def _dingel_neiman_by_isco():
    """Weighted (score, US employment) per ISCO-08 code, merged at every level (4, 3 and 2 digits).

    The source table repeats three codes with a trailing space and holds two 3-digit rows (artefacts of the
    BLS crosswalk); rows with the same code once stripped are merged, weighted by their US employment.
    """
    totals = defaultdict(lambda: [0.0, 0.0])
    for row in _rows("isco08_4digit_dn_usweights.csv"):
        code = row["isco08_4digit"].strip()
        weight = float(row["us_emp_allocated"])
        score = float(row["dn_teleworkable_share"])
        levels = {code} | {code[:digits] for digits in (2, 3) if len(code) > digits}
        for level_code in levels:
            totals[level_code][0] += weight * score
            totals[level_code][1] += weight
    return {code: weighted / weight for code, (weighted, weight) in totals.items() if weight > 0}


@cache
def _jrc_by_isco3():
    return {
        row["ISCO08"].strip(): (float(row["Physical interaction"]), float(row["Social interaction"]))
        for row in _rows("Telework_ISCO_indices.csv")
    }


@cache
def isco_titles():
    """ISCO-08 titles (English, as in the BLS crosswalk) by code."""
    titles = {}
    for row in _rows("bls_isco08_soc2010_crosswalk.csv"):
        titles.setdefault(row["isco08_code"].strip(), row["isco08_title"].strip())
    return titles


def _jrc(code):
    indices = _jrc_by_isco3()
    if code[:3] in indices:
        return (*indices[code[:3]], 3)
    in_group = [values for isco3, values in indices.items() if isco3[:2] == code[:2]]
    if not in_group:
        return None, None, None
    return (
        sum(physical for physical, _ in in_group) / len(in_group),
        sum(social for _, social in in_group) / len(in_group),
        2,
    )


def reference_scores(isco_code):
    """Dingel–Neiman and JRC scores of an ISCO-08 code (2 to 4 digits), each from the most detailed level.

    Armed forces (major group 0) are outside both indices: their scores are None.
    """
    code = str(isco_code or "").strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise TeleworkabilityInputError(f"Code CITP-08 « {isco_code} » invalide : 2 à 4 chiffres sont attendus.")
    if code.startswith(ARMED_FORCES_MAJOR_GROUP):
        return ReferenceScores(code, None, None, None, None, None)
    dingel_neiman = _dingel_neiman_by_isco()
    dn_code = next((code[:digits] for digits in (4, 3, 2) if code[:digits] in dingel_neiman), None)
    if dn_code is None:
        raise TeleworkabilityInputError(f"Code CITP-08 « {isco_code} » inconnu des tables de référence.")
    physical, social, jrc_level = _jrc(code)
    return ReferenceScores(code, dingel_neiman[dn_code], len(dn_code), physical, social, jrc_level)


# --- Country shares (reproduction of the published Dingel–Neiman figures) -----------------------------------


@cache
def _us_occupations():
    """(OES 2018 code, US employment May 2018, mean hourly wage or None, Dingel–Neiman score)."""
    return [
        (
            row["oes2018_code"],
            float(row["us_employment_may2018"] or 0),
            float(row["us_mean_hourly_wage_usd"]) if row["us_mean_hourly_wage_usd"] else None,
            float(row["dn_teleworkable"]),
        )
        for row in _rows("us_oes2018_dn_teleworkable.csv")
    ]


def us_teleworkable_share(weight="employment"):
    """Share of US jobs that can be done entirely at home (Dingel–Neiman, OES May 2018 weights).

    `weight="wage"` weights each job by its mean hourly wage (the paper's wage-weighted share); occupations
    without a published wage are left out of that variant.
    """
    if weight not in WEIGHTS:
        raise TeleworkabilityInputError(
            f"Pondération « {weight} » inconnue (valeurs possibles : {', '.join(WEIGHTS)})."
        )
    occupations = _us_occupations()
    if weight == "wage":
        occupations = [(code, jobs * wage, wage, score) for code, jobs, wage, score in occupations if wage]
    total = sum(jobs for _, jobs, _, _ in occupations)
    return sum(jobs * score for _, jobs, _, score in occupations) / total


@cache
def _isco2_groups_by_oes():
    """ISCO-08 2-digit groups of each OES 2018 code, through the SOC 2010 codes of the BLS crosswalk."""
    isco_by_soc = defaultdict(set)
    for row in _rows("bls_isco08_soc2010_crosswalk.csv"):
        isco_by_soc[row["soc2010_code"].strip()].add(row["isco08_code"].strip()[:2])
    soc_by_hybrid = defaultdict(list)
    for row in _rows("oes2018_soc2010_hybrids.csv"):
        soc_by_hybrid[row["oes2018_code"]].append(row["soc2010_code"])
    groups = {}
    for code, _, _, _ in _us_occupations():
        socs = soc_by_hybrid.get(code, [code])
        groups[code] = set().union(*(isco_by_soc.get(soc, set()) for soc in socs))
    return groups


@cache
def ilo_employment_by_isco2(country_code):
    """Employment (thousands) by ISCO-08 2-digit group from the bundled ILOSTAT extract, armed forces excluded."""
    employment = {}
    for row in _rows("ilostat_emp_isco2_fra2018_usa2019.csv"):
        if row["ref_area"] != country_code or row["sex"] != "SEX_T":
            continue
        group = row["classif1"].rsplit("_", 1)[-1]
        if group.isdigit() and len(group) == 2 and not group.startswith(ARMED_FORCES_MAJOR_GROUP):
            employment[group] = float(row["obs_value"])
    if not employment:
        available = sorted({row["ref_area"] for row in _rows("ilostat_emp_isco2_fra2018_usa2019.csv")})
        raise TeleworkabilityInputError(
            f"Pays « {country_code} » absent des données d'emploi OIT embarquées "
            f"(disponibles : {', '.join(available)})."
        )
    return employment


def isco2_teleworkable_shares(country_code):
    """Dingel–Neiman share by ISCO-08 2-digit group for a country (US occupations, country weights)."""
    employment = ilo_employment_by_isco2(country_code)
    weighted = defaultdict(float)
    weights = defaultdict(float)
    groups_by_oes = _isco2_groups_by_oes()
    for code, jobs, _, score in _us_occupations():
        groups = [group for group in groups_by_oes[code] if group in employment]
        country_total = sum(employment[group] for group in groups)
        for group in groups:
            allocated = jobs * employment[group] / country_total
            weighted[group] += allocated * score
            weights[group] += allocated
    return {group: weighted[group] / weights[group] for group in sorted(weights) if weights[group] > 0}


def country_teleworkable_share(country_code):
    """Employment-weighted share of a country's jobs that can be done entirely at home (Dingel–Neiman method)."""
    employment = ilo_employment_by_isco2(country_code)
    shares = isco2_teleworkable_shares(country_code)
    total = sum(employment[group] for group in shares)
    return sum(employment[group] * share for group, share in shares.items()) / total


def published_country_share(country_code):
    """The share Dingel & Neiman published for a country (country_workathome.csv), for comparison."""
    for row in _rows("country_workathome.csv"):
        if row["country_code"] == country_code:
            return float(row["teleworkable"])
    raise TeleworkabilityInputError(f"Pays « {country_code} » absent de la table publiée par Dingel et Neiman.")


# --- When the two references disagree -------------------------------------------------------------------------

DN_HIGHER = "dingel_neiman_plus_haut"
JRC_HIGHER = "jrc_plus_haut"


@cache
def _disagreement_reasons():
    """(ISCO-08 prefix, direction or "" for both, French sentence), most specific prefix first."""
    rows = _rows("reference_disagreements.csv")
    rows = [(row["isco08"].strip(), row["sens"].strip(), row["raison"]) for row in rows]
    return sorted(rows, key=lambda row: -len(row[0]))


def disagreement_reason(scores, when=None):
    """One French sentence saying why Dingel–Neiman and the JRC differ strongly for this code, else None.

    "Strongly" is the `reference_disagreement_threshold` parameter; the sentence is that of the most specific
    ISCO prefix of `reference_disagreements.csv` written for the direction of the gap.
    """
    if scores.dingel_neiman is None or scores.jrc_physical is None:
        return None
    threshold = load_parameters("teleworkability")["reference_disagreement_threshold"].at(when).central
    gap = scores.dingel_neiman - scores.jrc_physical
    if abs(gap) < threshold - 1e-9:
        return None
    direction = DN_HIGHER if gap > 0 else JRC_HIGHER
    for prefix, sense, reason in _disagreement_reasons():
        if scores.isco08.startswith(prefix) and sense in ("", direction):
            return reason
    return None
