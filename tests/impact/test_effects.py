"""Effect descriptions: every effect has an English label and unit, and switching language keeps the value."""

from teletravail.impact.effects import EFFECTS, ENGLISH, make_effect


def test_every_effect_has_an_english_label_and_unit():
    assert set(ENGLISH) == set(EFFECTS)
    assert all(unit and label for unit, label in ENGLISH.values())


def test_in_language_switches_label_and_unit_only():
    effect = make_effect("hours_saved_per_year", 42.0, ["voiture_thermique"])
    english = effect.in_language("en-gb")
    assert (english.label, english.unit) == ("Commuting time saved", "h/yr")
    assert (english.value, english.parameters) == (effect.value, effect.parameters)
    assert effect.in_language("fr") is effect
