"""`teletravail organisation list|export`: an organisation's data archive, however large (the one downloaded from
the browser is limited to ORGANISATION_EXPORT_MAX_ROWS rows)."""

from pathlib import Path
from typing import Annotated

import typer


organisation_app = typer.Typer(help="Données d'une organisation.", no_args_is_help=True)


@organisation_app.command("export")
def export(
    organisation_id: Annotated[int, typer.Argument(help="Identifiant de l'organisation.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Fichier zip à écrire.")],
):
    """Écrit l'archive de toutes les données d'une organisation (JSON et CSV), sans limite de taille."""
    from django.utils.translation import gettext as _

    from teletravail.apps.core.personal_data import organisation_archive
    from teletravail.apps.organisations.models import Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        typer.echo(_("Aucune organisation n'a l'identifiant %(id)s.") % {"id": organisation_id}, err=True)
        raise typer.Exit(code=2)
    output.write_bytes(organisation_archive(organisation, limited=False))
    typer.echo(_("Données de « %(name)s » écrites dans %(path)s.") % {"name": organisation.name, "path": output})


@organisation_app.command("list")
def list_organisations():
    """Liste les organisations et leur identifiant."""
    from teletravail.apps.organisations.models import Organisation

    for organisation in Organisation.objects.order_by("pk"):
        typer.echo(f"{organisation.pk}\t{organisation.name}")
