"""Impact engine: yearly effects of telework for a person, an employer and a territory.

Pure Python and NumPy/Polars (no Django). Every figure comes from `teletravail/parameters/data/impact.yaml`.

    >>> from teletravail.impact import simulate_person
    >>> person = {"distance_km": 20, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3}
    >>> result = simulate_person(person)
    >>> round(result.results["km_avoided_per_year"])
    2760

The territory level (`teletravail.impact.territory.simulate_territory`) imports Polars; it is not imported here.
"""

from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import AGGREGATE_MODES, INDIVIDUAL_MODES, MODE_LABELS, MODES, mode_label
from teletravail.impact.params import METHODS, ImpactParameters
from teletravail.impact.person import PersonInput, PersonResult, simulate_person


__all__ = [
    "AGGREGATE_MODES",
    "INDIVIDUAL_MODES",
    "METHODS",
    "MODES",
    "MODE_LABELS",
    "ImpactInputError",
    "ImpactParameters",
    "PersonInput",
    "PersonResult",
    "mode_label",
    "simulate_person",
]
