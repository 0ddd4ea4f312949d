import pytest

from teletravail.charter.catalogue import CatalogueError, load_catalogue
from teletravail.charter.stances import Sentence, load_stances, parse_stances, read_stances
from teletravail.charter.text import french_number


def checks(text, sector="prive"):
    return [match.rule.check for match in read_stances([Sentence("Article 1 – Test", text)], sector)]


def test_a_lawful_reading_listed_first_decides_the_sentence_for_its_item():
    assert checks("Le refus du salarié ne constitue en aucun cas un motif de licenciement.") == [
        "refus-salarie-sans-sanction"
    ]
    assert checks("Le refus du salarié constitue un motif de licenciement.") == ["refus-salarie-motif-de-licenciement"]


def test_rules_apply_to_their_sectors_only():
    sentence = "Les titres-restaurant sont supprimés les jours de télétravail."
    assert checks(sentence, "prive") == ["titres-restaurant-supprimes"]
    assert checks(sentence, "public") == []  # no meal allowance on telework days in the public sector


def test_every_rule_names_an_item_of_the_checklist_or_a_risk():
    ids = set(load_catalogue().ids())
    assert load_stances().rules  # a loop over nothing would assert nothing
    for rule in load_stances().rules:
        assert rule.id in ids or rule.id.startswith("RISK-"), rule.check
        if rule.stance != "conforme":
            assert rule.legal_basis_for("prive") or rule.legal_basis_for("public"), rule.check
    assert set(load_stances().mentions) <= ids


def test_every_rule_that_speaks_has_its_message_in_english_for_each_of_its_sectors():
    """The checker's findings were French on English pages (first users' review, point 16)."""
    speaking = [rule for rule in load_stances().rules if rule.stance != "conforme"]
    assert speaking
    for rule in speaking:
        assert rule.sectors, rule.check
        for sector in rule.sectors:
            french, english = rule.message_for(sector), rule.message_for(sector, "en")
            assert english and english != french, (rule.check, sector)


def rule(**changes):
    raw = {"id": "ELIG-06", "check": "x", "stance": "erreur", "topic": ["refus"], "says": ["licenci"]}
    raw.update(legal_basis="C. trav. L1222-9 III", message="Message.", message_en="Message.")
    raw.update(changes)
    return raw


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([rule(stance="interdit")], "stance attendue parmi conforme, erreur, avertissement, a_relire"),
        ([{k: v for k, v in rule().items() if k != "message"}], "base légale, message et message anglais"),
        ([{k: v for k, v in rule().items() if k != "message_en"}], "message anglais (message_en) obligatoires"),
        ([rule(topic=["<INCONNU>"])], "« <INCONNU> » absent du vocabulaire"),
        ([rule(says=["("])], "expression invalide"),
        ([rule(), rule()], "nom(s) de règle en double : x"),
        ([rule(sectors=["associatif"])], "secteurs attendus parmi prive, public"),
        ([{"id": "ELIG-06"}], "champ(s) manquant(s) : check, stance, topic, says"),
    ],
)
def test_a_malformed_rule_file_is_refused_with_the_rule_named(rules, message):
    with pytest.raises(CatalogueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_stances({"rules": rules})


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("3", 3),
        ("3,50", 3.5),
        ("trois", 3),
        ("quinze", 15),
        ("vingt-six", 26),
        ("vingt et un", 21),
        ("soixante-dix", 70),
    ],
)
def test_french_numbers_in_digits_or_words(token, value):
    assert french_number(token) == value
