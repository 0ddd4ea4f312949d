"""The member import refuses a file beyond its limits with a 400 and the limit named, and writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.organisations.models import Invitation


pytestmark = pytest.mark.django_db


def test_a_file_too_wide_is_refused_with_the_limit_named(client, world):
    client.force_login(world.admin.user)
    text = "email,nom,equipe,role,commune_residence" + ",x" * 46 + "\na@exemple.fr,A,,salarie,\n"
    response = client.post(
        reverse("organisations:members_import", args=[world.organisation.pk]),
        {"file": SimpleUploadedFile("membres.csv", text.encode(), content_type="text/csv")},
    )
    assert response.status_code == 400
    assert response.context["errors"] == ["Le fichier dépasse 50 colonnes, la limite d'un import."]
    assert not Invitation.objects.filter(email="a@exemple.fr").exists()
