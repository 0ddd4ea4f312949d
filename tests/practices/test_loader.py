"""Loading questionnaires: the bundled ones, and bad files refused whole with the line at fault."""

import pytest

from teletravail.practices import ROLES, QuestionnaireError, load_questionnaire, load_questionnaires
from teletravail.practices.questionnaire import QUESTIONNAIRES_DIR


MINIMAL = """\
id: mini
version: "1"
valid_from: 2026-12-01
licence: Licence Ouverte 2.0
title: {fr: Mini, en: Mini}
sources: ["Source de test"]
scales:
  agree3:
    - {value: 1, label: {fr: Non, en: "No"}}
    - {value: 2, label: {fr: Un peu, en: A little}}
    - {value: 3, label: {fr: Oui, en: "Yes"}}
themes:
  - id: tools
    title: {fr: Outils, en: Tools}
    weak_below: 50
    strong_from: 75
    advice:
      - role: employer
        title: {fr: Équiper, en: Equip}
        text: {fr: Fournir le matériel., en: Provide the equipment.}
        sources: ["Source de test"]
items:
  - id: tools.laptop
    theme: tools
    kind: scale
    scale: agree3
    text: {fr: J'ai un ordinateur portable., en: I have a laptop.}
  - id: tools.screen
    theme: tools
    kind: scale
    scale: agree3
    reverse: true
    text: {fr: Mon écran est trop petit., en: My screen is too small.}
"""


def test_the_minimal_file_loads():
    questionnaire = load_questionnaire(MINIMAL)
    assert questionnaire.id == "mini"
    assert [item.id for item in questionnaire.items] == ["tools.laptop", "tools.screen"]
    theme = questionnaire.theme("tools")
    assert (theme.min_group, theme.min_difference, theme.scored_items) == (5, 3, ("tools.laptop", "tools.screen"))
    assert questionnaire.item("tools.screen").item_score(1) == 100.0  # reversed: the lowest point is worth 100


def test_a_questionnaire_loads_from_its_file():
    path = QUESTIONNAIRES_DIR / "risks.yaml"
    assert load_questionnaire(path) == load_questionnaire(str(path)) == load_questionnaires()["risks"]


def test_a_questionnaire_is_in_force_from_its_date():
    assert load_questionnaires("2026-11-30") == {}
    assert set(load_questionnaires("2026-12-01")) == set(load_questionnaires())


def test_the_bundled_questionnaires_are_the_five_of_the_journey():
    assert set(load_questionnaires()) == {"practices", "risks", "digital_person", "digital_organisation", "training"}


# What may ship in the default (AGPL) install: our own items under an open licence. Instruments under other terms
# (COPSOQ's CC BY-NC-ND, proprietary scales) would need their own optional pack.
OPEN_LICENCES = {"Licence Ouverte 2.0 (Etalab) / CC BY 4.0"}


@pytest.mark.parametrize("questionnaire", load_questionnaires().values(), ids=lambda q: q.id)
def test_every_bundled_questionnaire_is_dated_sourced_openly_licensed_and_bilingual(questionnaire):
    assert questionnaire.valid_from and questionnaire.version and questionnaire.sources
    assert questionnaire.licence in OPEN_LICENCES
    assert questionnaire.title("fr") != questionnaire.title("en")
    assert questionnaire.items
    for item in questionnaire.items:
        assert item.text("fr") and item.text("en")
        assert all(choice.label("fr") and choice.label("en") for choice in item.choices)
    assert questionnaire.themes
    for theme in questionnaire.themes:
        assert theme.title("fr") and theme.title("en")


@pytest.mark.parametrize("questionnaire", load_questionnaires().values(), ids=lambda q: q.id)
def test_every_scored_theme_leads_to_advice(questionnaire):
    assert questionnaire.themes
    for theme in questionnaire.themes:
        if theme.scored_items:
            assert theme.advice, theme.id


def test_every_advice_sheet_is_for_a_role_sourced_and_bilingual():
    sheets = [
        advice
        for questionnaire in load_questionnaires().values()
        for theme in questionnaire.themes
        for advice in theme.advice
    ]
    assert sheets  # the training questionnaire has none of its own
    for advice in sheets:
        assert advice.role in ROLES and advice.sources and advice.text("en") != advice.text("fr")


def test_each_role_answers_its_own_items():
    questionnaires = load_questionnaires()
    practices = questionnaires["practices"]
    assert "practices.manager_goals_set" in {item.id for item in practices.items_for("manager")}
    assert "practices.manager_goals_set" not in {item.id for item in practices.items_for("employee")}
    assert questionnaires["digital_organisation"].items_for("employee") == ()
    assert questionnaires["digital_organisation"].items_for("employer")
    with pytest.raises(ValueError, match="Rôle inconnu"):
        practices.items_for("consultant")


def line_of(text, fragment, occurrence=1):
    """The 1-based line of the `occurrence`-th line that is `fragment` (stripped), else that contains it."""
    lines = list(enumerate(text.splitlines(), start=1))
    found = [number for number, line in lines if line.strip() == fragment] or [
        number for number, line in lines if fragment in line
    ]
    return found[occurrence - 1]


BAD_FILES = {
    "unknown item type": (
        MINIMAL.replace("kind: scale\n    scale: agree3\n    reverse", "kind: slider\n    scale: agree3\n    reverse"),
        "kind: slider",
        "type de question inconnu « slider »",
    ),
    "scale with a non-numeric point": (
        MINIMAL.replace("{value: 2, label", "{value: deux, label"),
        "value: deux",
        "doit être un nombre",
    ),
    "scale with one point": (
        MINIMAL.replace(
            '    - {value: 2, label: {fr: Un peu, en: A little}}\n    - {value: 3, label: {fr: Oui, en: "Yes"}}\n', ""
        ),
        "agree3:",
        "au moins deux points",
    ),
    "scale that is not a list": (
        MINIMAL.replace("  agree3:\n", "  agree3: 1-3\n  unused:\n"),
        "agree3: 1-3",
        "échelle « agree3 » doit être une liste",
    ),
    "scoring rule naming a missing item": (
        MINIMAL.replace("    weak_below: 50\n", "    scored_items: [tools.laptop, tools.mouse]\n    weak_below: 50\n"),
        "scored_items",
        "règle de score cite une question qui n'existe pas, « tools.mouse »",
    ),
    "duplicate item id": (
        MINIMAL.replace("id: tools.screen", "id: tools.laptop"),
        ("id: tools.laptop", 2),
        "« tools.laptop » est définie deux fois",
    ),
    "duplicate key": (
        MINIMAL.replace("    reverse: true\n", "    reverse: true\n    reverse: false\n"),
        "reverse: false",
        "« reverse » est écrite deux fois",
    ),
    "advice for an unknown theme": (
        MINIMAL
        + "advice:\n  meetings:\n    - {role: manager, title: {fr: a, en: b}, text: {fr: c, en: d}, sources: [s]}\n",
        "meetings:",
        "conseil pour un thème inconnu « meetings »",
    ),
    "item of an unknown theme": (
        MINIMAL.replace(
            "theme: tools\n    kind: scale\n    scale: agree3\n    reverse",
            "theme: tool\n    kind: scale\n    scale: agree3\n    reverse",
        ),
        "theme: tool",
        "thème inconnu « tool »",
    ),
    "text without English": (
        MINIMAL.replace(
            "text: {fr: Mon écran est trop petit., en: My screen is too small.}",
            "text: {fr: Mon écran est trop petit.}",
        ),
        "Mon écran est trop petit",
        "s'écrit en français et en anglais",
    ),
    "unknown advice role": (
        MINIMAL.replace("role: employer", "role: boss"),
        "role: boss",
        "rôle inconnu « boss »",
    ),
    "duplicate theme id": (
        MINIMAL.replace("themes:\n", "themes:\n  - {id: tools, title: {fr: Outils, en: Tools}}\n"),
        ("id: tools", 2),
        "le thème « tools » est défini deux fois",
    ),
    "bad YAML": (MINIMAL.replace("licence: Licence Ouverte 2.0", "licence: [Licence"), "title:", "pas du YAML valide"),
    "lowering the group threshold": (
        MINIMAL.replace("    weak_below: 50\n", "    min_group: 3\n    weak_below: 50\n"),
        "min_group: 3",
        "ne peut pas descendre sous 5",
    ),
}


@pytest.mark.parametrize("text, fragment, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_naming_the_line(text, fragment, message):
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(text)
    error = caught.value
    fragment, occurrence = fragment if isinstance(fragment, tuple) else (fragment, 1)
    expected_line = line_of(text, fragment, occurrence)
    assert message in error.message
    assert error.line == expected_line
    assert error.message.startswith(f"Ligne {expected_line} : ")
    assert error.message_en.startswith(f"Line {expected_line}: ")
