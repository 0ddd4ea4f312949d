"""`teletravail retention apply`: remove what the retention periods no longer allow to keep (run daily by cron or a
systemd timer, docs/adr/0009-personal-data-retention.md); `--dry-run` only says what would go."""

from typing import Annotated

import typer


retention_app = typer.Typer(help="Durées de conservation des données.", no_args_is_help=True)


def _report_line(line):
    from django.utils.formats import date_format, number_format
    from django.utils.timezone import localtime
    from django.utils.translation import gettext as _

    return _("%(label)s : %(count)s (antérieurs au %(cutoff)s, conservation %(days)s jours)") % {
        "label": line.label,
        "count": number_format(line.count, force_grouping=True),
        "cutoff": date_format(localtime(line.cutoff), "SHORT_DATETIME_FORMAT"),
        "days": number_format(line.days, decimal_pos=0),
    }


@retention_app.command("apply")
def apply(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Affiche ce qui serait supprimé, sans rien supprimer.")
    ] = False,
):
    """Supprime ce que les durées de conservation ne permettent plus de garder."""
    from django.utils.translation import gettext as _

    from teletravail.apps.core.retention import apply_retention, retention_report

    if dry_run:
        typer.echo(_("Simulation : rien n'est supprimé. Seraient supprimés :"))
        lines = retention_report()
    else:
        lines = apply_retention()
        typer.echo(_("Supprimés :"))
    for line in lines:
        typer.echo(f"- {_report_line(line)}")


@retention_app.command("show")
def show():
    """Affiche les durées de conservation en vigueur et ce à quoi chacune s'applique."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from teletravail.apps.core.retention import retention_days, retention_rules

    for rule in retention_rules():
        days = number_format(retention_days(rule.parameter), decimal_pos=0)
        typer.echo(
            _("- %(label)s : %(days)s jours (%(parameter)s)")
            % {"label": rule.label, "days": days, "parameter": f"retention.{rule.parameter}"}
        )


reminders_app = typer.Typer(help="Rappels envoyés une fois par e-mail.", no_args_is_help=True)


@reminders_app.command("send")
def send():
    """Envoie les rappels dus (invitations sans réponse, évaluations de diagnostic non remplies), une seule fois
    chacun : à lancer chaque jour."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from teletravail.apps.core.reminders import send_reminders

    typer.echo(_("Rappels envoyés :"))
    for line in send_reminders():
        typer.echo(
            _("- %(label)s : %(count)s (sans réponse depuis %(days)s jours)")
            % {
                "label": line.label,
                "count": number_format(line.sent, force_grouping=True),
                "days": number_format(line.days, decimal_pos=0),
            }
        )
