from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "teletravail.apps.jobs"
    label = "jobs"
    verbose_name = _("Calculs en arrière-plan")

    def ready(self):
        # Registers how long finished jobs are kept, and the kind of job that renders documents.
        from teletravail.apps.jobs import documents, personal_data  # noqa: F401
