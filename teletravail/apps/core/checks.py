"""`manage.py check --deploy`: the environment against the list of production variables, and the local files
folder writable (the production settings stop at start on the first kind already; this reports them under any
settings, for a server being prepared)."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, register

from teletravail import environment


@register(Tags.security, deploy=True)
def production_environment(app_configs, **kwargs):
    _values, problems = environment.read(os.environ)
    errors = [Error(problem, hint="docs/deploy.md", id="teletravail.E001") for problem in problems]
    media_root = getattr(settings, "MEDIA_ROOT", "")
    local_storage = settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    if local_storage and media_root and not os.access(media_root, os.W_OK):
        errors.append(
            Error(
                f"Le dossier des fichiers {media_root} n'existe pas ou le service ne peut pas y écrire.",
                hint="Créez-le et donnez-le à l'utilisateur du service (docs/deploy.md).",
                id="teletravail.E002",
            )
        )
    return errors
