"""Simultaneous writes against gunicorn on PostgreSQL: clients released together on a barrier, round after round.

Each scenario counts, over its rounds, the answers 500 and the writes lost or duplicated (read back from the
database and the audit log after each round), and expects none.
"""

import re
from collections import Counter

import pytest
from django.urls import reverse

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.charters import services as charter_services
from teletravail.apps.charters.models import CharterVersion
from teletravail.apps.organisations.models import Invitation, Team
from teletravail.apps.planner import selectors as planner_selectors
from teletravail.apps.planner import services as planner_services
from teletravail.apps.planner.models import Assignment, ModeSwitch, Place, TeamPlan
from teletravail.planning.problem import EXCEPTIONAL
from tests.apps.planner.factories import solved_plan
from tests.factories import MembershipFactory
from tests.server.client import Form, page_forms, simultaneously
from tests.world import build_world


# One xdist worker runs them all, against one server.
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("server"), pytest.mark.django_db(transaction=True)]

ROUNDS = 20
SERVER_ERROR = 500
VERSION_SAVED = re.compile(r"Version (\d+) enregistrée")


@pytest.fixture
def world():
    world = build_world()
    world.second_admin = MembershipFactory(
        organisation=world.organisation, role="employer_admin", user__full_name="Bérénice Admin"
    )
    return world


@pytest.fixture
def plan(world):
    return solved_plan(team=world.team, actor=world.manager.user)


def _last_event_id():
    last = AuditEvent.objects.order_by("-id").first()
    return last.pk if last else 0


def _events_since(event_id, action):
    return AuditEvent.objects.filter(pk__gt=event_id, action=action).count()


def _posting(browser, url, files=None, **values):
    """A (prepare, act) step: read the form of the page at `url`, set some fields, then post it."""

    def prepare():
        form = browser.form(url)
        for name, value in values.items():
            form.set(name, value)
        return form

    return prepare, lambda form: browser.submit(form, files)


def _previewing_then_confirming(browser, url, confirm_url, files):
    """A (prepare, act) step of the member import: upload the file and read the preview's confirmation form, then
    confirm it (nothing is created before the confirmation)."""

    def prepare():
        preview = browser.submit(browser.form(url), files)
        assert preview.status == 200, preview.status
        for found in page_forms(preview.text):
            if found["action"] == confirm_url:
                return Form(confirm_url, [tuple(item) for item in found["fields"]])
        raise AssertionError("no confirmation form in the preview")

    return prepare, lambda form: browser.submit(form)


def _report(figures):
    """The figures of a scenario, printed too (shown with `pytest -s`), failing or not."""
    text = ", ".join(f"{name}: {count}" for name, count in figures.items())
    print(f"{ROUNDS} rounds: {text}")
    return text


# --- Planner ------------------------------------------------------------------------------------------------------


def _plan_urls(plan):
    organisation_id = plan.team.organisation_id
    team = reverse("planner:team", kwargs={"organisation_id": organisation_id, "team_id": plan.team_id})
    return {
        "team": f"{team}?plan={plan.pk}",
        "grid": reverse("planner:plan_grid", kwargs={"organisation_id": organisation_id, "plan_id": plan.pk}),
        "publish": reverse("planner:plan_publish", kwargs={"organisation_id": organisation_id, "plan_id": plan.pk}),
    }


def _grid_form(browser, urls, places):
    form = browser.form(urls["team"], action=urls["grid"])
    for (membership_pk, week, day), where in places.items():
        form.set(planner_selectors.cell_id(membership_pk, week, day), where)
    return form


def _reset_draft(plan, places):
    plan = TeamPlan.objects.get(pk=plan.pk)
    planner_services.save_grid(plan=plan, places=places)
    return plan


def test_publication_against_a_rule_breaking_grid_saved_at_the_same_moment(world, plan, browser_for):
    good = planner_selectors.stored_places(plan)
    bad = dict.fromkeys(good, Place.REMOTE)
    urls = _plan_urls(plan)
    publisher, editor = browser_for(world.admin.user), browser_for(world.manager.user)
    publish = publisher.form(urls["team"], action=urls["publish"])  # the same button, pressed each round
    figures = Counter()
    for _round in range(ROUNDS):
        _reset_draft(plan, good)
        answers = simultaneously(
            (lambda: publish, publisher.submit),
            (lambda: _grid_form(editor, urls, bad), editor.submit),
        )
        figures["500"] += sum(answer.status == SERVER_ERROR for answer in answers)
        plan.refresh_from_db()
        if plan.is_published and planner_selectors.check_places(plan, planner_selectors.stored_places(plan)):
            figures["published plans breaking a rule"] += 1
    report = _report(figures)
    assert sum(figures.values()) == 0, report


def test_four_simultaneous_publications_publish_once(world, plan, browser_for):
    good = planner_selectors.stored_places(plan)
    urls = _plan_urls(plan)
    users = [world.admin.user, world.admin.user, world.manager.user, world.manager.user]
    browsers = [browser_for(user) for user in users]
    buttons = [browser.form(urls["team"], action=urls["publish"]) for browser in browsers]
    figures = Counter()
    for _round in range(ROUNDS):
        _reset_draft(plan, good)
        before = _last_event_id()
        answers = simultaneously(
            *[((lambda form=form: form), browser.submit) for browser, form in zip(browsers, buttons, strict=True)]
        )
        figures["500"] += sum(answer.status == SERVER_ERROR for answer in answers)
        published = _events_since(before, AuditAction.PLANNING_PUBLISHED)
        figures["duplicated publication events"] += max(published - 1, 0)
        figures["publications lost"] += published == 0
    report = _report(figures)
    assert sum(figures.values()) == 0, report


def test_two_grid_saves_at_once(world, plan, browser_for):
    good = planner_selectors.stored_places(plan)
    bad = dict.fromkeys(good, Place.REMOTE)
    urls = _plan_urls(plan)
    first, second = browser_for(world.admin.user), browser_for(world.manager.user)
    figures = Counter()
    for _round in range(ROUNDS):
        _reset_draft(plan, {key: Place.SITE for key in good})
        answers = simultaneously(
            (lambda: _grid_form(first, urls, good), first.submit),
            (lambda: _grid_form(second, urls, bad), second.submit),
        )
        figures["500"] += sum(answer.status == SERVER_ERROR for answer in answers)
        saved = planner_selectors.stored_places(plan)
        figures["duplicated cells"] += Assignment.objects.filter(plan=plan).count() - len(saved)
        if saved not in (good, bad):
            figures["grids mixed or lost"] += 1
        # Each save told « enregistré » whose grid is not the one kept was overwritten without a word.
        accepted = [grid for grid, answer in zip((good, bad), answers, strict=True) if answer.status == 302]
        figures["saves lost"] += sum(grid != saved for grid in accepted)
    report = _report(figures)
    assert sum(figures.values()) == 0, report


def test_two_admins_switching_to_the_exceptional_mode_at_once(world, browser_for):
    organisation = world.organisation
    url = reverse("planner:mode", kwargs={"organisation_id": organisation.pk})
    admins = [browser_for(world.admin.user), browser_for(world.second_admin.user)]
    figures = Counter()
    for number in range(ROUNDS):
        ModeSwitch.objects.filter(organisation=organisation).delete()
        before = _last_event_id()
        answers = simultaneously(
            *[_posting(b, url, reason=f"Épisode de pollution ({i}, tour {number})") for i, b in enumerate(admins)]
        )
        figures["500"] += sum(answer.status == SERVER_ERROR for answer in answers)
        switches = ModeSwitch.objects.filter(organisation=organisation).count()
        figures["duplicated switches"] += max(switches - 1, 0)
        figures["duplicated audit events"] += max(_events_since(before, AuditAction.PLANNING_MODE_CHANGED) - 1, 0)
        figures["switched back"] += planner_selectors.current_mode(organisation)[0] != EXCEPTIONAL
    report = _report(figures)
    assert sum(figures.values()) == 0, report


# --- Charter ------------------------------------------------------------------------------------------------------


def test_two_admins_editing_the_same_charter(world, browser_for):
    document = charter_services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )
    kwargs = {"organisation_id": world.organisation.pk, "document_id": document.pk}
    step_url = reverse("charters:step", kwargs={**kwargs, "number": 2})
    summary_url = reverse("charters:step", kwargs={**kwargs, "number": 8})
    admins = [browser_for(world.admin.user), browser_for(world.second_admin.user)]
    figures = Counter()

    def edit_then_save(browser, text):
        def prepare():
            # The CSE question has no default: each admin answers it, as the form requires.
            return browser.form(step_url).set("scope", text).set("organisation__has_cse", "oui").set("action", "next")

        def act(form):
            edit = browser.submit(form)
            if edit.status != 302:
                return edit, None
            save = browser.submit(browser.form(summary_url).set("force", "on"))
            if save.status != 302:
                return edit, save
            return edit, browser.get(save.location)

        return prepare, act

    for number in range(ROUNDS):
        texts = [f"les salariés du service {name} (tour {number})" for name in ("achats", "ventes")]
        answers = simultaneously(*[edit_then_save(browser, text) for browser, text in zip(admins, texts, strict=True)])
        versions = {version.number: version.options.get("scope") for version in document.versions.all()}
        for text, (edit, saved) in zip(texts, answers, strict=True):
            figures["500"] += edit.status == SERVER_ERROR or (saved is not None and saved.status == SERVER_ERROR)
            if edit.status == 302 and text not in versions.values():
                figures["edits never in a version"] += 1
            told = VERSION_SAVED.search(saved.text) if saved is not None and saved.status == 200 else None
            if told and versions.get(int(told.group(1))) != text:
                figures["versions announced with the other's text"] += 1
    assert CharterVersion.objects.filter(document=document).exists()
    report = _report(figures)
    assert sum(figures.values()) == 0, report


# --- Invitations and import ---------------------------------------------------------------------------------------


def test_the_same_address_invited_twice_at_once(world, browser_for):
    organisation = world.organisation
    url = reverse("organisations:member_invite", kwargs={"organisation_id": organisation.pk})
    admins = [browser_for(world.admin.user), browser_for(world.second_admin.user)]
    figures = Counter()
    for number in range(ROUNDS):
        email = f"recrue{number}@exemple.fr"
        before = _last_event_id()
        answers = simultaneously(*[_posting(b, url, email=email) for b in admins])
        figures["500"] += sum(answer.status == SERVER_ERROR for answer in answers)
        invitations = Invitation.objects.filter(organisation=organisation, email=email).count()
        figures["duplicated invitations"] += invitations - 1
        figures["duplicated audit events"] += _events_since(before, AuditAction.MEMBER_INVITED) - 1
    report = _report(figures)
    assert sum(figures.values()) == 0, report


def test_the_same_file_imported_twice_at_once(world, browser_for):
    organisation = world.organisation
    url = reverse("organisations:members_import", kwargs={"organisation_id": organisation.pk})
    confirm_url = reverse("organisations:members_import_confirm", kwargs={"organisation_id": organisation.pk})
    admins = [browser_for(world.admin.user), browser_for(world.second_admin.user)]
    figures = Counter()
    for number in range(ROUNDS):
        emails = [f"{name}{number}@exemple.fr" for name in ("lea", "samir", "ines")]
        team = f"Support {number}"
        content = "email,nom,equipe,role,commune_residence\n" + "".join(
            f"{email},{email.split('@')[0].capitalize()},{team},salarie,\n" for email in emails
        )
        upload = {"file": ("membres.csv", content.encode(), "text/csv")}
        before = _last_event_id()
        answers = simultaneously(*[_previewing_then_confirming(b, url, confirm_url, upload) for b in admins])
        figures["500"] += sum(answer.status == SERVER_ERROR for answer in answers)
        invited = Invitation.objects.filter(organisation=organisation, email__in=emails).count()
        figures["invitations duplicated or lost"] += abs(invited - len(emails))
        figures["teams duplicated"] += Team.objects.filter(organisation=organisation, name=team).count() - 1
        figures["import events duplicated or lost"] += abs(_events_since(before, AuditAction.MEMBERS_IMPORTED) - 1)
    report = _report(figures)
    assert sum(figures.values()) == 0, report
