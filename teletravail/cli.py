"""The `teletravail` command. Subcommands that need the database set up Django themselves."""

import os

import typer

from teletravail import __version__


app = typer.Typer(
    help="Plateforme télétravail : outils en ligne de commande.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def setup_django():
    """Configure Django for commands that touch the database (settings from DJANGO_SETTINGS_MODULE)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teletravail.settings.dev")
    import django

    django.setup()


@app.command()
def version():
    """Affiche la version de la plateforme."""
    typer.echo(__version__)


def register_subcommands():
    from teletravail.apps.geo.cli import geo_app
    from teletravail.apps.organisations.cli import demo_app
    from teletravail.charter.cli import charter_app
    from teletravail.impact.cli import params_app, simulate_app
    from teletravail.impact.flows.cli import data_app
    from teletravail.planning.cli import plan_app
    from teletravail.teleworkability.cli import teleworkability_app

    app.add_typer(geo_app, name="geo")
    app.add_typer(demo_app, name="demo")
    app.add_typer(data_app, name="data")
    app.add_typer(simulate_app, name="simulate")
    app.add_typer(params_app, name="params")
    app.add_typer(teleworkability_app, name="teleworkability")
    app.add_typer(charter_app, name="charter")
    app.add_typer(plan_app, name="plan")


register_subcommands()
