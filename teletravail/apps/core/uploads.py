"""How a page shows the problems of an uploaded file, the same for every upload (member import, staff file, flows
file): each InputError (line, column, French message) in the person's language, through the catalogue."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teletravail.uploads import MEGABYTE, fill
from teletravail.uploads.tables import TableInputError


def describe(error):
    """The translated sentence of an InputError: « Ligne 3, colonne role : … »."""
    message = fill(_(error.message), error.params, get_language())
    if error.line is not None and error.column:
        return _("Ligne %(line)s, colonne %(column)s : %(message)s") % {
            "line": error.line,
            "column": error.column,
            "message": message,
        }
    if error.line is not None:
        return _("Ligne %(line)s : %(message)s") % {"line": error.line, "message": message}
    return message


def input_error_messages(error):
    """The sentences to show for an input error: one per InputError of a file (after one naming the file, when its
    name is known), else the error's own sentence."""
    if isinstance(error, TableInputError):
        named = [_("Fichier « %(name)s » : rien n'a été importé.") % {"name": error.source}] if error.source else []
        return named + [describe(problem) for problem in error.errors]
    return [str(error)]


def add_input_errors(form, error):
    """Show `error` (an engine's input error) at the top of `form`, one message per problem of the file."""
    for message in input_error_messages(error):
        form.add_error(None, message)


def upload_max_bytes(kind):
    """The largest file of `kind` (a key of settings.UPLOAD_MAX_MEGABYTES) a form accepts, in bytes."""
    return int(settings.UPLOAD_MAX_MEGABYTES[kind] * MEGABYTE)


def upload_max_size(kind):
    """That size as the page writes it, in megabytes: « 5 », « 2,5 »."""
    return fill("%(size)s", {"size": settings.UPLOAD_MAX_MEGABYTES[kind]}, get_language())


def declared_length(request):
    """The body's length the client declares (0 when none): enough to refuse a large upload before reading it."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
