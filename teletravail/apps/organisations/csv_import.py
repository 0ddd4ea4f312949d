"""Reading and checking the member import file, and the preview shown before anything is created.

The functions here take the file (bytes, text or an already read `Table`) and return rows, errors and what each
commune cell means, so that every rule can be tested without HTTP. Nothing is written: the page shows the preview
(who will be invited, which commune each cell resolved to, codes to choose, rejected rows with the reason) and
`services.import_members` creates the teams and invitations once the person has confirmed a valid file.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.bounds import has_control_character
from teletravail.apps.core.uploads import describe
from teletravail.apps.geo.forms import candidate_text, candidates_text
from teletravail.apps.geo.selectors import resolve_commune
from teletravail.apps.organisations.models import Role, Sex
from teletravail.apps.organisations.selectors import member_emails, pending_invitation_emails
from teletravail.geo.text import normalize
from teletravail.uploads import (
    CELLS,
    COLUMNS,
    MEGABYTE,
    ROWS,
    SECONDS,
    UNPACKED,
    UploadLimitError,
    upload_limits,
)
from teletravail.uploads.tables import InputError, Table, TableInputError, read_table


MAX_LISTED_ERRORS = 50
NAME_MAX_LENGTH = 150
EMAIL_MAX_LENGTH = 254

# Canonical key -> accepted header names (compared lower-case and without accents).
COLUMN_NAMES = {
    "email": ("email", "e-mail", "courriel"),
    "full_name": ("nom", "name"),
    "team": ("equipe", "team"),
    "role": ("role",),
    "home_commune": ("commune_residence", "home_commune"),
    "sex": ("sexe", "sex"),
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
SEX_VALUES = {"femme": Sex.WOMAN, "f": Sex.WOMAN, "homme": Sex.MAN, "h": Sex.MAN, "non renseigne": Sex.UNDECLARED}
SEX_HINT = "femme, homme, non renseigné ou vide"

EXAMPLE_CSV = (
    "email,nom,equipe,role,commune_residence\n"
    "camille.martin@exemple.fr,Camille Martin,,administrateur,69383\n"
    "lea.bernard@exemple.fr,Léa Bernard,Développement,manager,42218\n"
    "samir.haddad@exemple.fr,Samir Haddad,Développement,salarie,42218\n"
    "ines.moreau@exemple.fr,Inès Moreau,Comptabilité,salarie,\n"
)


@dataclass(frozen=True)
class ImportRow:
    line: int
    email: str
    full_name: str
    role: str
    team_name: str = ""
    # As written in the file: a postal code, an INSEE code or a name, resolved by `validate_members_csv`.
    commune_text: str = ""
    sex: str = Sex.UNDECLARED


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    # Canonical key -> the header as written in the file, so that messages name the user's own column.
    columns: dict[str, str] = field(default_factory=dict)
    # Commune cell as written -> CommuneResolution (one commune, candidates to choose from, or none known).
    resolutions: dict = field(default_factory=dict)

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)

    def column(self, key):
        return self.columns.get(key, key)

    def resolution(self, row):
        return self.resolutions.get(row.commune_text) if row.commune_text else None

    def preview(self):
        """One PreviewRow a file row, in file order, with the errors of its line."""
        by_line = {}
        for error in self.errors:
            by_line.setdefault(error.line, []).append(error)
        return [PreviewRow(row, self.resolution(row), by_line.get(row.line, [])) for row in self.rows]

    @property
    def to_choose(self):
        """The rows whose commune cell may mean several communes: the person chooses before the import."""
        return [row for row in self.rows if (resolution := self.resolution(row)) is not None and resolution.ambiguous]


@dataclass(frozen=True)
class PreviewRow:
    """A row as the preview shows it: invited as is, commune to choose, or rejected with its reasons."""

    row: ImportRow
    resolution: object = None  # CommuneResolution of the commune cell, None when the cell is empty
    errors: list = field(default_factory=list)

    @property
    def rejected(self):
        return bool(self.errors)

    @property
    def commune(self):
        return self.resolution.commune if self.resolution is not None else None

    @property
    def to_choose(self):
        return not self.rejected and self.resolution is not None and self.resolution.ambiguous

    @property
    def reasons(self):
        return [error.message for error in self.errors]

    @property
    def role_label(self):
        return Role(self.row.role).label if self.row.role in Role.values else ""

    @property
    def commune_label(self):
        """« Lyon 3e Arrondissement (69), code postal »: the commune found and how the cell matched it."""
        return candidate_text(self.commune) if self.commune is not None else ""

    @property
    def choices(self):
        """(INSEE code, « Villeurbanne (69), code postal ») of each commune the cell may mean."""
        if self.resolution is None:
            return []
        return [(commune.code, candidate_text(commune)) for commune in self.resolution.candidates]


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
                InputError(_("la colonne « %(column)s » figure plusieurs fois dans l'en-tête.") % {"column": name}, 1)
            )
            continue
        positions[key] = index
        result.columns[key] = name
    for key in REQUIRED_COLUMNS:
        if key not in positions:
            result.errors.append(
                InputError(
                    _("colonne obligatoire « %(column)s » absente (en-tête attendu : %(header)s).")
                    % {"column": COLUMN_NAMES[key][0], "header": EXPECTED_HEADER},
                    1,
                )
            )
    return positions


def _check_row(values, line, result, seen_emails):
    errors = result.errors

    # A line break inside a quoted cell is a space; any other control character, such as a NUL byte (PostgreSQL
    # cannot store it), refuses the row.
    values = {key: " ".join(value.split()) if has_control_character(value) else value for key, value in values.items()}
    controlled = [key for key, value in values.items() if has_control_character(value)]
    for key in controlled:
        errors.append(
            InputError(
                _("la valeur contient un caractère de contrôle (caractère nul…)."),
                line,
                result.column(key),
            )
        )
    if controlled:
        return ImportRow(line=line, email="", full_name="", role="")

    email = values["email"].lower()
    full_name = values["full_name"]
    role_value = values["role"]
    team_name = values["team"]
    commune_text = values["home_commune"]
    sex = SEX_VALUES.get(normalize(values["sex"])) if values["sex"] else Sex.UNDECLARED
    if sex is None:
        errors.append(
            InputError(
                _("« %(value)s » n'est pas une valeur reconnue pour le sexe (%(values)s).")
                % {"value": values["sex"], "values": SEX_HINT},
                line,
                result.column("sex"),
            )
        )

    if not email:
        errors.append(InputError(_("l'adresse électronique est obligatoire."), line, result.column("email")))
    else:
        try:
            if len(email) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(
                InputError(
                    _("« %(value)s » n'est pas une adresse électronique valide.") % {"value": values["email"]},
                    line,
                    result.column("email"),
                )
            )
        else:
            if email in seen_emails:
                errors.append(
                    InputError(
                        _("« %(value)s » figure déjà à la ligne %(other)s du fichier.")
                        % {"value": email, "other": seen_emails[email]},
                        line,
                        result.column("email"),
                    )
                )
            else:
                seen_emails[email] = line

    if not full_name:
        errors.append(InputError(_("le nom est obligatoire."), line, result.column("full_name")))
    elif len(full_name) > NAME_MAX_LENGTH:
        errors.append(
            InputError(
                _("le nom dépasse %(max)s caractères.") % {"max": NAME_MAX_LENGTH}, line, result.column("full_name")
            )
        )

    role = ROLE_VALUES.get(normalize(role_value))
    if not role_value:
        errors.append(
            InputError(_("le rôle est obligatoire (%(roles)s).") % {"roles": ROLE_HINT}, line, result.column("role"))
        )
    elif role is None:
        errors.append(
            InputError(
                _("« %(value)s » n'est pas un rôle reconnu (%(roles)s).") % {"value": role_value, "roles": ROLE_HINT},
                line,
                result.column("role"),
            )
        )

    if len(team_name) > NAME_MAX_LENGTH:
        errors.append(
            InputError(
                _("le nom d'équipe dépasse %(max)s caractères.") % {"max": NAME_MAX_LENGTH},
                line,
                result.column("team"),
            )
        )

    return ImportRow(
        line=line,
        email=email,
        full_name=full_name,
        role=role or "",
        team_name=team_name,
        commune_text=commune_text,
        sex=sex or Sex.UNDECLARED,
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
        UNPACKED: _("Le classeur dépasse %(max)s Mo une fois décompressé, la limite d'un import."),
    }
    if error.measure not in messages:
        # A zip bomb's ratio or entries: the guard's own French sentence says which.
        return InputError(_("Le classeur est refusé : %(reason)s.") % {"reason": error})
    limit = error.limit / MEGABYTE if error.measure == UNPACKED else error.limit
    return InputError(messages[error.measure] % {"max": number_format(limit, decimal_pos=0, force_grouping=True)})


def read_members_file(source, limits=None):
    """(Table, None) of an import file (CSV in UTF-8 or Windows-1252, separated by commas, semicolons or tabs, or an
    XLSX workbook), or (None, [InputError]) when it cannot be read or passes one of `limits` (`import_limits()`)."""
    limits = limits or import_limits()
    try:
        return read_table(source, limits), None
    except TableInputError as exc:
        return None, exc.errors
    except UploadLimitError as exc:
        return None, [_limit_error(exc)]


def parse_members_csv(source, limits=None):
    """Rows and format errors of the file (bytes, text or a `Table`): columns, required values, e-mails, duplicates,
    roles. Reading stops at the first row beyond `limits` (those of `import_limits()` by default): the file is then
    refused with that one error."""
    result = ParseResult()
    if isinstance(source, Table):
        table = source
    else:
        table, errors = read_members_file(source, limits)
        if errors:
            result.errors.extend(errors)
            return result
    if table.is_empty:
        result.errors.append(InputError(_("Le fichier est vide.")))
        return result
    header = table.header
    positions = _map_header(header, result)
    if result.errors:
        return result

    seen_emails = {}
    row_count = 0
    for line, record in table.rows:
        if not any(value.strip() for value in record):
            continue  # Blank lines, often left at the end by spreadsheets.
        row_count += 1
        extra = [value for value in record[len(header) :] if value.strip()]
        if extra:
            result.errors.append(
                InputError(
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
        result.errors.append(InputError(_("Le fichier ne contient aucune ligne de membre sous l'en-tête.")))
    return result


def check_against_organisation(result, *, member_emails, pending_emails, resolutions):
    """Add the errors that depend on the organisation and the reference: existing members, pending invitations,
    communes that no code or name designates. `resolutions` maps each commune cell to its CommuneResolution; a cell
    that may mean several communes is no error: the person chooses in the preview."""
    member_emails = {email.lower() for email in member_emails}
    pending_emails = {email.lower() for email in pending_emails}
    result.resolutions = dict(resolutions)
    for row in result.rows:
        if row.email in member_emails:
            taken = _("« %(value)s » est déjà membre de l'organisation.")
        elif row.email in pending_emails:
            taken = _("« %(value)s » a déjà une invitation en attente.")
        else:
            taken = None
        if taken:
            result.errors.append(InputError(taken % {"value": row.email}, row.line, result.column("email")))
        resolution = result.resolution(row)
        if resolution is not None and resolution.unknown:
            result.errors.append(
                InputError(
                    _("« %(value)s » ne correspond à aucune commune connue (code postal, code INSEE ou nom exact).")
                    % {"value": row.commune_text},
                    row.line,
                    result.column("home_commune"),
                )
            )
    # Report in file order, whichever check found the problem.
    result.errors.sort(key=lambda error: error.line or 0)
    return result


def validate_members_csv(source, organisation):
    """Parse the file and check it against the organisation and the commune reference (reads only)."""
    result = parse_members_csv(source)
    if not result.rows:
        return result
    texts = {row.commune_text for row in result.rows if row.commune_text}
    return check_against_organisation(
        result,
        member_emails=member_emails(organisation),
        pending_emails=pending_invitation_emails(organisation),
        resolutions={text: resolve_commune(text) for text in texts},
    )


def new_team_names(result, organisation):
    """The team names of the file that do not exist yet in the organisation (created by the import), in file order."""
    existing = {normalize(name) for name in organisation.teams.values_list("name", flat=True)}
    names = {}
    for row in result.rows:
        key = normalize(row.team_name)
        if row.team_name and key not in existing:
            names.setdefault(key, row.team_name)
    return list(names.values())


def preview_counts(preview):
    """How many rows the preview shows ready, with a commune to choose, and rejected."""
    return {
        "ready": sum(1 for item in preview if not item.rejected and not item.to_choose),
        "to_choose": sum(1 for item in preview if item.to_choose),
        "rejected": sum(1 for item in preview if item.rejected),
    }


# The choice « no commune » for a row whose code may mean several communes (completed later in the invitation).
NO_COMMUNE = "-"


def chosen_communes(result, choices):
    """({line: Commune or None}, [InputError]): the commune of each row, the person's choice where its cell may mean
    several communes (`choices`: line -> INSEE code of a candidate, or NO_COMMUNE); a missing or foreign choice is an
    error naming the candidates."""
    choices = choices or {}
    communes, errors = {}, []
    for row in result.rows:
        resolution = result.resolution(row)
        if resolution is None:
            communes[row.line] = None
        elif not resolution.ambiguous:
            communes[row.line] = resolution.commune
        else:
            choice = choices.get(row.line)
            candidates = {commune.code: commune for commune in resolution.candidates}
            if choice == NO_COMMUNE:
                communes[row.line] = None
            elif choice in candidates:
                communes[row.line] = candidates[choice]
            else:
                errors.append(
                    InputError(
                        _("choisissez la commune que désigne « %(value)s » : %(candidates)s.")
                        % {"value": row.commune_text, "candidates": candidates_text(resolution.candidates)},
                        row.line,
                        result.column("home_commune"),
                    )
                )
    return communes, errors


def summarise_errors(errors, limit=MAX_LISTED_ERRORS):
    """The first `limit` messages, and a closing line counting the others when there are more."""
    lines = [describe(error) for error in errors[:limit]]
    remaining = len(errors) - limit
    if remaining > 0:
        lines.append(
            ngettext("et %(count)s autre erreur.", "et %(count)s autres erreurs.", remaining) % {"count": remaining}
        )
    return lines
