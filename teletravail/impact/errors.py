"""The one exception of the impact engine for bad input (the CLI maps it to exit code 2)."""


class ImpactInputError(ValueError):
    """Bad input: the message is in French and names the field (and the line for files).

    `problems` holds every message when several were found at once (e.g. a staff file with errors on
    several lines); `str(error)` joins them.
    """

    def __init__(self, message, problems=None):
        self.problems = tuple(problems) if problems else (message,)
        super().__init__(message)

    def lines(self):
        return list(self.problems)
