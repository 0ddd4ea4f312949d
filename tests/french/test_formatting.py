"""One French formatter per kind of value, and the elision of « de » before a name."""

import pytest

from teletravail import french


NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    "formatted, expected",
    [
        (french.integer(12345.678), f"12{NNBSP}346"),
        (french.integer(-188), "\u2212188"),
        (french.integer(-0.4), "0"),
        (french.integer(1234, signed=True), f"+1{NNBSP}234"),
        (french.decimal(2.5), "2,5"),
        (french.decimal(3.0), "3"),
        (french.decimal(0.126, 2), "0,13"),
        (french.percent(35), f"35{NBSP}%"),
        (french.percent(12.5, 1), f"12,5{NBSP}%"),
        (french.money(-188), f"\u2212188{NBSP}€"),
        (french.money(399018), f"399{NNBSP}018{NBSP}€"),
        (french.money(2.5, 2), f"2,50{NBSP}€"),
        (french.km(12345.6), f"12{NNBSP}346{NBSP}km"),
        (french.kg(1688.4), f"1{NNBSP}688{NBSP}kg"),
        (french.hours(1.5, 1), f"1,5{NBSP}h"),
        (french.significant(12345.678), f"12{NNBSP}346"),
        (french.significant(12.345), "12,3"),
        (french.significant(0.00235), "0,00235"),
        (french.integer(None), ""),
        (french.fixed(20, 1), "20,0"),
        (french.fixed(-1.3, 2, signed=True), "\u22121,30"),
        (french.fixed(4.8, 1, signed=True), "+4,8"),
        (french.fixed_unless_whole(5.2), "5,20"),
        (french.fixed_unless_whole(34.0), "34"),
        (french.fixed_unless_whole(2.04, 1), "2,0"),
        (french.fixed_unless_whole(1234.5), f"1{NNBSP}234,50"),
    ],
)
def test_french_layout_of_each_kind_of_value(formatted, expected):
    assert formatted == expected


def test_english_layout():
    assert french.integer(12345.6, "en") == "12,346"
    assert french.decimal(2.5, 1, "en") == "2.5"
    assert french.money(-188, 0, "en") == "\u2212€188"
    assert french.percent(35, 0, "en") == "35%"
    assert french.kg(1688, 0, "en") == f"1,688{NBSP}kg"


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.1 + 0.2, "0,3"),
        (1e-05, "0,00001"),
        (1234.5, "1234,5"),
        (2.0, "2"),
        (-0.0000001, "0"),
        (42, "42"),
        ("texte", "texte"),
        (True, True),
    ],
)
def test_csv_numbers_have_a_decimal_comma_no_noise_and_no_exponent(value, expected):
    assert french.csv_number(value) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Atelier Démo", "d'Atelier Démo"),
        ("Éco Services", "d'Éco Services"),
        ("Hôtel de ville", "d'Hôtel de ville"),
        ("Coopérative Durand", "de Coopérative Durand"),
        ("  Usine ", "d'Usine"),
        ("Yves Morel", "d'Yves Morel"),
        ("Yann Le Gall", "de Yann Le Gall"),
        ("Élodie Roux", "d'Élodie Roux"),
        ("Bernard Petit", "de Bernard Petit"),
    ],
)
def test_de_before_a_name_is_elided_before_a_vowel(name, expected):
    assert french.de_name(name) == expected


@pytest.mark.parametrize(
    "language, expected",
    [("fr", "d'Alice Martin"), ("fr-fr", "d'Alice Martin"), ("en", "Alice Martin"), (None, "d'Alice Martin")],
)
def test_a_name_said_of_is_elided_in_french_and_bare_in_english(language, expected):
    assert french.of_name(" Alice Martin ", language) == expected


@pytest.mark.parametrize(
    "name, language, expected",
    [
        ("alice@exemple.fr", "fr", "qu'alice@exemple.fr"),
        ("Élodie Roux", "fr", "qu'Élodie Roux"),
        ("yves@exemple.fr", "fr", "qu'yves@exemple.fr"),
        ("yann@exemple.fr", "fr", "que yann@exemple.fr"),
        (" bruno@exemple.fr ", "fr", "que bruno@exemple.fr"),
        ("alice@exemple.fr", "en", "alice@exemple.fr"),
    ],
)
def test_a_name_after_que_is_elided_in_french_and_bare_in_english(name, language, expected):
    assert french.que_name(name, language) == expected


def test_dates_are_written_out_day_first_in_each_language():
    from datetime import date

    assert french.long_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert french.long_date(date(2026, 8, 15), "fr-FR") == "15 août 2026"
    # Was « 2027-06-12 » in English documents.
    assert french.long_date(date(2027, 6, 12), "en") == "12 June 2027"
    assert french.long_date(date(2026, 3, 1), "en-GB") == "1 March 2026"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pages_short_and_long_dates_put_the_day_first_as_the_templates_do(language):
    from datetime import date, datetime

    from django.template import Context, Template
    from django.utils import translation
    from django.utils.formats import date_format

    day = date(2027, 6, 12)
    with translation.override(language):
        written = french.long_date(day, language).replace("er ", " ")
        assert date_format(day, "DATE_FORMAT") == written  # « June 12, 2027 » in English before
        assert date_format(day, "SHORT_DATE_FORMAT") == "12/06/2027"  # « 06/12/2027 » before
        assert date_format(datetime(2027, 6, 12, 9, 5), "DATETIME_FORMAT") == f"{written} 09:05"
        assert Template('{{ day|date:"d/m/Y" }} {{ day|date:"j F Y" }}').render(Context({"day": day})) == (
            f"12/06/2027 {written}"
        )


@pytest.mark.parametrize(
    "count, expected",
    [
        (0, "0 règle non respectée"),
        (1, "1 règle non respectée"),
        (2, "2 règles non respectées"),
        (1500, "1\u202f500 règles non respectées"),
    ],
)
def test_a_count_takes_the_singular_for_0_and_1_and_the_plural_from_2(count, expected):
    assert french.counted(count, "règle non respectée", "règles non respectées") == expected


def test_a_count_makes_the_plural_with_an_s_by_default():
    assert [french.counted(n, "erreur") for n in (1, 2)] == ["1 erreur", "2 erreurs"]
