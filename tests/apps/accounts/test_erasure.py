"""A person erases their account: nothing personal is left anywhere in the database (their address and name are
searched in every row of every table), the audit trail keeps a pseudonymous trace, and the last admin of an
organisation is refused."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from teletravail.apps.accounts.models import User
from teletravail.apps.apitokens.services import create_token
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.personal_data import erase_account, erasure_alias
from teletravail.apps.diagnostic.models import Participant
from teletravail.apps.diagnostic.selectors import campaign_results, min_decided_shown, results_shown_to
from teletravail.apps.jobs.documents import DOCUMENT_JOB, render_document, store_document
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.planner.models import Assignment, MemberPlanningProfile
from teletravail.documents import Document, Paragraph, document_to_data
from tests.conftest import TEST_PASSWORD
from tests.world import add_modules, build_world


pytestmark = pytest.mark.django_db

NAME = "Zoé Singulière"


def rows_naming(*identities):
    """(model, field) of every stored value that holds one of `identities`."""
    found = set()
    for model in apps.get_models():
        for row in model.objects.values():
            for field, value in row.items():
                text = json.dumps(value, default=str, ensure_ascii=False).casefold()
                if any(identity.casefold() in text for identity in identities):
                    found.add((model._meta.label, field))
    return found


@pytest.fixture
def world():
    world = build_world("A")
    person = world.members[0].user
    person.full_name = NAME
    person.save()
    add_modules(world)
    build_world("B", modules=True)
    return world


def test_nothing_personal_is_left_and_the_audit_trail_is_pseudonymous(world):
    membership = world.members[0]
    person = membership.user
    Assignment.objects.create(
        plan=world.plan, membership=membership, week=1, day="lun", date=world.plan.start, where="remote"
    )
    record_event(AuditAction.LOGIN, actor=person)
    # Their token (named after them), planning wishes and a job they asked for.
    create_token(user=person, name=f"Jeton de {NAME}", organisation_ids=[world.organisation.pk], days=30)
    MemberPlanningProfile.objects.create(membership=membership, preferred_remote=["ven"])
    Job.objects.create(kind="x", key=f"demande-{person.pk}", requested_by=person, payload={"note": person.email})
    # A document rendered for someone else that names the person, and its file.
    report = Document(f"Rapport sur {NAME}", (Paragraph(f"Écrire à {person.email}"),))
    rendered = Job.objects.create(
        kind=DOCUMENT_JOB,
        key="document",
        requested_by=world.admin.user,
        status=JobStatus.SUCCEEDED,
        payload={"document": document_to_data(report), "format": "pdf", "filename": "rapport.pdf"},
    )
    rendered.result = store_document(rendered, render_document(rendered.payload))
    rendered.save()
    # A notification to someone else that names the person.
    Notification.objects.create(
        recipient=world.manager.user, kind="x", title=f"{NAME} a répondu", body=f"Écrire à {person.email}", link="/"
    )
    record_event(
        AuditAction.MEMBER_INVITED, actor=world.admin.user, organisation=world.organisation, email=person.email
    )
    email, alias = person.email, erasure_alias(person)
    assert rows_naming(email, NAME)  # the world does name the person before

    erase_account(person)

    assert rows_naming(email, NAME) == set()
    assert not default_storage.exists(rendered.result["file"])
    assert not User.objects.filter(email=email).exists()
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor_email=alias, actor=None).count() == 1
    assert AuditEvent.objects.get(action=AuditAction.MEMBER_INVITED).details["email"] == alias
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ERASED, actor_email=alias).count() == 1
    # The others' records stay.
    assert User.objects.filter(pk=world.admin.user.pk).exists()
    assert Assignment.objects.filter(plan=world.plan).count() == 0


def test_the_last_employer_admin_of_an_organisation_is_refused_and_nothing_changes(world):
    admin = world.admin.user
    with pytest.raises(ValidationError) as refused:
        erase_account(admin)
    assert world.organisation.name in refused.value.messages[0]
    assert User.objects.filter(pk=admin.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ERASED).exists()


def test_the_page_asks_the_password_then_erases_and_signs_out(client, world):
    person = world.members[0].user
    client.force_login(person)
    url = reverse("accounts:erase")

    wrong = client.post(url, {"password": "pas le bon"})
    assert wrong.status_code == 200 and User.objects.filter(pk=person.pk).exists()

    done = client.post(url, {"password": TEST_PASSWORD}, follow=True)
    assert not User.objects.filter(pk=person.pk).exists()
    assert "Votre compte est supprimé" in done.content.decode()
    assert not done.context["user"].is_authenticated


def test_the_erase_page_explains_why_the_last_admin_is_refused(client, world):
    admin = world.admin.user
    client.force_login(admin)
    page = client.post(reverse("accounts:erase"), {"password": TEST_PASSWORD})
    assert page.status_code == 200
    assert "seul administrateur employeur" in page.content.decode()
    assert User.objects.filter(pk=admin.pk).exists()


def test_after_erasures_the_diagnostic_figures_count_who_remains_and_hide_a_group_grown_too_small(world):
    """Figures are computed from what remains: the erased people's answers go with their membership, every count
    follows, and a group that falls under the display threshold is hidden from who does not follow its people."""
    campaign = world.campaign
    consultant = organisation_access(world.consultant, world.organisation.pk)
    admin = organisation_access(world.admin.user, world.organisation.pk)
    decided = len(campaign_results(campaign).decided)
    assert decided > min_decided_shown()  # the consultant sees the figures before
    assert results_shown_to(consultant, campaign_results(campaign)).synthesis is not None

    erased = list(Participant.objects.filter(campaign=campaign).select_related("membership__user"))
    erased = erased[: decided - min_decided_shown() + 1]
    for participant in erased:
        erase_account(participant.membership.user)

    results = campaign_results(campaign)
    remaining = Participant.objects.filter(campaign=campaign).count()
    assert len(results.decided) == remaining == decided - len(erased) == min_decided_shown() - 1
    assert sum(job.invited for job in results.jobs) == remaining
    assert sum(job.decided for job in results.jobs) == len(results.decided)
    shown = results_shown_to(consultant, results)
    assert shown.synthesis is None and shown.synthesis_hidden and shown.hidden_jobs
    # Whoever follows every participant still sees the figures of those who remain.
    assert results_shown_to(admin, results).synthesis == results.synthesis is not None
