"""The production set-up serves the platform: pages, sign-in, a simulation, a place, the planner, and a planner
solve run as a job by the separate worker process, from the browser to the plan."""

import json
import re
import urllib.request
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect


pytestmark = [pytest.mark.production, pytest.mark.xdist_group("production")]


def sign_in(page, production):
    base_url, email, password = production
    page.goto(base_url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/organisations/\d+/parcours/$"))
    return int(re.search(r"/organisations/(\d+)/", page.url).group(1))


def test_health_reports_the_database_and_the_queue(production):
    with urllib.request.urlopen(production[0] + "/sante/", timeout=10) as response:
        assert response.status == 200
        report = json.load(response)
    assert report["database"] == {"ok": True}
    assert report["queue"]["ok"] is True


def test_home_page_and_its_static_files(page, production):
    base_url = production[0]
    response = page.goto(base_url + "/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The style sheets come from collectstatic's hashed, compressed files (whitenoise).
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
    assert page.request.get(base_url + stylesheet).status == 200


def test_the_demo_admin_signs_in_and_simulates_the_organisation(page, production):
    organisation_id = sign_in(page, production)
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours d'Atelier Démo")
    page.goto(f"{production[0]}/simulateur/organisation/{organisation_id}/")
    page.get_by_label(re.compile("Postes par salarié après réorganisation")).fill("0.7")
    page.get_by_role("button", name="Calculer").click()
    expect(page.get_by_text(re.compile("Pour l'employeur, le solde annuel serait de"))).to_be_visible()


def test_a_place_page(page, production):
    page.goto(production[0] + "/lieux/")
    link = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).find(href => /^\\/lieux\\/\\d+\\/$/.test(href))"
    )
    assert link, "no place listed"
    response = page.goto(production[0] + link)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_planner_solve_runs_as_a_job_on_the_worker_and_the_plan_shows(page, production):
    organisation_id = sign_in(page, production)
    page.goto(f"{production[0]}/planning/{organisation_id}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("main").get_by_role("link", name=re.compile("Développement")).first.click()
    page.get_by_role("link", name="Nouveau planning").click()
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    page.get_by_label("Premier lundi du planning").fill(monday.isoformat())
    page.get_by_label("Nombre de semaines", exact=True).fill("2")
    page.get_by_role("button", name="Calculer le planning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Calcul du planning de l'équipe"))
    # The worker process takes the job, solves, stores the plan; the page follows it, then opens the plan.
    page.wait_for_url(re.compile(r"/equipes/\d+/\?plan=\d+$"), timeout=90_000)
    expect(page.get_by_text("Le planning est calculé. Vérifiez-le")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Planning de l'équipe"))
