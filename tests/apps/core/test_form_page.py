"""The one form page (core/form_page.html): every page built on it sums up its errors at the top, each linked to
its field, above the fields, under its title, with its own submit button."""

import re

import pytest
from django.urls import reverse

from tests.world import build_world


def summary_and_page(response):
    page = response.content.decode()
    summary = re.search(r'<div[^>]*id="form-error-summary".*?</div>', page, re.DOTALL)
    assert summary is not None, "no error summary"
    return summary.group(0), page


def pages(world):
    """(url, an invalid POST, the field in error, the h1, the submit button) of pages on the one form page."""
    organisation_id = world.organisation.pk
    return [
        (reverse("accounts:password_reset"), {"email": ""}, "id_email", "Mot de passe oublié", "Recevoir le lien"),
        (reverse("accounts:login"), {"username": "", "password": ""}, "id_username", "Se connecter", "Se connecter"),
        (
            reverse("organisations:member_invite", kwargs={"organisation_id": organisation_id}),
            {"email": "pas-une-adresse"},
            "id_email",
            "Inviter un membre",
            "Envoyer l&#x27;invitation",
        ),
    ]


@pytest.mark.django_db
def test_every_form_page_sums_up_its_errors_at_the_top_linked_to_the_fields(client):
    world = build_world()
    assert pages(world)
    for url, data, field_id, heading, submit in pages(world):
        client.logout()
        if "/membres/" in url:
            client.force_login(world.admin.user)
        summary, page = summary_and_page(client.post(url, data))
        anchors = re.findall(r'<a href="#(id_\w+)">', summary)
        assert field_id in anchors, url
        assert all(f'id="{anchor}"' in page for anchor in anchors), url
        assert page.index("form-error-summary") < page.index(f'id="{field_id}"'), url
        assert re.search(rf"<h1>\s*{heading}\s*</h1>", page), url
        assert f'<button class="fr-btn" type="submit">{submit}</button>' in page, url
