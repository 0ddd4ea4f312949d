"""The one exception of the planning engine for bad input (the CLI maps it to exit code 2)."""


class PlanningInputError(ValueError):
    """Malformed planning input: every problem found, each a French sentence naming the item at fault.

    Contradictory but well-formed input is not an error: the solver answers `infeasible` with an explanation.
    """

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))

    def lines(self):
        return list(self.problems)
