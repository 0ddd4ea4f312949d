"""Backups of the PostgreSQL database with pg_dump (custom format) and their restore with pg_restore.

Beside each dump, a version file (`<dump>.version.json`) records what the dump's schema belongs to: the platform's
version and the latest migration of each app, with the dump's SHA-256. A restore refuses a dump whose version is not
the running code's (its tables would not match the models) or whose file changed since, and says why in French.
"""

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail import __version__


VERSION_SUFFIX = ".version.json"
FORMAT = 1


class BackupRefused(Exception):
    """The reason, in French, is the message."""


@dataclass(frozen=True)
class Backup:
    dump: Path
    version_file: Path


def version_file_of(dump):
    dump = Path(dump)
    return dump.with_name(dump.name + VERSION_SUFFIX)


def code_version():
    """The platform's version and the latest migration of each app, as the running code has them."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    return {"platform": __version__, "migrations": {app: name for app, name in sorted(leaves)}}


def _postgresql_environment():
    """pg_dump and pg_restore connect to the database of the settings through libpq's variables (the password
    stays out of the command line)."""
    params = connection.settings_dict
    if connection.vendor != "postgresql":
        raise BackupRefused(
            _(
                "Les sauvegardes passent par pg_dump et pg_restore : elles demandent une base PostgreSQL "
                "(DATABASE_URL), pas %(vendor)s."
            )
            % {"vendor": connection.vendor}
        )
    environment = {**os.environ, "PGDATABASE": params["NAME"]}
    for setting, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if params.get(setting):
            environment[variable] = str(params[setting])
    return environment


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command, environment):
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BackupRefused(
            _("%(command)s a échoué : %(error)s") % {"command": command[0], "error": completed.stderr.strip()}
        )


def create_backup(dump):
    """Dump the database to `dump` (pg_dump -Fc) and write its version file beside it."""
    environment = _postgresql_environment()
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise BackupRefused(
            _(
                "La base a %(count)s migrations non appliquées : lancez « manage.py migrate » avant de la "
                "sauvegarder, pour que la sauvegarde corresponde à cette version de la plateforme."
            )
            % {"count": len(pending)}
        )
    dump = Path(dump)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"], environment)
    version = {
        "format": FORMAT,
        **code_version(),
        "database": connection.settings_dict["NAME"],
        "created_at": timezone.now().isoformat(),
        "sha256": _sha256(dump),
    }
    version_file = version_file_of(dump)
    version_file.write_text(json.dumps(version, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return Backup(dump, version_file)


def _version_differences(saved, current):
    differences = []
    if saved.get("platform") != current["platform"]:
        differences.append(
            _("version de la plateforme %(saved)s dans la sauvegarde, %(current)s ici")
            % {"saved": saved.get("platform"), "current": current["platform"]}
        )
    saved_migrations = saved.get("migrations") or {}
    for app in sorted(set(saved_migrations) | set(current["migrations"])):
        before, now = saved_migrations.get(app), current["migrations"].get(app)
        if before != now:
            differences.append(
                _("application %(app)s : migration %(saved)s dans la sauvegarde, %(current)s ici")
                % {"app": app, "saved": before or _("aucune"), "current": now or _("aucune")}
            )
    return differences


def check_restorable(dump):
    """The dump's version file, read and compared: BackupRefused with every reason when the dump cannot be restored
    into this version of the platform."""
    dump = Path(dump)
    if not dump.is_file():
        raise BackupRefused(_("La sauvegarde %(file)s n'existe pas.") % {"file": dump})
    version_file = version_file_of(dump)
    try:
        saved = json.loads(version_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupRefused(
            _(
                "Le fichier de version %(file)s manque à côté de la sauvegarde : sans lui, rien ne dit que la "
                "sauvegarde correspond à cette version de la plateforme. Restauration refusée."
            )
            % {"file": version_file}
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise BackupRefused(
            _("Le fichier de version %(file)s est illisible. Restauration refusée.") % {"file": version_file}
        ) from None
    if saved.get("sha256") != _sha256(dump):
        raise BackupRefused(
            _(
                "La sauvegarde %(file)s a changé depuis qu'elle a été faite (son empreinte ne correspond plus à celle "
                "de son fichier de version) : fichier abîmé ou remplacé. Restauration refusée."
            )
            % {"file": dump}
        )
    differences = _version_differences(saved, code_version())
    if differences:
        raise BackupRefused(
            _(
                "Cette sauvegarde vient d'une autre version de la plateforme : %(differences)s. Restaurez-la avec "
                "la version qui l'a faite (puis mettez à jour avec « manage.py migrate »). Restauration refusée."
            )
            % {"differences": " ; ".join(differences)}
        )
    return saved


def restore_backup(dump):
    """Replace the database's content with the dump's (pg_restore --clean, in one transaction: on an error
    nothing is changed)."""
    check_restorable(dump)
    environment = _postgresql_environment()
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={environment['PGDATABASE']}",
            str(dump),
        ],
        environment,
    )
