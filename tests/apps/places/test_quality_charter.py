"""The quality charter of places: the operator's self-assessment with evidence, the moderator's decision, the badge
naming the charter's version (place page, API, open data), and re-assessment when a new version is published."""

import csv
import io
import zipfile
from datetime import date, timedelta

import pytest
import yaml
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.core.reminders import send_reminders
from teletravail.apps.notifications.models import Notification
from teletravail.apps.places.models import CharterAssessment, Decision, Place, PlaceRevision
from teletravail.apps.places.services import decide_charter_assessment, submit_charter_assessment
from teletravail.parameters import load_parameters
from teletravail.places import quality
from teletravail.places.quality import CharterError, load_charter, parse_charter
from tests.apps.places.test_moderation import decide, register
from tests.factories import UserFactory


pytestmark = pytest.mark.django_db
FIRST = "2026.1"


@pytest.fixture
def place(client, operator, moderator):
    register(client, operator)
    decide(client, moderator, PlaceRevision.objects.get(), Decision.APPROVED)
    client.logout()
    return Place.objects.get()


def evidence(version=None):
    version = version or load_charter().in_force(timezone.localdate())
    return {code: f"https://lieu.example/{code}" for code in version.codes()}


def assess(client, operator, place, answers):
    client.force_login(operator)
    return client.post(reverse("places:charter", kwargs={"place_id": place.pk}), answers)


def decide_charter(client, moderator, assessment, decision, reason=""):
    client.force_login(moderator)
    url = reverse("places:moderate_charter", kwargs={"assessment_id": assessment.pk})
    return client.post(url, {"decision": decision, "reason": reason})


@pytest.fixture
def newer_charter(tmp_path, monkeypatch):
    """The platform's charter with a second version, published today."""
    raw = yaml.safe_load(quality.CHARTER_FILE.read_text(encoding="utf-8"))
    second = {**raw["versions"][0], "version": "2027.1", "published_on": timezone.localdate()}
    second["criteria"] = [*second["criteria"], {**second["criteria"][0], "code": "quiet", "title": "Calme"}]
    raw["versions"].append(second)
    path = tmp_path / "quality_charter.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(quality, "CHARTER_FILE", path)
    return load_charter().version("2027.1")


def test_the_charter_file_gives_each_criterion_in_french_and_english_and_a_version_in_force():
    charter = load_charter()
    version = charter.in_force(timezone.localdate())
    assert version.version == FIRST
    assert {"equipment", "connection", "accessibility", "hours", "welcome", "isolation"} <= set(version.codes())
    assert all(criterion.title_en and criterion.requirement_en for criterion in version.criteria)
    assert charter.in_force(date(2020, 1, 1)) is None  # before the first version, no charter
    broken = quality.CHARTER_FILE.read_text(encoding="utf-8").replace("        title_en: Equipped workstations\n", "")
    with pytest.raises(CharterError, match="equipment: missing title_en"):
        parse_charter(broken)


def test_an_assessment_approved_gives_the_badge_on_the_page_the_api_and_the_open_data(
    client, operator, moderator, place, run_jobs
):
    assert assess(client, operator, place, evidence()).status_code == 302
    assessment = CharterAssessment.objects.get()
    assert (assessment.version, assessment.decision) == (FIRST, Decision.PENDING)
    assert assessment.evidence["connection"] == "https://lieu.example/connection"
    told = Notification.objects.filter(kind="place_to_moderate", recipient=moderator).order_by("pk").last()
    assert told.link == reverse("places:moderate_charter", kwargs={"assessment_id": assessment.pk})
    page = reverse("places:detail", kwargs={"place_id": place.pk})
    assert "Labellisé charte qualité" not in client.get(page).content.decode()  # not before the decision

    client.force_login(moderator)
    moderation = client.get(reverse("places:moderate_charter", kwargs={"assessment_id": assessment.pk}))
    assert "https://lieu.example/connection" in moderation.content.decode()
    assert decide_charter(client, moderator, assessment, Decision.APPROVED).status_code == 302
    place.refresh_from_db()
    assert place.charter_version == FIRST
    assert f"Labellisé charte qualité {FIRST}" in client.get(page).content.decode()
    [listed] = client.get("/api/v1/places").json()["results"]
    assert listed["charter_version"] == FIRST
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("places:open_data")).content))
    [row] = csv.DictReader(io.StringIO(archive.read("lieux-teletravail.csv").decode()))
    assert row["charte_qualite"] == FIRST
    [notice] = Notification.objects.filter(kind="place_moderated", recipient=operator).order_by("-pk")[:1]
    assert notice.title == f"« Le Bureau Partagé » : votre charte qualité {FIRST} est approuvée"
    run_jobs()
    assert any(message.to == [operator.email] and FIRST in message.subject for message in mail.outbox)


def test_every_criterion_needs_its_evidence_and_nothing_is_stored_without(client, operator, place):
    answers = evidence()
    answers["isolation"] = "   "
    response = assess(client, operator, place, answers)
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    with pytest.raises(Exception, match="Prévention de l'isolement"):
        submit_charter_assessment(place=place, author=operator, evidence=answers)
    assert not CharterAssessment.objects.exists()


def test_an_operator_cannot_assess_another_s_place_nor_a_non_moderator_decide(client, operator, moderator, place):
    stranger = UserFactory()
    assert assess(client, stranger, place, evidence()).status_code == 404
    with pytest.raises(PermissionDenied):
        submit_charter_assessment(place=place, author=stranger, evidence=evidence())
    assert not CharterAssessment.objects.exists()

    assess(client, operator, place, evidence())
    assessment = CharterAssessment.objects.get()
    assert decide_charter(client, operator, assessment, Decision.APPROVED).status_code == 403
    assert client.get(reverse("places:moderation")).status_code == 403
    with pytest.raises(PermissionDenied):
        decide_charter_assessment(assessment=assessment, moderator=operator, decision=Decision.APPROVED)
    place.refresh_from_db()
    assessment.refresh_from_db()
    assert (place.charter_version, assessment.decision) == ("", Decision.PENDING)


def test_changes_asked_need_a_reason_the_operator_reads(client, operator, moderator, place):
    assess(client, operator, place, evidence())
    assessment = CharterAssessment.objects.get()
    response = decide_charter(client, moderator, assessment, Decision.CHANGES_REQUESTED)
    assert "Indiquez la raison" in response.content.decode()
    decide_charter(client, moderator, assessment, Decision.CHANGES_REQUESTED, "Quelle cabine pour téléphoner ?")
    client.force_login(operator)
    page = client.get(reverse("places:charter", kwargs={"place_id": place.pk})).content.decode()
    assert "Quelle cabine pour téléphoner ?" in page
    notice = Notification.objects.filter(kind="place_moderated", recipient=operator).order_by("-pk").first()
    assert "Quelle cabine pour téléphoner ?" in notice.body
    place.refresh_from_db()
    assert place.charter_version == ""


def test_a_new_version_asks_labelled_places_to_reassess_and_the_badge_says_so_until_then(
    client, operator, moderator, place, newer_charter
):
    place.charter_version = FIRST
    place.save()
    page = reverse("places:detail", kwargs={"place_id": place.pk})
    shown = client.get(page).content.decode()
    assert f"Charte qualité {FIRST} : à réévaluer" in shown
    assert f"Labellisé charte qualité {FIRST}" not in shown  # not shown as current
    client.force_login(operator)
    mine = client.get(reverse("places:mine")).content.decode()
    assert "La charte qualité 2027.1 est publiée : réévaluez votre lieu" in mine
    assert f"Charte qualité {FIRST} : à réévaluer" in mine
    form = client.get(reverse("places:charter", kwargs={"place_id": place.pk})).content.decode()
    assert "Calme" in form  # the new version's criteria

    assert assess(client, operator, place, evidence(newer_charter)).status_code == 302
    assessment = CharterAssessment.objects.get()
    assert assessment.version == "2027.1"
    assert f"Charte qualité {FIRST} : à réévaluer" in client.get(page).content.decode()  # until approved
    decide_charter(client, moderator, assessment, Decision.APPROVED)
    shown = client.get(page).content.decode()
    assert "Labellisé charte qualité 2027.1" in shown and "à réévaluer" not in shown


def test_the_directory_and_the_api_say_a_badge_of_an_older_version_is_to_reassess(client, place, newer_charter):
    place.charter_version = FIRST
    place.save()
    directory = client.get(reverse("places:index")).content.decode()
    assert f"Charte qualité {FIRST} : à réévaluer" in directory
    [listed] = client.get("/api/v1/places").json()["results"]
    assert (listed["charter_version"], listed["charter_status"]) == (FIRST, "to_reassess")
    [feature] = client.get("/api/v1/places", {"format": "geojson"}).json()["features"]
    assert feature["properties"]["charter_status"] == "to_reassess"


def test_a_badge_of_the_version_in_force_is_current_everywhere(client, place):
    place.charter_version = FIRST
    place.save()
    assert f"Labellisé charte qualité {FIRST}" in client.get(reverse("places:index")).content.decode()
    [listed] = client.get("/api/v1/places").json()["results"]
    assert (listed["charter_version"], listed["charter_status"]) == (FIRST, "current")
    place.charter_version = ""
    place.save()
    [listed] = client.get("/api/v1/places").json()["results"]
    assert (listed["charter_version"], listed["charter_status"]) == (None, None)


def reassessment_notices(operator):
    return list(Notification.objects.filter(kind="place_charter_to_reassess", recipient=operator))


def test_the_daily_reminders_tell_the_operator_once_per_place_and_version_from_the_day_after(
    client, operator, place, newer_charter, run_jobs
):
    place.charter_version = FIRST
    place.save()
    now = timezone.now()
    days = load_parameters("reminders")["places_charter_days_in_force"].at().central
    assert days == 1

    assert _sent(send_reminders(now=now)) == 0  # the version came into force today
    tomorrow = now + timedelta(days=1)
    assert _sent(send_reminders(now=tomorrow)) == 1
    assert _sent(send_reminders(now=tomorrow)) == 0  # idempotent
    assert _sent(send_reminders(now=tomorrow + timedelta(days=3))) == 0
    [notice] = reassessment_notices(operator)
    assert notice.title == "« Le Bureau Partagé » : la charte qualité 2027.1 est en vigueur, réévaluez votre lieu"
    assert "labellisé selon la charte qualité 2026.1" in notice.body and "« à réévaluer »" in notice.body
    assert notice.link == reverse("places:charter", kwargs={"place_id": place.pk})
    place.refresh_from_db()
    assert place.charter_reassessment_asked == "2027.1"
    run_jobs()
    assert any(message.to == [operator.email] and "2027.1" in message.subject for message in mail.outbox)


def test_no_notice_for_a_place_without_badge_with_the_current_one_or_already_reassessing(
    client, operator, moderator, place, newer_charter
):
    tomorrow = timezone.now() + timedelta(days=1)
    assert _sent(send_reminders(now=tomorrow)) == 0  # no badge
    place.charter_version = "2027.1"
    place.save()
    assert _sent(send_reminders(now=tomorrow)) == 0  # the current badge
    place.charter_version = FIRST
    place.save()
    assess(client, operator, place, evidence(newer_charter))
    assert _sent(send_reminders(now=tomorrow)) == 0  # its new assessment waits for a moderator
    assert reassessment_notices(operator) == []


def test_without_a_newer_version_nobody_is_asked_to_reassess(operator, place):
    place.charter_version = FIRST
    place.save()
    assert _sent(send_reminders(now=timezone.now() + timedelta(days=400))) == 0
    assert reassessment_notices(operator) == []


def _sent(lines):
    [line] = [line for line in lines if line.label == "Lieux à réévaluer selon la charte qualité en vigueur"]
    return line.sent
