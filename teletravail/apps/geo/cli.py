import typer


geo_app = typer.Typer(help="Géographie de référence (communes, départements, régions, EPCI).", no_args_is_help=True)
