"""The charter checker refuses a Word document beyond the upload limits with a 422 and the limit named."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.uploads.bombs import measured, paragraphs, word_with_body


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (paragraphs(200_000, varied=False), "le fichier se décompresse en plus de 100 fois sa taille"),
        (paragraphs(20_001), "le fichier dépasse 20\u202f000 paragraphes et lignes de tableau"),
    ],
)
def test_a_word_bomb_is_refused_with_the_limit_named(client, world, body, message):
    client.force_login(world.admin.user)
    page = reverse("charters:checker", kwargs={"organisation_id": world.organisation.pk})
    assert client.get(page).status_code == 200  # the site's modules are loaded before the clock starts
    document = SimpleUploadedFile("charte.docx", word_with_body(body))
    with measured() as cost:
        response = client.post(page, {"sector": "prive", "document": document})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert cost.seconds < 30
