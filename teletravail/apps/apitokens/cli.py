"""`teletravail api token …`: create, list and revoke personal API tokens from the server's console."""

from typing import Annotated

import typer


api_app = typer.Typer(help="API HTTP de la plateforme.", no_args_is_help=True)
token_app = typer.Typer(help="Jetons d'API personnels.", no_args_is_help=True)
api_app.add_typer(token_app, name="token")

# Models are imported inside the commands: this module is loaded before the `teletravail` command sets Django up
# (its group callback).


def _user(email):
    from django.utils.translation import gettext as _

    from teletravail.apps.accounts.models import User

    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        typer.echo(_("Aucun compte n'a l'adresse %(email)s.") % {"email": email}, err=True)
        raise typer.Exit(code=2)
    return user


@token_app.command("create")
def create(
    email: Annotated[str, typer.Argument(help="Adresse du compte titulaire du jeton.")],
    days: Annotated[
        int | None, typer.Option("--days", help="Validité en jours (par défaut : API_TOKEN_DEFAULT_DAYS).")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="Nom du jeton, pour le reconnaître.")] = "Ligne de commande",
    organisations: Annotated[
        list[int] | None,
        typer.Option("--organisation", help="Organisation ouverte (répétable) ; par défaut, toutes celles du compte."),
    ] = None,
):
    """Crée un jeton et l'affiche, une seule fois : seule son empreinte est conservée."""
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from teletravail.apps.apitokens import services

    user = _user(email)
    if not organisations:
        organisations = [organisation.pk for organisation in services.token_organisation_choices(user)]
    try:
        token, value = services.create_token(
            user=user,
            name=name,
            organisation_ids=organisations,
            days=settings.API_TOKEN_DEFAULT_DAYS if days is None else days,
        )
    except ValidationError as exc:
        typer.echo("\n".join(exc.messages), err=True)
        raise typer.Exit(code=2) from exc
    typer.echo(value)
    typer.echo(
        _("Jeton « %(name)s » de %(email)s, valable jusqu'au %(date)s. Il ne sera plus affiché.")
        % {"name": token.name, "email": user.email, "date": f"{token.expires_at:%Y-%m-%d}"},
        err=True,
    )


@token_app.command("list")
def list_tokens(email: Annotated[str, typer.Argument(help="Adresse du compte.")]):
    """Liste les jetons actifs d'un compte : début, nom, expiration, dernière utilisation."""
    from django.utils.translation import gettext as _

    from teletravail.apps.apitokens.selectors import active_tokens

    for token in active_tokens(_user(email)):
        last_use = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else _("jamais utilisé")
        typer.echo(f"{token.prefix}\t{token.name}\t{token.expires_at:%Y-%m-%d}\t{last_use}")


@token_app.command("revoke")
def revoke(prefix: Annotated[str, typer.Argument(help="Début du jeton (tt_ et dix caractères), ou le jeton entier.")]):
    """Révoque un jeton : il est refusé dès la requête suivante."""
    from django.utils.translation import gettext as _

    from teletravail.apps.apitokens import selectors, services

    prefix = prefix.strip()[: services.PREFIX_LENGTH]
    token = selectors.token_by_prefix(prefix)
    if token is None:
        typer.echo(_("Aucun jeton ne commence par %(prefix)s.") % {"prefix": prefix}, err=True)
        raise typer.Exit(code=2)
    services.revoke_token(token=token)
    typer.echo(
        _("Jeton %(prefix)s (« %(name)s », de %(email)s) révoqué.")
        % {"prefix": token.prefix, "name": token.name, "email": token.user.email}
    )
