"""What the results page, the PDF report and the CSV export show, built once from `selectors.campaign_results`.

The PDF reuses the simulator's building blocks (the pages' own SVG charts with their data tables). It holds only
aggregated results (per job and for the organisation), never an employee's answers or name, so that it can be
handed to a consultant; the results it is given are those the viewer may see (`selectors.results_shown_to`). The CSV,
one row per participant and activity, is for those who follow the participants.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from teletravail.apps.core.parameters import annex_row, secondary_explanation
from teletravail.apps.core.tables import number
from teletravail.apps.diagnostic.selectors import (
    activity_rows,
    criterion_label,
    display_name,
    hidden_figures_notice,
    status_label,
)
from teletravail.apps.simulator.reports import chart_blocks
from teletravail.documents import BulletList, Document, Heading, PageBreak, Paragraph, Table
from teletravail.impact.params import parameter_rows


JOB_TABLE_WIDTHS = (3, 1.3, 1.1, 1.1, 1.8, 1.6, 1.5, 1.6, 1.6)  # relative PDF column widths of `job_headers`


def percent(share):
    """A share (0-1) as the pages print it: « 70 % »."""
    return f"{number(share * 100)} %"


def days(value):
    return f"{number(value, 'decimal', places=1)} j"


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    rows: tuple  # (label, value, display) triples, as `{% horizontal_bar_chart %}` takes them
    value_header: str
    category_header: str


def charts(results):
    """The charts of the results page and of the report (empty until a participant is decided)."""
    if results.synthesis is None:
        return []
    decided_jobs = [job for job in results.jobs if job.synthesis is not None]
    found = [
        Chart(
            "part-teletravaillable",
            _("Part du temps de travail télétravaillable, par poste"),
            tuple(
                (
                    job.job.title,
                    job.synthesis.teleworkable_time_share * 100,
                    percent(job.synthesis.teleworkable_time_share),
                )
                for job in decided_jobs
            ),
            _("Part du temps télétravaillable"),
            pgettext("emploi", "Poste"),
        ),
        Chart(
            "jours-conseilles",
            _("Jours de télétravail conseillés par semaine, par poste (moyenne)"),
            tuple(
                (job.job.title, job.synthesis.mean_suggested_days, days(job.synthesis.mean_suggested_days))
                for job in decided_jobs
            ),
            _("Jours conseillés par semaine"),
            pgettext("emploi", "Poste"),
        ),
    ]
    reference_rows = []
    for job in decided_jobs:
        scores = job.profession.scores if job.profession else None
        if scores is None or not scores.in_scope:
            continue
        entirely = job.synthesis.staff_share_entirely_teleworkable
        reference_rows += [
            (_("%(job)s — diagnostic") % {"job": job.job.title}, entirely * 100, percent(entirely)),
            (
                _("%(job)s — référence Dingel–Neiman") % {"job": job.job.title},
                scores.dingel_neiman * 100,
                percent(scores.dingel_neiman),
            ),
        ]
    if reference_rows:
        found.append(
            Chart(
                "reference-nationale",
                _("Postes entièrement télétravaillables : diagnostic et référence nationale"),
                tuple(reference_rows),
                _("Part des salariés"),
                _("Poste et source"),
            )
        )
    if results.synthesis.obstacles:
        found.append(
            Chart(
                "obstacles",
                _("Obstacles à lever, par part du temps de travail retenue"),
                tuple(
                    (criterion_label(impact.code), impact.time_share * 100, percent(impact.time_share))
                    for impact in results.synthesis.obstacles
                ),
                _("Part du temps de travail"),
                _("Obstacle"),
            )
        )
    return found


def key_figures(results):
    """The organisation's headline figures as (label, value) rows."""
    synthesis = results.synthesis
    rows = [
        (_("Salariés dont l'évaluation est décidée"), str(synthesis.headcount)),
        (_("Part du temps de travail télétravaillable"), percent(synthesis.teleworkable_time_share)),
        (_("Part du temps télétravaillable, obstacles levés"), percent(synthesis.teleworkable_time_share_if_lifted)),
        (
            _("Salariés ayant au moins un jour de télétravail possible"),
            percent(synthesis.staff_share_with_telework_day),
        ),
        (
            _("Salariés dont le poste est entièrement télétravaillable"),
            percent(synthesis.staff_share_entirely_teleworkable),
        ),
        (_("Jours de télétravail conseillés par semaine (moyenne)"), days(synthesis.mean_suggested_days)),
    ]
    if synthesis.dingel_neiman_reference is not None:
        rows.append(
            (_("Référence nationale Dingel–Neiman des mêmes métiers"), percent(synthesis.dingel_neiman_reference))
        )
    return rows


def participant_figures(assessment):
    """One person's decided result as (label, value) rows."""
    return [
        (_("Part du temps télétravaillable"), percent(assessment.teleworkable_share)),
        (_("Part du temps télétravaillable sous conditions"), percent(assessment.conditional_share)),
        (_("Part du temps non télétravaillable"), percent(assessment.non_teleworkable_share)),
        (_("Jours de télétravail possibles par semaine"), days(assessment.feasible_days)),
        (_("Jours possibles une fois les obstacles levés"), days(assessment.feasible_days_if_lifted)),
        (_("Jours de télétravail conseillés par semaine"), days(assessment.suggested_days)),
    ]


def open_obstacles(assessment):
    """Labels of the obstacles still holding back an activity of this assessment, without repetition."""
    codes = dict.fromkeys(code for activity in assessment.activities for code in activity.open_obstacles)
    return [criterion_label(code) for code in codes]


def job_rows(results):
    """Per job: invited, decided, teleworkable share, days, and the national reference of its profession."""
    rows = []
    for job in results.jobs:
        synthesis, scores = job.synthesis, job.profession.scores if job.profession else None
        rows.append(
            (
                job.job.title,
                job.job.pcs2020 or "—",
                str(job.invited),
                str(job.decided),
                percent(synthesis.teleworkable_time_share) if synthesis else "—",
                percent(synthesis.teleworkable_time_share_if_lifted) if synthesis else "—",
                days(synthesis.mean_suggested_days) if synthesis else "—",
                percent(scores.dingel_neiman) if scores and scores.in_scope else "—",
                percent(scores.jrc_physical) if scores and scores.jrc_physical is not None else "—",
            )
        )
    return rows


def job_headers():
    return (
        pgettext("emploi", "Poste"),
        _("PCS 2020"),
        _("Invités"),
        _("Décidés"),
        _("Temps télétravaillable"),
        _("Obstacles levés"),
        _("Jours conseillés"),
        _("Dingel–Neiman"),
        _("JRC (technique)"),
    )


def impact_rows(impacts):
    return [(criterion_label(impact.code), percent(impact.time_share), ", ".join(impact.jobs)) for impact in impacts]


def action_rows(actions):
    return [
        (
            criterion_label(action.criterion),
            action.job.title if action.job else _("Tous les postes"),
            action.what,
            action.who,
            date_format(action.due_date, "SHORT_DATE_FORMAT"),
            _("réalisée") if action.done else _("à faire"),
        )
        for action in actions
    ]


def action_headers():
    return (_("Obstacle"), pgettext("emploi", "Poste"), _("Action"), _("Responsable"), _("Échéance"), _("État"))


def _method_annex(when):
    rows = [annex_row(row) for row in parameter_rows(groups=["teleworkability"], when=when, all_values=False)]
    return (
        PageBreak(),
        Heading(_("Annexe : méthode et sources")),
        Paragraph(
            _(
                "Chaque salarié invité décrit les critères qui s'appliquent à chacune de ses activités ; son manager "
                "fait de même ; là où les deux regards diffèrent, une décision partagée est prise et enregistrée. "
                "Une activité avec un critère de présence indispensable est non télétravaillable ; avec un obstacle "
                "non levé, télétravaillable sous conditions ; sinon télétravaillable. La part télétravaillable d'un "
                "poste est la part du temps passée aux activités télétravaillables ; les jours possibles en sont "
                "déduits, arrondis à l'entier inférieur et plafonnés ; une forte interaction sociale retire un jour "
                "conseillé. Un obstacle dont l'action est réalisée compte comme levé."
            )
        ),
        Paragraph(
            _(
                "Références nationales : J. Dingel et B. Neiman, « How many jobs can be done at home? », Journal of "
                "Public Economics 189 (2020) — part des emplois du métier exerçables entièrement à domicile ; "
                "M. Sostero et al., JRC Working Papers on Labour, Education and Technology 2020/05 — indice de "
                "télétravaillabilité technique. Ces références décrivent un métier moyen (États-Unis, Italie), "
                "reliées à la PCS 2020 par une correspondance documentée ; elles situent le résultat, elles ne le "
                "remplacent pas. Méthode de l'inventaire par activité : Ministère du Travail et Anact (2020)."
            )
        ),
        Paragraph(secondary_explanation()),
        Table(
            (_("Paramètre"), _("Valeur"), _("Source")),
            tuple(rows),
            caption=_("Seuils de la règle de calcul en vigueur le %(date)s")
            % {"date": date_format(when, "DATE_FORMAT")},
            widths=(3, 2, 5),
        ),
    )


def _invited(participants):
    return ngettext("%(count)d salarié invité", "%(count)d salariés invités", len(participants)) % {
        "count": len(participants)
    }


def _decided(decided):
    return ngettext("%(count)d évaluation décidée", "%(count)d évaluations décidées", len(decided)) % {
        "count": len(decided)
    }


def report_document(campaign, results, actions):
    """The PDF report: headline figures, charts with their tables, per-job results, obstacles, actions, method."""
    today = timezone.localdate()
    blocks = [
        Paragraph(
            _("Campagne « %(title)s » : %(invited)s, %(decided)s.")
            % {
                "title": campaign.title,
                "invited": _invited(results.participants),
                "decided": _decided(results.decided),
            }
        ),
    ]
    blocks += [Paragraph(line) for line in hidden_figures_notice(results)]
    if results.synthesis is None:
        if not results.synthesis_hidden:
            blocks.append(Paragraph(_("Aucune évaluation n'est encore décidée : les résultats viendront ensuite.")))
    else:
        blocks += [
            Heading(_("Synthèse de l'organisation")),
            Table((_("Indicateur"), _("Valeur")), tuple(key_figures(results)), caption=_("Chiffres clés")),
        ]
        for chart in charts(results):
            blocks += [
                Heading(chart.title, level=2),
                *chart_blocks(chart.chart_id, chart.title, chart.rows, chart.value_header, chart.category_header),
            ]
        if results.jobs:
            blocks += [
                Heading(_("Résultats par poste")),
                Table(
                    job_headers(),
                    tuple(job_rows(results)),
                    caption=_("Résultats par poste et référence nationale"),
                    widths=JOB_TABLE_WIDTHS,
                ),
            ]
        if results.synthesis.blockers:
            blocks += [
                Heading(_("Présences indispensables"), level=2),
                Table(
                    (_("Critère"), _("Part du temps"), _("Postes")),
                    tuple(impact_rows(results.synthesis.blockers)),
                    caption=_("Ce qui retient sur site, par part du temps de travail"),
                ),
            ]
    if results.problems or (results.synthesis and results.synthesis.warnings):
        warnings = list(results.synthesis.warnings) if results.synthesis else []
        blocks += [Heading(_("Points d'attention"), level=2), BulletList(tuple(warnings + list(results.problems)))]
    blocks.append(Heading(_("Plan d'action")))
    if actions:
        blocks.append(
            Table(action_headers(), tuple(action_rows(actions)), caption=_("Actions pour lever les obstacles"))
        )
    else:
        blocks.append(Paragraph(_("Aucune action n'est encore inscrite au plan.")))
    blocks += _method_annex(today)
    return Document(
        title=_("Diagnostic de télétravaillabilité"),
        subtitle=f"{campaign.organisation.name} — {campaign.title}",
        blocks=tuple(blocks),
        language=(get_language() or "fr").split("-")[0],
        author=campaign.organisation.name,
        footer=_("Diagnostic de télétravaillabilité — %(organisation)s")
        % {"organisation": campaign.organisation.name},
        generated_on=today,
    )


def _codes(view):
    return ", ".join(view.labels) if view else ""


def csv_rows(participants, results_by_participant):
    """One row per participant and activity: the two views, the decision and its status, who decided and when.

    `results_by_participant` maps participant ids to their `ParticipantResult` (for the job-level figures)."""
    header = [
        _("Salarié·e"),
        _("Équipe"),
        pgettext("emploi", "Poste"),
        _("Code PCS 2020"),
        _("Activité"),
        _("Part du temps (%)"),
        _("Ajoutée par le salarié"),
        _("Critères (salarié·e)"),
        _("Critères (manager)"),
        _("Critères décidés"),
        _("Statut décidé"),
        _("Décidé par"),
        _("Décidé le"),
        _("Part télétravaillable du poste"),
        _("Jours conseillés"),
    ]
    rows = [header]
    for participant in participants:
        result = results_by_participant.get(participant.pk)
        assessment = result.assessment if result else None
        for row in activity_rows(participant):
            decision = row.decision
            rows.append(
                [
                    display_name(participant.membership),
                    participant.membership.team.name if participant.membership.team_id else "",
                    participant.job.title,
                    participant.job.pcs2020,
                    row.activity.name,
                    float(row.activity.time_share),
                    _("oui") if row.activity.added_by_id else _("non"),
                    _codes(row.employee),
                    _codes(row.manager),
                    _codes(decision),
                    status_label(decision.status) if decision else "",
                    (decision.author.full_name or decision.author.email) if decision and decision.author else "",
                    timezone.localdate(decision.at).isoformat() if decision else "",
                    # A number: the CSV writer puts the decimal comma of French spreadsheets (`csv_text_cell`).
                    round(assessment.teleworkable_share, 3) if assessment else "",
                    str(assessment.suggested_days) if assessment else "",
                ]
            )
    return rows
