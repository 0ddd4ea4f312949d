"""The practices engine: questionnaires on telework practices, risks, digital maturity and training needs as dated,
sourced data; scores by theme; group results that keep answers anonymous; advice for weak points; the linkage and
the statistics of the six-month review; XLSForm import and export. Pure Python (no Django).

    >>> from teletravail.practices import load_questionnaires, theme_scores
    >>> practices = load_questionnaires()["practices"]
"""

from teletravail.practices.linkage import Linkage, LinkageError, link_waves, new_linkage_key, pseudonym
from teletravail.practices.questionnaire import (
    LANGUAGES,
    ROLES,
    Advice,
    Choice,
    Item,
    Questionnaire,
    QuestionnaireError,
    Scale,
    Source,
    Text,
    Theme,
    TrainingKind,
    anonymity_rules,
    load_questionnaire,
    load_questionnaires,
)
from teletravail.practices.review import ThemeChange, before_after
from teletravail.practices.scoring import (
    DIFFERENCE,
    THRESHOLD,
    AnswerError,
    GroupResult,
    ItemCount,
    advice_for,
    check_answers,
    group_results,
    item_counts,
    strengths,
    theme_scores,
    weak_points,
)
from teletravail.practices.xlsform import from_xlsform, to_xlsform


__all__ = [
    "DIFFERENCE",
    "LANGUAGES",
    "ROLES",
    "THRESHOLD",
    "Advice",
    "AnswerError",
    "Choice",
    "GroupResult",
    "Item",
    "ItemCount",
    "Linkage",
    "LinkageError",
    "Questionnaire",
    "QuestionnaireError",
    "Scale",
    "Source",
    "Text",
    "Theme",
    "ThemeChange",
    "TrainingKind",
    "advice_for",
    "anonymity_rules",
    "before_after",
    "check_answers",
    "from_xlsform",
    "group_results",
    "item_counts",
    "link_waves",
    "load_questionnaire",
    "load_questionnaires",
    "new_linkage_key",
    "pseudonym",
    "strengths",
    "theme_scores",
    "to_xlsform",
    "weak_points",
]
