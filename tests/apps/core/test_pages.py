import pytest
from django.urls import reverse
from django.utils.html import escape

from teletravail.apps.core.modules import MODULES


PUBLIC_PAGES = [
    ("core:home", "Déployer le télétravail, ensemble"),
    ("core:modules", "Les outils"),
    ("core:legal_notice", "Mentions légales"),
    ("core:personal_data", "Données personnelles"),
    ("core:accessibility", "non conforme"),
    ("core:sitemap", "Plan du site"),
    ("accounts:login", "Se connecter"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "text"), PUBLIC_PAGES)
def test_public_pages_answer_in_french(client, url_name, text):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    content = response.content.decode()
    assert text in content
    assert '<html lang="fr"' in content


@pytest.mark.django_db
def test_footer_links_to_every_mandatory_page(client):
    content = client.get(reverse("core:home")).content.decode()
    for url_name in ("core:legal_notice", "core:personal_data", "core:accessibility", "core:sitemap"):
        assert f'href="{reverse(url_name)}"' in content
    assert "Accessibilité : non conforme" in content


@pytest.mark.django_db
def test_modules_not_built_are_shown_as_coming_and_never_linked(client):
    content = client.get(reverse("core:home")).content.decode()
    coming = [module for module in MODULES if not module.is_available]
    assert coming, "the test needs at least one module still to come"
    for module in coming:
        assert escape(str(module.title)) in content
    assert content.count("À venir") == len(coming)
    for module in MODULES:
        if module.is_available:
            assert f'href="{module.url}"' in content


@pytest.mark.django_db
def test_english_version_through_the_language_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    content = response.content.decode()
    assert '<html lang="en"' in content
    assert "Deploying telework together" in content
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Déployer le télétravail, ensemble" in client.get("/").content.decode()
