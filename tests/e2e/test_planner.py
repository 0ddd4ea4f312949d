"""A manager builds a team plan in a real browser, breaks a rule by hand and sees it flagged live; a member then
downloads their iCalendar file, which parses."""

import json
import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from typer.testing import CliRunner

from teletravail.apps.home.demo import create_demo
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.services import cancel_job
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.models import ORGANISATION_SOLVE_JOB, TeamPlan
from teletravail.planning.cli import plan_app
from tests.apps.planner.factories import next_monday, solved_plan
from tests.apps.planner.ical import parse_calendar
from tests.conftest import TEST_PASSWORD
from tests.e2e.conftest import run_axe
from tests.factories import make_commune
from tests.world import build_world


# One live server per xdist worker is enough: keep the browser tests on one worker.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

# The time limit of the whole-organisation solve, for the job and for the command line it is compared with.
SOLVE_SECONDS = 5.0


def sign_in(page, base_url, email, password=TEST_PASSWORD):
    page.goto(base_url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"^(?!.*/compte/connexion/)"))


@pytest.mark.django_db(transaction=True)
def test_manager_builds_a_plan_sees_a_violation_live_and_a_member_downloads_the_calendar(
    live_server, job_worker, page, browser, csp_violations
):
    world = build_world()
    team_url = f"{live_server.url}/planning/{world.organisation.pk}/equipes/{world.team.pk}/"
    sign_in(page, live_server.url, world.manager.user.email)

    page.goto(team_url)
    page.get_by_role("link", name="Nouveau planning").click()
    page.get_by_label("Premier lundi du planning").fill(next_monday().isoformat())
    page.get_by_label("Nombre de semaines", exact=True).fill("2")
    page.get_by_label(re.compile("Présents minimum sur site chaque jour")).fill("1")
    page.get_by_label(re.compile("Jours de télétravail maximum par semaine")).fill("3")
    page.get_by_role("button", name="Calculer le planning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calcul du planning de l'équipe Alpha")
    job_worker()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning de l'équipe Alpha", timeout=60_000)
    region = page.locator("#planner-violations")
    expect(region).to_contain_text("Toutes les règles sont respectées.")

    # Alice teleworks the whole first week: over the common limit of three days.
    alice_week_one = page.get_by_role("combobox", name=re.compile(r"^Alice Essai, .* \(semaine 1\)$"))
    expect(alice_week_one).to_have_count(5)
    for index in range(5):
        alice_week_one.nth(index).select_option("remote")
    expect(region).to_contain_text("Alice Essai télétravaille 5 jours en semaine 1 pour 3 au plus")
    flagged = page.locator("td.planner-flagged", has=page.get_by_role("combobox", name=re.compile("^Alice Essai")))
    expect(flagged.first).to_contain_text("À revoir")

    # Nothing was saved by the live check: back on the page, the plan is clean and can be published.
    page.goto(team_url)
    expect(region).to_contain_text("Toutes les règles sont respectées.")
    page.get_by_role("button", name="Publier le planning").click()
    expect(page.get_by_text("Le planning est publié")).to_be_visible()
    assert csp_violations == []

    axe_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = axe_context.new_page()
    sign_in(axe_page, live_server.url, world.manager.user.email)
    axe_page.goto(team_url)
    assert run_axe(axe_page) == []
    axe_context.close()

    member_context = browser.new_context(locale="fr-FR", accept_downloads=True)
    member = member_context.new_page()
    sign_in(member, live_server.url, world.members[0].user.email)
    member.goto(f"{live_server.url}/planning/{world.organisation.pk}/mon-planning/")
    member.get_by_role("button", name="Créer l'adresse privée de mon calendrier").click()
    with member.expect_download() as download_info:
        member.get_by_role("link", name="Télécharger le fichier iCalendar").click()
    text = open(download_info.value.path(), encoding="utf-8", newline="").read()
    _properties, events = parse_calendar(text)
    assert len(events) == 10
    assert {event["SUMMARY"][1] for event in events} <= {"Sur site – Site Nord", "Télétravail"}
    assert events[0]["DTSTART"] == (["VALUE=DATE"], next_monday().strftime("%Y%m%d"))
    member_context.close()


@pytest.mark.django_db(transaction=True)
def test_a_solve_runs_as_a_job_its_page_shows_progress_in_place_then_the_plan(
    live_server, job_worker, page, csp_violations, monkeypatch
):
    world = build_world()
    solve = services._solve

    def slower_solve(plan):
        # Long enough for the page to show the solve running, as a large organisation's would.
        time.sleep(3)
        return solve(plan)

    monkeypatch.setattr(services, "_solve", slower_solve)
    sign_in(page, live_server.url, world.manager.user.email)
    page.goto(f"{live_server.url}/planning/{world.organisation.pk}/equipes/{world.team.pk}/nouveau/")
    page.get_by_label("Premier lundi du planning").fill(next_monday().isoformat())
    page.get_by_label("Nombre de semaines", exact=True).fill("2")
    page.get_by_role("button", name="Calculer le planning").click()

    # No worker yet: the job waits, and the page says so.
    expect(page.get_by_role("heading", level=1)).to_have_text("Calcul du planning de l'équipe Alpha")
    state = page.locator("#job-progress-text")
    expect(state).to_have_text("En attente d'un serveur de calcul…")
    expect(page.get_by_role("link", name="Actualiser l'avancement")).to_be_visible()
    expect(page.get_by_role("button", name="Annuler le calcul")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")

    job_worker()
    # The page asks again by itself and shows the progress in place, without reloading.
    expect(state).to_contain_text("Calcul en cours", timeout=20_000)
    assert page.evaluate("window.stillTheSamePage") is True
    # Done, it opens the plan.
    page.wait_for_url(re.compile(r"/equipes/\d+/\?plan=\d+$"), timeout=60_000)
    expect(page.get_by_text("Le planning est calculé. Vérifiez-le")).to_be_visible()
    expect(page.locator("#planner-violations")).to_contain_text("Toutes les règles sont respectées.")
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_leaving_the_grid_with_unsaved_changes_asks_first(live_server, page, csp_violations):
    world = build_world()
    plan = solved_plan(team=world.team, actor=world.manager.user)
    team_url = f"{live_server.url}/planning/{world.organisation.pk}/equipes/{world.team.pk}/?plan={plan.pk}"
    sign_in(page, live_server.url, world.manager.user.email)
    dialogs, answers = [], {"accept": False}

    def answer(dialog):
        dialogs.append((dialog.type, dialog.message))
        if answers["accept"]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    page.goto(team_url)
    # Untouched, the grid can be left without a question.
    page.get_by_role("link", name="Nouveau planning").click()
    page.wait_for_url(re.compile(r"/nouveau/$"))
    assert dialogs == []

    page.goto(team_url)
    cell = page.get_by_role("combobox", name=re.compile(r"^Alice Essai, .* \(semaine 1\)$")).first
    changed = "remote" if cell.input_value() == "site" else "site"
    cell.select_option(changed)
    expect(page.locator("#planner-violations")).not_to_be_empty()
    question = "Vos modifications du planning ne sont pas enregistrées. Quitter cette page et les perdre ?"

    # A link of the page asks in words; answered « cancel », the page and the change stay.
    page.get_by_role("link", name="Nouveau planning").click()
    assert dialogs == [("confirm", question)]
    assert page.url == team_url and cell.input_value() == changed
    # Another form of the page (here « Publier ») asks the same question.
    page.get_by_role("button", name="Publier le planning").click()
    assert dialogs[-1] == ("confirm", question)
    assert page.url == team_url and cell.input_value() == changed

    # Closing or reloading the tab: the browser's own prompt.
    dialogs.clear()
    with pytest.raises(PlaywrightError):
        page.reload(timeout=3000)
    assert [kind for kind, _message in dialogs] == ["beforeunload"]
    assert cell.input_value() == changed

    # Answered « leave », the link goes, and only one question was asked.
    dialogs.clear()
    answers["accept"] = True
    page.get_by_role("link", name="Nouveau planning").click()
    page.wait_for_url(re.compile(r"/nouveau/$"))
    assert dialogs == [("confirm", question)]

    # Saving the grid is no leaving: no question.
    dialogs.clear()
    page.goto(team_url)
    cell = page.get_by_role("combobox", name=re.compile(r"^Alice Essai, .* \(semaine 1\)$")).first
    cell.select_option(changed)
    page.get_by_role("button", name="Vérifier et enregistrer").click()
    expect(page.locator("#planner-violations")).not_to_be_empty()
    page.wait_for_load_state()
    assert dialogs == []
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_a_live_check_that_cannot_be_made_says_so_as_a_warning(live_server, page):
    world = build_world()
    plan = solved_plan(team=world.team, actor=world.manager.user)
    sign_in(page, live_server.url, world.manager.user.email)
    page.route("**/verifier/", lambda route: route.fulfill(status=500, body="panne"))
    page.goto(f"{live_server.url}/planning/{world.organisation.pk}/equipes/{world.team.pk}/?plan={plan.pk}")
    page.on("dialog", lambda dialog: dialog.accept())
    cell = page.get_by_role("combobox", name=re.compile(r"^Alice Essai, .* \(semaine 1\)$")).first
    cell.select_option("remote" if cell.input_value() == "site" else "site")
    region = page.locator("#planner-violations")
    expect(region).to_contain_text(
        "La vérification n’a pas pu être faite : utilisez le bouton « Vérifier et enregistrer »."
    )
    # Not the green « all rules kept » alert of a check that went well.
    expect(region.locator(".fr-alert--warning")).to_have_count(1)
    expect(region.locator(".fr-alert--success")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_the_demo_admin_plans_the_whole_organisation_as_a_job_as_well_as_the_command_line(
    live_server, job_worker, page, csp_violations, monkeypatch, settings, tmp_path
):
    """The acceptance of the whole-organisation solve: started by the demo's admin, its progress seen in place, its
    plans stored; its objective no worse than the command line's on the same data, with the same time limit, seed
    and worker count."""
    make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement")
    make_commune("42218")
    demo = create_demo()
    admin = next(credential for credential in demo.credentials if credential.email.startswith("admin@"))
    settings.PLANNER_SOLVER_TIME_LIMIT_SECONDS = SOLVE_SECONDS
    solve_input = services._solve_input

    def slower_solve(data, members):
        # Long enough for the page to show the solve running, as a large organisation's would.
        time.sleep(3)
        return solve_input(data, members)

    monkeypatch.setattr(services, "_solve_input", slower_solve)
    organisation = demo.organisation
    demo_plans = set(TeamPlan.objects.values_list("pk", flat=True))  # the demo's own draft plan
    # The demo queues its draft plan's solve: cancelled, so that the worker's one job is the one under test.
    for queued in Job.objects.filter(status=JobStatus.QUEUED):
        cancel_job(job=queued)
    sign_in(page, live_server.url, admin.email, password=admin.password)
    page.goto(f"{live_server.url}/planning/{organisation.pk}/")
    page.get_by_role("link", name="Planifier toute l'organisation").click()
    page.get_by_label("Premier lundi du planning").fill(next_monday().isoformat())
    page.get_by_label("Nombre de semaines", exact=True).fill("2")
    page.get_by_role("button", name="Calculer les plannings").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Calcul des plannings de toute l'organisation")
    state = page.locator("#job-progress-text")
    expect(state).to_have_text("En attente d'un serveur de calcul…")
    expect(page.get_by_role("link", name="Actualiser l'avancement")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")
    job_worker()
    expect(state).to_contain_text("Calcul en cours", timeout=20_000)
    assert page.evaluate("window.stillTheSamePage") is True
    page.wait_for_url(re.compile(rf"/planning/{organisation.pk}/$"), timeout=60_000)
    expect(page.get_by_text(re.compile(r"plannings? d'équipe (est|sont) calculés?"))).to_be_visible()
    assert csp_violations == []

    job = Job.objects.get(kind=ORGANISATION_SOLVE_JOB)
    planned = selectors.planned_teams_of(organisation)
    assert planned
    assert sorted(job.result["plans"]) == sorted(
        TeamPlan.objects.filter(team__in=planned).exclude(pk__in=demo_plans).values_list("pk", flat=True)
    )

    # The command line on the same data (the engine's input the job read), same time limit, seed and workers.
    data, _members = services.organisation_solve_input(job.payload)
    input_file = tmp_path / "organisation.json"
    input_file.write_text(json.dumps(data), encoding="utf-8")
    options = services.solver_options()
    answer = CliRunner().invoke(
        plan_app,
        [
            "solve",
            "--input",
            str(input_file),
            "--time-limit",
            str(options["time_limit"]),
            "--seed",
            str(options["seed"]),
            "--workers",
            str(options["workers"]),
        ],
    )
    assert answer.exit_code == 0, answer.output
    command_line = json.loads(answer.stdout)
    assert command_line["status"] in ("optimal", "feasible") and job.result["status"] in ("optimal", "feasible")
    # The objective is an integer and no relative gap is set: the solver's tolerance is CP-SAT's absolute gap
    # (1e-4), so « no worse » is « at most the command line's ».
    assert job.result["objective"] <= command_line["solver"]["objective"]
