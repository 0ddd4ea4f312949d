"""The tables of the diagnostic pages, drawn by `core/_table.html`; the figures come from `reports`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teletravail.apps.core.language import of_name
from teletravail.apps.core.tables import Action, Badge, Cell, Column, moment, number, table
from teletravail.apps.diagnostic import reports


def _url(name, campaign, **kwargs):
    kwargs = {"organisation_id": campaign.organisation_id, "campaign_id": campaign.pk, **kwargs}
    return reverse(f"diagnostic:{name}", kwargs=kwargs)


# A message with « % » is written « %% » in the catalogue (python-format, as the templates' translate tag writes it):
# hence `_("≠ 100 %%") % {}`.


def _share(value):
    """« 12,5 % »: a time share as the pages print it (two decimals at most)."""
    return f"{number(value, 'fixed_unless_whole', places=2)} %"


def campaigns_table(organisation, campaigns, can_manage):
    """The campaigns of the index: a manager opens each campaign, everyone allowed its results."""
    rows = []
    for campaign in campaigns:
        rows.append(
            (
                Cell(campaign.title, href=_url("campaign", campaign) if can_manage else ""),
                campaign.get_status_display(),
                moment(campaign.created_at),
                Cell(_("Résultats"), href=_url("results", campaign), hidden_suffix=campaign.title),
            )
        )
    return table(
        _("Campagnes de l'organisation"),
        (_("Campagne"), _("État"), _("Créée le"), _("Résultats")),
        rows,
        empty=_("Aucune campagne pour le moment."),
    )


def jobs_table(campaign, jobs):
    """`jobs`: (job, activity count, total of the time shares, whether the total is off 100 %)."""
    rows = [
        (
            Cell(job.title, href=_url("job", campaign, job_id=job.pk)),
            job.pcs2020,
            count,
            Cell(_share(total), badges=(Badge(_("≠ 100 %%") % {}, "warning"),) if total_is_off else ()),
        )
        for job, count, total, total_is_off in jobs
    ]
    columns = (pgettext("emploi", "Poste"), _("PCS 2020"), Column(_("Activités"), numeric=True))
    return table(
        _("Postes évalués"),
        columns + (_("Total des parts de temps"),),
        rows,
        empty=_("Aucun poste : ajoutez les postes à évaluer."),
    )


def participants_table(campaign, participants):
    """`participants`: (participant, fully decided, contests a decision, time shares to normalise)."""

    def done(moment):
        return _("faite") if moment else _("à faire")

    rows = [
        (
            Cell(
                participant.membership.user.full_name or participant.membership.user.email,
                href=_url("participant", campaign, participant_id=participant.pk),
            ),
            participant.job.title,
            Cell(
                done(participant.submitted_at),
                badges=(Badge(_("parts ≠ 100 %%") % {}, "warning"),) if shares_off else (),
            ),
            done(participant.manager_submitted_at),
            Cell(
                _("prise") if decided else _("en attente"),
                badges=(Badge(_("contestée"), "error"),) if contested else (),
            ),
        )
        for participant, decided, contested, shares_off in participants
    ]
    columns = (_("Salarié·e"), pgettext("emploi", "Poste"), _("Son évaluation"), _("Évaluation du manager"))
    return table(
        _("Avancement de chaque salarié invité"),
        columns + (_("Décision partagée"),),
        rows,
        empty=_("Personne n'est encore invité."),
    )


def activities_table(campaign, job, activities, total, can_delete):
    rows = [
        (
            activity.name,
            _share(activity.time_share),
            Cell(
                actions=(
                    Action(
                        _("Supprimer"),
                        _url("activity_delete", campaign, job_id=job.pk, activity_id=activity.pk),
                        activity.name,
                        kind="tertiary",
                        post=True,
                    ),
                )
                if can_delete
                else ()
            ),
        )
        for activity in activities
    ]
    return table(
        _("Activités (total : %(total)s %%)") % {"total": number(total, "fixed_unless_whole", places=2)},
        (_("Activité"), Column(_("Part du temps"), numeric=True), _("Actions")),
        rows,
        empty=_("Aucune activité : ajoutez-en au moins une avant d'inviter des salariés."),
    )


def views_table(rows):
    """Each activity of a participant: the two views and the shared decision (diagnostic/_decision_cell.html, with
    its forms)."""
    shown = [
        (
            Cell(
                f"{row.activity.name} ({_share(row.activity.time_share)})",
                note=_("ajoutée par le salarié") if row.activity.added_by_id else "",
            ),
            Cell(template="diagnostic/_view_cell.html", context={"view": row.employee}),
            Cell(template="diagnostic/_view_cell.html", context={"view": row.manager}),
            Cell(template="diagnostic/_decision_cell.html", context={"row": row}),
        )
        for row in rows
    ]
    columns = (_("Activité"), _("Salarié·e"), _("Manager"), _("Décision partagée"))
    return table(_("Évaluation de chaque activité"), columns, shown)


def figures_table(caption, figures):
    """(label, value) rows: the key figures of a campaign or of a person."""
    return table(caption, (_("Indicateur"), Column(_("Valeur"), numeric=True)), figures)


def impacts_table(caption, first_header, share_header, impacts):
    """What holds work on site (or back from telework): (label, share of the time, jobs) rows."""
    columns = (first_header, Column(share_header, numeric=True), _("Postes"))
    return table(caption, columns, reports.impact_rows(impacts))


def _plan_cell(campaign, label, impact, action):
    """The obstacle's action of the plan, or the button that adds it."""
    if action is not None:
        return Cell(badges=(Badge(_("Au plan d'action"), "success"),), note=action.get_status_display())
    button = Action(
        _("Ajouter au plan d'action"),
        _url("obstacle_action", campaign),
        f"— {label}",
        fields=(("criterion", impact.code),),
    )
    return Cell(actions=(button,))


def obstacles_table(campaign, impacts, planned, can_add):
    """The obstacles to lift first, with « Ajouter au plan d'action » (of the organisation) for who may change the
    campaign; `planned`: {criterion code: the plan's action already answering it}."""
    rows = reports.impact_rows(impacts)
    columns = [_("Obstacle"), Column(_("Part du temps retenue"), numeric=True), _("Postes")]
    if can_add:
        columns.append(_("Plan d'action"))
        rows = [
            (*row, _plan_cell(campaign, row[0], impact, planned.get(impact.code)))
            for row, impact in zip(rows, impacts, strict=True)
        ]
    return table(_("Obstacles à lever en priorité"), columns, rows)


def job_results_table(results):
    headers = reports.job_headers()
    columns = headers[:2] + tuple(Column(header, numeric=True) for header in headers[2:])
    return table(_("Résultats par poste et référence nationale"), columns, reports.job_rows(results))


def people_table(campaign, people):
    """`people`: (participant result, teleworkable share, suggested days) of the participants the user follows."""
    rows = []
    for person, share, days in people:
        name = Cell(person.name, href=_url("participant", campaign, participant_id=person.participant.pk))
        if person.assessment:
            rows.append((name, person.participant.job.title, share, days))
        else:
            rows.append((name, person.participant.job.title, Cell(_("décision en attente"), colspan=2)))
    columns = (_("Salarié·e"), pgettext("emploi", "Poste"))
    columns += (Column(_("Temps télétravaillable"), numeric=True), Column(_("Jours conseillés"), numeric=True))
    return table(_("Salariés dont vous suivez l'évaluation"), columns, rows)


def action_plan_table(actions):
    return table(_("Actions pour lever les obstacles"), reports.action_headers(), reports.action_rows(actions))


def actions_table(campaign, actions, can_mark):
    """The action plan with, for those who may change the campaign, a button marking each action done or not."""
    rows = []
    for action, obstacle in actions:
        label = _("Remettre à faire") if action.done else _("Marquer réalisée")
        button = Action(
            label,
            _url("action_done", campaign, action_id=action.pk),
            f"— {action.what}",
            kind="tertiary",
            fields=(("done", "0" if action.done else "1"),),
        )
        rows.append(
            (
                action.what,
                obstacle,
                action.job.title if action.job else _("Tous les postes"),
                action.who,
                moment(action.due_date, "d/m/Y"),
                Cell(_("réalisée") if action.done else _("à faire"), actions=(button,) if can_mark else ()),
            )
        )
    columns = (_("Action"), _("Obstacle"), pgettext("emploi", "Poste"), _("Responsable"), _("Échéance"), _("État"))
    return table(_("Actions"), columns, rows, empty=_("Aucune action pour le moment."))


def criteria_table(name, compared):
    """The criteria either side ticked: (label, ticked by the employee, ticked by the manager)."""
    rows = [
        (label, _("coché") if by_employee else None, _("coché") if by_manager else None)
        for label, by_employee, by_manager in compared
    ]
    columns = (_("Critère"), _("Regard %(of_name)s") % {"of_name": of_name(name)}, _("Regard du manager"))
    return table(
        _("Les deux regards, critère par critère"),
        columns,
        rows,
        empty=_("Aucun des deux n'a coché de critère : l'activité serait télétravaillable."),
    )
