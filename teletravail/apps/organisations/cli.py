import typer


demo_app = typer.Typer(help="Organisation de démonstration.", no_args_is_help=True)
