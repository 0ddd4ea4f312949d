"""The error raised for a flows file that cannot be read: every message names the file, the line and the field."""

from teletravail.french import counted
from teletravail.impact.errors import FileInputError
from teletravail.uploads.tables import InputError


class FlowsInputError(FileInputError):
    """A flows file (or the commune reference) is unusable; nothing is returned.

    `problems` lists the first messages (« ligne 12, colonne IPONDI : … »; « enregistrement 12 » in a Parquet file,
    `row_label`), `total` counts them all; `errors` holds them as InputErrors (line, column, French template and its
    values, which a page translates), as for every upload.
    """

    def __init__(self, filename, problems, total=None, *, row_label="ligne"):
        self.filename = filename
        errors = [problem if isinstance(problem, InputError) else InputError(problem) for problem in problems]
        self.total = total if total is not None else len(errors)
        super().__init__(errors)
        self.source = filename
        self.problems = [_sentence(error, row_label) for error in errors]
        self.args = (self.describe(),)

    def describe(self):
        head = f"Fichier « {self.filename} » : "
        if self.total == 1 and len(self.problems) == 1:
            return head + self.problems[0].rstrip(".") + ". Rien n'a été importé."
        lines = [head + f"{counted(self.total, 'erreur')}, rien n'a été importé."]
        lines += [f"  - {problem}" for problem in self.problems]
        if self.total > len(self.problems):
            others = counted(
                self.total - len(self.problems), "autre erreur non affichée", "autres erreurs non affichées"
            )
            lines.append(f"  … et {others}.")
        return "\n".join(lines)


def _sentence(error, row_label):
    """« ligne 12, colonne IPONDI : … », the French of the command line."""
    if error.line is None:
        return error.text
    where = f"{row_label} {error.line}" + (f", colonne {error.column}" if error.column else "")
    return f"{where} : {error.text}"
