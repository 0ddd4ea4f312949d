"""Linking the two waves of a review through a keyed pseudonym, and what destroying the key does."""

import pytest

from teletravail.practices import AnswerError, LinkageError, link_waves, new_linkage_key, pseudonym


def test_the_same_person_under_the_same_key_has_the_same_pseudonym():
    key = new_linkage_key()
    assert pseudonym(key, 42) == pseudonym(key, "42")
    assert len(pseudonym(key, 42)) == 64  # hex SHA-256
    assert pseudonym(key, 42) != pseudonym(key, 43)


def test_another_key_gives_another_pseudonym():
    assert pseudonym(new_linkage_key(), 42) != pseudonym(new_linkage_key(), 42)


def test_the_pseudonym_is_the_hmac_sha256_of_the_id():
    # RFC 4231, test case 1: key 0x0b × 20, data "Hi There".
    expected = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    assert pseudonym(b"\x0b" * 20, "Hi There") == expected


@pytest.mark.parametrize("destroyed", [None, b""])
def test_a_destroyed_key_cannot_make_pseudonyms(destroyed):
    with pytest.raises(LinkageError, match="détruite"):
        pseudonym(destroyed, 42)


def test_destroying_the_key_makes_relinking_impossible():
    key = new_linkage_key()
    people = ["alice", "bruno", "chloé", "driss", "emma"]
    first_wave = [(pseudonym(key, person), {"q": 1}) for person in people]
    key = None  # the review is done: the key is destroyed
    with pytest.raises(LinkageError):
        pseudonym(key, "alice")
    # A new key cannot reproduce the old pseudonyms: the same people are no longer linked.
    second_wave = [(pseudonym(new_linkage_key(), person), {"q": 2}) for person in people]
    assert link_waves(first_wave, second_wave).n_linked == 0


def test_the_two_waves_are_paired_and_counted():
    key = new_linkage_key()
    first = [(pseudonym(key, person), {"wave": 0}) for person in ["a", "b", "c", "d"]]
    second = [(pseudonym(key, person), {"wave": 1}) for person in ["b", "c", "d", "e", "f"]]
    linkage = link_waves(first, second)
    assert (linkage.n0, linkage.n1, linkage.n_linked) == (4, 5, 3)
    assert linkage.attrition == 0.25  # 1 of the 4 first-wave respondents did not come back
    assert linkage.linked_share == 0.6  # 3 of the 5 second-wave respondents are linked
    assert linkage.pairs[pseudonym(key, "b")] == ({"wave": 0}, {"wave": 1})


def test_a_pseudonym_twice_in_a_wave_is_refused():
    with pytest.raises(AnswerError, match="deux fois"):
        link_waves([("x", {}), ("x", {})], [])
