"""`manage.py restore FILE`: replace the database's content with a backup of this version of the platform."""

from django.core.management.base import BaseCommand, CommandError

from teletravail.apps.core.backups import BackupRefused, check_restorable, restore_backup


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par « manage.py backup » : remplace tout le contenu de la base. Refuse une "
        "sauvegarde d'une autre version de la plateforme."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier de la sauvegarde (son fichier .version.json doit être à côté).")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Ne demande pas de confirmation."
        )

    def handle(self, *, file, interactive, **options):
        try:
            saved = check_restorable(file)
            if interactive:
                answer = input(
                    f"Tout le contenu de la base sera remplacé par la sauvegarde du {saved.get('created_at')}. "
                    "Arrêtez d'abord le service web et les serveurs de calcul. Taper « oui » pour continuer : "
                )
                if answer.strip().lower() != "oui":
                    raise CommandError("Restauration annulée.")
            restore_backup(file)
        except BackupRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Sauvegarde restaurée : {file}")
