"""An admin imports members in a real browser: the file is previewed before anything is created or sent, a code that
is both a postal code and an INSEE code is asked about, and the invitations go out only once confirmed."""

import re
import time

import pytest
from playwright.sync_api import expect

from teletravail.apps.organisations.models import Invitation
from tests.e2e.test_planner import sign_in
from tests.real_geography import import_departements
from tests.world import build_world


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

MEMBERS = (
    "email;nom;equipe;role;commune_residence\n"
    "anne@exemple.fr;Anne Roux;Support;salarié;69100\n"
    "bob@exemple.fr;Bob Petit;Support;manager;69003\n"
    "chloe@exemple.fr;Chloé Brun;;salarié;69266\n"
)


@pytest.mark.django_db(transaction=True)
def test_the_import_shows_a_preview_asks_about_ambiguous_codes_and_sends_after_confirmation(
    live_server, job_worker, page, tmp_path, mailoutbox, csp_violations
):
    world = build_world("A")
    import_departements(tmp_path / "rhone")  # after the world, whose communes are made up: the real ones win
    sign_in(page, live_server.url, world.admin.user.email)
    page.goto(f"{live_server.url}/organisations/{world.organisation.pk}/import/")

    page.locator("input[type=file]").set_input_files(
        {"name": "membres.csv", "mimeType": "text/csv", "buffer": MEMBERS.encode("cp1252")}
    )
    page.get_by_role("button", name="Vérifier le fichier").click()

    expect(page.get_by_role("heading", name="Aperçu avant l'envoi des invitations")).to_be_visible()
    preview = page.get_by_role("table", name="Lignes du fichier")
    anne = preview.get_by_role("row", name=re.compile("Anne Roux"))
    bob = preview.get_by_role("row", name=re.compile("Bob Petit"))
    chloe = preview.get_by_role("row", name=re.compile("Chloé Brun"))
    expect(anne).to_contain_text("Commune à choisir")
    expect(chloe).to_contain_text("Villeurbanne (69), code INSEE")
    expect(chloe).to_contain_text("Sera invitée")
    anne_commune = page.get_by_label("« 69100 » désigne plusieurs communes")
    expect(anne_commune.get_by_role("option")).to_have_text(
        [
            "Choisissez la commune",
            "Villeurbanne (69), code postal",
            "Irigny (69), code INSEE",
            "Sans commune (à compléter dans l'invitation)",
        ]
    )
    expect(bob.get_by_role("combobox")).to_contain_text("Lyon 3e Arrondissement (69), code postal")
    expect(page.get_by_text("Équipes qui seront créées : Support")).to_be_visible()
    assert not Invitation.objects.filter(email__in=["anne@exemple.fr", "bob@exemple.fr"]).exists()
    assert mailoutbox == []

    anne_commune.select_option(label="Villeurbanne (69), code postal")
    page.get_by_label("« 69003 » désigne plusieurs communes").select_option(
        label="Lyon 3e Arrondissement (69), code postal"
    )
    page.get_by_role("button", name="Confirmer et envoyer les 3 invitations").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import terminé")
    invited = page.get_by_role("table", name="Invitations créées par l'import")
    expect(invited.get_by_role("row", name=re.compile("Anne Roux"))).to_contain_text("Villeurbanne")
    expect(invited.get_by_role("row", name=re.compile("Bob Petit"))).to_contain_text("Lyon 3e Arrondissement")
    communes = dict(Invitation.objects.values_list("email", "home_commune__code"))
    assert (communes["anne@exemple.fr"], communes["bob@exemple.fr"], communes["chloe@exemple.fr"]) == (
        "69266",
        "69383",
        "69266",
    )
    assert mailoutbox == []  # the e-mails are sent by jobs, not while the page waits
    job_worker()
    deadline = time.monotonic() + 60
    while len(mailoutbox) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(mail.to[0] for mail in mailoutbox) == ["anne@exemple.fr", "bob@exemple.fr", "chloe@exemple.fr"]
    assert csp_violations == []
