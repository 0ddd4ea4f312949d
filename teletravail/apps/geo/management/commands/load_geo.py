import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from teletravail.apps.geo.services import DEFAULT_DATA_DIR, GeoImportError, import_reference_geography


class Command(BaseCommand):
    help = "Importe ou met à jour la géographie de référence (régions, départements, EPCI, communes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DEFAULT_DATA_DIR,
            help="Dossier des quatre fichiers CSV (par défaut : les données fournies avec la plateforme).",
        )

    def handle(self, *args, data_dir, **options):
        start = time.perf_counter()
        try:
            report = import_reference_geography(data_dir)
        except GeoImportError as exc:
            # Exit code 2, as `teletravail geo load`: the data is wrong, not the command.
            raise CommandError(
                _("Import annulé, aucune donnée écrite :") + "\n" + "\n".join(f"- {line}" for line in exc.lines()),
                returncode=2,
            ) from exc
        for line in report.summary_lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                _("Import terminé en %(seconds)s s.") % {"seconds": number_format(time.perf_counter() - start, 1)}
            )
        )
