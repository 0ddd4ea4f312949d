"""The `teletravail` command.

Engine commands (charter, params, plan, simulate, teleworkability, data) run without Django. The
command groups that use the database are registered with `_database_ready` as their callback: it sets
Django up and checks the database is ready before any of their commands runs, so that the groups
themselves never import this module back.
"""

import os
import sys

import typer

from teletravail import __version__


app = typer.Typer(
    help="Plateforme télétravail : outils en ligne de commande.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

# Exit code of a command run before the platform is set up: the set-up, not the command, is wrong.
NOT_SET_UP = 3


def pending_migrations(connection):
    """Names of the migrations not yet applied to `connection` ('app.name'); an absent database has all."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in executor.migration_plan(targets)]


def _database_ready(ctx: typer.Context):
    """Set Django up (settings from DJANGO_SETTINGS_MODULE) and stop with one sentence if the database is not."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teletravail.settings.dev")
    import django

    django.setup()
    if "--help" in sys.argv[1:] or ctx.resilient_parsing:
        return
    from django.db import DatabaseError, connection
    from django.utils.translation import gettext as _

    try:
        pending = pending_migrations(connection)
    except DatabaseError as exc:
        typer.echo(
            _("La base de données ne répond pas (%(error)s). Vérifiez DATABASE_URL, puis lancez « make setup ».")
            % {"error": exc},
            err=True,
        )
        raise typer.Exit(code=NOT_SET_UP) from exc
    if pending:
        typer.echo(
            _(
                "La base de données n'est pas initialisée (%(count)s migrations à appliquer). "
                "Lancez d'abord « make setup », qui crée la base, charge la géographie de référence "
                "et l'organisation de démonstration."
            )
            % {"count": len(pending)},
            err=True,
        )
        raise typer.Exit(code=NOT_SET_UP)


@app.command()
def version():
    """Affiche la version de la plateforme."""
    typer.echo(__version__)


def register_subcommands():
    from teletravail.apps.apitokens.cli import api_app
    from teletravail.apps.core.cli import reminders_app, retention_app
    from teletravail.apps.geo.cli import geo_app
    from teletravail.apps.home.cli import demo_app
    from teletravail.apps.organisations.cli import organisation_app
    from teletravail.apps.places.cli import places_app
    from teletravail.charter.cli import charter_app
    from teletravail.impact.cli import params_app, simulate_app
    from teletravail.impact.flows.cli import data_app
    from teletravail.planning.cli import plan_app
    from teletravail.teleworkability.cli import teleworkability_app

    app.add_typer(geo_app, name="geo", callback=_database_ready)
    app.add_typer(demo_app, name="demo", callback=_database_ready)
    app.add_typer(places_app, name="places", callback=_database_ready)
    app.add_typer(api_app, name="api", callback=_database_ready)
    app.add_typer(retention_app, name="retention", callback=_database_ready)
    app.add_typer(reminders_app, name="reminders", callback=_database_ready)
    app.add_typer(organisation_app, name="organisation", callback=_database_ready)
    app.add_typer(data_app, name="data")
    app.add_typer(simulate_app, name="simulate")
    app.add_typer(params_app, name="params")
    app.add_typer(teleworkability_app, name="teleworkability")
    app.add_typer(charter_app, name="charter")
    app.add_typer(plan_app, name="plan")


register_subcommands()
