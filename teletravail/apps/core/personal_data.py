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

An organisation's archive (its admin's export, before a deletion): each app registers, with
`register_organisation_records`, every model it keeps for an organisation and how to find its rows; the archive
has one table per model, every column of the model but its secrets (links sent by e-mail), foreign keys as
identifiers of the other tables and accounts as their address. A test fails when a model that leads to an
organisation is not registered, so that a new app cannot be forgotten.

The « Données personnelles » page lists the processings each app registers with `register_processing`: purpose,
legal basis, data, recipients and retention, the periods read from the retention parameters (core.retention).
"""

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from teletravail.apps.core.downloads import csv_text
from teletravail.apps.core.retention import GROUP as RETENTION_GROUP
from teletravail.parameters import load_parameters


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
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _plain_tables(tables):
    return [
        PersonalTable(
            table.name,
            str(table.title),
            tuple((c, str(label)) for c, label in table.columns),
            [[_plain(value) for value in row] for row in table.rows],
        )
        for table in tables
    ]


def personal_tables(user):
    return _plain_tables([table for source in _SOURCES for table in source(user)])


def _csv_value(value):
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _csv(table):
    return csv_text(
        [[label for _code, label in table.columns], *([_csv_value(value) for value in row] for row in table.rows)]
    )


def _archive(tables, heading, **values):
    """The zip of `tables`: a note (`heading` with the date and `values`, then the files), one JSON file with every
    table, one CSV per table."""
    exported_at = timezone.localtime().isoformat()
    document = {
        "exporte_le": exported_at,
        "tables": {table.name: {"titre": table.title, "lignes": table.as_dicts()} for table in tables},
    }
    note = "\n".join(
        [
            heading % {"date": exported_at, **values},
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


def personal_archive(user):
    """The zip of everything the platform holds about `user`, as bytes."""
    return _archive(personal_tables(user), _("Vos données sur la plateforme Télétravail, exportées le %(date)s."))


# --- An organisation's archive ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationRecords:
    """One model kept for an organisation: its table's file name and title, how to find the organisation's rows
    (`scope`: the lookup from the model to the organisation, or a function of the organisation giving the rows),
    the fields never exported (secrets), related values added as columns ((lookup, label): a member's name), and
    whether its rows go when the organisation is deleted (a personal API token only loses the organisation)."""

    name: str
    title: str
    model: type
    scope: str | Callable
    leave_out: tuple = ()
    extra: tuple = ()
    deleted_with_organisation: bool = True

    def rows_of(self, organisation):
        if callable(self.scope):
            return self.scope(organisation)
        return self.model._default_manager.filter(**{self.scope: organisation})

    def columns(self):
        """(code, label, lookup) of every column: accounts by their address, other foreign keys by identifier."""
        user_model = get_user_model()
        columns = []
        for field in self.model._meta.concrete_fields:
            if field.name in self.leave_out:
                continue
            if field.is_relation and field.related_model is user_model:
                columns.append((field.name, field.verbose_name, f"{field.name}__email"))
            else:
                columns.append((field.attname, field.verbose_name, field.attname))
        return [*columns, *((lookup, label, lookup) for lookup, label in self.extra)]

    def table(self, organisation):
        rows_of = self.rows_of(organisation).order_by("pk")
        columns = self.columns()
        # Links to other rows of the organisation (teams a manager manages…); never to other organisations.
        many = [
            field
            for field in self.model._meta.many_to_many
            if field.name not in self.leave_out and field.related_model._meta.label != "organisations.Organisation"
        ]
        linked = {field.name: {} for field in many}
        for field in many:
            for pk, other in rows_of.filter(**{f"{field.name}__isnull": False}).values_list("pk", field.name):
                linked[field.name].setdefault(pk, []).append(other)
        rows = [
            [*values, *(sorted(linked[field.name].get(values[0], [])) for field in many)]
            for values in rows_of.values_list("pk", *(lookup for _code, _label, lookup in columns))
        ]
        labels = (("pk", "id"), *((code, label) for code, label, _lookup in columns))
        return PersonalTable(self.name, self.title, (*labels, *((f.name, f.verbose_name) for f in many)), rows)


_ORGANISATION_RECORDS = []


def register_organisation_records(name, title, model, scope, **options):
    """Register one model kept for an organisation (see OrganisationRecords); the archive follows this order."""
    _ORGANISATION_RECORDS.append(OrganisationRecords(name, title, model, scope, **options))


def organisation_records():
    return tuple(_ORGANISATION_RECORDS)


def organisation_row_count(organisation):
    return sum(records.rows_of(organisation).count() for records in _ORGANISATION_RECORDS)


def organisation_archive(organisation, *, limited=True):
    """The zip of everything the platform holds for `organisation`, as bytes; when `limited` (from the browser),
    ValidationError beyond ORGANISATION_EXPORT_MAX_ROWS rows: the archive is built in memory while the admin waits
    (`teletravail organisation export` has no limit)."""
    count, limit = organisation_row_count(organisation), settings.ORGANISATION_EXPORT_MAX_ROWS
    if limited and count > limit:
        raise ValidationError(
            _(
                "Les données de « %(name)s » comptent %(count)s lignes, plus que les %(limit)s qu'un export depuis "
                "le navigateur peut contenir. Demandez l'export à l'administrateur de la plateforme (commande "
                "« teletravail organisation export »)."
            )
            % {"name": organisation.name, "count": count, "limit": limit}
        )
    tables = _plain_tables([records.table(organisation) for records in _ORGANISATION_RECORDS])
    heading = _("Les données de l'organisation « %(name)s » sur la plateforme Télétravail, exportées le %(date)s.")
    return _archive(tables, heading, name=organisation.name)


def register_erasure(function):
    """Register `function(user, alias)`, run by `erase_account` before the account is deleted."""
    _ERASERS.append(function)
    return function


def erasure_alias(user):
    """The pseudonym that stands for an erased account in what is kept: the same for all its traces, and telling
    nothing of the person without the platform's secret key."""
    return "compte-supprime-" + _keyed("teletravail.erasure", user.pk)


def _keyed(salt, pk):
    return salted_hmac(salt, str(pk)).hexdigest()[:12]


def pseudonym(kind, pk):
    """`kind-` and a key derived from `pk` and the platform's secret: the trace of a deleted thing names it without
    saying what it was; the operator, who holds the key, can tell which it was by computing it again."""
    return f"{kind}-" + _keyed(f"teletravail.{kind}", pk)


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


# --- The processings, as the « Données personnelles » page lists them -------------------------------------------


@dataclass(frozen=True)
class Processing:
    """One processing of personal data: its name, purpose, legal basis (RGPD, article 6), the data it uses, who
    receives them, how long they are kept (`retention`, in words) and the retention parameters that bound parts of
    it (`periods`: (parameter of retention.yaml, what it applies to))."""

    name: str
    purpose: str
    legal_basis: str
    data: str
    recipients: str
    retention: str
    periods: tuple = ()


_PROCESSINGS = []


def register_processing(name, **fields):
    processing = Processing(name, **fields)
    for parameter, _what in processing.periods:
        load_parameters(RETENTION_GROUP)[parameter]  # a misspelt period fails at start-up, not on the page
    _PROCESSINGS.append(processing)


def processings():
    return tuple(_PROCESSINGS)
