import typer


demo_app = typer.Typer(help="Organisation de démonstration.", no_args_is_help=True)

# Models are imported inside the commands: this module is loaded before the `teletravail` command sets
# Django up (its group callback).


@demo_app.command("create")
def create():
    """Crée l'organisation « Atelier Démo » et un compte par rôle (sans effet si elle existe déjà)."""
    from teletravail.apps.home import demo

    try:
        result = demo.create_demo()
    except demo.CommunesMissing as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(demo.describe_result(result))


@demo_app.command("reset-passwords")
def reset_passwords():
    """Donne de nouveaux mots de passe aléatoires aux comptes de démonstration et les affiche."""
    from teletravail.apps.home import demo

    try:
        credentials = demo.reset_passwords()
    except demo.DemoMissing as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(demo.describe_passwords(credentials))
