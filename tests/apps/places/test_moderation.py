from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from teletravail.apps.accounts.models import PlatformRole
from teletravail.apps.places.models import Decision, Place, PlaceRevision, PlaceStatus
from teletravail.apps.places.services import moderate
from tests.factories import UserFactory


SIRET = "98765432100015"  # passes the Luhn key
FORM = {
    "name": "Le Bureau Partagé",
    "kind": "coworking",
    "siret": "987 654 321 00015",
    "address": "10 rue Garibaldi",
    "postal_code": "69003",
    "commune": "69383",
    "latitude": "45.7580",
    "longitude": "4.8520",
    "opening_hours": "Mo-Fr 08:00-19:00",
    "services": ["wifi", "printing"],
    "accessibility": ["wheelchair"],
    "description": "<b>Bienvenue</b>",
}


def register(client, operator, **changes):
    client.force_login(operator)
    return client.post(reverse("places:register"), {**FORM, **changes})


def decide(client, moderator, revision, decision, reason=""):
    client.force_login(moderator)
    url = reverse("places:moderate", kwargs={"revision_id": revision.pk})
    return client.post(url, {"decision": decision, "reason": reason})


def test_a_registered_place_waits_for_a_moderator_then_is_published(client, operator, moderator):
    response = register(client, operator)
    assert response.status_code == 302
    place = Place.objects.get()
    assert (place.status, place.operator, place.siret, place.source) == (
        PlaceStatus.PENDING,
        operator,
        SIRET,
        "operator",
    )
    assert client.get(reverse("places:detail", kwargs={"place_id": place.pk})).status_code == 404
    assert place.name not in client.get(reverse("places:index")).content.decode()

    revision = PlaceRevision.objects.get()
    assert decide(client, moderator, revision, Decision.APPROVED).status_code == 302
    place.refresh_from_db()
    assert place.status == PlaceStatus.PUBLISHED
    assert place.verified_on is not None
    page = client.get(reverse("places:detail", kwargs={"place_id": place.pk})).content.decode()
    assert "Du lundi au vendredi : 8 h – 19 h" in page
    assert "&lt;b&gt;Bienvenue&lt;/b&gt;" in page


def test_an_invalid_siret_or_hours_or_position_is_refused_in_french(client, operator):
    content = register(client, operator, siret="98765432100016").content.decode()
    assert "Ce SIRET n&#x27;est pas valide" in content
    content = register(client, operator, opening_hours="9h-18h").content.decode()
    assert "Horaires illisibles" in content
    content = register(client, operator, latitude=FORM["longitude"], longitude=FORM["latitude"]).content.decode()
    assert "Latitude et longitude inversées" in content
    assert not Place.objects.exists()


def test_a_second_registration_of_the_same_place_is_refused(client, operator):
    register(client, operator)
    content = register(client, operator, name="Le bureau partagé").content.decode()
    assert "Ce lieu est déjà inscrit" in content
    assert Place.objects.count() == 1


def test_changes_asked_then_a_new_version_then_a_refusal_each_with_its_reason(client, operator, moderator):
    register(client, operator)
    place = Place.objects.get()
    first = PlaceRevision.objects.get()
    # Asking for changes needs a reason.
    content = decide(client, moderator, first, Decision.CHANGES_REQUESTED).content.decode()
    assert "Indiquez la raison" in content
    decide(client, moderator, first, Decision.CHANGES_REQUESTED, "Ajoutez les horaires du samedi.")
    place.refresh_from_db()
    assert place.status == PlaceStatus.CHANGES_REQUESTED

    client.force_login(operator)
    mine = client.get(reverse("places:mine")).content.decode()
    assert "Ajoutez les horaires du samedi." in mine
    edit = reverse("places:edit", kwargs={"place_id": place.pk})
    client.post(edit, {**FORM, "opening_hours": "Mo-Fr 08:00-19:00; Sa 09:00-12:00"})
    place.refresh_from_db()
    assert (place.status, place.opening_hours) == (PlaceStatus.PENDING, "Mo-Fr 08:00-19:00; Sa 09:00-12:00")

    second = PlaceRevision.objects.get(decision=Decision.PENDING)
    decide(client, moderator, second, Decision.REJECTED, "Lieu fermé au public.")
    place.refresh_from_db()
    assert place.status == PlaceStatus.REJECTED
    history = list(place.revisions.order_by("created_at").values_list("decision", "reason", "moderator"))
    assert history == [
        (Decision.CHANGES_REQUESTED, "Ajoutez les horaires du samedi.", moderator.pk),
        (Decision.REJECTED, "Lieu fermé au public.", moderator.pk),
    ]


def test_an_edit_of_a_published_place_is_moderated_again(client, operator, moderator):
    register(client, operator)
    decide(client, moderator, PlaceRevision.objects.get(), Decision.APPROVED)
    place = Place.objects.get()

    client.force_login(operator)
    client.post(reverse("places:edit", kwargs={"place_id": place.pk}), {**FORM, "name": "Le Grand Bureau"})
    place.refresh_from_db()
    assert (place.name, place.status) == ("Le Bureau Partagé", PlaceStatus.PUBLISHED)  # until approved

    decide(client, moderator, PlaceRevision.objects.get(decision=Decision.PENDING), Decision.APPROVED)
    place.refresh_from_db()
    assert place.name == "Le Grand Bureau"


def test_only_its_operator_edits_a_place_and_only_moderators_moderate(client, operator, moderator):
    register(client, operator)
    place, revision = Place.objects.get(), PlaceRevision.objects.get()
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("places:edit", kwargs={"place_id": place.pk})).status_code == 404
    assert client.get(reverse("places:moderation")).status_code == 403
    assert decide(client, stranger, revision, Decision.APPROVED).status_code == 403
    client.logout()
    assert client.get(reverse("places:register")).status_code == 302  # to the sign-in page
    client.force_login(moderator)
    assert place.name in client.get(reverse("places:moderation")).content.decode()
    client.force_login(UserFactory(platform_role=PlatformRole.PLATFORM_ADMIN))
    assert place.name in client.get(reverse("places:moderation")).content.decode()


@pytest.mark.parametrize(
    "name, french", [("Atelier Commun", "d'Atelier Commun"), ("Bureau Partagé", "de Bureau Partagé")]
)
def test_the_edit_page_elides_de_before_the_place_name_in_french_only(client, operator, name, french):
    register(client, operator, name=name)
    client.force_login(operator)
    edit = reverse("places:edit", kwargs={"place_id": Place.objects.get().pk})
    assert f"<h1>Modifier la fiche {french}</h1>" in unescape(client.get(edit).content.decode())
    english = client.get(edit, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<h1>Edit the record of {name}</h1>" in unescape(english)


def test_the_moderation_service_itself_refuses_a_decision_by_someone_who_does_not_moderate(client, operator):
    """The view refused a non-moderator, but the service took any account's decision: the operator could publish
    their own place by calling it."""
    register(client, operator)
    revision = PlaceRevision.objects.get()
    with pytest.raises(PermissionDenied):
        moderate(revision=revision, moderator=operator, decision=Decision.APPROVED)
    revision.refresh_from_db()
    assert (revision.decision, revision.place.status) == (Decision.PENDING, PlaceStatus.PENDING)
