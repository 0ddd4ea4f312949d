"""The solver's time budget is tuning kept in the planning engine's parameter file, each value with its reason."""

from teletravail.parameters import load_parameters
from teletravail.planning import budget


def test_every_share_and_duration_of_the_time_budget_is_a_solver_parameter_that_says_it_is_tuning():
    tuning = {name: parameter for name, parameter in load_parameters("planning").items() if name.startswith("solver.")}
    assert len(tuning) == 13
    for name, parameter in tuning.items():
        assert getattr(budget, name.removeprefix("solver.").upper()) == parameter.at().central, name
        assert "pas une règle du télétravail" in parameter.description, name
        assert "not a telework rule" in parameter.description_en, name
        assert parameter.source.note, name  # why this value
