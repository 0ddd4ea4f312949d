"""The account's API tokens page and the `teletravail api token` commands; and, over every organisation URL of the
API, a token that does not open an organisation gets 403 there and changes nothing."""

import json
import re

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from teletravail.api import api
from teletravail.apps.apitokens import services
from teletravail.apps.apitokens.cli import api_app
from teletravail.apps.apitokens.models import ApiToken
from teletravail.apps.audit.models import AuditAction, AuditEvent
from tests.factories import MembershipFactory, OrganisationFactory
from tests.test_isolation import ORGANISATION_URLS, answers
from tests.world import build_world, snapshot


pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory(organisation=OrganisationFactory(name="Ma boîte"), role="employee")


def test_the_page_creates_a_token_shown_once_and_lists_it_by_its_prefix(client, member):
    client.force_login(member.user)
    url = reverse("apitokens:list")

    created = client.post(url, {"name": "Export RH", "days": "30", "organisations": [member.organisation.pk]})
    token = ApiToken.objects.get(user=member.user)
    value = created.context["created_value"]
    later = client.get(url)

    assert created.status_code == 200
    assert created["Cache-Control"].startswith("max-age=0") and "no-store" in created["Cache-Control"]
    assert value.startswith(token.prefix) and value in created.content.decode()
    assert value not in later.content.decode()
    assert token.prefix in later.content.decode() and "Export RH" in later.content.decode()
    assert list(token.organisations.all()) == [member.organisation]
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 200


def test_the_page_refuses_an_organisation_of_someone_else(client, member):
    stranger = OrganisationFactory()
    client.force_login(member.user)
    response = client.post(reverse("apitokens:list"), {"name": "X", "days": "30", "organisations": [stranger.pk]})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert response.context["form"].errors["organisations"]


def test_revoking_from_the_page_ends_the_token_and_only_its_owner_can(client, member):
    token, value = services.create_token(
        user=member.user, name="Script", organisation_ids=[member.organisation.pk], days=10
    )
    intruder = MembershipFactory(organisation=member.organisation)
    client.force_login(intruder.user)
    assert client.post(reverse("apitokens:revoke", kwargs={"token_id": token.pk})).status_code == 404

    client.force_login(member.user)
    response = client.post(reverse("apitokens:revoke", kwargs={"token_id": token.pk}), follow=True)

    assert "Le jeton « Script » est révoqué" in response.content.decode()
    assert "Aucun jeton actif." in response.content.decode()
    client.logout()
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 401
    event = AuditEvent.objects.get(action=AuditAction.API_TOKEN_REVOKED)
    assert (event.actor, event.details["via"]) == (member.user, "account")


def test_the_page_is_for_signed_in_people(client):
    response = client.get(reverse("apitokens:list"))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_the_command_creates_a_working_token_and_revokes_it_by_its_prefix(client, member):
    runner = CliRunner()
    created = runner.invoke(api_app, ["token", "create", member.user.email.upper(), "--days", "7", "--name", "CI"])
    assert created.exit_code == 0, created.output
    value = created.stdout.strip().splitlines()[0]
    token = ApiToken.objects.get(user=member.user)
    assert (token.name, (token.expires_at - token.created_at).days) == ("CI", 7)
    assert list(token.organisations.all()) == [member.organisation]  # by default, every organisation of the account
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 200

    listed = runner.invoke(api_app, ["token", "list", member.user.email])
    revoked = runner.invoke(api_app, ["token", "revoke", token.prefix])

    assert token.prefix in listed.stdout and value not in listed.stdout
    assert revoked.exit_code == 0 and "révoqué" in revoked.stdout
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION=f"Bearer {value}").status_code == 401
    assert AuditEvent.objects.get(action=AuditAction.API_TOKEN_REVOKED).details["via"] == "command_line"


def test_the_command_says_what_is_wrong_in_one_sentence(member):
    runner = CliRunner()
    unknown = runner.invoke(api_app, ["token", "create", "personne@nulle-part.fr"])
    too_long = runner.invoke(api_app, ["token", "create", member.user.email, "--days", "9999"])
    no_such = runner.invoke(api_app, ["token", "revoke", "tt_0000000000"])
    assert (unknown.exit_code, too_long.exit_code, no_such.exit_code) == (2, 2, 2)
    assert "Aucun compte n'a l'adresse personne@nulle-part.fr." in unknown.output
    assert "La durée de validité va de 1 à 365 jours." in too_long.output
    assert "Aucun jeton ne commence par tt_0000000000." in no_such.output
    assert "Traceback" not in unknown.output + too_long.output + no_such.output


def test_the_openapi_document_declares_the_bearer_scheme():
    schema = json.loads(json.dumps(api.get_openapi_schema()))
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"
    patch = schema["paths"]["/api/v1/organisations/{organisation_id}"]["patch"]
    assert patch["security"] == [{"ApiTokenAuth": []}, {"SessionAuth": []}]
    # Simulations stay open: a token is optional there.
    assert schema["paths"]["/api/v1/simulations/person"]["post"]["security"] == [{"ApiTokenAuth": []}, {}]


API_URLS = [url for url in ORGANISATION_URLS if url[0].startswith("api-v1:")]


def test_a_token_of_a_gets_403_on_every_api_url_of_b_and_changes_nothing(client):
    world, other = build_world("A"), build_world("B", modules=True)
    # The admin of A is also a member of B: only the token's scope keeps B closed.
    MembershipFactory(organisation=other.organisation, user=world.admin.user, role="employer_admin")
    _, value = services.create_token(
        user=world.admin.user, name="A seulement", organisation_ids=[world.organisation.pk], days=5
    )
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {value}"
    before = snapshot(other.organisation)

    responses = answers(client, API_URLS, other.organisation, other)

    assert len(responses) >= 6
    assert {request: r.status_code for request, r in responses.items() if r.status_code != 403} == {}
    assert snapshot(other.organisation) == before
    # The same token opens A.
    assert client.get(f"/api/v1/organisations/{world.organisation.pk}/teams").status_code == 200


def test_the_tokens_are_listed_in_the_table_include_with_a_revoke_button_posting_its_csrf_token(client, member):
    token, _ = services.create_token(
        user=member.user, name="Export <RH>", organisation_ids=[member.organisation.pk], days=10
    )
    client.force_login(member.user)

    content = client.get(reverse("apitokens:list")).content.decode()
    row = re.search(
        r'<div class="fr-table">\s*<table>\s*<caption class="fr-sr-only">Mes jetons actifs</caption>'
        r".*?<tbody>\s*<tr>(.*?)</tr>",
        content,
        re.S,
    ).group(1)

    assert row.startswith('<th scope="row">Export &lt;RH&gt;</th>')
    assert f'<td>\n<code class="fr-text--xs">{token.prefix}_…</code></td><td>Ma boîte</td>' in row
    assert "<td>jamais</td>" in row
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', row, re.S)
    assert form.group(1) == reverse("apitokens:revoke", kwargs={"token_id": token.pk})
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert 'type="submit">Révoquer<span class="fr-sr-only"> Export &lt;RH&gt;</span></button>' in form.group(2)
