"""Scores by theme, group results with their anonymity guards, strengths, weak points and the advice they lead to.

A person's theme score is the mean of the 0–100 scores of the theme's scored items they answered, when they
answered at least the questionnaire's share of them (a dated parameter). A group's result is shown only when enough
people have a score (the theme's minimum group size) and when no two shown groups differ by fewer people than the
theme's rule of difference: otherwise subtracting one from the other would give away a few people's answers.
"""

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from teletravail.practices.questionnaire import ROLES


THRESHOLD = "threshold"
DIFFERENCE = "difference"
LEVELS = ("weak", "middle", "strong")


class AnswerError(ValueError):
    """An answer does not fit its item (unknown item, value not among its choices): the message is in French."""

    def __init__(self, message, message_en):
        self.message = message
        self.message_en = message_en
        super().__init__(message)


def theme_scores(questionnaire, answers: Mapping[str, object]) -> dict[str, float | None]:
    """One person's score per theme (0–100), None where too few scored items are answered (or none is scored).

    Answers to unknown items or values outside an item's choices raise AnswerError: they would be a bug of the
    form, never something to score silently.
    """
    check_answers(questionnaire, answers)
    return {theme.id: _theme_score(questionnaire, theme, answers) for theme in questionnaire.themes}


def _theme_score(questionnaire, theme, answers):
    if not theme.scored_items:
        return None
    scores = []
    for item_id in theme.scored_items:
        value = answers.get(item_id)
        if _is_blank(value):
            continue
        scores.append(questionnaire.item(item_id).item_score(value))
    needed = math.ceil(questionnaire.min_answered_share * len(theme.scored_items))
    if not scores or len(scores) < needed:
        return None
    return sum(scores) / len(scores)


def _is_blank(value):
    return value is None or value == "" or (isinstance(value, list | tuple | set) and not value)


def check_answers(questionnaire, answers: Mapping[str, object], role=None):
    """Refuse answers that do not fit: an unknown item, an item `role` does not answer, a value not offered."""
    allowed = {item.id: item for item in (questionnaire.items_for(role) if role else questionnaire.items)}
    for item_id, value in answers.items():
        item = allowed.get(item_id)
        if item is None:
            for_role, for_role_en = (" pour ce rôle", " for this role") if role else ("", "")
            raise AnswerError(
                f"La question « {item_id} » n'existe pas dans ce questionnaire{for_role}.",
                f"Item '{item_id}' does not exist in this questionnaire{for_role_en}.",
            )
        if _is_blank(value) or item.kind == "text":
            continue
        values = value if item.kind == "multiple" and isinstance(value, list | tuple | set) else [value]
        for one in values:
            if item.choice(one) is None:
                raise AnswerError(
                    f"« {one} » n'est pas une réponse possible à la question « {item.text('fr')} ».",
                    f"'{one}' is not a possible answer to the item '{item.text('en')}'.",
                )
    return answers


@dataclass(frozen=True)
class GroupResult:
    """A group's result on a theme; a hidden one (`hidden_reason` "threshold" or "difference") carries no figure."""

    group: str
    theme: str
    n: int
    score: float | None
    distribution: dict = field(default_factory=dict)
    hidden_reason: str | None = None
    level: str | None = None

    @property
    def shown(self):
        return self.hidden_reason is None


def group_results(
    questionnaire, responses: Sequence[tuple[str, Mapping]], groups: Mapping[str, Collection[str]]
) -> list[GroupResult]:
    """The result of every group on every scored theme, hidden where the thresholds or the difference rule say so.

    `responses` are (respondent_key, answers); `groups` map a label (a team, the whole organisation) to respondent
    keys. Between two groups that differ by fewer people than the rule of difference, the larger one is kept and
    the smaller one hidden: the larger one is the more useful figure and the more anonymous one. Groups are then
    considered largest first, so the whole organisation is kept before its teams. For nested or disjoint groups
    (an organisation chart), no sum or difference of shown groups gives the total of fewer people than the rule;
    for groups that cross one another (teams and another split of the same people), only pairs are checked.
    """
    personal = {key: theme_scores(questionnaire, answers) for key, answers in by_respondent(responses).items()}
    results = []
    for theme in questionnaire.themes:
        if not theme.scored_items:
            continue
        members = {
            label: frozenset(key for key in keys if personal.get(key, {}).get(theme.id) is not None)
            for label, keys in groups.items()
        }
        min_group, min_difference = anonymity_of(questionnaire, theme)
        shown = shown_groups(members, min_group, min_difference)
        for label in groups:
            people = members[label]
            n = len(people)
            if len(people) < min_group:
                results.append(GroupResult(label, theme.id, n, None, {}, THRESHOLD))
            elif label not in shown:
                results.append(GroupResult(label, theme.id, n, None, {}, DIFFERENCE))
            else:
                scores = [personal[key][theme.id] for key in people]
                score = sum(scores) / n
                distribution = dict.fromkeys(LEVELS, 0)
                for one in scores:
                    distribution[theme.level(one)] += 1
                results.append(GroupResult(label, theme.id, n, score, distribution, None, theme.level(score)))
    return results


@dataclass(frozen=True)
class ItemCount:
    """How often each answer of one item was given in a group (a person may give several to a multiple choice);
    a hidden one (`hidden_reason` "threshold" or "difference") carries no counts."""

    group: str
    item: str
    n: int
    counts: dict = field(default_factory=dict)
    hidden_reason: str | None = None

    @property
    def shown(self):
        return self.hidden_reason is None


def item_counts(
    questionnaire, item_id, responses: Sequence[tuple[str, Mapping]], groups: Mapping[str, Collection[str]]
) -> list[ItemCount]:
    """The answers to one item counted per group (training needs, working while ill…), under the anonymity rules of
    the item's theme: the people counted are those who answered the item."""
    item = questionnaire.item(item_id)
    if item.kind == "text":
        raise ValueError("Les réponses libres ne se comptent pas : elles pourraient identifier leur auteur.")
    theme = questionnaire.theme(item.theme)
    answered = {}
    for key, answers in by_respondent(responses).items():
        check_answers(questionnaire, answers)
        value = answers.get(item_id)
        if not _is_blank(value):
            values = value if item.kind == "multiple" and isinstance(value, list | tuple | set) else [value]
            answered[key] = [item.choice(one).value for one in values]
    members = {label: frozenset(key for key in keys if key in answered) for label, keys in groups.items()}
    min_group, min_difference = anonymity_of(questionnaire, theme)
    shown = shown_groups(members, min_group, min_difference)
    results = []
    for label in groups:
        people = members[label]
        if len(people) < min_group:
            results.append(ItemCount(label, item_id, len(people), {}, THRESHOLD))
        elif label not in shown:
            results.append(ItemCount(label, item_id, len(people), {}, DIFFERENCE))
        else:
            counts = dict.fromkeys((choice.value for choice in item.choices), 0)
            for key in people:
                for value in answered[key]:
                    counts[value] += 1
            results.append(ItemCount(label, item_id, len(people), counts))
    return results


def by_respondent(responses):
    """The answers by respondent key; a key met twice is a double answer, refused."""
    answers = {}
    for key, one in responses:
        if key in answers:
            raise AnswerError(
                "Une même personne a répondu deux fois au même questionnaire.",
                "The same person answered the same questionnaire twice.",
            )
        answers[key] = one
    return answers


def anonymity_of(questionnaire, theme):
    """The minimum group size and rule of difference of a theme; none for the organisation's own self-assessment,
    which the employer answers in their own name."""
    if not questionnaire.anonymous:
        return 1, 0
    return theme.min_group, theme.min_difference


def shown_groups(members, min_group, min_difference):
    """The labels that may be shown: above the threshold, and no subtraction of shown groups leaves 1 to
    `min_difference` - 1 people (two groups one from the other, or a group minus its shown disjoint sub-groups)."""
    candidates = sorted(
        (label for label, people in members.items() if len(people) >= min_group),
        key=lambda label: -len(members[label]),
    )
    shown = []
    for label in candidates:
        if not _discloses(members, [*shown, label], label, min_difference):
            shown.append(label)
    return set(shown)


def _too_few(people, min_difference):
    return 0 < len(people) < min_difference


def _discloses(members, shown, new, min_difference):
    people = members[new]
    for other in shown:
        if other == new:
            continue
        if _too_few(members[other] - people, min_difference) or _too_few(people - members[other], min_difference):
            return True
    # A group minus the shown groups inside it, when those are disjoint, gives the rest of its people.
    for label in shown:
        container = members[label]
        inside = {members[other] for other in shown if members[other] < container}  # a set: equal groups count once
        outermost = [one for one in inside if not any(one < bigger for bigger in inside)]
        if len(outermost) > 1 and sum(map(len, outermost)) == len(frozenset().union(*outermost)):
            if _too_few(container - frozenset().union(*outermost), min_difference):
                return True
    return False


def weak_points(results):
    """The shown results whose score is under their theme's weak threshold, weakest first."""
    return sorted((r for r in results if r.shown and r.level == "weak"), key=lambda r: r.score)


def strengths(results):
    """The shown results whose score reaches their theme's strong threshold, strongest first."""
    return sorted((r for r in results if r.shown and r.level == "strong"), key=lambda r: -r.score)


def advice_for(questionnaire, theme_id, role):
    """The advice sheets of a theme written for `role` ("employee", "manager" or "employer")."""
    if role not in ROLES:
        raise ValueError(f"Rôle inconnu : « {role} ».")
    return tuple(advice for advice in questionnaire.theme(theme_id).advice if advice.role == role)
