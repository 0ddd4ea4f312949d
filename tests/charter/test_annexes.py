from datetime import date

import pytest

from teletravail.charter.annexes import (
    exceptional_circumstances_notice,
    individual_agreement_form,
    public_authorisation_form,
    reversibility_letter,
)
from teletravail.charter.assembly import render
from teletravail.charter.errors import CharterInputError
from teletravail.charter.options import default_options
from teletravail.charter.rules import Derogation
from teletravail.documents import Heading
from tests.charter.conftest import WHEN


def test_individual_form_restates_the_charter_options():
    options = default_options("prive", has_cse=False)
    markdown = render(individual_agreement_form(options, when=WHEN), "md")
    assert "Demande et accord individuel de télétravail" in markdown
    assert str(options.end_notice) in markdown and "Acceptation par le salarié" in markdown
    with pytest.raises(CharterInputError, match="secteur privé"):
        individual_agreement_form(default_options("public"), when=WHEN)


@pytest.mark.parametrize("sector", ["prive", "public"])
@pytest.mark.parametrize("initiative", ["employeur", "salarie"])
def test_reversibility_letter(sector, initiative):
    options = default_options(sector, has_cse=False)
    markdown = render(reversibility_letter(options, initiative=initiative, when=WHEN), "md")
    assert str(options.end_notice) in markdown
    assert ("entretien" in markdown) is (sector == "public" and initiative == "employeur")


def test_reversibility_letter_refuses_an_unknown_initiative():
    with pytest.raises(CharterInputError, match="« initiative »"):
        reversibility_letter(default_options("prive", has_cse=False), initiative="juge")


def test_public_authorisation_checks_the_ceiling_and_derogations():
    options = default_options("public")
    document = public_authorisation_form(options, when=WHEN)
    assert [b.text for b in document.blocks if isinstance(b, Heading)][0] == "Article 1 – Autorisation"
    with pytest.raises(CharterInputError, match="sans dérogation"):
        public_authorisation_form(options, when=WHEN, telework_days_per_week=4)
    with pytest.raises(CharterInputError, match="avis du médecin du travail"):
        public_authorisation_form(
            options, when=WHEN, telework_days_per_week=4, derogation=Derogation("sante_handicap", 6)
        )
    allowed = public_authorisation_form(
        options, when=WHEN, telework_days_per_week=4, derogation=Derogation("sante_handicap", 6, medical_opinion=True)
    )
    assert "état de santé ou handicap (art. 4 1°), pour 6 mois" in render(allowed, "md")
    with pytest.raises(CharterInputError, match="secteur public"):
        public_authorisation_form(default_options("prive", has_cse=False))


@pytest.mark.parametrize(("sector", "basis"), [("prive", "L1222-11"), ("public", "décret n° 2016-151")])
def test_exceptional_circumstances_notice(sector, basis):
    document = exceptional_circumstances_notice(
        "Mairie de Montbrison", "épidémie de grippe", date(2026, 12, 1), date(2026, 12, 19), sector=sector, when=WHEN
    )
    markdown = render(document, "md")
    assert basis in markdown
    assert "du 1er décembre 2026 et jusqu'au 19 décembre 2026 inclus" in markdown
    assert "épidémie de grippe" in markdown


def test_exceptional_circumstances_notice_refuses_bad_input_with_every_problem():
    with pytest.raises(CharterInputError) as error:
        exceptional_circumstances_notice(" ", "", date(2026, 12, 2), date(2026, 12, 1))
    assert [line.split(" : ")[0] for line in error.value.lines()] == ["« organisation »", "« reason »", "« end »"]
