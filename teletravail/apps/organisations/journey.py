"""The organisation's journey: the four steps of an ARACT accompaniment, and what each app contributes to them.

The steps are defined here; their tasks come from the apps. Each app registers, in its `journey` module
(imported by its AppConfig.ready), a function that gives its tasks for an organisation access, with the step and
the position they take (`register_tasks`). So the journey page, at the top of the layers, reads the journey
without importing the modules, and a new module adds its tasks without touching this file.

A task is either measured from the organisation's data (done or not), or belongs to a module not built yet
(« à venir »): such tasks are shown but never counted in the progress, so progress never rewards a stub.
A task counts as done only when it is done for everyone it concerns (every declared employee invited, every
member's home commune known), and shows where it stands in figures. The first undone task the person can
open is the one to do next. Every link is shown only to the roles its page opens for.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teletravail.apps.organisations.models import ConsultantAccess, Membership
from teletravail.apps.organisations.selectors import pending_invitations


@dataclass(frozen=True)
class Task:
    title: str
    done: bool | None  # None: not measured (a tool to use, or a module still to come)
    url: str | None = None
    detail: str = ""  # where the task stands, in figures (« 12 invités, 8 ont répondu »)
    is_next: bool = False  # the first undone task this person can open: the page leads to it

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


STEPS = {
    1: (
        _("Diagnostic partagé"),
        _("Décrire l'organisation, associer les salariés et identifier avec eux ce qui peut se faire à distance."),
    ),
    2: (
        _("Opérer le changement"),
        _("Organiser les jours sur site et à distance en gardant le collectif, et outiller les équipes."),
    ),
    3: (_("Cadre juridique"), _("Rédiger la charte ou l'accord, vérifier sa conformité et suivre la procédure.")),
    4: (_("Bilan à six mois"), _("Mesurer ce qui a changé et ajuster, avec l'appui éventuel d'un consultant.")),
}

TaskSource = Callable[[object], Iterable[Task]]  # an OrganisationAccess → the app's tasks for that person
_SOURCES: dict[tuple[int, int], TaskSource] = {}


def register_tasks(step, position):
    """Decorator: the function gives an app's tasks of `step`, shown at `position` (smaller first) in the step."""
    if step not in STEPS:
        raise ValueError(f"Unknown journey step {step}")

    def register(source):
        key = (step, position)
        if key in _SOURCES and _SOURCES[key] is not source:
            raise ValueError(f"Journey step {step} has two task sources at position {position}")
        _SOURCES[key] = source
        return source

    return register


def organisation_link(access, url_name, allowed):
    """The organisation page's address when `allowed` (the same rule as the page's own), else no link."""
    return reverse(url_name, kwargs={"organisation_id": access.organisation.pk}) if allowed else None


def share_task(title, done_count, total, url):
    """A task done for some of the people it concerns: done when it is done for all, « 3 sur 8 » until then."""
    detail = _("%(done)d sur %(total)d") % {"done": done_count, "total": total}
    return Task(title, total > 0 and done_count >= total, url, detail)


def with_next_task(steps):
    """The steps, with the first undone task that has a link for this person marked as the one to do next."""
    for step_index, step in enumerate(steps):
        for task_index, task in enumerate(step.tasks):
            if task.done is False and task.url:
                tasks = list(step.tasks)
                tasks[task_index] = replace(task, is_next=True)
                return (*steps[:step_index], replace(step, tasks=tuple(tasks)), *steps[step_index + 1 :])
    return steps


def journey_steps(access):
    """The four steps for this organisation, with the registered tasks in order and the next one marked."""
    steps = []
    for number, (title, purpose) in STEPS.items():
        sources = sorted((position, source) for (step, position), source in _SOURCES.items() if step == number)
        tasks = tuple(task for _position, source in sources for task in source(access))
        steps.append(Step(number, title, purpose, tasks))
    return with_next_task(tuple(steps))


def next_task(steps):
    return next((task for step in steps for task in step.tasks if task.is_next), None)


# --- What the organisation itself contributes ---------------------------------------------------------------------


@register_tasks(step=1, position=10)
def describe_and_invite(access):
    organisation = access.organisation
    memberships = Membership.objects.filter(organisation=organisation)
    member_count = memberships.count()
    can_manage = access.can_manage_members
    return (
        Task(
            _("Décrire les sites et les équipes"),
            organisation.sites.exists() and organisation.teams.exists(),
            organisation_link(access, "organisations:settings", can_manage),
        ),
        share_task(
            _("Inviter les salariés sur la plateforme (inscrits ou invités, sur l'effectif déclaré)"),
            member_count + pending_invitations(organisation).count(),
            organisation.headcount,
            organisation_link(access, "organisations:members", can_manage),
        ),
        share_task(
            _("Renseigner les communes de résidence des membres (pour estimer les trajets évités)"),
            memberships.filter(home_commune__isnull=False).count(),
            member_count,
            organisation_link(access, "organisations:members", can_manage),
        ),
    )


@register_tasks(step=4, position=10)
def consultant_for_the_review(access):
    active = ConsultantAccess.objects.filter(organisation=access.organisation, revoked_at__isnull=True)
    return (
        Task(
            _("Ouvrir l'accès à un consultant (ARACT) pour le bilan"),
            active.exists(),
            organisation_link(access, "organisations:consultants", access.can_manage_consultants),
        ),
    )


@register_tasks(step=4, position=40)
def review_measures_to_come(access):
    return (Task(_("Refaire le diagnostic et ajuster l'organisation"), None),)
