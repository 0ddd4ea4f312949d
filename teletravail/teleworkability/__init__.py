"""Teleworkability engine (pure Python): national references by occupation, French job-title search and the
activity-level diagnostic done with the employees.

    >>> from teletravail.teleworkability import search_professions
    >>> search_professions("assistante de direction")[0].profession.pcs2020
    '46A1'

Method and sources: docs/methodology/teleworkability.md; data: teletravail/data/teleworkability/.
"""

from teletravail.teleworkability.assessment import (
    CONDITIONAL,
    NOT_TELEWORKABLE,
    STATUS_LABELS,
    TELEWORKABLE,
    Activity,
    ActivityAssessment,
    CriterionImpact,
    Job,
    JobAssessment,
    OrganisationSynthesis,
    ScoringRule,
    assess_activity,
    assess_job,
    synthesise,
)
from teletravail.teleworkability.criteria import load_criteria
from teletravail.teleworkability.errors import TeleworkabilityInputError
from teletravail.teleworkability.professions import (
    CANDIDATES_TO_CHOOSE,
    Profession,
    ProfessionMatch,
    profession,
    professions,
    search_professions,
)
from teletravail.teleworkability.reference import (
    ReferenceScores,
    country_teleworkable_share,
    isco2_teleworkable_shares,
    published_country_share,
    reference_scores,
    us_teleworkable_share,
)
from teletravail.teleworkability.suggestions import ActivitySuggestion, suggest_activities


__all__ = [
    "CANDIDATES_TO_CHOOSE",
    "CONDITIONAL",
    "NOT_TELEWORKABLE",
    "STATUS_LABELS",
    "TELEWORKABLE",
    "Activity",
    "ActivityAssessment",
    "ActivitySuggestion",
    "CriterionImpact",
    "Job",
    "JobAssessment",
    "OrganisationSynthesis",
    "Profession",
    "ProfessionMatch",
    "ReferenceScores",
    "ScoringRule",
    "TeleworkabilityInputError",
    "assess_activity",
    "assess_job",
    "country_teleworkable_share",
    "isco2_teleworkable_shares",
    "load_criteria",
    "profession",
    "professions",
    "published_country_share",
    "reference_scores",
    "search_professions",
    "suggest_activities",
    "synthesise",
    "us_teleworkable_share",
]
