"""A person downloads everything the platform holds about them (RGPD, right of access): one zip with a JSON file of
every table and one CSV per table, checked here against the test world, and holding nothing about anyone else."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from teletravail.apps.accounts.models import User
from teletravail.apps.apitokens.services import create_token
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.audit.services import record_event
from teletravail.apps.diagnostic.models import Answer, Decision
from teletravail.apps.notifications.models import EmailPreferences, Notification
from teletravail.apps.organisations.models import Organisation
from teletravail.apps.planner.models import Assignment, MemberPlanningProfile
from tests.world import build_world


pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds():
    return build_world("A", modules=True), build_world("B", modules=True)


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:my_data_archive"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(document, table):
    return document["tables"][table]["lignes"]


def test_the_archive_holds_the_person_s_data_from_every_module(client, worlds):
    world, _other = worlds
    membership = world.participant.membership
    person = membership.user
    MemberPlanningProfile.objects.update_or_create(membership=membership, defaults={"preferred_remote": ["lun"]})
    Assignment.objects.create(
        plan=world.plan, membership=membership, week=1, day="lun", date=world.plan.start, where="remote"
    )
    EmailPreferences.objects.create(user=person, muted_kinds=["plan_published"])
    token, value = create_token(user=person, name="Mon script", organisation_ids=[world.organisation.pk], days=9)
    record_event(AuditAction.LOGIN, actor=person)

    archive = download(client, person)
    document = json.loads(archive.read("donnees.json"))
    names = set(archive.namelist())

    assert {"LISEZMOI.txt", "donnees.json"} | {f"{table}.csv" for table in document["tables"]} == names
    assert rows(document, "compte") == [
        {
            "email": person.email,
            "full_name": person.full_name,
            "platform_role": "Aucun",
            "is_active": True,
            "date_joined": rows(document, "compte")[0]["date_joined"],
            "last_login": rows(document, "compte")[0]["last_login"],
        }
    ]
    assert [(m["organisation"], m["role"], m["team"]) for m in rows(document, "adhesions")] == [
        (world.organisation.name, membership.get_role_display(), membership.team.name)
    ]
    assert rows(document, "planification")[0]["preferred_remote"] == ["lun"]
    assert [(d["date"], d["where"]) for d in rows(document, "jours_planifies")] == [
        (world.plan.start.isoformat(), "Télétravail")
    ]
    assert len(rows(document, "diagnostic_participations")) == 1
    assert len(rows(document, "diagnostic_reponses")) == Answer.objects.filter(participant=world.participant).count()
    assert len(rows(document, "diagnostic_reponses")) > 0
    assert (
        len(rows(document, "diagnostic_decisions")) == Decision.objects.filter(participant=world.participant).count()
    )
    assert len(rows(document, "notifications")) == Notification.objects.filter(recipient=person).count()
    assert rows(document, "courriels_refuses") == [{"kind": "plan_published"}]
    assert rows(document, "langue_des_courriels") == [{"language": "fr"}]  # kept when the person opened a page
    assert [(t["name"], t["prefix"]) for t in rows(document, "jetons_api")] == [("Mon script", token.prefix)]
    assert "Connexion" in [e["action"] for e in rows(document, "journal")]
    # The token's value is never kept, so it cannot be exported.
    assert value.encode() not in b"".join(archive.read(name) for name in names)

    # Each CSV holds its table: a header, then one line per row.
    assert document["tables"]
    for table, content in document["tables"].items():
        lines = list(csv.reader(io.StringIO(archive.read(f"{table}.csv").decode("utf-8-sig")), delimiter=";"))
        assert len(lines) == 1 + len(content["lignes"]), table
    assert AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_EXPORTED, actor=person).count() == 1


def test_the_archive_holds_nothing_about_other_people(client, worlds):
    world, other = worlds
    person = world.participant.membership.user
    Assignment.objects.create(
        plan=world.plan,
        membership=world.participant.membership,
        week=1,
        day="mar",
        date=world.plan.start,
        where="site",
    )
    # Another person's records in the same organisation, and in the other one.
    Assignment.objects.create(
        plan=world.plan, membership=world.members[1], week=1, day="mar", date=world.plan.start, where="site"
    )
    record_event(AuditAction.LOGIN, actor=world.manager.user)

    archive = download(client, person)
    content = "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())

    others = User.objects.exclude(pk=person.pk)
    assert others.count() > 10
    for someone in others:
        assert someone.email not in content
        # World B has its own « Alice Essai »: a namesake's name is the person's own.
        if someone.full_name != person.full_name:
            assert someone.full_name not in content
    assert Organisation.objects.exclude(pk=world.organisation.pk).exists()
    for organisation in Organisation.objects.exclude(pk=world.organisation.pk):
        assert organisation.name not in content
    assert person.email in content


def test_the_page_explains_and_links_the_download_for_signed_in_people_only(client, user):
    page = reverse("accounts:my_data")
    assert client.get(page).status_code == 302
    assert client.get(reverse("accounts:my_data_archive")).status_code == 302
    client.force_login(user)
    response = client.get(page)
    assert reverse("accounts:my_data_archive") in response.content.decode()
