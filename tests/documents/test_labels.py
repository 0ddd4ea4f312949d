from teletravail.documents.labels import labels


def test_other_languages_get_their_words_and_unknown_ones_french():
    assert labels("en")["contents"] == "Contents"
    assert labels("en-GB")["contents"] == "Contents"
    assert labels("de") == labels("fr")
