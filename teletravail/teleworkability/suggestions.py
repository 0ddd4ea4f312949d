"""Activity suggestions for a profession, to pre-fill the diagnostic done with the employees.

Where they come from: the JRC item table (`isco_questions.csv`, Sostero et al. 2020, draft stage) gives, for
each ISCO-08 3-digit group, the importance or frequency (0-100) of 15 task items of the Italian occupational
survey (ICP, the Italian O*NET): use of computers, telephone and e-mail; assisting and caring; working with the
public; coordinating; team building; responsibility for others' safety; physical activities; handling objects;
controlling machines; operating vehicles; repairing; inspecting. The items of the profession's ISCO group that
reach the `suggestion_item_threshold` parameter become French activity suggestions, each with the criteria it
usually brings (`criteria.yaml`, `task_items`). A 3-digit group missing from the table (nursing, 222) takes the
mean of the groups of its 2-digit sub-major group.

These are prompts, not a diagnosis: the group average says what people in that occupation often do, not what
this job does. Employees confirm, split, rename and time the activities themselves.
"""

import csv
from dataclasses import dataclass
from functools import cache

from teletravail.parameters import load_parameters
from teletravail.teleworkability.criteria import load_criteria
from teletravail.teleworkability.professions import profession
from teletravail.teleworkability.reference import DATA_DIR


@dataclass(frozen=True)
class ActivitySuggestion:
    label: str
    criteria: tuple[str, ...]
    importance: float  # 0-100, from the JRC item table
    source_item: str
    isco_group: str  # the ISCO-08 group whose items were used (3 digits, or 2 when the 3-digit one is missing)


@cache
def _items_by_isco3():
    with (DATA_DIR / "isco_questions.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return {
            row["isco08"].strip(): {item: float(row[item]) for item in reader.fieldnames[2:] if row[item]}
            for row in reader
        }


def _items(isco_code):
    table = _items_by_isco3()
    if isco_code[:3] in table:
        return isco_code[:3], table[isco_code[:3]]
    group = [items for isco3, items in table.items() if isco3[:2] == isco_code[:2]]
    names = {name for items in group for name in items}
    return isco_code[:2], {name: sum(items.get(name, 0.0) for items in group) / len(group) for name in names}


def suggest_activities(pcs_code, when=None, language="fr"):
    """Typical activities of a PCS 2020 profession, most important first (empty when the data have none), named in
    `language`.

    Armed forces, outside the JRC table, get no suggestion.
    """
    item = profession(pcs_code)
    threshold = load_parameters("teleworkability")["suggestion_item_threshold"].at(when).central
    task_items = load_criteria().task_items
    isco_group, scores = _items(item.isco08)
    suggestions = [
        ActivitySuggestion(task_items[name].label_in(language), task_items[name].criteria, score, name, isco_group)
        for name, score in scores.items()
        if name in task_items and score >= threshold
    ]
    return sorted(suggestions, key=lambda suggestion: (-suggestion.importance, suggestion.label))
