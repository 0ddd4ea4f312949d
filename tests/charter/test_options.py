from pathlib import Path

import pytest

from teletravail.charter.errors import CharterInputError
from teletravail.charter.options import Duration, default_options, load_options_file, parse_options
from tests.charter.helpers import answered


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_defaults_parse_and_respect_their_sector(sector):
    options = default_options(sector, has_cse=False)
    assert options.sector == sector
    assert options.contact_hours
    assert (options.acceptance is not None) == (sector == "prive")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("charte-*.yaml")), ids=lambda path: path.name)
def test_example_options_files_parse(path):
    options = load_options_file(path)
    assert options.organisation.name


def test_given_options_override_the_defaults_only_where_given():
    options = parse_options(answered({"rhythm": {"telework_days": 3}, "contact_hours": ["9h-12h"]}))
    assert options.rhythm.telework_days == 3
    assert options.rhythm.team_day == default_options("prive", has_cse=False).rhythm.team_day
    assert options.contact_hours == (((9, 0), (12, 0)),)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"rhythm": {"telework_days": -1}}, "« rhythm.telework_days » : un nombre positif ou nul est attendu"),
        ({"rhythm": {"telework_days": 8}}, "« rhythm.telework_days » : au plus 7 jours"),
        ({"rhythm": {"basis": "mois", "telework_days": 32}}, "« rhythm.telework_days » : au plus 31 jours"),
        ({"rhythm": {"telework_days": "deux"}}, "« rhythm.telework_days » : un nombre est attendu"),
        ({"rhythm": {"jours": 2}}, "« rhythm.jours » : option inconnue"),
        ({"couleur": "bleu"}, "« couleur » : option inconnue"),
        ({"places": ["lune"]}, "« places » : lune inconnu"),
        ({"places": []}, "« places » : au moins une valeur"),
        ({"allowance": {"mode": "par_semaine"}}, "« allowance.mode » : « par_semaine » inconnu"),
        ({"allowance": {"mode": "par_mois", "amount_eur": None}}, "« allowance.amount_eur » : un montant est attendu"),
        ({"monitoring": {"tools": ["drone"]}}, "« monitoring.tools » : drone inconnu"),
        ({"end_notice": "deux mois"}, "« end_notice » : une durée comme"),
        ({"contact_hours": ["12:00-09:00"]}, "« contact_hours » : plage « 12:00-09:00 » invalide"),
        ({"contact_hours": ["09:00-12:00", "11:00-14:00"]}, "« contact_hours » : les plages se chevauchent"),
        ({"effective_date": "01/09/2026"}, "« effective_date » : date invalide"),
        ({"document_type": "deliberation"}, "« document_type » : « deliberation » inconnu"),
        ({"omit": ["ORG-99"]}, "« omit » : ORG-99 inconnu"),
        ({"organisation": {"has_cse": "oui"}}, "« organisation.has_cse » : oui ou non"),
        ({"sector": "associatif"}, "« sector » : « associatif » inconnu"),
        ({"sector": "public", "acceptance": "courriel"}, "« acceptance » : option inconnue"),
    ],
)
def test_bad_options_raise_french_errors_naming_the_option(given, message):
    with pytest.raises(CharterInputError) as error:
        parse_options(given)
    assert any(message in problem for problem in error.value.lines()), error.value.lines()


def test_every_bad_option_is_reported_at_once():
    with pytest.raises(CharterInputError) as error:
        parse_options(answered({"rhythm": {"telework_days": -2}, "places": ["lune"], "reply_delay": "bientôt"}))
    assert len(error.value.lines()) == 3


def test_options_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "options.yaml"
    bad.write_text("rhythm:\n  telework_days: 9\n", encoding="utf-8")
    with pytest.raises(CharterInputError, match="options.yaml, « rhythm.telework_days »"):
        load_options_file(bad)
    bad.write_text("rhythm: [\n", encoding="utf-8")
    with pytest.raises(CharterInputError, match="fichier YAML illisible"):
        load_options_file(bad)
    with pytest.raises(CharterInputError, match="fichier introuvable"):
        load_options_file(tmp_path / "absent.yaml")


def test_durations_compare_in_days_and_read_in_french():
    assert Duration(2, "mois").months == 2
    assert Duration(15, "jours").days == 15
    assert str(Duration(1, "semaines")) == "1\u00a0semaine"
