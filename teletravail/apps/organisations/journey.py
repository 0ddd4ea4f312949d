"""The organisation's journey: the four steps of an ARACT accompaniment, with what each contains.

A task is either measured from the organisation's data (done or not), or belongs to a module not built yet
(« à venir »): such tasks are shown but never counted in the progress, so progress never rewards a stub.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from teletravail.apps.charters.selectors import ProcedureStatus, procedure_status
from teletravail.apps.diagnostic.selectors import CampaignProgress, campaign_progress
from teletravail.apps.organisations.models import ConsultantAccess, Membership
from teletravail.apps.organisations.selectors import organisation_access, pending_invitations
from teletravail.apps.planner.selectors import published_plans


@dataclass(frozen=True)
class JourneyFacts:
    site_count: int
    team_count: int
    member_count: int
    pending_count: int
    members_with_home: int
    active_consultant_count: int
    published_plan_count: int
    campaign: CampaignProgress | None
    charter: ProcedureStatus | None


def journey_facts(organisation):
    """The counts the journey's measured tasks depend on (a handful of COUNT queries)."""
    memberships = Membership.objects.filter(organisation=organisation)
    return JourneyFacts(
        site_count=organisation.sites.count(),
        team_count=organisation.teams.count(),
        member_count=memberships.count(),
        pending_count=pending_invitations(organisation).count(),
        members_with_home=memberships.filter(home_commune__isnull=False).count(),
        active_consultant_count=ConsultantAccess.objects.filter(
            organisation=organisation, revoked_at__isnull=True
        ).count(),
        published_plan_count=published_plans(organisation).count(),
        campaign=campaign_progress(organisation),
        charter=procedure_status(organisation),
    )


@dataclass(frozen=True)
class Task:
    title: str
    done: bool | None  # None: not measured (a tool to use, or a module still to come)
    url: str | None = None
    detail: str = ""  # where the task stands, in figures (« 12 invités, 8 ont répondu »)

    @property
    def is_coming(self):
        return self.done is None and self.url is None

    @property
    def is_tool(self):
        """A tool that is available but whose use is not measured: linked, never counted in the progress."""
        return self.done is None and self.url is not None


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    purpose: str
    tasks: tuple[Task, ...]

    @property
    def measured_tasks(self):
        return [task for task in self.tasks if task.done is not None]

    @property
    def done_count(self):
        return sum(1 for task in self.measured_tasks if task.done)

    @property
    def is_complete(self):
        return bool(self.measured_tasks) and self.done_count == len(self.measured_tasks)

    @property
    def percent(self):
        measured = self.measured_tasks
        return round(100 * self.done_count / len(measured)) if measured else 0


def diagnostic_task(progress, url):
    """Done once every employee invited to the latest campaign has a shared decision on each of their activities."""
    title = _("Évaluer avec les salariés les activités télétravaillables")
    if progress is None:
        return Task(title, False, url)
    detail = ngettext(
        "%(invited)d salarié invité, %(answered)d a répondu, %(decided)d avec une décision partagée",
        "%(invited)d salariés invités, %(answered)d ont répondu, %(decided)d avec une décision partagée",
        progress.invited,
    ) % {"invited": progress.invited, "answered": progress.answered, "decided": progress.decided}
    if progress.contested:
        detail += ngettext(
            " ; %(contested)d conteste une décision", " ; %(contested)d contestent une décision", progress.contested
        ) % {"contested": progress.contested}
    return Task(title, progress.invited > 0 and progress.decided == progress.invited, url, detail)


def charter_tasks(status, url):
    """Drafting, then the procedure the document's type and sector require (CSE opinion, information, signature)."""
    if status is None:
        return (
            Task(_("Rédiger la charte ou l'accord de télétravail"), False, url),
            Task(_("Informer les salariés du texte adopté"), False, url),
        )
    tasks = [
        Task(
            _("Rédiger la charte ou l'accord de télétravail"),
            status.drafted,
            url,
            _("Dernière version conforme") if status.compliant else _("La dernière version comporte des erreurs"),
        ),
        Task(_("Vérifier la conformité du texte"), status.drafted and status.compliant, url),
    ]
    if status.needs_cse:
        tasks.append(Task(_("Recueillir l'avis du CSE (ou du comité social)"), status.cse_consulted, url))
    tasks.append(Task(_("Informer les salariés du texte adopté"), status.employees_informed, url))
    if status.needs_signature:
        tasks.append(Task(_("Signer l'accord"), status.signed, url))
    return tuple(tasks)


def journey_steps(access):
    """The four steps for this organisation, with tasks measured from its data."""
    facts = journey_facts(access.organisation)
    can_manage = access.can_manage_members

    def link(url_name, allowed=can_manage):
        return reverse(url_name, kwargs={"organisation_id": access.organisation.pk}) if allowed else None

    return (
        Step(
            1,
            _("Diagnostic partagé"),
            _("Décrire l'organisation, associer les salariés et identifier avec eux ce qui peut se faire à distance."),
            (
                Task(
                    _("Décrire les sites et les équipes"),
                    facts.site_count > 0 and facts.team_count > 0,
                    link("organisations:settings"),
                ),
                Task(
                    _("Inviter les salariés sur la plateforme"),
                    facts.member_count + facts.pending_count > 1,
                    link("organisations:members"),
                ),
                Task(
                    _("Renseigner les communes de résidence (pour estimer les trajets évités)"),
                    facts.members_with_home > 0,
                    link("organisations:members"),
                ),
                diagnostic_task(facts.campaign, link("diagnostic:index", allowed=True)),
                Task(
                    _("Estimer les effets attendus (temps, coûts, CO2)"),
                    None,
                    link("simulator:organisation", allowed=access.can_see_member_list),
                ),
            ),
        ),
        Step(
            2,
            _("Opérer le changement"),
            _("Organiser les jours sur site et à distance en gardant le collectif, et outiller les équipes."),
            (
                Task(
                    _("Construire le planning hybride des équipes"),
                    facts.published_plan_count > 0,
                    link("planner:index", allowed=True),
                ),
                Task(_("Trouver des lieux de télétravail près du domicile"), None),
                Task(_("Améliorer les pratiques et prévenir les risques (isolement, surcharge)"), None),
            ),
        ),
        Step(
            3,
            _("Cadre juridique"),
            _("Rédiger la charte ou l'accord, vérifier sa conformité et suivre la procédure."),
            charter_tasks(facts.charter, link("charters:index", allowed=True)),
        ),
        Step(
            4,
            _("Bilan à six mois"),
            _("Mesurer ce qui a changé et ajuster, avec l'appui éventuel d'un consultant."),
            (
                Task(
                    _("Ouvrir l'accès à un consultant (ARACT) pour le bilan"),
                    facts.active_consultant_count > 0,
                    link("organisations:consultants"),
                ),
                Task(_("Mesurer les effets du télétravail depuis sa mise en place"), None),
                Task(_("Refaire le diagnostic et ajuster l'organisation"), None),
            ),
        ),
    )


@login_required
def journey(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    return render(
        request,
        "organisations/journey.html",
        {"access": access, "organisation": access.organisation, "steps": journey_steps(access)},
    )
