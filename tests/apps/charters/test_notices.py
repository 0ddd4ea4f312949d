"""Every member is told when the charter is adopted, and has it to read until they open it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.charters import services
from teletravail.apps.charters.my_tasks import charter_to_read
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations.selectors import organisation_access
from tests.apps.charters.test_services import compliant_draft


pytestmark = pytest.mark.django_db


def test_members_are_told_once_when_the_charter_is_adopted(world, client):
    document = services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )
    services.save_version(document=document, options=compliant_draft(document), actor=world.admin.user, force=True)
    day = timezone.localdate()
    services.record_procedure(document=document, actor=world.admin.user, cse_opinion_date=day)
    assert not Notification.objects.exists()  # not adopted yet
    services.record_procedure(
        document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
    )
    services.record_procedure(
        document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
    )
    members = [world.admin, world.manager, *world.members, world.outsider_employee]
    assert sorted(Notification.objects.values_list("recipient", flat=True)) == sorted(m.user_id for m in members)
    page = reverse("charters:document", kwargs={"organisation_id": world.organisation.pk, "document_id": document.pk})
    alice = world.members[0]
    [task] = charter_to_read(organisation_access(alice.user, world.organisation.pk))
    assert task.url == page

    client.force_login(alice.user)
    assert client.get(page).status_code == 200
    assert charter_to_read(organisation_access(alice.user, world.organisation.pk)) == []
