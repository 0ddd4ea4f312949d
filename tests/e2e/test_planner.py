"""A manager builds a team plan in a real browser, breaks a rule by hand and sees it flagged live; a member then
downloads their iCalendar file, which parses."""

import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from teletravail.apps.planner import services
from tests.apps.planner.factories import next_monday, solved_plan
from tests.apps.planner.ical import parse_calendar
from tests.conftest import TEST_PASSWORD
from tests.e2e.conftest import run_axe
from tests.world import build_world


# One live server per xdist worker is enough: keep the browser tests on one worker.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def sign_in(page, base_url, email):
    page.goto(base_url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(TEST_PASSWORD)
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
    expect(page.get_by_role("heading", level=1)).to_have_text("Calcul du planning de l'équipe Compta")
    job_worker()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning de l'équipe Compta", timeout=60_000)
    region = page.locator("#planner-violations")
    expect(region).to_contain_text("Toutes les règles sont respectées.")

    # Alice teleworks the whole first week: over the common limit of three days.
    alice_week_one = page.get_by_role("combobox", name=re.compile(r"^Alice Martin, .* \(semaine 1\)$"))
    expect(alice_week_one).to_have_count(5)
    for index in range(5):
        alice_week_one.nth(index).select_option("remote")
    expect(region).to_contain_text("Alice Martin télétravaille 5 jours en semaine 1 pour 3 au plus")
    flagged = page.locator("td.planner-flagged", has=page.get_by_role("combobox", name=re.compile("^Alice Martin")))
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
    assert {event["SUMMARY"][1] for event in events} <= {"Sur site – Siège", "Télétravail"}
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
    expect(page.get_by_role("heading", level=1)).to_have_text("Calcul du planning de l'équipe Compta")
    state = page.locator("#planner-calculation-text")
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
    cell = page.get_by_role("combobox", name=re.compile(r"^Alice Martin, .* \(semaine 1\)$")).first
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
    cell = page.get_by_role("combobox", name=re.compile(r"^Alice Martin, .* \(semaine 1\)$")).first
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
    cell = page.get_by_role("combobox", name=re.compile(r"^Alice Martin, .* \(semaine 1\)$")).first
    cell.select_option("remote" if cell.input_value() == "site" else "site")
    region = page.locator("#planner-violations")
    expect(region).to_contain_text(
        "La vérification n’a pas pu être faite : utilisez le bouton « Vérifier et enregistrer »."
    )
    # Not the green « all rules kept » alert of a check that went well.
    expect(region.locator(".fr-alert--warning")).to_have_count(1)
    expect(region.locator(".fr-alert--success")).to_have_count(0)
