from django.core.management.base import BaseCommand, CommandError

from teletravail.apps.organisations import demo


class Command(BaseCommand):
    help = "Crée l'organisation de démonstration « Atelier Démo » et un compte par rôle (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Donne de nouveaux mots de passe aux comptes de démonstration existants.",
        )

    def handle(self, *args, **options):
        try:
            if options["reset_passwords"]:
                self.stdout.write(demo.describe_passwords(demo.reset_passwords()))
            else:
                self.stdout.write(demo.describe_result(demo.create_demo()))
        except (demo.CommunesMissing, demo.DemoMissing) as exc:
            raise CommandError(str(exc), returncode=2) from exc
