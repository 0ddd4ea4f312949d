"""The one exception of the impact engine for bad input (the CLI maps it to exit code 2)."""

from teletravail.uploads.tables import TableInputError


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


class FileInputError(TableInputError, ImpactInputError):
    """A file given to the engine (staff file, flows file) that cannot be used. It is the ImpactInputError the
    engine's callers expect and the TableInputError of every upload: `errors` are InputErrors (line, column,
    French message) that a page lists one by one. `message` is `str()`; it defaults to the errors joined."""

    def __init__(self, errors, message=None):
        self.errors = list(errors)
        self.problems = tuple(str(error) for error in self.errors)
        ValueError.__init__(self, message or " ; ".join(self.problems))
