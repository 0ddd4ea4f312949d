"""Linking a person's answers across the two waves of a review without storing who they are.

Each answer carries `pseudonym(key, person_id)`, an HMAC-SHA256 of the person's id under a key kept apart from the
answers. With the key, the same person gets the same pseudonym at both waves; once the key is destroyed after the
review, no one can compute a pseudonym again, so no answer can be tied back to a name.
"""

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from teletravail.practices.scoring import by_respondent


KEY_BYTES = 32


class LinkageError(ValueError):
    """The key is missing (destroyed) or malformed: the message is in French."""


def new_linkage_key() -> bytes:
    """A fresh random key for one campaign family (both waves of a review)."""
    return secrets.token_bytes(KEY_BYTES)


def pseudonym(key: bytes, person_id) -> str:
    """The person's pseudonym under `key` (hex HMAC-SHA256); refused once the key is destroyed (None or empty)."""
    if not key:
        raise LinkageError("La clé de liaison a été détruite : les réponses ne peuvent plus être reliées.")
    if not isinstance(key, bytes | bytearray) or len(key) < 16:
        raise LinkageError("La clé de liaison n'est pas une clé valide (au moins 16 octets).")
    return hmac.new(bytes(key), str(person_id).encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Linkage:
    """The two waves paired: `pairs` maps a pseudonym found at both waves to (answers at T0, answers at T6)."""

    n0: int
    n1: int
    n_linked: int
    pairs: dict

    @property
    def attrition(self):
        """Share of the first wave's respondents who did not answer the second (0 without a first wave)."""
        return (self.n0 - self.n_linked) / self.n0 if self.n0 else 0.0

    @property
    def linked_share(self):
        """Share of the second wave's respondents linked to their first answers (the review's 90 % target)."""
        return self.n_linked / self.n1 if self.n1 else 0.0


def link_waves(wave0: Sequence[tuple[str, Mapping]], wave1: Sequence[tuple[str, Mapping]]) -> Linkage:
    """Pair two waves of (pseudonym, answers)."""
    first, second = by_respondent(wave0), by_respondent(wave1)
    pairs = {key: (first[key], second[key]) for key in first if key in second}
    return Linkage(n0=len(first), n1=len(second), n_linked=len(pairs), pairs=pairs)
