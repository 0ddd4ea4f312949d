"""`manage.py backup FILE`: the database with pg_dump, and its version file beside it."""

from django.core.management.base import BaseCommand, CommandError

from teletravail.apps.core.backups import BackupRefused, create_backup


class Command(BaseCommand):
    help = "Sauvegarde la base PostgreSQL (pg_dump -Fc) et écrit à côté la version de la plateforme qu'elle contient."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier de la sauvegarde (ex. teletravail-2026-12-07.dump).")

    def handle(self, *, file, **options):
        try:
            backup = create_backup(file)
        except BackupRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Sauvegarde écrite : {backup.dump} (version : {backup.version_file})")
