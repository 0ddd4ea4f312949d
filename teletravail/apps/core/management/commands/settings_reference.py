"""Print the production environment variables (the table of docs/deploy.md)."""

from django.core.management.base import BaseCommand

from teletravail import environment


class Command(BaseCommand):
    help = "Affiche les variables d'environnement de la production : obligatoires ou valeur par défaut, et leur sens."

    def handle(self, **options):
        self.stdout.write(environment.reference_table())
