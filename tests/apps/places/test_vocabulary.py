from teletravail.apps.places.vocabulary import VOCABULARIES


def test_every_code_of_the_engine_has_a_name_and_no_name_is_left_over():
    assert VOCABULARIES
    for codes, names in VOCABULARIES:
        assert set(codes) == set(names)
