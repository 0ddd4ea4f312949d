"""The one exception of the teleworkability engine for bad input (the CLI maps it to exit code 2)."""


class TeleworkabilityInputError(ValueError):
    """Bad input: the message is in French and names the job, the activity or the code at fault.

    `problems` holds every message when several were found at once (e.g. several activities of a job);
    `str(error)` joins them.
    """

    def __init__(self, message=None, problems=None):
        self.problems = tuple(problems) if problems else (message,)
        super().__init__(message or " ".join(self.problems))

    def lines(self):
        return list(self.problems)
