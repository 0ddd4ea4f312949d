"""The one exception of the charter engine for bad input (the CLI maps it to exit code 2)."""


class CharterInputError(ValueError):
    """Bad options or an unreadable document: the message is in French and names the option or the file.

    `problems` holds every message when several were found at once (e.g. several bad options in one file);
    `str(error)` joins them.
    """

    def __init__(self, message, problems=None):
        self.problems = tuple(problems) if problems else (message,)
        super().__init__(message if not problems else " ; ".join(self.problems))

    def lines(self):
        return list(self.problems)
