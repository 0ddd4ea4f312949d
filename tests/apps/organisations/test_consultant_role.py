"""A consultant's access to the organisations that consented holds only while they keep the consultant role."""

import pytest
from django.urls import reverse

from teletravail.apps.accounts.models import PlatformRole


@pytest.mark.django_db
def test_removing_the_consultant_role_removes_access_to_consenting_organisations(client, world):
    """Issue: a consultant whose platform role was removed kept access to the organisations that consented."""
    consultant = world.consultant
    org = world.organisation.pk
    pages = [
        reverse("home:journey", args=[org]),
        reverse("diagnostic:index", args=[org]),
        reverse("charters:index", args=[org]),
    ]
    client.force_login(consultant)
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]
    assert [item["id"] for item in client.get("/api/v1/organisations").json()] == [org]

    consultant.platform_role = PlatformRole.PUBLIC_ANALYST
    consultant.save()
    assert [client.get(page).status_code for page in pages] == [404, 404, 404]
    assert client.get(f"/api/v1/organisations/{org}").status_code == 404
    assert client.get("/api/v1/organisations").json() == []
