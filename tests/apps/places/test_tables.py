"""The tables of the places pages are drawn by the one table include: an operator's history, the values a moderator
reads, the prices of a place."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.places.models import Decision, Place, PlaceOffer, PlaceRevision
from teletravail.apps.places.presentation import offer_rows
from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, schema_csv
from tests.apps.places.test_moderation import FORM, decide, register


pytestmark = pytest.mark.django_db


def table_of(content, caption):
    """The markup of the table whose caption is `caption`, with the include's scrolling wrapper around it."""
    found = re.search(rf'<div class="fr-table">\s*<table>\s*<caption>{caption}</caption>(.*?)</table>', content, re.S)
    assert found, f"no table « {caption} » drawn by core/_table.html"
    return found.group(1)


def test_the_operator_reads_each_version_of_a_place_with_its_decision(client, operator, moderator):  # noqa: F811
    register(client, operator)
    first = PlaceRevision.objects.get()
    decide(client, moderator, first, Decision.CHANGES_REQUESTED, "Ajoutez les horaires du samedi.")
    place = Place.objects.get()
    client.force_login(operator)
    client.post(reverse("places:edit", kwargs={"place_id": place.pk}), {**FORM, "opening_hours": "Mo-Sa 08:00-19:00"})
    first.refresh_from_db()

    content = client.get(reverse("places:mine")).content.decode()
    history = table_of(content, "Historique de la fiche de Le Bureau Partagé")

    assert re.findall(r'<th scope="col">([^<]+)</th>', history) == ["Proposée le", "Décision", "Raison", "Décidée le"]
    newest, oldest = re.findall(r"<tr>(<td>.*?)</tr>", history, re.S)
    assert re.fullmatch(r'<td><time datetime="[^"]+">[^<]+</time></td><td>En attente</td><td>—</td><td>—</td>', newest)
    moments = re.findall(r'<time datetime="([^"]+)">', oldest)
    assert moments == [
        timezone.localtime(first.created_at).isoformat(),
        timezone.localtime(first.decided_at).isoformat(),
    ]
    assert "<td>Modifications demandées</td><td>Ajoutez les horaires du samedi.</td>" in oldest


def test_the_moderator_reads_each_proposed_value_under_its_field(client, operator, moderator):  # noqa: F811
    register(client, operator)
    revision = PlaceRevision.objects.get()
    client.force_login(moderator)

    content = client.get(reverse("places:moderate", kwargs={"revision_id": revision.pk})).content.decode()
    proposed = table_of(content, "Valeurs proposées")

    assert re.findall(r'<th scope="col">([^<]+)</th>', proposed) == ["Champ", "Valeur proposée"]
    assert '<tr><th scope="row">Nom</th><td>Le Bureau Partagé</td></tr>' in proposed
    assert '<tr><th scope="row">Présentation</th><td>&lt;b&gt;Bienvenue&lt;/b&gt;</td></tr>' in proposed
    assert '<tr><th scope="row">Lien de réservation</th><td>—</td></tr>' in proposed


def test_the_prices_of_a_place_are_aligned_right_under_their_column(client, lyon):
    import_places(read_schema_csv(schema_csv(CORDEE)))
    place = Place.objects.get()

    prices = table_of(client.get(reverse("places:detail", kwargs={"place_id": place.pk})).content.decode(), "Tarifs")

    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', prices)
    assert headers == ["Offre", "Prix HT", "TVA", "Prix TTC"]
    assert re.search(
        r'<th scope="row">Poste à la journée</th><td class="table-number">20,00\s€</td>'
        r'<td class="table-number">20\s%</td><td class="table-number">24,00\s€</td>',
        prices,
    )


@pytest.mark.parametrize(("rate", "written"), [(Decimal("20.00"), "20 %"), (Decimal("5.50"), "5,5 %"), (None, "")])
def test_a_vat_rate_is_written_as_the_percent_it_is(rate, written):
    offer = PlaceOffer(kind="day_desk", price_excl_vat_cents=1000, vat_rate_percent=rate)
    assert offer_rows([offer], "fr")[0].vat_rate == written.replace(" ", "\u00a0")
