"""Notifying: one notification per person, an e-mail with a plain-text and an HTML part saying what the platform is
and linking (absolutely) to the page, unless the person turned that kind off."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from teletravail.apps.diagnostic.notices import DIAGNOSTIC_INVITED
from teletravail.apps.notifications import selectors, services
from teletravail.apps.notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory


pytestmark = pytest.mark.django_db

SAMPLE = DIAGNOSTIC_INVITED  # any registered kind


def send(recipients, run_jobs, **extra):
    """Notify, then run the jobs that send the e-mails."""
    notifications = services.notify(
        recipients=recipients,
        kind=SAMPLE.code,
        title="Votre évaluation est attendue",
        body="Dites ce qui peut se faire à distance.",
        link="/diagnostic/1/campagnes/2/participants/3/evaluation/",
        **extra,
    )
    run_jobs()
    return notifications


def test_each_person_gets_one_notification_and_an_email_with_both_parts(run_jobs):
    alice, bruno = UserFactory(full_name="Alice Martin"), UserFactory()
    send([alice, bruno, alice], run_jobs)
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted([alice.email, bruno.email])
    message = next(message for message in mail.outbox if message.to == [alice.email])
    assert message.subject == "Votre évaluation est attendue — Télétravail"
    link = "http://127.0.0.1:8000/diagnostic/1/campagnes/2/participants/3/evaluation/"
    assert "Bonjour Alice Martin" in message.body and link in message.body
    assert "Télétravail est la plateforme" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html and "Télétravail est la plateforme" in html
    assert 'href="http://127.0.0.1:8000/notifications/courriels/"' in html


def test_the_link_uses_the_requests_host(run_jobs, rf, settings):
    settings.ALLOWED_HOSTS = ["teletravail.example.org"]
    request = rf.get("/", HTTP_HOST="teletravail.example.org")
    send([UserFactory()], run_jobs, request=request)
    assert "http://teletravail.example.org/diagnostic/1/campagnes/2/participants/3/evaluation/" in mail.outbox[0].body


def test_a_kind_turned_off_is_not_emailed_but_still_listed(run_jobs):
    quiet, other = UserFactory(), UserFactory()
    services.save_email_preferences(user=quiet, muted_kinds=[SAMPLE.code])
    send([quiet, other], run_jobs)
    assert [message.to for message in mail.outbox] == [[other.email]]
    assert selectors.unread_count(quiet) == 1


def test_inactive_accounts_are_not_notified_and_unknown_kinds_are_refused(run_jobs):
    gone = UserFactory(is_active=False)
    assert send([gone], run_jobs) == []
    assert mail.outbox == []
    with pytest.raises(ValueError, match="Unknown notification kind"):
        services.notify(recipients=[gone], kind="nonsense", title="x", body="", link="/")
    with pytest.raises(ValidationError, match="inconnu"):
        services.save_email_preferences(user=gone, muted_kinds=["nonsense"])


def test_nothing_is_emailed_when_the_transaction_rolls_back(run_jobs):
    class Abort(Exception):
        pass

    with pytest.raises(Abort):
        from django.db import transaction

        with transaction.atomic():
            services.notify(recipients=[UserFactory()], kind=SAMPLE.code, title="x", body="", link="/")
            raise Abort
    run_jobs()
    assert mail.outbox == [] and Notification.objects.count() == 0


def test_opening_the_page_reads_what_was_said_about_it(run_jobs):
    alice = UserFactory()
    send([alice], run_jobs)
    assert services.mark_seen(user=alice, path="/ailleurs/") == 0
    assert services.mark_seen(user=alice, path="/diagnostic/1/campagnes/2/participants/3/evaluation/") == 1
    assert selectors.unread_count(alice) == 0


def test_the_demo_organisations_people_are_never_emailed(run_jobs):
    alice = UserFactory()
    send([alice], run_jobs, organisation=OrganisationFactory(is_demo=True))
    assert mail.outbox == [] and selectors.unread_count(alice) == 1
