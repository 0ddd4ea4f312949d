"""What the platform holds about one person, gathered for their own download (RGPD, right of access), and the
erasure of their account (right to erasure).

Each app registers, with `@register_personal_data`, a function that gives the tables it holds about a person (its
`personal_data` module, imported by its `AppConfig.ready()`); `personal_archive` puts them all in one zip: a JSON
file with every table, one CSV file per table, and a note on what they are. A table shows the person's own data
only: where a record also concerns someone else (a manager's decision on their diagnostic, an event they caused
in an organisation), it keeps what is about the person and leaves the other people out.

Erasure: each app registers, with `@register_erasure`, a function `(user, alias)` that removes or anonymises what
the deletion of the account does not remove by itself (texts that name the person, the audit trail, where the
person's name and address become `alias`), or raises ValidationError to refuse (the last admin of an
organisation). `erase_account` runs them all, then deletes the account, in one transaction.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from teletravail.apps.core.downloads import csv_text


@dataclass(frozen=True)
class PersonalTable:
    """One kind of record: its file name (`adhesions`), its title in words, its columns (code, label) and rows."""

    name: str
    title: str
    columns: tuple
    rows: list

    def as_dicts(self):
        return [dict(zip((code for code, _label in self.columns), row, strict=True)) for row in self.rows]


_SOURCES = []
_ERASERS = []


def field_columns(model, *names):
    """(code, label) columns named after the model's fields, labelled by their verbose names."""
    return tuple((name, model._meta.get_field(name).verbose_name) for name in names)


def register_personal_data(function):
    """Register `function(user) -> list[PersonalTable]`; the archive lists the tables in registration order."""
    _SOURCES.append(function)
    return function


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def personal_tables(user):
    tables = [table for source in _SOURCES for table in source(user)]
    return [
        PersonalTable(
            table.name,
            str(table.title),
            tuple((c, str(label)) for c, label in table.columns),
            [[_plain(value) for value in row] for row in table.rows],
        )
        for table in tables
    ]


def _csv_value(value):
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else value


def _csv(table):
    return csv_text(
        [[label for _code, label in table.columns], *([_csv_value(value) for value in row] for row in table.rows)]
    )


def personal_archive(user):
    """The zip of everything the platform holds about `user`, as bytes."""
    tables = personal_tables(user)
    exported_at = timezone.localtime().isoformat()
    document = {
        "exporte_le": exported_at,
        "tables": {table.name: {"titre": table.title, "lignes": table.as_dicts()} for table in tables},
    }
    note = "\n".join(
        [
            _("Vos données sur la plateforme Télétravail, exportées le %(date)s.") % {"date": exported_at},
            _("donnees.json contient toutes les tables ; chaque fichier CSV (séparateur « ; ») en contient une :"),
            "",
            *(f"- {table.name}.csv : {table.title} ({len(table.rows)})" for table in tables),
            "",
        ]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZMOI.txt", note)
        archive.writestr("donnees.json", json.dumps(document, ensure_ascii=False, indent=2))
        for table in tables:
            archive.writestr(f"{table.name}.csv", _csv(table))
    return buffer.getvalue()


def register_erasure(function):
    """Register `function(user, alias)`, run by `erase_account` before the account is deleted."""
    _ERASERS.append(function)
    return function


def erasure_alias(user):
    """The pseudonym that stands for an erased account in what is kept: the same for all its traces, and telling
    nothing of the person without the platform's secret key."""
    return "compte-supprime-" + salted_hmac("teletravail.erasure", str(user.pk)).hexdigest()[:12]


def replace_person(value, user, alias):
    """`value` (text, or JSON-like lists and dicts) with the person's address and full name replaced by `alias`."""
    if isinstance(value, str):
        for identity in (user.email, user.full_name):
            if identity:
                value = value.replace(identity, alias)
        return value
    if isinstance(value, list):
        return [replace_person(item, user, alias) for item in value]
    if isinstance(value, dict):
        return {replace_person(key, user, alias): replace_person(item, user, alias) for key, item in value.items()}
    return value


@transaction.atomic
def erase_account(user):
    """Erase `user`: every registered eraser, then the account and what hangs on it (memberships, answers,
    notifications, tokens…). ValidationError, and nothing changed, when an eraser refuses."""
    alias = erasure_alias(user)
    for eraser in _ERASERS:
        eraser(user, alias)
    user.delete()
    return alias
