from datetime import date

from teletravail.documents.labels import format_date, labels


def test_french_dates_are_written_out_with_the_first_of_the_month_as_an_ordinal():
    assert format_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert format_date(date(2026, 8, 15), "fr-FR") == "15 août 2026"


def test_other_languages_get_their_words_and_unknown_ones_french():
    assert labels("en")["contents"] == "Contents"
    assert labels("en-GB")["contents"] == "Contents"
    assert labels("de") == labels("fr")
    assert format_date(date(2026, 3, 1), "en") == "2026-03-01"
