"""Reading and checking the member import file.

The functions here take text (or bytes) and return rows and errors, so that every rule can be tested without HTTP.
Nothing is written: `services.import_members` creates the teams and invitations once the whole file is valid.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.bounds import has_control_character
from teletravail.apps.geo.models import Commune
from teletravail.apps.organisations.models import Role
from teletravail.apps.organisations.selectors import member_emails, pending_invitation_emails
from teletravail.geo.text import normalize
from teletravail.uploads import CELLS, COLUMNS, ROWS, SECONDS, UploadLimitError, bounded_rows, upload_limits


MAX_LISTED_ERRORS = 50
HEADER_PROBE_CHARACTERS = 1 << 16
NAME_MAX_LENGTH = 150
EMAIL_MAX_LENGTH = 254

# Canonical key -> accepted header names (compared lower-case and without accents).
COLUMN_NAMES = {
    "email": ("email", "e-mail", "courriel"),
    "full_name": ("nom", "name"),
    "team": ("equipe", "team"),
    "role": ("role",),
    "home_commune": ("commune_residence", "home_commune"),
}
REQUIRED_COLUMNS = ("email", "full_name", "role")
EXPECTED_HEADER = "email,nom,equipe,role,commune_residence"

# Keys as `normalize` gives them: « Salarié » and `salarie` match, and so do `employer_admin` and « Employer admin ».
ROLE_VALUES = {
    "administrateur": Role.EMPLOYER_ADMIN,
    "employer admin": Role.EMPLOYER_ADMIN,
    "manager": Role.MANAGER,
    "salarie": Role.EMPLOYEE,
    "employee": Role.EMPLOYEE,
}
ROLE_HINT = "administrateur, manager, salarie"

INSEE_CODE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")

EXAMPLE_CSV = (
    "email,nom,equipe,role,commune_residence\n"
    "camille.martin@exemple.fr,Camille Martin,,administrateur,69383\n"
    "lea.bernard@exemple.fr,Léa Bernard,Développement,manager,42218\n"
    "samir.haddad@exemple.fr,Samir Haddad,Développement,salarie,42218\n"
    "ines.moreau@exemple.fr,Inès Moreau,Comptabilité,salarie,\n"
)


@dataclass(frozen=True)
class CsvError:
    """One problem in the file; `line` is the line number in the file (the header is line 1)."""

    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self):
        if self.line is not None and self.column:
            return _("Ligne %(line)s, colonne %(column)s : %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        if self.line is not None:
            return _("Ligne %(line)s : %(message)s") % {"line": self.line, "message": self.message}
        return str(self.message)


@dataclass(frozen=True)
class ImportRow:
    line: int
    email: str
    full_name: str
    role: str
    team_name: str = ""
    commune_code: str = ""


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[CsvError] = field(default_factory=list)
    # Canonical key -> the header as written in the file, so that messages name the user's own column.
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)

    def column(self, key):
        return self.columns.get(key, key)


def decode_csv(data):
    """Text of an uploaded file (UTF-8, with or without BOM), or a CsvError."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, CsvError(
            _(
                "Le fichier n'est pas encodé en UTF-8. Depuis votre tableur, enregistrez-le au format "
                "« CSV UTF-8 » puis importez-le de nouveau."
            )
        )


def detect_delimiter(header_line):
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _map_header(header, result):
    aliases = {normalize(name): key for key, names in COLUMN_NAMES.items() for name in names}
    positions = {}
    for index, raw_name in enumerate(header):
        name = raw_name.strip()
        key = aliases.get(normalize(name))
        if key is None:
            continue  # Extra columns (a note, a phone number) are ignored rather than refused.
        if key in positions:
            result.errors.append(
                CsvError(_("la colonne « %(column)s » figure plusieurs fois dans l'en-tête.") % {"column": name}, 1)
            )
            continue
        positions[key] = index
        result.columns[key] = name
    for key in REQUIRED_COLUMNS:
        if key not in positions:
            result.errors.append(
                CsvError(
                    _("colonne obligatoire « %(column)s » absente (en-tête attendu : %(header)s).")
                    % {"column": COLUMN_NAMES[key][0], "header": EXPECTED_HEADER},
                    1,
                )
            )
    return positions


def _normalise_commune_code(value):
    # Spreadsheets drop the leading zero of codes such as 01053: restore it rather than refuse the row.
    if len(value) == 4 and value.isdigit():
        return "0" + value
    return value.upper()


def _check_row(values, line, result, seen_emails):
    errors = result.errors

    # A line break inside a quoted cell is a space; any other control character, such as a NUL byte (PostgreSQL
    # cannot store it), refuses the row.
    values = {key: " ".join(value.split()) if has_control_character(value) else value for key, value in values.items()}
    controlled = [key for key, value in values.items() if has_control_character(value)]
    for key in controlled:
        errors.append(
            CsvError(
                _("la valeur contient un caractère de contrôle (caractère nul…)."),
                line,
                result.column(key),
            )
        )
    if controlled:
        return ImportRow(line=line, email="", full_name="", role="", team_name="", commune_code="")

    email = values["email"].lower()
    full_name = values["full_name"]
    role_value = values["role"]
    team_name = values["team"]
    commune_code = _normalise_commune_code(values["home_commune"])

    if not email:
        errors.append(CsvError(_("l'adresse électronique est obligatoire."), line, result.column("email")))
    else:
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(
                CsvError(
                    _("« %(value)s » n'est pas une adresse électronique valide.") % {"value": values["email"]},
                    line,
                    result.column("email"),
                )
            )
        else:
            if email in seen_emails:
                errors.append(
                    CsvError(
                        _("« %(value)s » figure déjà à la ligne %(other)s du fichier.")
                        % {"value": email, "other": seen_emails[email]},
                        line,
                        result.column("email"),
                    )
                )
            else:
                seen_emails[email] = line

    if not full_name:
        errors.append(CsvError(_("le nom est obligatoire."), line, result.column("full_name")))
    elif len(full_name) > NAME_MAX_LENGTH:
        errors.append(
            CsvError(
                _("le nom dépasse %(max)s caractères.") % {"max": NAME_MAX_LENGTH}, line, result.column("full_name")
            )
        )

    role = ROLE_VALUES.get(normalize(role_value))
    if not role_value:
        errors.append(
            CsvError(_("le rôle est obligatoire (%(roles)s).") % {"roles": ROLE_HINT}, line, result.column("role"))
        )
    elif role is None:
        errors.append(
            CsvError(
                _("« %(value)s » n'est pas un rôle reconnu (%(roles)s).") % {"value": role_value, "roles": ROLE_HINT},
                line,
                result.column("role"),
            )
        )

    if len(team_name) > NAME_MAX_LENGTH:
        errors.append(
            CsvError(
                _("le nom d'équipe dépasse %(max)s caractères.") % {"max": NAME_MAX_LENGTH},
                line,
                result.column("team"),
            )
        )

    if commune_code and not INSEE_CODE_RE.match(commune_code):
        errors.append(
            CsvError(
                _("« %(value)s » n'est pas un code INSEE de commune (5 caractères, par exemple 42218).")
                % {"value": values["home_commune"]},
                line,
                result.column("home_commune"),
            )
        )

    return ImportRow(
        line=line,
        email=email,
        full_name=full_name,
        role=role or "",
        team_name=team_name,
        commune_code=commune_code,
    )


def import_limits():
    """The bounds of one import file (uploads.yaml): data rows, columns, cells, reading time."""
    return upload_limits("member_import")


def _limit_error(error):
    """The translated message of a file beyond one of the import's limits."""
    messages = {
        ROWS: _(
            "Le fichier dépasse %(max)s lignes de membres, la limite d'un import : découpez-le en plusieurs fichiers."
        ),
        COLUMNS: _("Le fichier dépasse %(max)s colonnes, la limite d'un import."),
        CELLS: _("Le fichier dépasse %(max)s cellules, la limite d'un import : découpez-le en plusieurs fichiers."),
        SECONDS: _(
            "La lecture du fichier dépasse %(max)s secondes, la limite d'un import : "
            "découpez-le en plusieurs fichiers."
        ),
    }
    return CsvError(messages[error.measure] % {"max": number_format(error.limit, decimal_pos=0, force_grouping=True)})


def parse_members_csv(text, limits=None):
    """Rows and format errors of the file: columns, required values, e-mails, duplicates, roles, code format.

    Reading stops at the first row beyond `limits` (those of `import_limits()` by default): the file is then refused
    with that one error."""
    result = ParseResult()
    text = (text or "").lstrip("\ufeff")
    if not text.strip():
        result.errors.append(CsvError(_("Le fichier est vide.")))
        return result

    first_line = text[:HEADER_PROBE_CHARACTERS].splitlines()[0]  # not the whole file's lines, just to find the header
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    limits = limits or import_limits()
    records = bounded_rows(reader, limits, limits.deadline())
    try:
        header = next(records)
    except csv.Error as exc:
        result.errors.append(CsvError(_("l'en-tête est illisible (%(error)s).") % {"error": exc}, 1))
        return result
    except UploadLimitError as exc:
        result.errors.append(_limit_error(exc))
        return result
    positions = _map_header(header, result)
    if result.errors:
        return result

    seen_emails = {}
    row_count = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(CsvError(_("la ligne est mal formée (%(error)s).") % {"error": exc}, reader.line_num))
            break
        except UploadLimitError as exc:
            result.rows = []
            result.errors = [_limit_error(exc)]
            return result
        if not any(value.strip() for value in record):
            continue  # Blank lines, often left at the end by spreadsheets.
        row_count += 1
        line = reader.line_num
        extra = [value for value in record[len(header) :] if value.strip()]
        if extra:
            result.errors.append(
                CsvError(
                    _("la ligne compte %(count)s valeurs alors que l'en-tête a %(columns)s colonnes.")
                    % {"count": len(record), "columns": len(header)},
                    line,
                )
            )
            continue
        values = {
            key: (record[positions[key]].strip() if key in positions and positions[key] < len(record) else "")
            for key in COLUMN_NAMES
        }
        result.rows.append(_check_row(values, line, result, seen_emails))

    if row_count == 0 and not result.errors:
        result.errors.append(CsvError(_("Le fichier ne contient aucune ligne de membre sous l'en-tête.")))
    return result


def check_against_organisation(result, *, member_emails, pending_emails, known_commune_codes):
    """Add the errors that depend on the organisation: existing members, pending invitations, unknown communes."""
    member_emails = {email.lower() for email in member_emails}
    pending_emails = {email.lower() for email in pending_emails}
    for row in result.rows:
        if row.email in member_emails:
            result.errors.append(
                CsvError(
                    _("« %(value)s » est déjà membre de l'organisation.") % {"value": row.email},
                    row.line,
                    result.column("email"),
                )
            )
        elif row.email in pending_emails:
            result.errors.append(
                CsvError(
                    _("« %(value)s » a déjà une invitation en attente.") % {"value": row.email},
                    row.line,
                    result.column("email"),
                )
            )
        if row.commune_code and INSEE_CODE_RE.match(row.commune_code) and row.commune_code not in known_commune_codes:
            result.errors.append(
                CsvError(
                    _("« %(value)s » ne correspond à aucune commune connue (code INSEE).")
                    % {"value": row.commune_code},
                    row.line,
                    result.column("home_commune"),
                )
            )
    # Report in file order, whichever check found the problem.
    result.errors.sort(key=lambda error: error.line or 0)
    return result


def validate_members_csv(text, organisation):
    """Parse the file and check it against the organisation and the commune table (reads only)."""
    result = parse_members_csv(text)
    if not result.rows:
        return result
    codes = {row.commune_code for row in result.rows if row.commune_code}
    known = set(Commune.objects.filter(code__in=codes).values_list("code", flat=True)) if codes else set()
    return check_against_organisation(
        result,
        member_emails=member_emails(organisation),
        pending_emails=pending_invitation_emails(organisation),
        known_commune_codes=known,
    )


def summarise_errors(errors, limit=MAX_LISTED_ERRORS):
    """The first `limit` messages, and a closing line counting the others when there are more."""
    lines = [str(error) for error in errors[:limit]]
    remaining = len(errors) - limit
    if remaining > 0:
        lines.append(
            ngettext("et %(count)s autre erreur.", "et %(count)s autres erreurs.", remaining) % {"count": remaining}
        )
    return lines
